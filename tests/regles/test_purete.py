"""`regles/` est du Python pur : bibliothèque standard seulement, pas d'horloge."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

REGLES = Path(__file__).resolve().parents[2] / "regles"
MODULES = sorted(REGLES.glob("*.py"))
SOLVEURS = {"numpy", "scipy", "ortools"}
HORLOGE = {"today", "now", "utcnow", "time", "monotonic", "perf_counter"}


def _imports(arbre: ast.AST) -> list[str]:
    noms = []
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            noms += [a.name.split(".")[0] for a in noeud.names]
        elif isinstance(noeud, ast.ImportFrom):
            if noeud.level:
                noms.append(".")
            elif noeud.module:
                noms.append(noeud.module.split(".")[0])
    return noms


def test_des_modules_a_verifier() -> None:
    assert len(MODULES) > 10


@pytest.mark.parametrize("chemin", MODULES, ids=lambda p: p.name)
def test_imports_bibliotheque_standard_seulement(chemin: Path) -> None:
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    # Le moteur d'appariement a ses bibliothèques de calcul (docs/adr/0011), pures elles aussi.
    admis = SOLVEURS if chemin.stem.startswith("appariement") else set()
    for nom in _imports(arbre):
        assert nom != ".", f"{chemin.name} : import relatif"
        assert nom == "regles" or nom in sys.stdlib_module_names or nom in admis, (
            f"{chemin.name} importe {nom}"
        )
        assert nom not in {"django", "iml"}


@pytest.mark.parametrize("chemin", MODULES, ids=lambda p: p.name)
def test_pas_d_horloge(chemin: Path) -> None:
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Attribute) and isinstance(noeud.value, ast.Name):
            assert noeud.attr not in HORLOGE, f"{chemin.name} lit l'horloge : {noeud.attr}"
    assert "time" not in _imports(arbre)
    assert "random" not in _imports(arbre)


@pytest.mark.parametrize("chemin", MODULES, ids=lambda p: p.name)
def test_budget_de_taille(chemin: Path) -> None:
    texte = chemin.read_text(encoding="utf-8")
    assert texte.count("\n") <= 400, f"{chemin.name} dépasse 400 lignes"
    for noeud in ast.walk(ast.parse(texte)):
        if isinstance(noeud, ast.FunctionDef) and noeud.end_lineno:
            longueur = noeud.end_lineno - noeud.lineno
            assert longueur <= 45, f"{chemin.name}:{noeud.name} fait {longueur} lignes"
