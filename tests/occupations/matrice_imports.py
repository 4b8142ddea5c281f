"""Matrice des permissions du volet import des ménages et des occupations en cours.

Objets : un import terminé de l'AIS Rennes (déposé par julie) et un du Relais (thomas). La
direction (marc) et la gestion locative (julie) importent les ménages de leur organisation ;
l'import d'une autre organisation est une 404. Tous les autres rôles reçoivent 403 sur la
liste, le dépôt et le modèle, et 404 sur un import (hors périmètre).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.test_matrice_permissions import statuts

CSV = b"reference;nom;prenom;date_naissance\nMAT-M1;Martin;Awa;17/05/1990\n"


def preparer(d) -> None:
    from iml.occupations.models_imports import ImportMenages
    from iml.parc.models_imports import EtatImport

    if hasattr(d, "imports_menages"):
        return
    d.imports_menages = {}
    for cle, org, auteur in (("propre", "ais35", d.julie), ("autre", "relais35", d.thomas)):
        d.imports_menages[cle], _ = ImportMenages.objects.get_or_create(
            operateur=getattr(d.org, org),
            nom_fichier=f"matrice-menages-{org}.csv",
            defaults={"cree_par": auteur, "contenu": b"", "etat": EtatImport.TERMINE},
        )


def _import(d, persona, cible):
    preparer(d)
    return {"pk": d.imports_menages[cible].pk}, {}


GESTION = statuts(403, marc=200)
LIRE_IMPORT = {"propre": statuts(404, marc=200), "autre": statuts(404)}

MATRICE = {
    ("occupations:imports", "get", None): GESTION,
    ("occupations:imports", "post", None): statuts(403, marc=302),
    ("occupations:modele_import", "get", None): GESTION,
    **{
        (nom, "get", cible): LIRE_IMPORT[cible]
        for nom in ("occupations:import", "occupations:import_progression")
        for cible in ("propre", "autre")
    },
}

CIBLES = {
    "occupations:imports": lambda d, p, c: (
        {},
        {"fichier": SimpleUploadedFile("menages.csv", CSV)},
    ),
    "occupations:modele_import": lambda d, p, c: ({"format": "xlsx"}, {}),
    "occupations:import": _import,
    "occupations:import_progression": _import,
}

#: Travail social (nadia, ines) : les imports sont tenus par la direction et la gestion
#: locative (`perms.acces_gestion`) ; julie suit marc.
ECARTS = {
    **{
        ligne: {"nadia": 403, "ines": 403}
        for ligne in (
            ("occupations:imports", "get", None),
            ("occupations:imports", "post", None),
            ("occupations:modele_import", "get", None),
        )
    },
    ("occupations:import", "get", "propre"): {"nadia": 404, "ines": 404},
    ("occupations:import_progression", "get", "propre"): {"nadia": 404, "ines": 404},
}
