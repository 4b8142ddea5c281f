"""URL du parc : un module par volet (captation, logements, chiffres des conventions, imports
et exports)."""

from django.urls import include, path

app_name = "parc"

urlpatterns = [
    path("", include("iml.parc.urls_captation")),
    path("", include("iml.parc.urls_logements")),
    path("", include("iml.parc.urls_chiffres")),
    path("", include("iml.parc.urls_imports")),
]
