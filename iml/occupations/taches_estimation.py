"""Tâche de fond de l'estimation de l'aide au logement (django-tasks) : le worker
(`manage.py db_worker`) importe OpenFisca-France à la première estimation et garde le système
socio-fiscal pour les suivantes ; le serveur web, lui, ne l'importe jamais. En test, le backend
« immediate » l'exécute sur-le-champ. Rejouer la tâche d'une estimation finie ne change rien."""

from __future__ import annotations

from django_tasks import task

from iml.occupations.models import EstimationAide
from iml.occupations.services import estimations


@task()
def estimer_aide(estimation_id: int) -> str:
    estimation = (
        EstimationAide.objects.select_related("menage", "logement").filter(pk=estimation_id).first()
    )
    if estimation is None:
        return "estimation absente"
    return estimations.calculer(estimation).etat
