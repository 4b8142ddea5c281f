"""URL du parc : volet captation."""

urlpatterns: list = []
