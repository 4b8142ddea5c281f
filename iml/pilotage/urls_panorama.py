"""URL du pilotage : volet panorama."""

urlpatterns: list = []
