"""R-RAMPUP, R-UNKNOWN : montée en charge de plusieurs conventions (appel, département,
région), alignées sur les mêmes trimestres (`montee_convention(..., trimestres=...)`).

Capacité et prévu : non renseignés dès qu'une convention ne les donne pas, jamais comptés 0 ;
le nombre de conventions sans capacité connue est gardé. Jalons regroupés par date et part
exigée, leur état calculé sur les sommes, avec le nombre de conventions par état.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from regles.bareme import Bareme
from regles.calendrier import Trimestre, trimestres_appel
from regles.montee_en_charge import (
    ZERO_REEL,
    Compte,
    EtatJalon,
    JalonMontee,
    LigneCle,
    LigneTrimestre,
    Montee,
    etat_jalon,
)


def _somme_comptes(comptes: Sequence[Compte | None]) -> Compte | None:
    """Somme ; non renseignée dès qu'un terme l'est (R-UNKNOWN)."""
    total: Compte | None = ZERO_REEL if comptes and comptes[0] is not None else None
    for c in comptes:
        if c is None or total is None:
            return None
        total = total + c
    return total


def _somme_capacites(capacites: Iterable[int | None]) -> int | None:
    total: int | None = 0
    for c in capacites:
        total = None if c is None or total is None else total + c
    return total


def _jalons_agreges(
    montees: Sequence[Montee], jour: date, alerte_jours: int, pas: Decimal
) -> tuple[tuple[JalonMontee, ...], dict[tuple[date, Decimal], dict[EtatJalon, int]]]:
    groupes: dict[tuple[date, Decimal], list[JalonMontee]] = {}
    for m in montees:
        for j in m.jalons:
            groupes.setdefault((j.date, j.part_min_pct), []).append(j)
    jalons, etats = [], {}
    for (quand, pct), membres in sorted(groupes.items()):
        capacite = _somme_capacites(j.capacite for j in membres)
        ouvertes = sum(j.places_ouvertes for j in membres)
        jalons.append(etat_jalon(quand, pct, capacite, ouvertes, jour, alerte_jours, pas))
        compte: dict[EtatJalon, int] = {}
        for j in membres:
            compte[j.etat] = compte.get(j.etat, 0) + 1
        etats[quand, pct] = compte
    return tuple(jalons), etats


def agreger(
    montees: Sequence[Montee], jour: date, alerte_jours: int, pas: Decimal
) -> Montee | None:
    """R-RAMPUP, R-UNKNOWN : la montée en charge de plusieurs conventions alignées sur les
    mêmes trimestres (`montee_convention(..., trimestres=...)`). Capacité, prévu : non
    renseignés dès qu'une convention ne les donne pas ; jalons regroupés par date et part
    exigée, leur état calculé sur les sommes, avec le nombre de conventions par état."""
    if not montees:
        return None
    premiers = montees[0]
    trimestres = tuple(
        LigneTrimestre(
            ligne.trimestre,
            _somme_comptes([m.trimestres[q].prevu for m in montees]),
            _somme_comptes([m.trimestres[q].reel for m in montees]),
        )
        for q, ligne in enumerate(premiers.trimestres)
    )
    par_cle = tuple(
        LigneCle(
            ligne.typologie, ligne.mode,
            _somme_comptes([m.par_cle[k].prevu_final for m in montees]),
            _somme_comptes([m.par_cle[k].prevu_au_jour for m in montees]),
            _somme_comptes([m.par_cle[k].reel for m in montees]) or ZERO_REEL,
        )
        for k, ligne in enumerate(premiers.par_cle)
    )  # fmt: skip
    jalons, etats = _jalons_agreges(montees, jour, alerte_jours, pas)
    return Montee(
        jour, _somme_capacites(m.capacite for m in montees), trimestres, par_cle, jalons,
        conventions=sum(m.conventions for m in montees),
        capacites_inconnues=sum(m.capacites_inconnues for m in montees),
        etats=etats,
    )  # fmt: skip


def trimestres_communs(baremes: Iterable[Bareme]) -> tuple[Trimestre, ...]:
    """Les trimestres de tous les appels, du premier au dernier sans trou."""
    tous = sorted({t for b in baremes for t in trimestres_appel(b)})
    if not tous:
        return ()
    resultat = [tous[0]]
    while resultat[-1] < tous[-1]:
        resultat.append(resultat[-1].suivant())
    return tuple(resultat)
