"""Matrice des permissions des appels (fusionnée par tests/test_matrice_permissions.py).

Objets : `tests/appels/test_appels_fabriques.preparer`. Cibles : « propre » = l'appel du
territoire du persona (la DREETS Nouvelle-Aquitaine : l'appel de la Gironde, dans sa région ;
les autres : l'appel d'Ille-et-Vilaine) ; « autre » = l'autre appel ; « brouillon » = un
brouillon de la DDETS 35.
"""

from __future__ import annotations

from typing import Any

from iml.appels.enums import StatutAppel
from iml.appels.models import AppelACandidatures
from tests.appels.test_appels_fabriques import donnees_parametres, preparer
from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "MATRICE", "preparer"]


# --- Matrice ------------------------------------------------------------------------------------


def _appel(d, persona: str, cible: str) -> AppelACandidatures:
    e = d.etat_appels
    if cible == "brouillon":
        return e.appel35_brouillon
    if cible == "clos":
        return e.appel35_clos
    chez_soi = e.appel33 if persona == "paul" else e.appel35
    ailleurs = e.appel35 if persona == "paul" else e.appel33
    return chez_soi if cible == "propre" else ailleurs


def _cible_appel(statut: str | None = None):
    def cible(d, persona: str, quoi: str) -> tuple[dict[str, Any], dict[str, Any]]:
        appel = _appel(d, persona, quoi)
        donnees: dict[str, Any] = {}
        if statut == "parametres":
            donnees = donnees_parametres(appel, nom="Appel renommé")
        elif statut:
            donnees = {"statut": statut}
        return {"pk": appel.pk}, donnees

    return cible


def _cible_creation(d, persona: str, cible: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, {"nom": "Appel IML 35 — 2027", "source": d.etat_appels.source.pk}


MATRICE = {
    ("appels:liste", "get", None): statuts(200),
    ("appels:creer", "get", None): statuts(403, claire=200),
    ("appels:creer", "post", None): statuts(403, claire=302),
    ("appels:detail", "get", "propre"): statuts(200),
    ("appels:detail", "get", "autre"): statuts(404, admin=200),
    ("appels:detail", "get", "brouillon"): statuts(404, claire=200, admin=200),
    # Un appel publié ne se modifie plus : son service est renvoyé à la fiche (R-AAC).
    ("appels:modifier", "get", "propre"): statuts(403, claire=302),
    ("appels:modifier", "get", "autre"): statuts(404, admin=403),
    ("appels:modifier", "get", "brouillon"): statuts(404, claire=200, admin=403),
    ("appels:modifier", "post", "brouillon"): statuts(404, claire=302, admin=403),
    ("appels:changer_statut", "post", "propre"): statuts(403, claire=302),
    ("appels:changer_statut", "post", "autre"): statuts(404, admin=403),
    ("appels:changer_statut", "post", "brouillon"): statuts(404, claire=302, admin=403),
    ("appels:changer_statut", "get", "propre"): statuts(405),
    # Page de confirmation d'un changement de statut (clore l'appel publié, publier le brouillon).
    ("appels:confirmer_statut", "get", "propre"): statuts(403, claire=200),
    ("appels:confirmer_statut", "get", "autre"): statuts(404, admin=403),
    ("appels:confirmer_statut", "get", "brouillon"): statuts(404, claire=200, admin=403),
    ("appels:confirmer_statut", "post", "propre"): statuts(405),
    # Rouvrir un appel clos : seul le ou la responsable (R-AAC) ; l'agent est renvoyé à la fiche.
    ("appels:confirmer_statut", "get", "clos"): statuts(403, claire=302, paul=404),
}


def _cible_confirmation(d, persona: str, cible: str) -> tuple[dict[str, Any], dict[str, Any]]:
    appel = _appel(d, persona, cible)
    vers = StatutAppel.PUBLIE if cible in ("brouillon", "clos") else StatutAppel.CLOS
    return {"pk": appel.pk, "vers": vers}, {}


CIBLES = {
    "appels:creer": _cible_creation,
    "appels:confirmer_statut": _cible_confirmation,
    "appels:detail": _cible_appel(),
    "appels:modifier": _cible_appel("parametres"),
    # Une transition refusée (R-AAC) : le service de l'appel est renvoyé à la fiche (302) sans
    # rien changer, pour que les personas suivants voient le même appel.
    "appels:changer_statut": _cible_appel(StatutAppel.DECIDE),
}
