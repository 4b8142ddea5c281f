"""Les schémas JSON sont des données du paquet : à l'exécution, aucun module de `iml/` ni de
`regles/` ne lit sous `docs/` (absent d'une installation par le paquet)."""

from __future__ import annotations

import ast
import tomllib
from fnmatch import fnmatch
from pathlib import Path

from iml.referentiel.validation import DOSSIER_SCHEMAS, EXEMPLES

RACINE = Path(__file__).resolve().parents[2]
#: Générateurs de documentation, lancés à la main (`--ecrire`) : ils écrivent sous docs/.
GENERATEURS_DE_DOC = {"iml/referentiel/guide.py"}


def _docstrings(arbre: ast.AST) -> set[int]:
    ids = set()
    for noeud in ast.walk(arbre):
        corps = getattr(noeud, "body", None)
        if isinstance(corps, list) and corps and isinstance(corps[0], ast.Expr):
            ids.add(id(corps[0].value))
    return ids


def _chemins_docs(fichier: Path) -> list[str]:
    """Les chaînes du code (hors docstrings) qui désignent `docs` ou un chemin sous `docs/`."""
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    docstrings = _docstrings(arbre)
    return [
        noeud.value
        for noeud in ast.walk(arbre)
        if isinstance(noeud, ast.Constant)
        and isinstance(noeud.value, str)
        and id(noeud) not in docstrings
        and (noeud.value == "docs" or noeud.value.startswith("docs/"))
    ]


def test_aucun_module_ne_lit_sous_docs():
    fautes = {
        chemin: trouve
        for dossier in ("iml", "regles")
        for f in (RACINE / dossier).rglob("*.py")
        if (chemin := f.relative_to(RACINE).as_posix()) not in GENERATEURS_DE_DOC
        and (trouve := _chemins_docs(f))
    }
    assert fautes == {}


def test_les_schemas_et_exemples_sont_des_donnees_du_paquet():
    paquet = RACINE / "iml"
    assert DOSSIER_SCHEMAS.is_relative_to(paquet) and EXEMPLES.is_relative_to(paquet)
    globs = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["*"]
    fichiers = [*DOSSIER_SCHEMAS.glob("*.json"), *EXEMPLES.glob("*.json")]
    assert len(fichiers) >= 16
    assert all(any(fnmatch(f.name, g) for g in globs) for f in fichiers)
    assert not (RACINE / "docs" / "schemas" / "conformite.schema.json").exists()
