"""URL des occupations : volet estimations de l'aide au logement (OpenFisca-France)."""

from django.urls import path

from iml.occupations.views import estimations

urlpatterns: list = [
    path("estimations/demander/", estimations.estimer, name="estimer"),
    path("estimations/<int:pk>/", estimations.estimation, name="estimation"),
]
