"""Matrice des permissions de l'instruction (fusionnée par tests/test_matrice_permissions.py).

Objets : ceux de `tests/appels/test_appels_fabriques.preparer`. Cibles : « propre » = l'appel ou le
dossier du territoire du persona (Paul : la Gironde ; Marc : son propre dossier) ; « autre » =
celui d'ailleurs ; « clos » = le dossier de l'AIS sur l'appel clos de la DDETS 35.
"""

from __future__ import annotations

from typing import Any

from tests.appels.test_appels_fabriques import preparer as preparer_appels
from tests.test_matrice_permissions import statuts


def preparer(distribution) -> None:
    preparer_appels(distribution)


def _appel(d, persona: str, cible: str):
    e = d.etat_appels
    chez_soi = e.appel33 if persona == "paul" else e.appel35
    ailleurs = e.appel35 if persona == "paul" else e.appel33
    return chez_soi if cible == "propre" else ailleurs


def _dossier(d, persona: str, cible: str):
    e = d.etat_appels
    if cible == "clos":
        return e.dossier35_clos
    chez_soi = e.dossier33 if persona == "paul" else e.dossier35
    ailleurs = e.dossier35 if persona == "paul" else e.dossier33
    return chez_soi if cible == "propre" else ailleurs


def _cible_appel(d, persona: str, cible: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"pk": _appel(d, persona, cible).pk}, {}


def _cible_dossier(donnees: dict[str, Any]):
    def cible(d, persona: str, quoi: str) -> tuple[dict[str, Any], dict[str, Any]]:
        return {"pk": _dossier(d, persona, quoi).pk}, donnees

    return cible


NOTES = {"note_COMPLETUDE": "4", "commentaire_COMPLETUDE": "Dossier complet."}

MATRICE = {
    # L'État lit (la DREETS dans sa région) ; un appel visible d'un autre acteur : 403.
    ("appels:instruction", "get", "propre"): statuts(403, claire=200, paul=200),
    ("appels:instruction", "get", "autre"): statuts(404, admin=403),
    # Les dossiers ne sont visibles que de l'État et de leur opérateur (Marc : 403).
    ("appels:dossier_instruction", "get", "propre"): statuts(
        404, claire=200, paul=200, marc=403, admin=403
    ),
    ("appels:dossier_instruction", "get", "autre"): statuts(404, admin=403),
    # Seul le service qui a lancé l'appel note (R-SELECTION).
    ("appels:noter", "post", "propre"): statuts(404, claire=302, paul=403, marc=403, admin=403),
    ("appels:noter", "post", "autre"): statuts(404, admin=403),
    ("appels:noter", "get", "propre"): statuts(405),
    # Avant la clôture, la décision renvoie à la fiche du dossier.
    ("appels:decider", "get", "propre"): statuts(404, claire=302, paul=403, marc=403, admin=403),
    ("appels:decider", "get", "autre"): statuts(404, admin=403),
    ("appels:decider", "get", "clos"): statuts(404, claire=200, marc=403, admin=403),
    ("appels:decider", "post", "clos"): statuts(404, claire=302, marc=403, admin=403),
}

CIBLES = {
    "appels:instruction": _cible_appel,
    "appels:dossier_instruction": _cible_dossier({}),
    "appels:noter": _cible_dossier(NOTES),
    "appels:decider": _cible_dossier(
        {"resultat": "RETENU", "justification_erreurs": "Montée en charge revue en comité."}
    ),
}
