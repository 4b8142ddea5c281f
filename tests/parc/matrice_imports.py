"""Matrice des permissions du volet imports et exports du parc.

Objets : un import terminé de l'AIS Rennes (déposé par julie) et un du Relais (thomas). La
direction (marc) et la gestion locative (julie) importent et exportent le parc de leur
organisation ; l'import d'une autre organisation est une 404. Tous les autres rôles reçoivent
403 sur la liste, le dépôt, le modèle et l'export (R-PARC), et 404 sur un import (hors
périmètre : `imports.selecteurs.imports_visibles` est vide pour eux).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.test_matrice_permissions import statuts

CSV = (
    b"reference_logement;reference_bailleur;bailleur_nom;adresse;code_postal;commune;typologie;"
    b"forme\nMAT-1;MAT-B1;Martin;1 rue de la Matrice;35000;Rennes;T2;mandat de gestion\n"
)


def preparer(d) -> None:
    from iml.parc.models_imports import EtatImport, ImportParc

    if hasattr(d, "imports_parc"):
        return
    d.imports_parc = {}
    for cle, org, auteur in (("propre", "ais35", d.julie), ("autre", "relais35", d.thomas)):
        d.imports_parc[cle], _ = ImportParc.objects.get_or_create(
            operateur=getattr(d.org, org),
            nom_fichier=f"matrice-{org}.csv",
            defaults={"cree_par": auteur, "contenu": CSV, "etat": EtatImport.TERMINE},
        )


def _import(d, persona, cible):
    """Pour marc (AIS Rennes) et tous les autres : « propre » = l'import de l'AIS, « autre » =
    celui du Relais."""
    preparer(d)
    return {"pk": d.imports_parc[cible].pk}, {}


GESTION = statuts(403, marc=200)
LIRE_IMPORT = {"propre": statuts(404, marc=200), "autre": statuts(404)}

MATRICE = {
    ("parc:imports", "get", None): GESTION,
    # Dépôt d'un fichier valide : marc est renvoyé vers l'import (302), les autres 403.
    ("parc:imports", "post", None): statuts(403, marc=302),
    ("parc:import_modele", "get", None): GESTION,
    ("parc:export", "get", None): GESTION,
    **{
        (nom, "get", cible): LIRE_IMPORT[cible]
        for nom in ("parc:import", "parc:import_progression")
        for cible in ("propre", "autre")
    },
}

CIBLES = {
    "parc:imports": lambda d, p, c: ({}, {"fichier": SimpleUploadedFile("parc.csv", CSV)}),
    "parc:import_modele": lambda d, p, c: ({"format": "xlsx"}, {}),
    "parc:export": lambda d, p, c: ({"format": "xlsx"}, {}),
    "parc:import": _import,
    "parc:import_progression": _import,
}

#: Travail social (nadia, ines) : pas de parc à importer ni à exporter, les imports de son
#: organisation hors de sa vue (R-PARC : le parc est tenu par la direction et la gestion
#: locative) ; julie (gestion locative) et louis (direction, en Gironde) suivent marc.
ECARTS = {
    **{
        ligne: {"nadia": 403, "ines": 403}
        for ligne in (
            ("parc:imports", "get", None),
            ("parc:imports", "post", None),
            ("parc:import_modele", "get", None),
            ("parc:export", "get", None),
        )
    },
    ("parc:import", "get", "propre"): {"nadia": 404, "ines": 404},
    ("parc:import_progression", "get", "propre"): {"nadia": 404, "ines": 404},
}
