"""Matrice des permissions des tableaux de bord du pilotage (fusionnée par
tests/test_matrice_permissions.py).

L'export générique d'un tableau (`pilotage:export_tableau`), construit dans le périmètre de
l'acteur :
- cible None : le tableau des places (État, opérateur de gestion, plateforme ; SIAO et
  cofinanceur : 403, ce n'est pas leur tableau de bord) ;
- cible « propre » : les propositions par état (SIAO seulement) ;
- cible « autre » : un nom de tableau inconnu, 404 pour tout compte connecté.
La page d'accueil (`ui:accueil`, tableau de bord de chaque rôle) est dans la matrice commune.
"""

from __future__ import annotations

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE"]

_NOMS = {None: "places", "propre": "propositions", "autre": "tableau-inexistant"}

CIBLES = {
    "pilotage:export_tableau": lambda d, p, q: ({"nom": _NOMS[q], "format": "csv"}, {}),
}

MATRICE: dict = {
    ("pilotage:export_tableau", "get", None): statuts(200, sophie=403, anne=403),
    ("pilotage:export_tableau", "get", "propre"): statuts(403, sophie=200),
    ("pilotage:export_tableau", "get", "autre"): statuts(404),
}

ECARTS = {
    # Le tableau de bord chiffré d'un opérateur est celui de sa gestion (direction, gestion
    # locative : iml.parc.perms.gere_le_parc) ; le travail social n'a que les tuiles.
    ("pilotage:export_tableau", "get", None): {"nadia": 403, "ines": 403},
}
