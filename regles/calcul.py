"""Arithmétique commune : arrondis, pourcentages, sommes qui gardent le « non renseigné ».

Arrondi : ROUND_HALF_UP (demi au-dessus), au centime pour les montants, une seule fois, à la
fin de chaque poste (une ligne de budget, une ligne de subvention) ; les totaux somment des
postes déjà arrondis. Un pourcentage est arrondi au pas du barème (`pourcentages_arrondi`,
0,1 point) avant toute comparaison, si bien que le message affiche exactement la valeur comparée.

R-UNKNOWN : `None` signifie « non renseigné » ; une somme dont un terme est `None` vaut `None`
(on ne prétend pas connaître un total partiel), et `zero_si_vide` n'existe pas exprès.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

CENTIME = Decimal("0.01")
CENT = Decimal(100)


def arrondir(valeur: Decimal, pas: Decimal = CENTIME) -> Decimal:
    """Arrondi au multiple de `pas` le plus proche, demi au-dessus (ROUND_HALF_UP)."""
    if pas == CENTIME:
        return valeur.quantize(CENTIME, rounding=ROUND_HALF_UP)
    return (valeur / pas).quantize(Decimal(1), rounding=ROUND_HALF_UP) * pas


def part_pct(numerateur: Decimal | int, denominateur: Decimal | int, pas: Decimal) -> Decimal:
    """`numerateur / denominateur` en pourcentage arrondi au pas ; dénominateur non nul."""
    if denominateur == 0:
        raise ZeroDivisionError("dénominateur nul")
    return arrondir(Decimal(numerateur) * CENT / Decimal(denominateur), pas)


def somme(valeurs: Iterable[Decimal | None]) -> Decimal | None:
    """Somme, ou `None` si un terme est non renseigné (R-UNKNOWN)."""
    total = Decimal(0)
    for v in valeurs:
        if v is None:
            return None
        total += v
    return total


def divise(valeur: Decimal | None, diviseur: int | Decimal) -> Decimal | None:
    """`valeur / diviseur` arrondi au centime ; `None` si non renseigné ou diviseur nul."""
    if valeur is None or diviseur == 0:
        return None
    return arrondir(valeur / Decimal(diviseur))
