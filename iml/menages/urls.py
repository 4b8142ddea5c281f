"""URL des ménages."""

from django.urls import include, path

app_name = "menages"

urlpatterns = [
    path("", include("iml.menages.urls_menages")),
]
