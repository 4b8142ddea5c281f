"""Conversions des valeurs d'un fichier d'import (texte) vers les champs du parc ; une valeur
refusée lève `ValueError` avec un message français qui dit ce qui est attendu."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from iml.parc.enums import Conventionnement, OrigineBailleur, TypeBailleur
from iml.parc.imports.colonnes import normaliser_entete as cle
from regles.types import ClasseDpe, Mode, Typologie

NON_RENSEIGNE = {"", "non_renseigne", "nr"}
OUI = {"oui", "o", "vrai", "true", "1", "x", "yes"}
NON = {"non", "n", "faux", "false", "0", "no"}
_ESPACES = re.compile(r"[\s\u00a0\u202f]")
_ENTIER = re.compile(r"^-?\d{1,6}$")


def vide(brut: str) -> bool:
    return cle(brut) in NON_RENSEIGNE


def _table(choix, *alias: tuple[str, str]) -> dict[str, str]:
    """Valeur stockée et libellé, normalisés, vers la valeur stockée ; plus les alias."""
    table: dict[str, str] = {}
    for valeur, libelle in choix:
        table[cle(valeur)] = valeur
        table[cle(libelle)] = valeur
    table.update({cle(a): v for a, v in alias})
    return table


TYPOLOGIES = _table(
    Typologie.choices(),
    ("chambre", "STUDIO"), ("studio", "STUDIO"), ("t6", "T6_PLUS"), ("t6 et", "T6_PLUS"),
    ("t6 et plus", "T6_PLUS"), ("t6+", "T6_PLUS"),
)  # fmt: skip
FORMES = _table(Mode.choices(), ("mg", "MANDAT_GESTION"), ("sl", "SOUS_LOCATION"))
TYPES_BAILLEUR = _table(
    TypeBailleur.choices, ("personne", "PERSONNE"), ("particulier", "PERSONNE"),
    ("societe", "SOCIETE"), ("bailleur social", "BAILLEUR_SOCIAL"),
)  # fmt: skip
ORIGINES = _table(
    OrigineBailleur.choices, ("plateforme", "PLATEFORME"), ("zlv", "ZERO_LOGEMENT_VACANT"),
    ("louer cle en main", "PLATEFORME"),
)  # fmt: skip
CONVENTIONNEMENTS = _table(
    Conventionnement.choices, ("loc1", "LOC1"), ("loc2", "LOC2"), ("loc3", "LOC3"),
    ("anah ancien", "ANAH_ANCIEN"), ("anah", "ANAH_ANCIEN"),
)  # fmt: skip
CLASSES_DPE = {c.value.lower(): c.value for c in ClasseDpe}


def choix(table: dict[str, str], attendu: str):
    def convertir(brut: str) -> str:
        valeur = table.get(cle(brut))
        if valeur is None:
            raise ValueError(f"« {brut} » n'est pas une valeur reconnue ({attendu}).")
        return valeur

    return convertir


def oui_non(brut: str) -> bool | None:
    if vide(brut):
        return None
    if cle(brut) in OUI:
        return True
    if cle(brut) in NON:
        return False
    raise ValueError(f"« {brut} » : écrivez oui ou non.")


def entier(brut: str) -> int:
    texte = _ESPACES.sub("", brut).replace("\u2212", "-")
    if texte.endswith((",0", ".0")):
        texte = texte[:-2]
    if not _ENTIER.match(texte):
        raise ValueError(f"« {brut} » n'est pas un nombre entier.")
    return int(texte)


def decimal(brut: str) -> Decimal:
    """« 520,50 », « 520.50 », « 1 234,5 » ; deux décimales au plus, positif."""
    texte = _ESPACES.sub("", brut).replace("€", "").replace(",", ".").replace("\u2212", "-")
    try:
        valeur = Decimal(texte)
    except InvalidOperation as erreur:
        raise ValueError(f"« {brut} » n'est pas un nombre (par exemple 520,50).") from erreur
    if not valeur.is_finite() or valeur < 0:
        raise ValueError(f"« {brut} » : un nombre positif est attendu (par exemple 520,50).")
    # « 1e100 » : la borne d'abord (l'arrondi au centime d'un tel nombre lèverait une erreur).
    if valeur >= Decimal("100000000"):
        raise ValueError(f"« {brut} » : nombre trop grand.")
    if valeur != valeur.quantize(Decimal("0.01")):
        raise ValueError(f"« {brut} » : deux décimales au plus.")
    return valeur.quantize(Decimal("0.01"))


_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def jour(brut: str) -> date:
    """« 05/03/2026 » ou « 2026-03-05 »."""
    texte = brut.strip()
    if trouve := _DATE_FR.match(texte):
        j, m, a = (int(x) for x in trouve.groups())
    elif trouve := _DATE_ISO.match(texte):
        a, m, j = (int(x) for x in trouve.groups())
    else:
        raise ValueError(f"« {brut} » n'est pas une date (écrivez 05/03/2026 ou 2026-03-05).")
    try:
        return date(a, m, j)
    except ValueError as erreur:
        raise ValueError(f"« {brut} » n'est pas une date du calendrier.") from erreur


def classe_dpe(brut: str) -> str:
    valeur = CLASSES_DPE.get(brut.strip().lower())
    if valeur is None:
        raise ValueError(f"« {brut} » : une classe de A à G est attendue.")
    return valeur
