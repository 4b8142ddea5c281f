"""Matrice des permissions des imports, exports et écrans de suivi des orientations (volet
ORIENT2 ; fusionnée par tests/test_matrice_permissions.py).

Objets (`preparer`) : un import des demandes du SIAO 35 déposé par sophie (traité sur-le-champ
par le backend des tâches des tests).

- Import des demandes, modèle, places exportées : la coordination du SIAO ; les autres : 403
  (l'import d'un autre : 404).
- Exports des vacances et des propositions : le SIAO et l'opérateur (les siens), 403 ailleurs.
- Retirer une proposition, clore ou rouvrir une demande : le SIAO (l'opérateur : 403, ou 404
  pour la proposition d'un autre) ; chaque geste vise un objet neuf.
- Vacances de l'opérateur : sa direction et sa gestion locative.
- Délais des propositions : le SIAO (par opérateur), l'État et la plateforme (des nombres).
"""

from __future__ import annotations

from types import SimpleNamespace

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE", "preparer"]

EXPORT_CSV = (
    "Référence SI-SIAO;Nom;Prénom;Adultes;Enfants;Date de la demande;Catégorie\r\n"
    "MATRICE-IMP-1;Durand;Léa;1;0;01/03/2025;classique\r\n"
).encode()


def preparer(d) -> None:
    from iml.orientations.services.imports import deposer_import
    from tests.appels.factories import acteur

    if hasattr(d, "orientations_imports"):
        return
    imp = deposer_import(acteur=acteur(d.sophie), nom_fichier="export.csv", contenu=EXPORT_CSV)
    d.orientations_imports = SimpleNamespace(import_demandes=imp)


def _fichier(d, persona: str, quoi: str | None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {}, {"fichier": SimpleUploadedFile("export.csv", EXPORT_CSV)}


def _import(d, persona: str, quoi: str | None):
    from tests.orientations.matrice_orientations import second_siao

    if quoi == "autre":
        return {"pk": second_siao(d).import_demandes.pk}, {}
    return {"pk": d.orientations_imports.import_demandes.pk}, {}


def _retrait(d, persona: str, quoi: str):
    """Une proposition neuve, en attente de réponse : à l'AIS 35 (« propre ») ou au Relais."""
    from tests.orientations.factories import PropositionFactory

    operateur = d.marc if quoi == "propre" else d.thomas
    proposition = PropositionFactory(agent=d.sophie, operateur_agent=operateur)
    return {"pk": proposition.pk}, {"motif": "Le ménage a trouvé un logement social."}


def _demande_neuve(d, persona: str, quoi: str):
    from tests.orientations.factories import DemandeFactory
    from tests.orientations.matrice_orientations import second_siao

    demande = second_siao(d).demande if quoi == "autre" else DemandeFactory(agent=d.sophie)
    return {"pk": demande.pk}, {"motif": "Ménage relogé ailleurs."}


CIBLES = {
    "orientations:imports": _fichier,
    "orientations:modele_import": lambda d, p, q: ({"format": q}, {}),
    "orientations:import_demandes": _import,
    "orientations:import_demandes_progression": _import,
    "orientations:export": lambda d, p, q: ({"quoi": q, "format": "csv"}, {}),
    "orientations:retirer": _retrait,
    "orientations:demande_statut": _demande_neuve,
}

_SIAO = statuts(403, sophie=200)
_SIAO_ET_OPERATEUR = statuts(403, sophie=200, marc=200)

MATRICE: dict = {
    ("orientations:imports", "get", None): _SIAO,
    ("orientations:imports", "post", None): statuts(403, sophie=302),
    ("orientations:modele_import", "get", "csv"): _SIAO,
    ("orientations:modele_import", "get", "xlsx"): _SIAO,
    ("orientations:import_demandes", "get", "propre"): statuts(404, sophie=200),
    ("orientations:import_demandes_progression", "get", "propre"): statuts(404, sophie=200),
    ("orientations:import_demandes", "get", "autre"): statuts(404),
    ("orientations:import_demandes_progression", "get", "autre"): statuts(404),
    ("orientations:export", "get", "places"): _SIAO,
    ("orientations:export", "get", "vacances"): _SIAO_ET_OPERATEUR,
    ("orientations:export", "get", "propositions"): _SIAO_ET_OPERATEUR,
    ("orientations:retirer", "get", "propre"): _SIAO,
    ("orientations:retirer", "post", "propre"): statuts(403, sophie=302),
    ("orientations:retirer", "get", "autre"): statuts(403, sophie=200, marc=404),
    ("orientations:retirer", "post", "autre"): statuts(403, sophie=302, marc=404),
    ("orientations:demande_statut", "get", "propre"): _SIAO,
    ("orientations:demande_statut", "post", "propre"): statuts(403, sophie=302),
    ("orientations:demande_statut", "get", "autre"): statuts(403, sophie=404),
    ("orientations:demande_statut", "post", "autre"): statuts(403, sophie=404),
    ("orientations:vacances", "get", None): statuts(403, marc=200),
    ("orientations:delais", "get", None): statuts(403, sophie=200, claire=200, paul=200, admin=200),
}

#: Le travail social (nadia, ines) ne tient ni vacances ni propositions
#: (perms.gere_les_orientations) : 403 là où la direction de l'opérateur exporte, liste ses
#: vacances ou ne trouve pas la proposition d'un autre.
ECARTS: dict = {
    ligne: {"nadia": 403, "ines": 403}
    for ligne, table in MATRICE.items()
    if table.get("marc") not in (403, 405) and not ligne[0].startswith("orientations:import")
}
