"""Chaque identifiant de règle (R-…) est appliqué dans `regles/`, testé dans `tests/regles/` et
documenté dans le guide ; la liste interne reproduit celle de la référence partagée."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from regles.ids import HORS_REFERENCE, IDS, REGLES, regle

RACINE = Path(__file__).resolve().parents[2]
REFERENCE = RACINE.parent / "shared" / "reference" / "iml-rules.md"


def _texte(dossier: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(dossier.glob("*.py")))


def test_49_regles_uniques() -> None:
    assert len(IDS) == len(set(IDS)) == 49
    assert regle("R-SW-RATIO").source == "003 annexe 1b"
    with pytest.raises(KeyError):
        regle("R-INCONNUE")


@pytest.mark.parametrize("identifiant", IDS)
def test_chaque_regle_est_appliquee_dans_regles(identifiant: str) -> None:
    sources = {p.stem: p.read_text(encoding="utf-8") for p in (RACINE / "regles").glob("*.py")}
    module = regle(identifiant).module
    assert re.search(rf'"""[^"]*{re.escape(identifiant)}(?![-A-Z])', sources[module]), (
        f"{identifiant} n'est cité par aucune docstring de regles/{module}.py"
    )


@pytest.mark.parametrize("identifiant", IDS)
def test_chaque_regle_a_un_test_a_son_nom(identifiant: str) -> None:
    nom = "test_" + identifiant.lower().replace("-", "_")
    assert re.search(rf"def {nom}\w*\(", _texte(RACINE / "tests" / "regles")), nom


@pytest.mark.parametrize("identifiant", IDS)
def test_chaque_regle_est_dans_le_guide(identifiant: str) -> None:
    guide = (RACINE / "docs" / "guide" / "regles.md").read_text(encoding="utf-8")
    assert f"### {identifiant}" in guide


@pytest.mark.skipif(not REFERENCE.exists(), reason="../shared absent")
def test_la_liste_reproduit_la_reference() -> None:
    texte = REFERENCE.read_text(encoding="utf-8")
    mentionnes = re.findall(r"\b(R-[A-Z][A-Z-]*[A-Z])\b", texte)
    assert set(mentionnes) == set(IDS) - HORS_REFERENCE
    assert set(IDS) >= HORS_REFERENCE
    for r in REGLES:
        if r.id in HORS_REFERENCE:
            # Texte national, pratique des opérateurs (besoins de l'État), RGPD, ou paragraphe
            # des sources interprété pour le parc ou l'accompagnement.
            assert r.source.split()[0] in {"Décret", "Loi", "Besoin", "RGPD", "003", "000"}, r.id
        else:
            assert r.source.split()[0] in {"003", "000"}, r.id
