"""Tâche de fond de l'import des demandes du SIAO (django-tasks) : le worker lit, valide et
écrit le fichier déposé, en notant l'avancement sur `ImportDemandes` ; en test, le backend
« immediate » l'exécute sur-le-champ. Rejouer la tâche d'un import fini ne change rien."""

from __future__ import annotations

from django_tasks import task

from iml.orientations.models_imports import ImportDemandes
from iml.orientations.services import imports
from iml.parc.imports.travail import executer


@task()
def importer_demandes(import_id: int) -> str:
    return executer(ImportDemandes, import_id, imports.traiter, "des demandes du SIAO")
