"""URL des orientations du SIAO (l'identifiant suit toujours le segment de son objet :
`demandes`, `propositions`, `vacances`, `logements`, voir la matrice des rôles)."""

from django.urls import path

from iml.orientations.views import accueil

app_name = "orientations"

urlpatterns = [
    path("", accueil.accueil, name="accueil"),
    path("chiffres/", accueil.chiffres, name="chiffres"),
]
