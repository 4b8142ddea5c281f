"""URL des appels : un module par volet (appels, dossiers, instruction, documents,
conventions)."""

from django.urls import include, path

app_name = "appels"

urlpatterns = [
    path("", include("iml.appels.urls_appels")),
    path("", include("iml.appels.urls_dossiers")),
    path("", include("iml.appels.urls_instruction")),
    path("", include("iml.appels.urls_documents")),
    path("", include("iml.appels.urls_conventions")),
]
