"""Tâche de fond de l'import des ménages (django-tasks) : le worker (`make worker`) lit, valide
et écrit le fichier déposé, en notant l'avancement sur `ImportMenages` ; en test, le backend
« immediate » l'exécute sur-le-champ. Rejouer la tâche d'un import fini ne change rien."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from iml.occupations.imports import service
from iml.occupations.models_imports import ImportMenages
from iml.parc.models_imports import EtatImport

journal = logging.getLogger(__name__)


@task()
def importer_menages(import_id: int) -> str:
    imp = ImportMenages.objects.select_related("cree_par", "operateur").filter(pk=import_id).first()
    if imp is None:
        return "import absent"
    try:
        return service.traiter(imp)
    except Exception:
        journal.exception("Import des ménages %s : échec inattendu", import_id)
        ImportMenages.objects.filter(pk=import_id, etat=EtatImport.EN_COURS).update(
            etat=EtatImport.ECHEC,
            motif="Erreur inattendue pendant le traitement ; rien n'a été enregistré.",
            termine_le=timezone.now(),
        )
        raise
