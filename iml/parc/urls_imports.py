"""URL du parc : volet imports et exports."""

from django.urls import path

from iml.parc.views import exports, imports

urlpatterns: list = [
    path("imports/", imports.liste, name="imports"),
    path("imports/modele.<str:format>", imports.modele, name="import_modele"),
    path("imports/<int:pk>/", imports.detail, name="import"),
    path("imports/<int:pk>/progression/", imports.progression, name="import_progression"),
    path("export.<str:format>/", exports.export, name="export"),
]
