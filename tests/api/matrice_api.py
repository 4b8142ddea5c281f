"""Matrice des permissions de l'API (fusionnée par tests/test_matrice_permissions.py).

La matrice se connecte par la session du site : l'API l'accepte (lecture, et écriture sans
contrôle CSRF dans le client de test). Sans session ni jeton : 401. « propre » = un objet du
périmètre de la persona, « autre » = un objet hors de son périmètre (404).
L'appel d'Ille-et-Vilaine 2019-2020 est clos depuis le 04/03/2019 : tout dépôt y répond 403.
"""

from tests.api.outils import monde
from tests.test_matrice_permissions import statuts

MATRICE = {
    ("api:openapi-json", "get", None): statuts(200, anonyme=200),
    ("api:openapi-view", "get", None): statuts(200, anonyme=200),
    # La racine de l'API n'a pas de contenu : django-ninja y répond 404.
    ("api:api-root", "get", None): statuts(404, anonyme=404),
    ("api:appels", "get", None): statuts(200, anonyme=401),
    ("api:appel", "get", "propre"): statuts(200, anonyme=401),
    ("api:appel", "get", "autre"): statuts(404, anonyme=401, admin=200),
    ("api:dossiers", "get", None): statuts(200, anonyme=401),
    ("api:dossier", "get", "propre"): statuts(200, anonyme=401, sophie=404, anne=404),
    ("api:dossier", "get", "autre"): statuts(404, anonyme=401, admin=200),
    ("api:deposer_dossier", "post", "propre"): statuts(403, anonyme=401),
    ("api:deposer_dossier", "post", "autre"): statuts(404, anonyme=401, admin=403),
}

#: La DREETS Nouvelle-Aquitaine voit la Gironde, pas l'Ille-et-Vilaine ; les autres, l'inverse.
_APPEL_PROPRE = {"paul": "appel33"}
_APPEL_AUTRE = {"paul": "appel35"}
_DOSSIER_PROPRE = {"paul": "dossier_gironde"}
_DOSSIER_AUTRE = {"paul": "dossier_ais", "marc": "dossier_relais"}


def _appel(d, persona: str, cible: str):
    table, defaut = (_APPEL_PROPRE, "appel35") if cible == "propre" else (_APPEL_AUTRE, "appel33")
    return {"id": getattr(d.api, table.get(persona, defaut)).pk}, {}


def _dossier(d, persona: str, cible: str):
    if cible == "propre":
        table, defaut = _DOSSIER_PROPRE, "dossier_ais"
    else:
        table, defaut = _DOSSIER_AUTRE, "dossier_gironde"
    return {"id": getattr(d.api, table.get(persona, defaut)).pk}, {}


CIBLES = {
    "api:appel": _appel,
    "api:deposer_dossier": _appel,
    "api:dossier": _dossier,
}


def preparer(distribution) -> None:
    monde(distribution)
