"""URL du volet suivi de l'accompagnement : contacts, orientations vers les partenaires,
annuaire des partenaires (l'identifiant suit toujours le segment de son objet : `menages`,
`contacts`, `orientations`, `partenaires`, voir la matrice des rôles)."""

from django.urls import path

from iml.accompagnement.views import suivi, suivi_partenaires

urlpatterns: list = [
    path("menages/<int:pk>/contacts/nouveau/", suivi.contact_ajouter, name="contact_ajouter"),
    path("contacts/<int:pk>/retirer/", suivi.contact_retirer, name="contact_retirer"),
    path(
        "menages/<int:pk>/orientations/nouvelle/",
        suivi.orientation_ajouter,
        name="orientation_ajouter",
    ),
    path("orientations/<int:pk>/suite/", suivi.orientation_suite, name="orientation_suite"),
    path("partenaires/", suivi_partenaires.partenaires, name="partenaires"),
    path("partenaires/nouveau/", suivi_partenaires.partenaire_creer, name="partenaire_creer"),
    path(
        "partenaires/<int:pk>/modifier/",
        suivi_partenaires.partenaire_modifier,
        name="partenaire_modifier",
    ),
]
