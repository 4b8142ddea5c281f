"""Chiffres des occupations, par opérateur et au total (R-SORTIE, R-SL-DURATION,
R-MG-GLS-DURATION) : des nombres et des taux, jamais un nom ni une adresse.

Les comptes viennent des requêtes groupées de `selectors_chiffres` ; les taux et les durées se
calculent par `regles.sorties` (le total recalcule le taux et la médiane sur toutes les
sorties, il n'additionne pas des taux).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from iml.comptes.models import Organisation
from iml.occupations import selectors_chiffres as lectures
from iml.occupations.parametres import parametres_occupations
from regles.sorties import (
    DureesSejour,
    TauxSortie,
    additionner,
    durees_sejour,
    taux_sortie_logement,
)
from regles.types import DestinationSortie

COMPTES = (
    "loges_mg",
    "loges_sl",
    "entrees",
    "renouvellements",
    "glissements",
    "glissements_mandat",
    "sl_plus_12_mois",
    "mg_fin_proche",
)


@dataclass
class LigneChiffres:
    """Les chiffres d'un opérateur (ou du total)."""

    libelle: str
    loges_mg: int = 0
    loges_sl: int = 0
    entrees: int = 0
    renouvellements: int = 0
    glissements: int = 0
    glissements_mandat: int = 0
    sl_plus_12_mois: int = 0
    mg_fin_proche: int = 0
    par_destination: dict[DestinationSortie, int] = field(default_factory=dict)
    sejours: list[tuple[date, date]] = field(default_factory=list)
    taux: TauxSortie | None = None
    durees: DureesSejour | None = None

    @property
    def loges(self) -> int:
        return self.loges_mg + self.loges_sl

    @property
    def sorties(self) -> int:
        return sum(self.par_destination.values())

    @property
    def destinations(self) -> list[int]:
        """Les sorties de chaque destination, dans l'ordre des en-têtes."""
        return [self.par_destination.get(d, 0) for d in DestinationSortie]


@dataclass(frozen=True)
class Chiffres:
    annee: int
    lignes: list[LigneChiffres]
    total: LigneChiffres | None
    fin_mandat_jours: int
    destinations_logement: list[str]


def _finir(ligne: LigneChiffres, destinations_logement) -> LigneChiffres:
    ligne.taux = taux_sortie_logement(ligne.par_destination, destinations_logement)
    ligne.durees = durees_sejour(ligne.sejours)
    return ligne


def _total(lignes: list[LigneChiffres], destinations_logement) -> LigneChiffres:
    total = LigneChiffres("Total")
    for ligne in lignes:
        for nom in COMPTES:
            setattr(total, nom, getattr(total, nom) + getattr(ligne, nom))
        total.sejours += ligne.sejours
    total.par_destination = additionner(ligne.par_destination for ligne in lignes)
    return _finir(total, destinations_logement)


def chiffres(
    operateurs: list[Organisation], annee: int, aujourd_hui: date, *, avec_total: bool
) -> Chiffres:
    """Les chiffres de chaque opérateur pour l'année (et ceux d'aujourd'hui), puis le total.
    Quatre requêtes, quel que soit le nombre d'occupations ou d'opérateurs."""
    parametres = parametres_occupations()
    fin_mandat_jours = max(parametres.mg_alertes_fin_jours, default=0)
    ids = [o.pk for o in operateurs]
    comptes = lectures.comptes(ids, annee, aujourd_hui, fin_mandat_jours)
    renouvellements = lectures.renouvellements(ids, annee)
    destinations = lectures.sorties_par_destination(ids, annee)
    sejours: dict[int, list[tuple[date, date]]] = {}
    for operateur_id, entree, sortie in lectures.sejours(ids, annee):
        sejours.setdefault(operateur_id, []).append((entree, sortie))
    lignes = []
    for operateur in operateurs:
        ligne = LigneChiffres(operateur.nom, **comptes.get(operateur.pk, {}))
        ligne.renouvellements = renouvellements.get(operateur.pk, 0)
        ligne.par_destination = additionner(
            [{DestinationSortie(d): n for d, n in destinations.get(operateur.pk, {}).items()}]
        )
        ligne.sejours = sejours.get(operateur.pk, [])
        lignes.append(_finir(ligne, parametres.destinations_logement))
    total = _total(lignes, parametres.destinations_logement) if avec_total else None
    return Chiffres(
        annee,
        lignes,
        total,
        fin_mandat_jours,
        [d.libelle.lower() for d in DestinationSortie if d in parametres.destinations_logement],
    )


def annees_proposees(operateurs: list[Organisation], aujourd_hui: date) -> list[int]:
    """Les années du filtre : de la première entrée connue à l'année en cours, la plus
    récente d'abord."""
    premiere = lectures.premiere_annee([o.pk for o in operateurs]) or aujourd_hui.year
    premiere = min(premiere, aujourd_hui.year)
    return list(range(aujourd_hui.year, premiere - 1, -1))


def libelles_destinations() -> list[str]:
    return [d.libelle for d in DestinationSortie]
