"""Lectures cadrées du compte des ménages, des impayés de l'opérateur et de la vacance de ses
logements en sous-location. Le nombre de requêtes ne dépend pas du nombre de lignes : les
lignes d'un compte se lisent d'un coup ; pour les impayés, la base retient les occupations
endettées (somme des lignes) et seules leurs lignes sont lues (ancienneté en Python)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, Prefetch, Sum
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.occupations.models import Ecriture, Occupation, PlanApurement
from iml.occupations.selectors import occupation_ou_404, occupations_visibles
from iml.parc.models import ContratBailleur, Logement
from regles.compte import Ligne, nettes
from regles.types import Mode, StatutLogement

__all__ = ["occupation_ou_404"]


def ecritures(occupation: Occupation) -> list[Ecriture]:
    """Toutes les lignes du compte, dans l'ordre (date de valeur, puis saisie)."""
    return list(occupation.ecritures.order_by("le", "pk"))


def ecriture_ou_404(acteur: Acteur, pk: int) -> Ecriture:
    qs = Ecriture.objects.select_related(
        "occupation__menage", "occupation__logement", "occupation__operateur"
    ).filter(occupation__in=occupations_visibles(acteur))
    return get_object_or_404(qs, pk=pk)


def plan_ou_404(acteur: Acteur, pk: int) -> PlanApurement:
    qs = PlanApurement.objects.select_related("occupation__menage", "occupation__logement")
    return get_object_or_404(qs.filter(occupation__in=occupations_visibles(acteur)), pk=pk)


def plans(occupation: Occupation) -> list[PlanApurement]:
    return list(occupation.plans.prefetch_related("versements"))


def endettees(operateur_id: int, au: date, forme: str | None = None) -> list[int]:
    """Les occupations de l'opérateur dont la somme des lignes datées au plus tard `au` est
    positive (le ménage doit) : une agrégation groupée sur la seule clé de l'occupation."""
    somme = Sum("montant", output_field=DecimalField(max_digits=14, decimal_places=2))
    return list(
        Ecriture.objects.filter(occupation__operateur_id=operateur_id, le__lte=au)
        .filter(**({"occupation__forme": forme} if forme else {}))
        .order_by()
        .values("occupation_id")
        .annotate(du=somme)
        .filter(du__gt=Decimal("0.004"))
        .values_list("occupation_id", flat=True)
    )


def lignes_par_occupation(ids: list[int], au: date) -> dict[int, list[Ligne]]:
    """Les lignes datées au plus tard `au`, chaque correction portée sur la ligne qu'elle
    corrige (`regles.compte.nettes`)."""
    brutes: dict[int, list] = defaultdict(list)
    qs = Ecriture.objects.filter(occupation_id__in=ids, le__lte=au).order_by("le", "pk")
    champs = ("occupation_id", "pk", "corrige_id", "le", "montant")
    for occupation_id, pk, corrige, le, montant in qs.values_list(*champs):
        brutes[occupation_id].append((pk, corrige, Ligne(le, montant)))
    return defaultdict(list, {o: nettes(lignes) for o, lignes in brutes.items()})


def impayes(
    operateur_id: int, au: date, forme: str | None = None
) -> tuple[list[Occupation], dict[int, list[Ligne]]]:
    """Les occupations endettées (ménage, logement, plan ouvert et ses versements) et leurs
    lignes : quatre requêtes, quel que soit leur nombre."""
    ouverts = Prefetch(
        "plans",
        queryset=PlanApurement.objects.filter(clos_le__isnull=True).prefetch_related("versements"),
        to_attr="plans_ouverts",
    )
    occupations = list(
        Occupation.objects.filter(pk__in=endettees(operateur_id, au, forme))
        .select_related("menage", "logement")
        .prefetch_related(ouverts)
    )
    return occupations, lignes_par_occupation([o.pk for o in occupations], au)


def logements_en_sous_location(operateur_id: int, annee: int) -> list[Logement]:
    """Les logements en sous-location de l'opérateur mobilisés pendant l'`annee` (ni en
    captation, ni restitués avant), avec leurs contrats et leurs occupations."""
    debut = date(annee, 1, 1)
    contrats = Prefetch(
        "contrats",
        queryset=ContratBailleur.objects.only("logement_id", "date_debut", "loyer"),
        to_attr="contrats_lus",
    )
    occupations = Prefetch(
        "occupations",
        queryset=Occupation.objects.only("logement_id", "date_entree", "date_sortie"),
        to_attr="occupations_lues",
    )
    return list(
        Logement.objects.filter(operateur_id=operateur_id, forme=Mode.SOUS_LOCATION)
        .exclude(statut=StatutLogement.EN_CAPTATION)
        .exclude(date_restitution__lt=debut)
        .prefetch_related(contrats, occupations)
        .order_by("adresse", "pk")
    )
