"""Matrice des permissions du moteur d'appariement (fusionnée par
tests/test_matrice_permissions.py).

Objets (`preparer`) : une exécution terminée du SIAO 35 (sophie, par le service `lancer`,
cible « propre ») et celle d'un SIAO de Gironde (cible « autre », `second_siao` de
matrice_orientations, lancée par le même service).

- SIAO (coordination) : lancer, suivre, revoir, proposer, demander pourquoi ; l'exécution d'un
  autre SIAO : 404.
- Tous les autres rôles (opérateurs, État, plateforme, cofinanceurs) : 403 — l'État lit les
  chiffres des orientations, jamais une exécution (elle nomme des ménages).
"""

from __future__ import annotations

from types import SimpleNamespace

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "MATRICE", "preparer"]


def preparer(d) -> None:
    from iml.orientations.services.appariement import lancer
    from tests.appels.factories import acteur
    from tests.orientations.factories import maintenant
    from tests.orientations.matrice_orientations import second_siao

    if hasattr(d, "appariement"):
        return
    propre = lancer(acteur=acteur(d.sophie), maintenant=maintenant())
    d.appariement = SimpleNamespace(propre=propre, autre=second_siao(d).execution)


def _execution(d, persona: str, quoi: str):
    return {"pk": getattr(d.appariement, quoi).pk}, {}


CIBLES = {
    "orientations:appariement": _execution,
    "orientations:appariement_progression": _execution,
    "orientations:appariement_proposer": _execution,
    "orientations:appariement_pourquoi": _execution,
}

_SIAO_LIT = statuts(403, sophie=200)
_SIAO_AUTRE = statuts(403, sophie=404)

MATRICE: dict = {
    ("orientations:appariements", "get", None): _SIAO_LIT,
    ("orientations:appariement_lancer", "get", None): _SIAO_LIT,
    ("orientations:appariement_lancer", "post", None): statuts(403, sophie=302),
    ("orientations:appariement", "get", "propre"): _SIAO_LIT,
    ("orientations:appariement", "get", "autre"): _SIAO_AUTRE,
    ("orientations:appariement_progression", "get", "propre"): _SIAO_LIT,
    ("orientations:appariement_progression", "get", "autre"): _SIAO_AUTRE,
    ("orientations:appariement_proposer", "get", "propre"): statuts(405),
    ("orientations:appariement_proposer", "post", "propre"): statuts(403, sophie=302),
    ("orientations:appariement_proposer", "post", "autre"): _SIAO_AUTRE,
    ("orientations:appariement_pourquoi", "get", "propre"): _SIAO_LIT,
    ("orientations:appariement_pourquoi", "get", "autre"): _SIAO_AUTRE,
}
