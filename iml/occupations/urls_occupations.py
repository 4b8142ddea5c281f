"""À remplir par son volet."""

urlpatterns: list = []
