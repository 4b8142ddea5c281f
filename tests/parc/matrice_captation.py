"""Matrice des permissions du volet captation : bailleurs, prospects, entonnoir.

Objets (créés par `preparer`, une fois par distribution) : un bailleur et un prospect de l'AIS
Rennes (julie) pour la cible « propre » de toutes les personas, un bailleur et un prospect du
Relais (thomas) pour la cible « autre ». Le parc est tenu par la direction et la gestion
locative de l'opérateur (perms.acces_parc) : marc lit et écrit ; l'État, le SIAO, le
cofinanceur et l'administrateur reçoivent 403 sur les listes et les formulaires de création ;
sur une fiche, qui ne voit pas le parc reçoit 404 (sélecteur), l'administrateur, qui voit
tout, 403.
"""

from __future__ import annotations

from types import SimpleNamespace

from tests.test_matrice_permissions import statuts


def _objets(d) -> SimpleNamespace:
    if not hasattr(d, "captation"):
        from tests.parc.factories import BailleurFactory, ProspectFactory

        propre = BailleurFactory(agent=d.julie, nom="Matrice AIS")
        autre = BailleurFactory(agent=d.thomas, nom="Matrice Relais")
        d.captation = SimpleNamespace(
            bailleur={"propre": propre, "autre": autre},
            prospect={
                "propre": ProspectFactory(agent=d.julie, bailleur=propre),
                "autre": ProspectFactory(agent=d.thomas, bailleur=autre),
            },
        )
    return d.captation


BAILLEUR_VALIDE = {
    "type": "PERSONNE",
    "nom": "Matrice",
    "prenom": "Paul",
    "origine": "PROSPECTION",
    "telephone": "06 12 34 56 78",
}


def _bailleur(d, persona, cible):
    return {"pk": _objets(d).bailleur[cible].pk}, BAILLEUR_VALIDE


def _prospect(d, persona, cible):
    return {"pk": _objets(d).prospect[cible].pk}, {}


def _prospect_modifier(d, persona, cible):
    return {"pk": _objets(d).prospect[cible].pk}, {"adresse": "3 rue Neuve", "commune": "Rennes"}


def _prospect_statut(d, persona, cible):
    return {"pk": _objets(d).prospect[cible].pk}, {"vers": "CONTACTE", "note": "Appel"}


def _prospect_creer(d, persona, cible):
    bailleur = _objets(d).bailleur["propre"]
    return {}, {"bailleur": bailleur.pk, "adresse": "5 rue Neuve", "commune": "Rennes"}


def _bailleur_creer(d, persona, cible):
    return {}, BAILLEUR_VALIDE


LISTE = statuts(403, marc=200)
CREER = statuts(403, marc=302)
#: Fiche : l'opérateur propriétaire ; qui ne voit pas le parc, 404 ; l'administrateur, 403.
FICHE = {"propre": statuts(404, marc=200, admin=403), "autre": statuts(404, admin=403)}
ECRIRE = {"propre": statuts(404, marc=302, admin=403), "autre": statuts(404, admin=403)}

MATRICE = {
    ("parc:bailleurs", "get", None): LISTE,
    ("parc:prospects", "get", None): LISTE,
    ("parc:entonnoir", "get", None): LISTE,
    ("parc:bailleur_creer", "get", None): LISTE,
    ("parc:prospect_creer", "get", None): LISTE,
    ("parc:bailleur_creer", "post", None): CREER,
    ("parc:prospect_creer", "post", None): CREER,
    ("parc:prospect_statut", "get", "propre"): statuts(405, anonyme=302),
    ("parc:prospect", "get", "propre"): FICHE["propre"],
    ("parc:prospect", "get", "autre"): FICHE["autre"],
    # Les données personnelles des bailleurs restent chez l'opérateur : l'administration de la
    # plateforme ne les lit pas (404, comme une fiche d'une autre organisation).
    **{
        (nom, "get", cible): statuts(404, marc=200 if cible == "propre" else 404)
        for nom in ("parc:bailleur", "parc:bailleur_modifier")
        for cible in ("propre", "autre")
    },
    ("parc:bailleur_modifier", "post", "propre"): statuts(404, marc=302),
    ("parc:bailleur_modifier", "post", "autre"): statuts(404),
    ("parc:prospect_modifier", "get", "propre"): FICHE["propre"],
    ("parc:prospect_modifier", "get", "autre"): FICHE["autre"],
    **{
        (nom, "post", cible): ECRIRE[cible]
        for nom in ("parc:prospect_modifier", "parc:prospect_statut")
        for cible in ("propre", "autre")
    },
}

CIBLES = {
    "parc:bailleur": _bailleur,
    "parc:bailleur_modifier": _bailleur,
    "parc:bailleur_creer": _bailleur_creer,
    "parc:prospect": _prospect,
    "parc:prospect_modifier": _prospect_modifier,
    "parc:prospect_statut": _prospect_statut,
    "parc:prospect_creer": _prospect_creer,
}

_LISTES = ("parc:bailleurs", "parc:prospects", "parc:entonnoir")
_FICHES = ("parc:bailleur", "parc:bailleur_modifier", "parc:prospect", "parc:prospect_modifier")
_ECRITURES = ("parc:bailleur_modifier", "parc:prospect_modifier", "parc:prospect_statut")

#: Écarts de rôle (référence : marc). Le travail social (nadia, ines) ne lit que les logements
#: de ses ménages (perms.peut_lire_logements) : ni bailleurs (données personnelles), ni
#: prospects, ni entonnoir. Listes et créations : 403 (perms.acces_parc, l'écran existe mais
#: lui est fermé) ; fiches : 404, comme pour toute personne qui ne voit pas le parc
#: (selectors.*_visibles vides).
ECARTS = {
    **{(nom, "get", None): {"nadia": 403, "ines": 403} for nom in _LISTES},
    **{
        (nom, methode, None): {"nadia": 403, "ines": 403}
        for nom in ("parc:bailleur_creer", "parc:prospect_creer")
        for methode in ("get", "post")
    },
    **{(nom, "get", "propre"): {"nadia": 404, "ines": 404} for nom in _FICHES},
    **{(nom, "post", "propre"): {"nadia": 404, "ines": 404} for nom in _ECRITURES},
    # louis (Gironde) poste le bailleur de l'AIS Rennes : hors de ses bailleurs, le formulaire
    # le refuse sur le champ (200, « choisissez un bailleur de votre organisation »), et
    # « Rennes » n'est pas une commune de son département.
    ("parc:prospect_creer", "post", None): {"nadia": 403, "ines": 403, "louis": 200},
}


def preparer(d) -> None:
    """Crée les objets du volet une fois, avant les lignes (tests/conftest.py :
    distribution_preparee)."""
    _objets(d)
