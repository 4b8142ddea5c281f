"""Sorties des occupations (R-SORTIE) : durée de séjour, sorties par destination, taux de
sortie vers le logement, durées moyenne et médiane.

- Durée de séjour : de l'entrée à la sortie, bornes incluses (entré et sorti le même jour :
  1 jour) ; en mois : jours × 12 ÷ 365,25, au dixième.
- Taux de sortie vers le logement : sorties vers une destination du paramètre
  `destinations_logement` ÷ sorties de destination connue. Les sorties de destination
  « Inconnue » ne comptent pas au dénominateur : elles sont comptées à part. Sans sortie de
  destination connue, le taux est « non renseigné » (`None`), jamais 0 % (R-UNKNOWN).

Fonctions pures : aucune base, aucune horloge.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from regles.calcul import arrondir
from regles.types import DestinationSortie

DIXIEME = Decimal("0.1")
JOURS_PAR_AN = Decimal("365.25")


def duree_sejour_jours(entree: date, sortie: date) -> int:
    """R-SORTIE : jours de séjour, entrée et sortie comprises ; `ValueError` si la sortie
    précède l'entrée."""
    if sortie < entree:
        raise ValueError("R-SORTIE : la sortie précède l'entrée.")
    return (sortie - entree).days + 1


def jours_en_mois(jours: Decimal | int) -> Decimal:
    """Des jours en mois moyens (365,25 ÷ 12 jours), au dixième."""
    return arrondir(Decimal(jours) * 12 / JOURS_PAR_AN, DIXIEME)


def duree_sejour_mois(entree: date, sortie: date) -> Decimal:
    """R-SORTIE : la durée de séjour en mois, au dixième."""
    return jours_en_mois(duree_sejour_jours(entree, sortie))


def moyenne(valeurs: Sequence[int]) -> Decimal | None:
    """Moyenne au dixième ; `None` sans valeur."""
    if not valeurs:
        return None
    return arrondir(Decimal(sum(valeurs)) / len(valeurs), DIXIEME)


def mediane(valeurs: Sequence[int]) -> Decimal | None:
    """Médiane (moyenne des deux valeurs du milieu pour un nombre pair) ; `None` sans valeur."""
    if not valeurs:
        return None
    tri = sorted(valeurs)
    milieu = len(tri) // 2
    if len(tri) % 2:
        return Decimal(tri[milieu])
    return arrondir(Decimal(tri[milieu - 1] + tri[milieu]) / 2, DIXIEME)


@dataclass(frozen=True)
class DureesSejour:
    """Durées de séjour d'un ensemble de sorties (jours ; mois au dixième)."""

    sorties: int
    moyenne_jours: Decimal | None
    mediane_jours: Decimal | None

    @property
    def moyenne_mois(self) -> Decimal | None:
        return None if self.moyenne_jours is None else jours_en_mois(self.moyenne_jours)

    @property
    def mediane_mois(self) -> Decimal | None:
        return None if self.mediane_jours is None else jours_en_mois(self.mediane_jours)


def durees_sejour(sejours: Iterable[tuple[date, date]]) -> DureesSejour:
    """R-SORTIE : moyenne et médiane des durées de séjour de (entrée, sortie)."""
    jours = [duree_sejour_jours(e, s) for e, s in sejours]
    return DureesSejour(len(jours), moyenne(jours), mediane(jours))


def sorties_par_destination(
    destinations: Iterable[DestinationSortie | str],
) -> dict[DestinationSortie, int]:
    """R-SORTIE : le nombre de sorties de chaque destination (toutes présentes, dans l'ordre
    de la liste des destinations)."""
    comptes = dict.fromkeys(DestinationSortie, 0)
    for d in destinations:
        comptes[DestinationSortie(d)] += 1
    return comptes


@dataclass(frozen=True)
class TauxSortie:
    """R-SORTIE : sorties vers le logement, sorties de destination connue, sorties de
    destination inconnue (comptées à part) et le taux (`None` : non renseigné)."""

    vers_logement: int
    connues: int
    inconnues: int

    @property
    def taux_pct(self) -> Decimal | None:
        if self.connues == 0:
            return None
        return arrondir(Decimal(self.vers_logement * 100) / self.connues, DIXIEME)


def taux_sortie_logement(
    par_destination: Mapping[DestinationSortie, int],
    destinations_logement: Collection[DestinationSortie],
) -> TauxSortie:
    """R-SORTIE : le taux de sortie vers le logement, « Inconnue » hors du dénominateur."""
    inconnues = par_destination.get(DestinationSortie.INCONNUE, 0)
    connues = sum(n for d, n in par_destination.items() if d is not DestinationSortie.INCONNUE)
    vers_logement = sum(
        n
        for d, n in par_destination.items()
        if d in destinations_logement and d is not DestinationSortie.INCONNUE
    )
    return TauxSortie(vers_logement, connues, inconnues)


def additionner(comptes: Iterable[Mapping[DestinationSortie, int]]) -> dict[DestinationSortie, int]:
    """La somme de plusieurs décomptes par destination (le total d'un territoire)."""
    total = dict.fromkeys(DestinationSortie, 0)
    for c in comptes:
        for d, n in c.items():
            total[d] += n
    return total
