"""Jeux de paramètres livrés en fichiers JSON (`iml/referentiel/data/`).

Un fichier = un jeu = un objet JSON, tel qu'une ligne de base peut le garder entier. La
résolution des couches (national < régional < appel) est faite par les fonctions pures de
`regles.bareme` ; ce module ne fait que lire les fichiers. Les nombres décimaux des fichiers
sont lus en `Decimal` (jamais en flottant binaire).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from regles.bareme import Bareme, fusionner_couches, resoudre_chaine

DOSSIER_DONNEES = Path(__file__).resolve().parent / "data"
BAREME_PAR_DEFAUT = "appel-35-2019-2020"


def lire_jeu(chemin: Path) -> dict[str, Any]:
    """Un fichier de jeu de paramètres, décimaux en `Decimal`."""
    with chemin.open(encoding="utf-8") as f:
        contenu = json.load(f, parse_float=Decimal)
    if not isinstance(contenu, dict):
        raise ValueError(f"{chemin.name} : un objet JSON est attendu")
    return contenu


def lire_jeux(dossier: Path = DOSSIER_DONNEES) -> list[dict[str, Any]]:
    """Tous les jeux livrés, triés par nom de fichier."""
    return [lire_jeu(chemin) for chemin in sorted(dossier.glob("*.json"))]


def jeux_par_code(dossier: Path = DOSSIER_DONNEES) -> dict[str, dict[str, Any]]:
    """Les jeux livrés, indexés par leur code ; un code en double lève `ValueError`."""
    jeux: dict[str, dict[str, Any]] = {}
    for jeu in lire_jeux(dossier):
        code = str(jeu.get("code"))
        if code in jeux:
            raise ValueError(f"jeu de paramètres « {code} » en double")
        jeux[code] = jeu
    return jeux


def bareme_pour(code: str, jeux: Mapping[str, Mapping[str, Any]] | None = None) -> Bareme:
    """Le `Bareme` du jeu `code`, parents résolus (`ParametreInvalide` si introuvable)."""
    return fusionner_couches(resoudre_chaine(jeux if jeux is not None else jeux_par_code(), code))
