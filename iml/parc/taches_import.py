"""Tâche de fond de l'import du parc (django-tasks) : le worker (`make worker`) lit, valide et
écrit le fichier déposé, en notant l'avancement sur `ImportParc` ; en test, le backend
« immediate » l'exécute sur-le-champ. Rejouer la tâche d'un import fini ne change rien."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from iml.parc.imports import service
from iml.parc.models_imports import EtatImport, ImportParc

journal = logging.getLogger(__name__)


@task()
def importer_parc(import_id: int) -> str:
    imp = ImportParc.objects.select_related("cree_par", "operateur").filter(pk=import_id).first()
    if imp is None:
        return "import absent"
    try:
        return service.traiter(imp)
    except Exception:
        journal.exception("Import du parc %s : échec inattendu", import_id)
        ImportParc.objects.filter(pk=import_id, etat=EtatImport.EN_COURS).update(
            etat=EtatImport.ECHEC,
            motif="Erreur inattendue pendant le traitement ; rien n'a été enregistré.",
            termine_le=timezone.now(),
        )
        raise
