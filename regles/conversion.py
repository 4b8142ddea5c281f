"""Lecture typée de valeurs JSON, avec le chemin du champ dans chaque erreur.

Partagé par la lecture des barèmes (`regles.bareme`) et des entrées (`regles.entrees`). Les
montants acceptent un entier, un `Decimal`, une chaîne décimale ou un flottant (converti par
`str()`, donc « 0.1 » reste 0,1) ; un booléen n'est jamais un nombre.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import TypeVar

E = TypeVar("E", bound=Enum)


class ValeurInvalide(ValueError):
    """Valeur refusée ; `champ` est le chemin (`logements[2].typologie`), `message` en français."""

    def __init__(self, champ: str, message: str) -> None:
        super().__init__(f"{champ} : {message}" if champ else message)
        self.champ = champ
        self.message = message


def sous(chemin: str, cle: str) -> str:
    """Chemin d'une clé : `sous("porteur", "nom") == "porteur.nom"`."""
    return f"{chemin}.{cle}" if chemin else cle


def indice(chemin: str, rang: int) -> str:
    """Chemin d'un élément de liste : `indice("logements", 2) == "logements[2]"`."""
    return f"{chemin}[{rang}]"


def decimal(valeur: object, chemin: str, *, minimum: Decimal | None = None) -> Decimal:
    """Un nombre décimal fini, au moins `minimum` si donné."""
    if isinstance(valeur, bool) or not isinstance(valeur, int | float | str | Decimal):
        raise ValeurInvalide(chemin, "nombre attendu")
    try:
        d = Decimal(str(valeur)) if isinstance(valeur, float) else Decimal(valeur)
    except InvalidOperation:
        raise ValeurInvalide(chemin, f"nombre attendu, reçu « {valeur} »") from None
    if not d.is_finite():
        raise ValeurInvalide(chemin, "nombre fini attendu")
    if minimum is not None and d < minimum:
        raise ValeurInvalide(chemin, f"valeur {d} inférieure au minimum {minimum}")
    return d


def chaine_decimale(valeur: Decimal | int) -> str:
    """L'encodage JSON d'un montant ou d'un décimal : chaîne exacte, point décimal, sans zéro
    final ni exposant (« 1234.5 », « 800 », « 0.75 ») ; relue par `decimal`."""
    d = Decimal(valeur)
    if d.is_zero():
        return "0"  # jamais « -0 » : « −0 » saisi vaut 0 (le schéma refuserait « -0 »)
    if d == d.to_integral_value():
        return format(d.quantize(Decimal(1)), "f")
    return format(d.normalize(), "f")


def decimal_ou_none(
    valeur: object, chemin: str, *, minimum: Decimal | None = None
) -> Decimal | None:
    """Comme `decimal`, `None` (non renseigné, R-UNKNOWN) restant `None`."""
    return None if valeur is None else decimal(valeur, chemin, minimum=minimum)


def entier(
    valeur: object, chemin: str, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Un entier (un `Decimal` ou un flottant entier est accepté), borné si demandé."""
    if isinstance(valeur, bool):
        raise ValeurInvalide(chemin, "entier attendu")
    if isinstance(valeur, float | Decimal) and valeur == int(valeur):
        valeur = int(valeur)
    if not isinstance(valeur, int):
        raise ValeurInvalide(chemin, "entier attendu")
    if minimum is not None and valeur < minimum:
        raise ValeurInvalide(chemin, f"valeur {valeur} inférieure au minimum {minimum}")
    if maximum is not None and valeur > maximum:
        raise ValeurInvalide(chemin, f"valeur {valeur} supérieure au maximum {maximum}")
    return valeur


def entier_ou_none(valeur: object, chemin: str, *, minimum: int | None = None) -> int | None:
    """Comme `entier`, `None` restant `None`."""
    return None if valeur is None else entier(valeur, chemin, minimum=minimum)


def booleen(valeur: object, chemin: str) -> bool:
    """`true` ou `false`."""
    if not isinstance(valeur, bool):
        raise ValeurInvalide(chemin, "booléen attendu (true ou false)")
    return valeur


def texte(valeur: object, chemin: str) -> str:
    """Une chaîne, espaces de bord retirés (peut être vide)."""
    if not isinstance(valeur, str):
        raise ValeurInvalide(chemin, "texte attendu")
    return valeur.strip()


def texte_ou_none(valeur: object, chemin: str) -> str | None:
    """Une chaîne non vide, ou `None` si absente ou vide."""
    if valeur is None:
        return None
    t = texte(valeur, chemin)
    return t or None


def jour(valeur: object, chemin: str) -> date:
    """Une date ISO « AAAA-MM-JJ »."""
    if isinstance(valeur, date):
        return valeur
    if not isinstance(valeur, str):
        raise ValeurInvalide(chemin, "date attendue au format AAAA-MM-JJ")
    try:
        return date.fromisoformat(valeur)
    except ValueError:
        raise ValeurInvalide(chemin, f"date invalide « {valeur} » (format AAAA-MM-JJ)") from None


def jour_ou_none(valeur: object, chemin: str) -> date | None:
    """Comme `jour`, `None` restant `None`."""
    return None if valeur is None else jour(valeur, chemin)


def choix(classe: type[E], valeur: object, chemin: str) -> E:
    """Un membre d'énumération, lu par sa valeur stockée."""
    for membre in classe:
        if membre.value == valeur:
            return membre
    admis = ", ".join(str(m.value) for m in classe)
    raise ValeurInvalide(chemin, f"valeur « {valeur} » inconnue ; valeurs admises : {admis}")


def objet(valeur: object, chemin: str) -> Mapping[str, object]:
    """Un objet JSON (dictionnaire à clés textuelles)."""
    if not isinstance(valeur, Mapping) or not all(isinstance(k, str) for k in valeur):
        raise ValeurInvalide(chemin, "objet attendu")
    return valeur


def liste(valeur: object, chemin: str) -> list[object]:
    """Un tableau JSON."""
    if not isinstance(valeur, list | tuple):
        raise ValeurInvalide(chemin, "liste attendue")
    return list(valeur)


def cles(obj: Mapping[str, object], chemin: str, *, requises: set[str], permises: set[str]) -> None:
    """Refuse une clé manquante parmi `requises` ou inconnue hors de `requises | permises`."""
    for cle in sorted(requises - obj.keys()):
        raise ValeurInvalide(sous(chemin, cle), "champ obligatoire manquant")
    for cle in sorted(obj.keys() - requises - permises):
        raise ValeurInvalide(sous(chemin, cle), "champ inconnu")


def table(
    classe: type[E], valeur: object, chemin: str, *, complete: bool = True
) -> dict[E, object]:
    """Un objet indexé par les valeurs d'une énumération (toutes présentes si `complete`)."""
    obj = objet(valeur, chemin)
    resultat: dict[E, object] = {}
    for cle, v in obj.items():
        resultat[choix(classe, cle, sous(chemin, cle))] = v
    if complete:
        for membre in classe:
            if membre not in resultat:
                raise ValeurInvalide(sous(chemin, str(membre.value)), "champ obligatoire manquant")
    return resultat
