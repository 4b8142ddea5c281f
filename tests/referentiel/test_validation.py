"""La validation des documents par les schémas est un module à part : la commande `iml regles`
et l'adaptateur du moteur s'en servent, le moteur n'importe pas la commande."""

from __future__ import annotations

import ast
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]


def _modules_importes(fichier: Path) -> set[str]:
    noms: set[str] = set()
    for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
        if isinstance(noeud, ast.Import):
            noms.update(alias.name for alias in noeud.names)
        elif isinstance(noeud, ast.ImportFrom) and noeud.module:
            noms.add(noeud.module)
            noms.update(f"{noeud.module}.{alias.name}" for alias in noeud.names)
    return noms


def test_seul_le_point_d_entree_importe_la_commande_regles():
    fautifs = sorted(
        str(f.relative_to(RACINE))
        for f in (RACINE / "iml").rglob("*.py")
        if f.relative_to(RACINE).as_posix() not in {"iml/cli.py", "iml/referentiel/cli_regles.py"}
        and "iml.referentiel.cli_regles" in _modules_importes(f)
    )
    assert fautifs == []


def test_le_moteur_et_la_commande_partagent_la_validation():
    from iml.appels import moteur
    from iml.referentiel import cli_regles, validation

    assert moteur.traduire is validation.traduire is cli_regles.traduire
    assert moteur.validateur is validation.validateur is cli_regles.validateur
