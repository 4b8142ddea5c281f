"""Tâche quotidienne du compte des ménages (django-tasks), idempotente : la rejouer ne crée rien
de plus (contrainte d'unicité d'un appel par occupation et par mois).

`appeler_loyers_du_jour` : les appels de loyer ou de redevance dus au jour (R-IMPAYES), pour
chaque occupation qui peut en attendre un — en cours sans l'appel du dernier mois dû, ou
terminée dont le mois de sortie n'est pas encore appelé : un second passage ne lit rien. Par
lots : les tarifs et les mois déjà appelés d'un lot sont lus en deux requêtes, les appels
manquants insérés d'un coup. Lancée chaque jour par `manage.py alertes_quotidiennes` (cron).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django_tasks import task

from iml.occupations.models import Ecriture, Occupation, Tarif
from iml.occupations.parametres import parametres_occupations
from iml.occupations.services.compte import appels_manquants
from regles.compte import date_appel, premier_du_mois
from regles.types import NatureEcriture, StatutOccupation

LOT = 500


def dernier_mois_du(aujourd_hui: date, jour_appel: int) -> date:
    """Le dernier mois dont l'appel est dû au `aujourd_hui` (le mois en cours dès son jour
    d'appel, sinon le précédent)."""
    mois = premier_du_mois(aujourd_hui)
    return (
        mois
        if date_appel(mois, jour_appel) <= aujourd_hui
        else premier_du_mois(mois - timedelta(days=1))
    )


def occupations_a_appeler(aujourd_hui: date, jour_appel: int):
    """Occupations entrées au plus tard aujourd'hui qui attendent un appel : en cours sans
    l'appel du dernier mois dû (les mois plus anciens qui manquent sont rattrapés du même
    coup), ou terminées sans l'appel de leur mois de sortie."""
    appele = Ecriture.objects.filter(occupation=OuterRef("pk"), nature=NatureEcriture.APPEL)
    return (
        Occupation.objects.filter(date_entree__lte=aujourd_hui)
        .annotate(mois_sortie=TruncMonth("date_sortie"))
        .filter(
            (
                Q(statut=StatutOccupation.EN_COURS)
                & ~Exists(appele.filter(mois=dernier_mois_du(aujourd_hui, jour_appel)))
            )
            | (Q(date_sortie__isnull=False) & ~Exists(appele.filter(mois=OuterRef("mois_sortie"))))
        )
        .order_by("pk")
    )


def _appeler_lot(occupations: list[Occupation], aujourd_hui: date, jour: int) -> int:
    ids = [o.pk for o in occupations]
    tarifs: dict[int, list[Tarif]] = defaultdict(list)
    for tarif in Tarif.objects.filter(occupation_id__in=ids):
        tarifs[tarif.occupation_id].append(tarif)
    deja: dict[int, set[date]] = defaultdict(set)
    appels = Ecriture.objects.filter(occupation_id__in=ids, nature=NatureEcriture.APPEL)
    for occupation_id, mois in appels.values_list("occupation_id", "mois"):
        deja[occupation_id].add(mois)
    nouveaux = [
        appel
        for o in occupations
        for appel in appels_manquants(o, tarifs[o.pk], deja[o.pk], aujourd_hui, jour)
    ]
    if not nouveaux:
        return 0
    avant = sum(len(mois) for mois in deja.values())
    with transaction.atomic():
        Ecriture.objects.bulk_create(nouveaux, ignore_conflicts=True)
    return appels.count() - avant


@task()
def appeler_loyers_du_jour(aujourd_hui_iso: str | None = None) -> int:
    """R-IMPAYES : crée les appels de loyer ou de redevance dus au jour qui manquent ; renvoie
    le nombre d'appels créés (0 au second passage du même jour)."""
    aujourd_hui = date.fromisoformat(aujourd_hui_iso) if aujourd_hui_iso else timezone.localdate()
    jour = parametres_occupations().jour_appel_loyer
    champs = ("pk", "forme", "date_entree", "date_sortie", "compte_depuis")
    crees, lot = 0, []
    for occupation in occupations_a_appeler(aujourd_hui, jour).only(*champs).iterator(LOT):
        lot.append(occupation)
        if len(lot) == LOT:
            crees += _appeler_lot(lot, aujourd_hui, jour)
            lot = []
    if lot:
        crees += _appeler_lot(lot, aujourd_hui, jour)
    return crees
