"""URL des ménages : liste, création, fiche, modification, membres, ressources et critères
(l'identifiant du ménage suit toujours le segment `menages`, voir la matrice des rôles)."""

from django.urls import path

from iml.menages.views import fiche, menages

urlpatterns: list = [
    path("", menages.liste, name="liste"),
    path("nouveau/", menages.creer, name="creer"),
    path("<int:pk>/", fiche.fiche, name="menage"),
    path("<int:pk>/modifier/", menages.modifier, name="modifier"),
    path("<int:pk>/membres/", fiche.ajouter_membre, name="membre_ajouter"),
    path("<int:pk>/membres/<int:element>/retirer/", fiche.retirer_membre, name="membre_retirer"),
    path("<int:pk>/ressources/", fiche.ajouter_ressource, name="ressource_ajouter"),
    path(
        "<int:pk>/ressources/<int:element>/retirer/",
        fiche.retirer_ressource,
        name="ressource_retirer",
    ),
    path("<int:pk>/criteres/", fiche.ajouter_critere, name="critere_ajouter"),
    path(
        "<int:pk>/criteres/<int:element>/retirer/",
        fiche.retirer_critere,
        name="critere_retirer",
    ),
]
