"""Entonnoir de la captation des logements (R-UNKNOWN pour les chiffres sans base).

La captation (prospection des propriétaires privés) est suivie prospect par prospect, statut
par statut (`regles.types.StatutProspect`). `entonnoir` en tire les chiffres du pilotage :
prospects par statut, prospects ayant atteint chaque statut, taux de captation, délai médian
passé dans chaque statut, motifs d'abandon. Un chiffre sans base (aucun prospect clos, aucun
prospect sorti d'un statut) est « non renseigné » (`None`), jamais zéro (R-UNKNOWN).
Linéaire en nombre de passages (plus un tri par statut pour les médianes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from regles.calcul import arrondir
from regles.types import StatutProspect

NON_RENSEIGNE = "NON_RENSEIGNE"
"""Code compté pour un abandon sans motif."""
STATUTS: tuple[str, ...] = tuple(s.value for s in StatutProspect)
DIXIEME = Decimal("0.1")


@dataclass(frozen=True)
class Passage:
    """Changement de statut d'un prospect ; `de` est `None` à la création."""

    de: str | None
    vers: str
    le: date


@dataclass(frozen=True)
class ProspectSuivi:
    """Un prospect : statut courant, passages dans l'ordre chronologique, motif d'abandon."""

    statut: str
    passages: tuple[Passage, ...]
    motif_abandon: str | None


@dataclass(frozen=True)
class Entonnoir:
    """Chiffres de la captation ; chaque table a une entrée par statut de `StatutProspect`."""

    prospects: int
    par_statut: Mapping[str, int]
    atteints: Mapping[str, int]
    captes: int
    taux_captation_pct: Decimal | None
    delai_median_jours: Mapping[str, Decimal | None]
    motifs_abandon: tuple[tuple[str, int], ...]


def _statut(valeur: str) -> str:
    if valeur not in STATUTS:
        raise ValueError(f"statut de prospect « {valeur} » inconnu ({', '.join(STATUTS)})")
    return valeur


def mediane(valeurs: list[int]) -> Decimal | None:
    """Médiane (moyenne des deux valeurs du milieu pour un nombre pair) ; `None` si vide."""
    if not valeurs:
        return None
    tries = sorted(valeurs)
    milieu = len(tries) // 2
    if len(tries) % 2:
        return Decimal(tries[milieu])
    return Decimal(tries[milieu - 1] + tries[milieu]) / 2


def _sejours(passages: tuple[Passage, ...], durees: dict[str, list[int]]) -> None:
    """Ajoute à `durees` les jours passés dans chaque statut quitté : du passage qui y fait
    entrer au passage suivant."""
    ordre = sorted(passages, key=lambda p: p.le)
    for entree, sortie in zip(ordre, ordre[1:], strict=False):
        durees[_statut(entree.vers)].append((sortie.le - entree.le).days)


def _taux(captes: int, clos: int) -> Decimal | None:
    if clos == 0:
        return None
    return arrondir(Decimal(captes) * 100 / clos, DIXIEME)


def entonnoir(prospects: Iterable[ProspectSuivi]) -> Entonnoir:
    """Entonnoir de la captation (R-UNKNOWN). `atteints[s]` compte les prospects qui ont
    eu le statut s (dans un passage ou aujourd'hui) ; taux = captés ÷ clos (captés et
    abandonnés, statut courant) × 100, au dixième, `None` sans prospect clos (R-UNKNOWN) ;
    délai médian : jours passés dans un statut avant de le quitter, chaque séjour compté,
    `None` si personne ne l'a quitté ; motifs d'abandon du plus fréquent au moins fréquent
    (à égalité, par code), un abandon sans motif compté « NON_RENSEIGNE »."""
    par_statut = dict.fromkeys(STATUTS, 0)
    atteints = dict.fromkeys(STATUTS, 0)
    durees: dict[str, list[int]] = {s: [] for s in STATUTS}
    motifs: Counter[str] = Counter()
    total = 0
    for prospect in prospects:
        total += 1
        statut = _statut(prospect.statut)
        par_statut[statut] += 1
        vus = {statut}
        for passage in prospect.passages:
            vus.add(_statut(passage.vers))
            if passage.de is not None:
                vus.add(_statut(passage.de))
        for s in vus:
            atteints[s] += 1
        _sejours(prospect.passages, durees)
        if statut == StatutProspect.ABANDONNE.value:
            motifs[prospect.motif_abandon or NON_RENSEIGNE] += 1
    captes = par_statut[StatutProspect.CAPTE.value]
    clos = captes + par_statut[StatutProspect.ABANDONNE.value]
    return Entonnoir(
        prospects=total,
        par_statut=MappingProxyType(par_statut),
        atteints=MappingProxyType(atteints),
        captes=captes,
        taux_captation_pct=_taux(captes, clos),
        delai_median_jours=MappingProxyType({s: mediane(d) for s, d in durees.items()}),
        motifs_abandon=tuple(sorted(motifs.items(), key=lambda m: (-m[1], m[0]))),
    )
