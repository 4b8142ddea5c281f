"""Matrice des permissions du volet chiffres des occupations (nombres et taux, jamais un nom).

- `occupations:chiffres` : la direction et la gestion locative d'un opérateur (les siens),
  l'État (DDETS : son département ; DREETS : sa région), l'administration de la plateforme
  (tous) ; SIAO et cofinanceurs 403. Page sans objet : pas de cible.
"""

from __future__ import annotations

from tests.test_matrice_permissions import statuts

MATRICE = {
    ("occupations:chiffres", "get", None): statuts(403, claire=200, paul=200, marc=200, admin=200),
}

#: Écarts de rôle : le travail social d'un opérateur (nadia, ines) ne lit pas les chiffres
#: (perms.peut_voir_chiffres : direction et gestion locative seules) ; il suit ses ménages.
ECARTS = {
    ("occupations:chiffres", "get", None): {"nadia": 403, "ines": 403},
}
