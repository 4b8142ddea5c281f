"""Fixtures des tests des règles : barèmes lus directement des fichiers JSON livrés.

Aucun import de Django ni de `iml` : ces tests tournent sans base et sans réglages.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from regles.bareme import Bareme, fusionner_couches, resoudre_chaine

RACINE = Path(__file__).resolve().parents[2]
DONNEES = RACINE / "iml" / "referentiel" / "data"

# Pas de délai par exemple : une machine d'intégration chargée ne doit pas rendre un test instable.
settings.register_profile("regles", deadline=None)
settings.load_profile("regles")


def _jeux() -> dict[str, dict[str, Any]]:
    jeux = {}
    for chemin in sorted(DONNEES.glob("*.json")):
        jeu = json.loads(chemin.read_text(encoding="utf-8"), parse_float=Decimal)
        jeux[jeu["code"]] = jeu
    return jeux


@pytest.fixture(scope="session")
def jeux() -> dict[str, dict[str, Any]]:
    """Les jeux de paramètres livrés, par code."""
    return _jeux()


@pytest.fixture(scope="session")
def bareme_national(jeux: dict[str, dict[str, Any]]) -> Bareme:
    """Barème national seul (instruction du 4 juin 2018)."""
    return fusionner_couches(resoudre_chaine(jeux, "national-2018"))


@pytest.fixture(scope="session")
def bareme_na(jeux: dict[str, dict[str, Any]]) -> Bareme:
    """National < Nouvelle-Aquitaine (plafonds régionaux)."""
    return fusionner_couches(resoudre_chaine(jeux, "region-75-nouvelle-aquitaine"))


@pytest.fixture(scope="session")
def bareme(jeux: dict[str, dict[str, Any]]) -> Bareme:
    """National < appel Ille-et-Vilaine 2019-2020 (barème par défaut)."""
    return fusionner_couches(resoudre_chaine(jeux, "appel-35-2019-2020"))


@pytest.fixture(scope="session")
def exemples() -> Path:
    """Dossier des exemples de `iml/referentiel/schemas/exemples/`."""
    return RACINE / "iml" / "referentiel" / "schemas" / "exemples"
