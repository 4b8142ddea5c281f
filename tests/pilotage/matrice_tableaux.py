"""Matrice des permissions des tableaux de bord du pilotage (fusionnée par
tests/test_matrice_permissions.py).

L'export générique d'un tableau (`pilotage:export_tableau`) : un nom de tableau inconnu est 404
pour tout compte connecté (l'anonyme va à la connexion). Chaque tableau enregistré ajoute sa
ligne (accès selon le périmètre de l'acteur).
"""

from __future__ import annotations

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "MATRICE"]


CIBLES = {
    "pilotage:export_tableau": lambda d, p, q: ({"nom": "tableau-inexistant", "format": "csv"}, {}),
}

MATRICE: dict = {
    ("pilotage:export_tableau", "get", None): statuts(404),
}
