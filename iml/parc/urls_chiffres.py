"""URL du parc : volet chiffres."""

urlpatterns: list = []
