"""Tâche de fond de l'import du parc (django-tasks) : le worker (`make worker`) lit, valide et
écrit le fichier déposé, en notant l'avancement sur `ImportParc` ; en test, le backend
« immediate » l'exécute sur-le-champ. Rejouer la tâche d'un import fini ne change rien."""

from __future__ import annotations

from django_tasks import task

from iml.parc.imports import service
from iml.parc.imports.travail import executer
from iml.parc.models_imports import ImportParc


@task()
def importer_parc(import_id: int) -> str:
    return executer(ImportParc, import_id, service.traiter, "du parc")
