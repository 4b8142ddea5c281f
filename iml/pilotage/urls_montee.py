"""URL du pilotage : volet montee."""

urlpatterns: list = []
