"""URL de l'accompagnement social, par volet : plan et dossier, suivi (contacts, orientations,
partenaires), équipe et chiffres."""

from django.urls import include, path

app_name = "accompagnement"

urlpatterns = [
    path("", include("iml.accompagnement.urls_equipe")),
    path("", include("iml.accompagnement.urls_plan")),
    path("", include("iml.accompagnement.urls_suivi")),
]
