"""Tâche de fond de l'import des ménages (django-tasks) : le worker (`make worker`) lit, valide
et écrit le fichier déposé, en notant l'avancement sur `ImportMenages` ; en test, le backend
« immediate » l'exécute sur-le-champ. Rejouer la tâche d'un import fini ne change rien."""

from __future__ import annotations

from django_tasks import task

from iml.occupations.imports import service
from iml.occupations.models_imports import ImportMenages
from iml.parc.imports.travail import executer


@task()
def importer_menages(import_id: int) -> str:
    return executer(ImportMenages, import_id, service.traiter, "des ménages")
