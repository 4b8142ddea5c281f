"""Mise en forme française des nombres et des dates dans les messages.

Séparateur des milliers : espace fine insécable U+202F (recommandation de l'Imprimerie
nationale, et ce qu'emploie `babel` pour fr_FR) ; entre le nombre et son unité (« € », « % ») :
espace insécable U+00A0. Les montants sont écrits sans décimales quand ils sont ronds
(« 2 200 € »), avec deux décimales sinon (« 1 234,50 € »).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from regles.calcul import arrondir

MILLIERS = "\u202f"
"""Séparateur des milliers : espace fine insécable."""
UNITE = "\u00a0"
"""Espace entre un nombre et son unité : espace insécable."""
MOINS = "\u2212"
"""Signe moins typographique (U+2212), pas le trait d'union."""


def _grouper(entier: str) -> str:
    groupes: list[str] = []
    while len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    return MILLIERS.join(groupes)


def nombre(valeur: Decimal | int, decimales: int | None = None) -> str:
    """« 1 234,5 » : virgule décimale, milliers séparés ; `decimales` fixe la précision."""
    d = Decimal(valeur)
    if decimales is not None:
        d = arrondir(d, Decimal(1).scaleb(-decimales))
    signe = MOINS if d < 0 else ""
    texte = format(abs(d), "f")
    entier, _, fraction = texte.partition(".")
    resultat = signe + _grouper(entier)
    return f"{resultat},{fraction}" if fraction else resultat


def euros(montant: Decimal | int | None) -> str:
    """« 1 234,50 € », « 2 200 € » ; `None` donne « non renseigné » (R-UNKNOWN)."""
    if montant is None:
        return "non renseigné"
    d = arrondir(Decimal(montant))
    if d == d.to_integral_value():
        return f"{nombre(d, 0)}{UNITE}€"
    return f"{nombre(d, 2)}{UNITE}€"


def pourcentage(valeur: Decimal | int, decimales: int = 1) -> str:
    """« 30,1 % » pour `Decimal("30.1")` (la valeur est déjà en pourcentage)."""
    return f"{nombre(Decimal(valeur), decimales)}{UNITE}%"


#: Les mois en toutes lettres (« février 2026 ») : libellés de mois des comptes et des
#: chronologies.
MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def mois_fr(jour: date) -> str:
    """« février 2026 » (le mois du `jour`, en minuscules)."""
    return f"{MOIS[jour.month - 1]} {jour.year}"


def date_fr(jour: date) -> str:
    """« 05/03/2026 »."""
    return jour.strftime("%d/%m/%Y")


def trimestre_fr(annee: int, rang: int) -> str:
    """« 2e trim. 2019 », « 1er trim. 2020 » : jamais « T2 », qui se lirait comme une typologie."""
    ordinal = "1er" if rang == 1 else f"{rang}e"
    return f"{ordinal}{UNITE}trim. {annee}"


def pluriel(n: int, singulier: str, forme_plurielle: str | None = None) -> str:
    """« 0 place », « 1 place », « 2 places » : en français, 0 et 1 sont au singulier."""
    mot = singulier if abs(n) < 2 else (forme_plurielle or f"{singulier}s")
    return f"{nombre(n)}{UNITE}{mot}"


VOYELLES = "aeiouyàâäéèêëîïôöûüAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜ"
"""Initiales qui élident « de » (« d'AIS », « d'Ille-et-Vilaine ») ; le h est laissé de côté
(muet ou aspiré, on ne peut pas le savoir)."""


def de(nom: str) -> str:
    """« de » élidé devant une voyelle : « d'AIS Rennes Habitat Solidaire », « de Toit Partagé »."""
    return f"d'{nom}" if nom[:1] in VOYELLES else f"de {nom}"


def siret(valeur: str | None) -> str | None:
    """« 123 456 789 00012 » (SIREN en groupes de trois, puis le NIC), espaces insécables ;
    une valeur qui n'a pas 14 chiffres est rendue telle quelle."""
    chiffres = re.sub(r"\D", "", valeur or "")
    if len(chiffres) != 14:
        return valeur
    return "\u00a0".join([chiffres[0:3], chiffres[3:6], chiffres[6:9], chiffres[9:]])
