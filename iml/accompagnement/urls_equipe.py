"""URL du volet équipe de l'accompagnement : « Mes ménages », vue d'équipe, temps de travail,
chiffres d'activité et leur export."""

from django.urls import path

from iml.accompagnement.views import chiffres, equipe

urlpatterns: list = [
    path("", equipe.accueil, name="accueil"),
    path("equipe/", equipe.equipe, name="equipe"),
    path("equipe/temps-de-travail/", equipe.temps_travail, name="temps_travail"),
    path("chiffres/", chiffres.chiffres, name="chiffres"),
    path("chiffres/export.csv", chiffres.export, name="chiffres_export"),
]
