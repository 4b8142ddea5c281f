"""URL du pilotage : volet statistiques."""

urlpatterns: list = []
