"""Paramètres du SIAO : délai de réponse à une proposition et vacance non pourvue (R-SIAO),
poids de priorité des ménages en attente (R-PRIORITY-PUBLICS) pour le moteur d'appariement.

Bloc facultatif `siao` d'un jeu de paramètres ; absent d'un jeu d'avant son ajout (version 6 du
national), il vaut `None` dans le `Bareme`. La lecture stricte du bloc est `lire_siao`.

Poids de priorité d'un ménage (`poids_menage`) : `dalo` s'il remplit un critère DALO, plus
`pdalhpd` s'il remplit un critère du PDALHPD ou de la loi du 31 mai 1990 (art. 4), plus
`anciennete_par_mois` par mois entier d'attente, au plus `anciennete_max_mois`. La lecture
exige l'ordre lexicographique par ménage : `pdalhpd` dépasse l'ancienneté la plus longue, et
`dalo` dépasse `pdalhpd` plus cette ancienneté ; un ménage DALO l'emporte donc sur tout ménage
non DALO, un ménage prioritaire sur tout ménage qui ne l'est pas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from regles import conversion as cv
from regles.types import PublicPrioritaire


@dataclass(frozen=True)
class PoidsPriorite:
    """R-PRIORITY-PUBLICS : poids d'un ménage, DALO puis PDALHPD / loi 1990 puis ancienneté."""

    dalo: int
    pdalhpd: int
    anciennete_par_mois: int
    anciennete_max_mois: int

    @property
    def anciennete_max(self) -> int:
        """Poids de l'ancienneté la plus longue comptée."""
        return self.anciennete_par_mois * self.anciennete_max_mois

    @property
    def maximum(self) -> int:
        """Poids le plus fort qu'un ménage puisse avoir."""
        return self.dalo + self.pdalhpd + self.anciennete_max


@dataclass(frozen=True)
class ParametresSiao:
    """Bloc `siao` d'un barème."""

    proposition_delai_reponse_jours: int
    vacance_alerte_jours: int
    poids_priorite: PoidsPriorite


NOMS_SIAO: frozenset[str] = frozenset(f.name for f in fields(ParametresSiao))
NOMS_POIDS: frozenset[str] = frozenset(f.name for f in fields(PoidsPriorite))


def est_dalo(critere: PublicPrioritaire) -> bool:
    """R-PRIORITY-PUBLICS : le critère est-il un critère DALO (loi du 5 mars 2007) ?"""
    return critere.value.startswith("DALO_")


def mois_entiers(debut: date, fin: date) -> int:
    """Mois entiers écoulés de `debut` à `fin` (0 si `fin` précède `debut`)."""
    mois = (fin.year - debut.year) * 12 + fin.month - debut.month
    if fin.day < debut.day:
        mois -= 1
    return max(mois, 0)


def poids_menage(
    criteres: Iterable[PublicPrioritaire], demande_le: date, jour: date, poids: PoidsPriorite
) -> tuple[int, int, int]:
    """R-PRIORITY-PUBLICS : (part DALO, part PDALHPD / loi 1990, part ancienneté) du poids."""
    liste = list(criteres)
    dalo = poids.dalo if any(est_dalo(c) for c in liste) else 0
    pdalhpd = poids.pdalhpd if any(not est_dalo(c) for c in liste) else 0
    mois = min(mois_entiers(demande_le, jour), poids.anciennete_max_mois)
    return dalo, pdalhpd, mois * poids.anciennete_par_mois


def _poids(v: object, chemin: str) -> PoidsPriorite:
    obj = cv.objet(v, chemin)
    cv.cles(obj, chemin, requises=set(NOMS_POIDS), permises=set())
    p = PoidsPriorite(**{k: cv.entier(obj[k], cv.sous(chemin, k), minimum=0) for k in NOMS_POIDS})
    if p.pdalhpd <= p.anciennete_max:
        raise cv.ValeurInvalide(
            cv.sous(chemin, "pdalhpd"),
            f"R-PRIORITY-PUBLICS : {p.pdalhpd} ne dépasse pas le poids de l'ancienneté la plus "
            f"longue ({p.anciennete_max}) : l'ordre PDALHPD puis ancienneté ne tiendrait pas",
        )
    if p.dalo <= p.pdalhpd + p.anciennete_max:
        raise cv.ValeurInvalide(
            cv.sous(chemin, "dalo"),
            f"R-PRIORITY-PUBLICS : {p.dalo} ne dépasse pas le poids PDALHPD plus l'ancienneté "
            f"({p.pdalhpd + p.anciennete_max}) : l'ordre DALO puis PDALHPD ne tiendrait pas",
        )
    return p


def lire_siao(v: object, chemin: str) -> ParametresSiao | None:
    """Lit le bloc `siao` (toutes les clés requises, aucune inconnue) ; `None` reste `None`."""
    if v is None:
        return None
    obj = cv.objet(v, chemin)
    cv.cles(obj, chemin, requises=set(NOMS_SIAO), permises=set())
    return ParametresSiao(
        proposition_delai_reponse_jours=cv.entier(
            obj["proposition_delai_reponse_jours"],
            cv.sous(chemin, "proposition_delai_reponse_jours"),
            minimum=1,
        ),
        vacance_alerte_jours=cv.entier(
            obj["vacance_alerte_jours"], cv.sous(chemin, "vacance_alerte_jours"), minimum=1
        ),
        poids_priorite=_poids(obj["poids_priorite"], cv.sous(chemin, "poids_priorite")),
    )
