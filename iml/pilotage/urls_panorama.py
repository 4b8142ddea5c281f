"""URL du pilotage : volet panorama (aucun identifiant dans les segments : la région est celle
de l'acteur, la plateforme la choisit par `?region=`)."""

from django.urls import path

from iml.pilotage.views import panorama as vues

urlpatterns: list = [
    path("", vues.panorama, name="panorama"),
    path("historique/", vues.historique, name="panorama_historique"),
    path("saisie/", vues.saisie, name="panorama_saisie"),
    path("import/", vues.import_panorama, name="panorama_import"),
    path("export.<str:format>", vues.export, name="panorama_export"),
]
