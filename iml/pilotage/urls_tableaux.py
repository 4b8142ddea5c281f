"""URL du pilotage : volet tableaux."""

urlpatterns: list = []
