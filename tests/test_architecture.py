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


#: Le moteur d'appariement calcule avec une bibliothèque de solveurs (docs/adr/0011) : elle
#: est permise dans ses seuls modules (tests/regles/test_purete.py dit la même chose).
SOLVEURS = {"numpy", "scipy", "ortools"}


def test_regles_est_du_python_pur():
    """regles/ n'importe que la bibliothèque standard (et lui-même) : ni Django, ni iml ; les
    solveurs seulement dans regles/appariement*.py."""
    permis = set(sys.stdlib_module_names) | {"regles"}
    fautes = {
        str(f.relative_to(RACINE)): sorted(interdits)
        for f in (RACINE / "regles").rglob("*.py")
        if (
            interdits := _imports(f)
            - permis
            - (SOLVEURS if f.name.startswith("appariement") else set())
        )
    }
    assert fautes == {}


def test_les_modules_restent_dans_le_budget_de_taille():
    trop_longs = {
        str(f.relative_to(RACINE)): n
        for dossier in ("iml", "regles", "config")
        for f in (RACINE / dossier).rglob("*.py")
        if "migrations" not in f.parts
        and (n := len(f.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert trop_longs == {}


def _fichiers(*dossiers: str) -> list[Path]:
    return [
        f
        for dossier in dossiers
        for f in (RACINE / dossier).rglob("*.py")
        if "migrations" not in f.parts
    ]


def _est_vue_ou_formulaire(f: Path) -> bool:
    parties = f.relative_to(RACINE).parts
    return (
        "views" in parties
        or "forms" in parties
        or "formulaires" in parties
        or f.stem in ("views", "forms")
        or f.stem.startswith(("views_", "forms_"))
    )


def test_ni_les_vues_ni_les_formulaires_ne_lisent_la_base_directement():
    """Les vues et formulaires passent par les sélecteurs et services (`.objects` interdit)."""
    fautes = sorted(
        str(f.relative_to(RACINE))
        for f in _fichiers("iml")
        if _est_vue_ou_formulaire(f) and ".objects" in f.read_text(encoding="utf-8")
    )
    assert fautes == []


def test_les_services_n_importent_ni_vues_ni_exports():
    """Les écritures ne dépendent pas de la présentation (vues, exports, PDF)."""
    fautes = {}
    for f in _fichiers("iml"):
        parties = f.relative_to(RACINE).parts
        if not ("services" in parties or f.stem.startswith("services")):
            continue
        arbre = ast.parse(f.read_text(encoding="utf-8"))
        modules = {
            n.module for n in ast.walk(arbre) if isinstance(n, ast.ImportFrom) and n.module
        } | {a.name for n in ast.walk(arbre) if isinstance(n, ast.Import) for a in n.names}
        interdits = sorted(
            m for m in modules if ".views" in m or ".exports" in m or m.endswith(".pdf")
        )
        if interdits:
            fautes[str(f.relative_to(RACINE))] = interdits
    assert fautes == {}


def test_les_fonctions_restent_dans_le_budget_de_taille():
    """Une fonction de plus de 40 lignes se découpe (budget du projet)."""
    trop_longues = {}
    for f in _fichiers("iml", "regles", "config"):
        for noeud in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.FunctionDef | ast.AsyncFunctionDef):
                longueur = noeud.end_lineno - noeud.lineno + 1
                if longueur > 40:
                    trop_longues[f"{f.relative_to(RACINE)}:{noeud.name}"] = longueur
    assert trop_longues == {}
