"""URL du volet plan de l'accompagnement."""

urlpatterns: list = []
