"""URL du parc : volet imports."""

urlpatterns: list = []
