"""Matrice des permissions de l'API du pilotage (fusionnée par
tests/test_matrice_permissions.py) : les services de l'État et la plateforme lisent leurs
indicateurs ; toute autre organisation reçoit 403 ; sans session ni jeton, 401."""

from tests.test_matrice_permissions import statuts

_ETAT = statuts(403, anonyme=401, claire=200, paul=200, admin=200)

MATRICE = {
    ("api:pilotage_tableau_de_bord", "get", None): _ETAT,
    ("api:pilotage_tableau", "get", "propre"): _ETAT,
    ("api:pilotage_montee", "get", None): _ETAT,
    ("api:pilotage_statistiques", "get", None): _ETAT,
}


def _annee(d, persona: str, cible: str):
    return {}, {"annee": 2025}


CIBLES = {
    "api:pilotage_tableau": lambda d, persona, cible: ({"nom": "places"}, {}),
    "api:pilotage_statistiques": _annee,
}
