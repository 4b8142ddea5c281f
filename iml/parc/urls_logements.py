"""URL du parc : volet logements."""

urlpatterns: list = []
