"""URL du pilotage : volet tableaux (le nom d'un tableau n'est pas un identifiant d'objet :
le tableau est construit dans le périmètre de l'acteur)."""

from django.urls import path

from iml.pilotage.views import tableaux

urlpatterns = [
    path(
        "<slug:nom>/export.<str:format>/",
        tableaux.export_tableau,
        name="export_tableau",
    ),
]
