"""URL des occupations : volet import des ménages et des occupations en cours."""

from django.urls import path

from iml.occupations.views import imports

urlpatterns: list = [
    path("imports/", imports.liste, name="imports"),
    path("imports/modele.<str:format>", imports.modele, name="modele_import"),
    path("imports-menages/<int:pk>/", imports.detail, name="import"),
    path("imports-menages/<int:pk>/progression/", imports.progression, name="import_progression"),
]
