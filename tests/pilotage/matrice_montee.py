"""Matrice des permissions de la montée en charge (R-RAMPUP), fusionnée par
tests/test_matrice_permissions.py.

Objets (`preparer`) : les dossiers retenus de `tests/appels/matrice_documents.py` (marc en
Ille-et-Vilaine, Solidarité Logement en Gironde) et leurs conventions, établies ici.
« propre » : la convention (ou l'appel) d'Ille-et-Vilaine, sauf pour paul (DREETS
Nouvelle-Aquitaine) dont le territoire est la Gironde ; « autre » : l'autre des deux.

- État (son territoire), opérateur (ses conventions, tous rôles : des nombres seulement),
  plateforme : 200 ; hors périmètre : 404.
- SIAO, cofinanceur : 403.
"""

from __future__ import annotations

from types import SimpleNamespace

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "MATRICE", "preparer"]

REFUSES = {"sophie": 403, "anne": 403}

MATRICE = {
    ("pilotage:montee", "get", None): statuts(200, **REFUSES),
    ("pilotage:montee_convention", "get", "propre"): statuts(200, **REFUSES),
    ("pilotage:montee_convention", "get", "autre"): statuts(404, admin=200, **REFUSES),
    ("pilotage:montee_appel", "get", "propre"): statuts(200, **REFUSES),
    ("pilotage:montee_appel", "get", "autre"): statuts(404, admin=200, **REFUSES),
}


def preparer(d) -> None:
    from iml.appels.models import Convention
    from iml.appels.services.conventions import etablir_convention
    from tests.appels import matrice_documents

    if hasattr(d, "montee"):
        return
    matrice_documents.preparer(d)
    conventions = []
    for dossier, agent in (
        (d.documents.dossier, d.claire),
        (d.documents.gironde, d.documents.agent33),
    ):
        conventions.append(
            Convention.objects.filter(dossier=dossier).first()
            or etablir_convention(
                acteur=matrice_documents.acteur_de(agent),
                dossier=dossier,
                montants_negocies=matrice_documents._calcules(dossier),
                motif_ecart="",
                cofinancements=[],
            )
        )
    d.montee = SimpleNamespace(ille=conventions[0], gironde=conventions[1])


def _cote(d, persona: str, cible: str) -> str:
    chez_soi = "gironde" if persona == "paul" else "ille"
    ailleurs = "ille" if persona == "paul" else "gironde"
    return chez_soi if cible == "propre" else ailleurs


def _convention(d, persona: str, cible: str):
    return {"pk": getattr(d.montee, _cote(d, persona, cible)).pk}, {}


def _appel(d, persona: str, cible: str):
    return {"pk": getattr(d.montee, _cote(d, persona, cible)).dossier.appel_id}, {}


CIBLES = {
    "pilotage:montee_convention": _convention,
    "pilotage:montee_appel": _appel,
}
