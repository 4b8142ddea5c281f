"""Matrice des permissions de l'API (fusionnée par tests/test_matrice_permissions.py).

La matrice se connecte par la session du site : l'API l'accepte (lecture, et écriture sans
contrôle CSRF dans le client de test). Sans session ni jeton : 401. « propre » = un objet du
périmètre de la persona, « autre » = un objet hors de son périmètre (404).
L'appel d'Ille-et-Vilaine 2019-2020 est clos depuis le 04/03/2019 : tout dépôt y répond 403.
"""

from types import SimpleNamespace

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
    parc(distribution)


# --- Parc (logements, bailleurs) -------------------------------------------------------------
# Listes : 200 pour toute persona connectée, vides hors de la gestion du parc (comme
# `api:dossiers` pour le SIAO). Fiche d'un logement : 404 hors périmètre (l'État, le SIAO et
# le cofinanceur ne lisent aucune fiche). Écritures : 403 (R-PARC) pour qui ne tient pas le
# parc, avant la lecture du corps ; la matrice poste un corps de formulaire vide, que la
# direction voit refusé en 400 (JSON attendu) ; un PATCH vide (« {} ») ne change rien : 200.
MATRICE.update(
    {
        ("api:logements", "get", None): statuts(200, anonyme=401),
        ("api:logement", "get", "propre"): statuts(404, anonyme=401, marc=200, admin=200),
        ("api:logement", "get", "autre"): statuts(404, anonyme=401, admin=200),
        ("api:creer_logement", "post", None): statuts(403, anonyme=401, marc=400),
        ("api:modifier_logement", "patch", "propre"): statuts(403, anonyme=401, marc=200),
        ("api:modifier_logement", "patch", "autre"): statuts(403, anonyme=401, marc=404),
        ("api:bailleurs", "get", None): statuts(200, anonyme=401),
    }
)

#: Écarts de rôle du parc : le travail social (nadia pour l'AIS, ines pour le Relais) ne lit
#: que les logements de ses ménages — aucun tant que les occupations n'existent pas : la fiche
#: répond 404 ; il n'écrit pas le parc (perms.acces_parc) : 403 avant toute recherche.
ECARTS = {
    ("api:logement", "get", "propre"): {"nadia": 404, "ines": 404},
    ("api:creer_logement", "post", None): {"nadia": 403, "ines": 403},
    ("api:modifier_logement", "patch", "propre"): {"nadia": 403, "ines": 403},
    ("api:modifier_logement", "patch", "autre"): {"nadia": 403, "ines": 403},
}


def parc(d) -> SimpleNamespace:
    """Un logement de l'AIS (julie) et un du Relais (thomas), créés par les services une
    fois (référence de l'opérateur « API-MATRICE »)."""
    from iml.parc.models import Logement
    from tests.parc.factories import LogementFactory

    def du(agent, organisation):
        existant = Logement.objects.filter(operateur=organisation, reference="API-MATRICE")
        return existant.first() or LogementFactory(agent=agent, reference="API-MATRICE")

    d.parc_api = SimpleNamespace(
        logement_ais=du(d.julie, d.org.ais35), logement_relais=du(d.thomas, d.org.relais35)
    )
    return d.parc_api


def _logement(d, persona: str, cible: str):
    m = parc(d)
    return {"id": (m.logement_ais if cible == "propre" else m.logement_relais).pk}, {}


CIBLES.update({"api:logement": _logement, "api:modifier_logement": _logement})
