"""Tâche quotidienne des occupations (django-tasks), idempotente : la rejouer ne crée rien de plus.

`alerter_occupations` :
- R-SL-DURATION : à `sl_alertes_jours` (30 et 15) jours de la fin de la période en cours d'une
  sous-location, le renouvellement à décider, ou la fin sans renouvellement possible et la suite
  prévue ;
- R-MG-GLS-DURATION : la fin du financement de la gestion à `mg_alertes_fin_jours` (90 et 30)
  jours, et chaque revue annuelle pas encore notée, `mg_revue_alerte_jours` avant sa date, puis
  en retard ;
- R-IMPAYES : une dette échue d'au moins `impayes_seuil_mois` mois de loyer ou de redevance, une
  alerte par ménage et par mois.

Destinataires : la direction et la gestion locative actives de l'opérateur ; en plus, pour les
impayés et la sous-location, le travailleur social référent du ménage. Le message ne nomme le
ménage que par sa référence (les courriels sortent du système). Les lectures sont groupées : un
nombre fixe de requêtes, quel que soit le nombre d'occupations ; seules les alertes nouvelles
s'écrivent. Lancée chaque jour par `manage.py alertes_quotidiennes` (cron).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from iml.alertes.models import Alerte
from iml.alertes.services import creer_alerte
from iml.comptes.enums import Role
from iml.comptes.models import Adhesion
from iml.occupations.models import Ecriture, Occupation, PlanApurement, Tarif
from iml.occupations.parametres import bareme
from iml.parc.perms import ROLES_GESTION
from regles.bareme import Bareme
from regles.compte import Ligne, alerte_impayes, nettes
from regles.echeances import (
    AlerteEcheance,
    alerte_fin_financement,
    alerte_revue,
    alerte_sous_location,
    cle_mois,
)
from regles.occupations import prochaine_revue
from regles.parametres_occupations import ParametresOccupations
from regles.types import Mode, StatutOccupation, SuiteParcours


@dataclass(frozen=True)
class AFaire:
    """Une alerte à envoyer pour une occupation : clé complète, avec ou sans le référent."""

    occupation: Occupation
    regle: str
    cle: str
    message: str
    echeance: date | None
    lien: str
    referent: bool


def _en_cours(forme: str | None = None) -> QuerySet[Occupation]:
    qs = Occupation.objects.filter(statut=StatutOccupation.EN_COURS).select_related("menage")
    return qs.filter(forme=forme) if forme else qs


def _sous_locations(aujourd_hui: date, b: Bareme, jours: tuple[int, ...]) -> Iterable[AFaire]:
    """Une requête : les sous-locations dont la période en cours finit dans `max(jours)`, ou
    a déjà pris fin sans renouvellement ni sortie (alerte « échue », une fois)."""
    horizon = aujourd_hui + timedelta(days=max(jours, default=0))
    occupations = (
        _en_cours(Mode.SOUS_LOCATION)
        .annotate(fin=Max("periodes__fin"), rang=Max("periodes__rang"))
        .filter(fin__lte=horizon)
    )
    for occ in occupations:
        suite = SuiteParcours(occ.suite_parcours).libelle if occ.suite_parcours else None
        due = alerte_sous_location(
            occ.menage.reference, occ.fin, occ.rang, b.sl_renouvellements_max, suite, jours,
            aujourd_hui,
        )  # fmt: skip
        if due is not None:
            yield _a_faire(occ, "R-SL-DURATION", due, "occupations:occupation", referent=True)


def _mandats(aujourd_hui: date, b: Bareme, parametres: ParametresOccupations) -> Iterable[AFaire]:
    """Une requête : les mandats de gestion en cours et le nombre de leurs revues notées."""
    for occ in _en_cours(Mode.MANDAT_GESTION).annotate(nb_revues=Count("revues")):
        reference = occ.menage.reference
        dues = []
        if occ.fin_financement is not None:
            dues.append(
                alerte_fin_financement(
                    reference, occ.fin_financement, parametres.mg_alertes_fin_jours, aujourd_hui
                )
            )
        revue = prochaine_revue(occ.date_entree, occ.nb_revues, b)
        dues.append(
            alerte_revue(
                reference,
                revue,
                parametres.mg_revue_alerte_jours,
                aujourd_hui,
                occ.fin_financement,
            )  # fmt: skip
        )
        for due in dues:
            if due is not None:
                yield _a_faire(
                    occ, "R-MG-GLS-DURATION", due, "occupations:occupation", referent=False
                )


T = TypeVar("T")
PAQUET = 500  # SQLite limite le nombre de paramètres d'une requête


def paquets(valeurs: list[T]) -> Iterable[list[T]]:
    for debut in range(0, len(valeurs), PAQUET):
        yield valeurs[debut : debut + PAQUET]


def mensuels_en_vigueur(ids: list[int], aujourd_hui: date) -> dict[int, Decimal]:
    """Une requête par paquet : le loyer (ou la redevance) et les charges en vigueur."""
    mensuels: dict[int, Decimal] = {}
    for paquet in paquets(ids):
        tarifs = Tarif.objects.filter(
            occupation_id__in=paquet, date_effet__lte=aujourd_hui
        ).order_by("occupation_id", "date_effet")
        for tarif in tarifs:
            mensuels[tarif.occupation_id] = tarif.mensuel  # le plus récent l'emporte
    return mensuels


def _impayes(aujourd_hui: date, seuil_mois: int) -> Iterable[AFaire]:
    """Trois requêtes (par paquet de 500) : les occupations en cours au solde positif, leurs
    lignes, leurs tarifs."""
    # Un ménage qui a un plan d'apurement ouvert n'est plus signalé : le plan se suit sur la
    # page des impayés (à jour ou en retard).
    occupations = list(
        _en_cours()
        .exclude(Exists(PlanApurement.objects.filter(occupation=OuterRef("pk"), clos_le=None)))
        .annotate(solde=Sum("ecritures__montant"))
        .filter(solde__gt=0)
    )
    ids = [occ.pk for occ in occupations]
    brutes: dict[int, list] = defaultdict(list)
    for paquet in paquets(ids):
        for occupation_id, pk, corrige, le, montant in Ecriture.objects.filter(
            occupation_id__in=paquet
        ).values_list("occupation_id", "pk", "corrige_id", "le", "montant"):
            brutes[occupation_id].append((pk, corrige, Ligne(le, montant)))
    lignes = {o: nettes(b) for o, b in brutes.items()}
    mensuels = mensuels_en_vigueur(ids, aujourd_hui)
    for occ in occupations:
        if (mensuel := mensuels.get(occ.pk)) is None:
            continue
        qui = f"le ménage {occ.menage.reference}"
        constat = alerte_impayes(lignes[occ.pk], mensuel, seuil_mois, aujourd_hui, qui)
        if constat is not None:
            due = AlerteEcheance(cle_mois(aujourd_hui), None, constat)
            yield _a_faire(occ, "R-IMPAYES", due, "occupations:compte", referent=True)


def _a_faire(occ: Occupation, regle: str, due: AlerteEcheance, vue: str, referent: bool) -> AFaire:
    return AFaire(
        occupation=occ,
        regle=regle,
        cle=f"{regle}:occupation-{occ.pk}:{due.cle}",
        message=due.constat.message,
        echeance=due.echeance,
        lien=reverse(vue, kwargs={"pk": occ.pk}),
        referent=referent,
    )


Referents = dict[tuple[int, int], Adhesion]


def _destinataires(a_faire: list[AFaire]) -> tuple[dict[int, list[Adhesion]], Referents]:
    """Deux requêtes au plus : la gestion active de chaque opérateur ; les référents (une
    adhésion de travail social active à l'opérateur du ménage)."""
    operateurs = {f.occupation.operateur_id for f in a_faire}
    gestion: dict[int, list[Adhesion]] = defaultdict(list)
    for adhesion in Adhesion.objects.filter(
        organisation_id__in=operateurs,
        actif=True,
        role__in=ROLES_GESTION,
        utilisateur__is_active=True,
    ).select_related("utilisateur", "organisation"):
        gestion[adhesion.organisation_id].append(adhesion)
    referents_ids = {f.occupation.menage.referent_id for f in a_faire if f.referent} - {None}
    referents: Referents = {}
    if referents_ids:
        for adhesion in Adhesion.objects.filter(
            utilisateur_id__in=referents_ids,
            organisation_id__in=operateurs,
            actif=True,
            role=Role.TRAVAILLEUR_SOCIAL,
            utilisateur__is_active=True,
        ).select_related("utilisateur", "organisation"):
            referents[(adhesion.utilisateur_id, adhesion.organisation_id)] = adhesion
    return gestion, referents


def _pour(f: AFaire, gestion: dict[int, list[Adhesion]], referents: Referents) -> list[Adhesion]:
    """La gestion de l'opérateur, plus le référent du ménage quand l'alerte le concerne."""
    adhesions = list(gestion.get(f.occupation.operateur_id, []))
    referent_id = f.occupation.menage.referent_id
    cle = (referent_id, f.occupation.operateur_id)
    if f.referent and referent_id is not None and cle in referents:
        adhesions.append(referents[cle])
    uniques: dict[int, Adhesion] = {}
    for adhesion in adhesions:
        uniques.setdefault(adhesion.utilisateur_id, adhesion)
    return list(uniques.values())


@task()
def alerter_occupations(aujourd_hui_iso: str | None = None) -> int:
    """Crée les alertes des occupations du jour ; renvoie le nombre d'alertes créées."""
    aujourd_hui = date.fromisoformat(aujourd_hui_iso) if aujourd_hui_iso else timezone.localdate()
    b = bareme()
    parametres = b.occupations
    assert parametres is not None
    a_faire = [
        *_sous_locations(aujourd_hui, b, parametres.sl_alertes_jours),
        *_mandats(aujourd_hui, b, parametres),
        *_impayes(aujourd_hui, parametres.impayes_seuil_mois),
    ]
    if not a_faire:
        return 0
    gestion, referents = _destinataires(a_faire)
    deja: set[tuple[int, str]] = set()
    for paquet in paquets(sorted({f.cle for f in a_faire})):
        deja.update(Alerte.objects.filter(cle__in=paquet).values_list("destinataire_id", "cle"))
    creees = 0
    for f in a_faire:
        for adhesion in _pour(f, gestion, referents):
            if (adhesion.utilisateur_id, f.cle) in deja:
                continue
            alerte = creer_alerte(
                destinataire=adhesion.utilisateur,
                organisation=adhesion.organisation,
                regle=f.regle,
                message=f.message,
                cle=f.cle,
                lien=f.lien,
                echeance=f.echeance,
            )
            creees += alerte is not None
    return creees
