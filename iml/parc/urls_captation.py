"""URL du parc : volet captation (bailleurs, prospects, entonnoir)."""

from django.urls import path

from iml.parc.views import bailleurs, entonnoir, prospects

urlpatterns = [
    path("bailleurs/", bailleurs.liste, name="bailleurs"),
    path("bailleurs/nouveau/", bailleurs.creer, name="bailleur_creer"),
    path("bailleurs/<int:pk>/", bailleurs.detail, name="bailleur"),
    path("bailleurs/<int:pk>/modifier/", bailleurs.modifier, name="bailleur_modifier"),
    path("prospects/", prospects.tableau, name="prospects"),
    path("prospects/nouveau/", prospects.creer, name="prospect_creer"),
    path("prospects/entonnoir/", entonnoir.entonnoir, name="entonnoir"),
    path("prospects/<int:pk>/", prospects.detail, name="prospect"),
    path("prospects/<int:pk>/modifier/", prospects.modifier, name="prospect_modifier"),
    path("prospects/<int:pk>/statut/", prospects.changer_statut, name="prospect_statut"),
]
