"""URL du volet equipe de l'accompagnement."""

urlpatterns: list = []
