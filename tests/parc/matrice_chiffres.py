"""Matrice des permissions du volet chiffres du parc (places financées, logements mobilisés,
places ouvertes).

- `parc:chiffres` : la direction et la gestion locative d'un opérateur lisent les chiffres de
  leurs conventions (marc 200) ; l'administrateur de la plateforme toutes ; les autres 403
  (l'État a sa page de territoire).
- `parc:chiffres_territoire` : l'État (DDETS : son département, DREETS : sa région) et
  l'administrateur ; les autres 403. Pages sans objet : pas de cible.
"""

from __future__ import annotations

from tests.test_matrice_permissions import statuts

MATRICE = {
    ("parc:chiffres", "get", None): statuts(403, marc=200, admin=200),
    ("parc:chiffres_territoire", "get", None): statuts(403, claire=200, paul=200, admin=200),
}

#: Écarts de rôle : le travail social d'un opérateur (nadia, ines) ne lit pas les chiffres
#: des conventions (perms.gere_le_parc : direction et gestion locative seules) ; il lit les
#: seuls logements de ses ménages, sur les pages du volet logements.
ECARTS = {
    ("parc:chiffres", "get", None): {"nadia": 403, "ines": 403},
}
