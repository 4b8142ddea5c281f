"""Règles d'architecture vérifiées sur le code lui-même."""

import ast
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent


def _imports(fichier: Path) -> set[str]:
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    noms: set[str] = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            noms.update(alias.name.split(".")[0] for alias in noeud.names)
        elif isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
            noms.add(noeud.module.split(".")[0])
    return noms


def test_regles_est_du_python_pur():
    """regles/ n'importe que la bibliothèque standard (et lui-même) : ni Django, ni iml."""
    permis = set(sys.stdlib_module_names) | {"regles"}
    fautes = {
        str(f.relative_to(RACINE)): sorted(_imports(f) - permis)
        for f in (RACINE / "regles").rglob("*.py")
        if _imports(f) - permis
    }
    assert fautes == {}


def test_les_modules_restent_dans_le_budget_de_taille():
    trop_longs = {
        str(f.relative_to(RACINE)): n
        for dossier in ("iml", "regles", "config")
        for f in (RACINE / dossier).rglob("*.py")
        if "migrations" not in f.parts
        and (n := len(f.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert trop_longs == {}
