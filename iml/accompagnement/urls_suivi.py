"""URL du volet suivi de l'accompagnement."""

urlpatterns: list = []
