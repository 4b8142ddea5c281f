"""URL du parc : volet logements (liste, fiche, statut) et contrats avec le bailleur."""

from django.urls import path

from iml.parc.views import contrats, logements

urlpatterns: list = [
    path("logements/", logements.liste, name="logements"),
    path("logements/nouveau/", logements.creer, name="logement_creer"),
    path("logements/<int:pk>/", logements.detail, name="logement"),
    path("logements/<int:pk>/modifier/", logements.modifier, name="logement_modifier"),
    path("logements/<int:pk>/statut/", logements.statut, name="logement_statut"),
    path("logements/<int:pk>/contrats/nouveau/", contrats.creer, name="contrat_creer"),
    path("contrats/<int:pk>/modifier/", contrats.modifier, name="contrat_modifier"),
]
