"""URL des occupations : volet chiffres (nombres et taux, jamais un nom)."""

from django.urls import path

from iml.occupations.views import chiffres

urlpatterns: list = [
    path("chiffres/", chiffres.chiffres, name="chiffres"),
]
