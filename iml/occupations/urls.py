"""URL des occupations : un module par volet (admission et horloge, compte, chiffres, imports,
estimations de l'aide au logement)."""

from django.urls import include, path

app_name = "occupations"

urlpatterns = [
    path("", include("iml.occupations.urls_occupations")),
    path("", include("iml.occupations.urls_compte")),
    path("", include("iml.occupations.urls_chiffres")),
    path("", include("iml.occupations.urls_imports")),
    path("", include("iml.occupations.urls_estimations")),
]
