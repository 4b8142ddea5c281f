"""Instantanés figés des statistiques annuelles (R-STATS) : lecture en lots des logements,
occupations, ménages et de l'activité d'accompagnement de plusieurs opérateurs, pour
`regles.statistiques.calculer`.

Huit requêtes quel que soit le nombre d'opérateurs ou d'occupations (un opérateur comme le
pays) : le lot est regroupé par opérateur en Python. Lecture seule des autres applications.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from iml.accompagnement.models import Contact, OrientationPartenaire, Plan
from iml.menages.enums import PublicSpecialise, SituationAvant
from iml.menages.models import Menage, Personne, Ressource
from iml.occupations.models import Occupation
from iml.parc.models import Logement
from regles.statistiques import (
    ActiviteFigee,
    Ligne,
    LogementFige,
    MenageFige,
    OccupationFigee,
    calculer,
)


def _logements(operateurs: list[int]) -> dict[int, list[LogementFige]]:
    par: dict[int, list[LogementFige]] = defaultdict(list)
    lignes = Logement.objects.filter(operateur_id__in=operateurs).values_list(
        "operateur_id",
        "forme",
        "typologie",
        "capacite",
        "date_mobilisation",
        "date_restitution",
        "statut",
    )
    for operateur, *champs in lignes.order_by():
        par[operateur].append(LogementFige(*champs))
    return par


def _occupations(operateurs: list[int], annee: int):
    debut, fin = date(annee, 1, 1), date(annee, 12, 31)
    return Occupation.objects.filter(
        Q(date_sortie__isnull=True) | Q(date_sortie__gte=debut),
        operateur_id__in=operateurs,
        date_entree__lte=fin,
    )


def _occupations_figees(qs) -> dict[int, list[OccupationFigee]]:
    par: dict[int, list[OccupationFigee]] = defaultdict(list)
    champs = (
        "operateur_id", "menage_id", "forme", "date_entree", "date_sortie", "destination",
        "precedente_id", "precedente__date_entree", "suivante__id",
    )  # fmt: skip
    for op, menage, forme, entree, sortie, dest, prec, prec_entree, suiv in qs.values_list(
        *champs
    ).order_by():
        par[op].append(
            OccupationFigee(
                menage=menage,
                forme=forme,
                date_entree=entree,
                date_sortie=sortie,
                destination=dest,
                debut_parcours=prec_entree or entree,
                a_une_precedente=prec is not None,
                a_une_suivante=suiv is not None,
            )  # fmt: skip
        )
    return par


def _menages(occupations, annee: int) -> dict[int, MenageFige]:
    ids = occupations.values("menage_id")
    membres: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for menage, lien, naissance in (
        Personne.objects.filter(menage_id__in=ids)
        .values_list("menage_id", "lien", "annee_naissance")
        .order_by()
    ):
        membres[menage].append((lien, naissance))
    ressources: dict[int, list[tuple[str, Any, date]]] = defaultdict(list)
    for menage, nature, montant, connue_le in (
        Ressource.objects.filter(menage_id__in=ids, connue_le__lte=date(annee, 12, 31))
        .values_list("menage_id", "nature", "montant", "connue_le")
        .order_by()
    ):
        ressources[menage].append((nature, montant, connue_le))
    champs = ("pk", "categorie", "public_specialise", "situation_avant", "date_naissance")
    return {
        pk: MenageFige(
            pk,
            cat,
            public,
            avant,
            naissance,
            tuple(membres.get(pk, ())),
            tuple(ressources.get(pk, ())),
        )  # fmt: skip
        for pk, cat, public, avant, naissance in Menage.objects.filter(pk__in=ids)
        .values_list(*champs)
        .order_by()
    }


def _activite(operateurs: list[int], annee: int) -> dict[int, dict[str, int]]:
    debut, fin = date(annee, 1, 1), date(annee, 12, 31)
    par: dict[int, dict[str, int]] = defaultdict(dict)
    contacts = (
        Contact.objects.filter(menage__operateur_id__in=operateurs, le__year=annee)
        .values("menage__operateur_id")
        .annotate(
            contacts=Count("pk"),
            contacts_minutes=Coalesce(Sum("duree_minutes"), 0),  # durées connues
            contacts_sans_duree=Count("pk", filter=Q(duree_minutes__isnull=True)),
        )
        .order_by()
    )
    plans = (
        Plan.objects.filter(
            Q(fin_le__isnull=True) | Q(fin_le__gte=debut),
            menage__operateur_id__in=operateurs,
            debut_le__lte=fin,
        )
        .values("menage__operateur_id")
        .annotate(
            menages_accompagnes=Count("menage", distinct=True),
            plans_ouverts=Count("pk", filter=Q(debut_le__year=annee)),
        )
        .order_by()
    )
    orientations = (
        OrientationPartenaire.objects.filter(menage__operateur_id__in=operateurs, le__year=annee)
        .values("menage__operateur_id")
        .annotate(orientations_partenaires=Count("pk"))
        .order_by()
    )
    for lot in (contacts, plans, orientations):
        for ligne in lot:
            operateur = ligne.pop("menage__operateur_id")
            par[operateur].update(ligne)
    return par


def calculer_lot(operateurs: Iterable[int], annee: int) -> dict[int, tuple[Ligne, ...]]:
    """Les statistiques de l'année pour chaque opérateur du lot (R-STATS)."""
    operateurs = list(operateurs)
    occupations = _occupations(operateurs, annee)
    logements = _logements(operateurs)
    figees = _occupations_figees(occupations)
    menages = _menages(occupations, annee)
    activite = _activite(operateurs, annee)
    publics = PublicSpecialise.choices
    situations = SituationAvant.choices
    return {
        op: calculer(
            annee,
            logements.get(op, []),
            menages,
            figees.get(op, []),
            ActiviteFigee(**activite.get(op, {})),
            publics,
            situations,
        )  # fmt: skip
        for op in operateurs
    }
