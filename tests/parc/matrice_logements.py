"""Matrice des permissions du volet logements du parc (fusionnée par
tests/test_matrice_permissions.py).

Objets (`preparer`) : un logement de l'AIS Rennes (saisi par julie) et un du Relais (saisi par
thomas), chacun avec son contrat. Cible « propre » = celui de l'AIS (l'organisation de marc),
« autre » = celui du Relais.

- Direction et gestion locative lisent et écrivent le parc de leur organisation.
- L'État, le SIAO et les cofinanceurs n'ont aucune page du parc : la liste leur est refusée
  (403), une fiche leur est introuvable (404 : le sélecteur ne leur donne rien).
- L'administrateur de la plateforme trouve toute fiche (sélecteur de plateforme) mais ne tient
  pas le parc d'un opérateur : 403 partout.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE", "preparer"]


def preparer(d) -> None:
    from tests.parc.factories import ContratFactory, LogementFactory

    if hasattr(d, "parc_logements"):
        return
    ais = LogementFactory(agent=d.julie)
    relais = LogementFactory(agent=d.thomas, commune="35238")
    d.parc_logements = SimpleNamespace(
        ais=ais,
        relais=relais,
        contrat_ais=ContratFactory(agent=d.julie, logement=ais),
        contrat_relais=ContratFactory(agent=d.thomas, logement=relais),
    )


def donnees_logement(d, avec_bailleur: bool = True) -> dict[str, Any]:
    donnees = {
        "adresse": "12 rue de Saint-Malo",
        "code_postal": "35000",
        "commune": "Rennes",
        "typologie": "T2",
        "forme": "MANDAT_GESTION",
        "conventionnement": "AUCUN",
        "surface_m2": "30",
    }
    if avec_bailleur:
        donnees["bailleur"] = d.parc_logements.ais.bailleur_id
    return donnees


def _logement(donnees=None):
    def cible(d, persona: str, quoi: str):
        logement = d.parc_logements.ais if quoi == "propre" else d.parc_logements.relais
        return {"pk": logement.pk}, (donnees(d) if donnees else {})

    return cible


def _contrat(donnees=None):
    def cible(d, persona: str, quoi: str):
        contrat = (
            d.parc_logements.contrat_ais if quoi == "propre" else d.parc_logements.contrat_relais
        )
        return {"pk": contrat.pk}, (donnees or {})

    return cible


CONTRAT = {"type": "MANDAT_GESTION", "date_debut": "2026-01-05", "duree_mois": "36"}

CIBLES = {
    "parc:logement_creer": lambda d, p, c: ({}, donnees_logement(d)),
    "parc:logement": _logement(),
    "parc:logement_modifier": _logement(lambda d: donnees_logement(d, avec_bailleur=False)),
    "parc:logement_statut": _logement(lambda d: {"vers": "EN_TRAVAUX", "note": "Peintures"}),
    "parc:contrat_creer": _logement(lambda d: CONTRAT),
    "parc:contrat_modifier": _contrat(CONTRAT),
}

_FICHE_PROPRE = statuts(404, marc=200, admin=403)
_FICHE_AUTRE = statuts(404, admin=403)

MATRICE = {
    ("parc:logements", "get", None): statuts(403, marc=200),
    ("parc:logement_creer", "get", None): statuts(403, marc=200),
    ("parc:logement_creer", "post", None): statuts(403, marc=302),
    ("parc:logement", "get", "propre"): _FICHE_PROPRE,
    ("parc:logement", "get", "autre"): _FICHE_AUTRE,
    ("parc:logement_modifier", "get", "propre"): _FICHE_PROPRE,
    ("parc:logement_modifier", "post", "propre"): statuts(404, marc=302, admin=403),
    ("parc:logement_modifier", "get", "autre"): _FICHE_AUTRE,
    ("parc:logement_modifier", "post", "autre"): _FICHE_AUTRE,
    ("parc:logement_statut", "post", "propre"): statuts(404, marc=302, admin=403),
    ("parc:logement_statut", "post", "autre"): _FICHE_AUTRE,
    ("parc:contrat_creer", "get", "propre"): _FICHE_PROPRE,
    ("parc:contrat_creer", "post", "propre"): statuts(404, marc=302, admin=403),
    ("parc:contrat_creer", "post", "autre"): _FICHE_AUTRE,
    ("parc:contrat_modifier", "get", "propre"): _FICHE_PROPRE,
    ("parc:contrat_modifier", "post", "propre"): statuts(404, marc=302, admin=403),
    ("parc:contrat_modifier", "get", "autre"): _FICHE_AUTRE,
}

_TRAVAIL_SOCIAL_404 = {"nadia": 404, "ines": 404}

#: Écarts des personas de rôle (voir tests/test_matrice_roles.py).
ECARTS = {
    # Le travail social lit les logements de ses ménages seulement (perms.peut_lire_logements,
    # selectors.logements_visibles) : la liste lui répond (200, vide et expliquée : aucun
    # ménage n'est encore logé) ; il n'écrit pas le parc (403 à la création) et toute fiche
    # lui est introuvable (404) tant qu'aucun de ses ménages n'y habite.
    ("parc:logement_creer", "get", None): {"nadia": 403, "ines": 403},
    # Louis (Gironde) écrit son parc, mais le bailleur et la commune de la ligne sont ceux de
    # l'AIS Rennes : le formulaire revient avec les erreurs sous les champs (200).
    ("parc:logement_creer", "post", None): {"nadia": 403, "ines": 403, "louis": 200},
    ("parc:logement", "get", "propre"): _TRAVAIL_SOCIAL_404,
    ("parc:logement_modifier", "get", "propre"): _TRAVAIL_SOCIAL_404,
    ("parc:logement_modifier", "post", "propre"): _TRAVAIL_SOCIAL_404,
    ("parc:logement_statut", "post", "propre"): _TRAVAIL_SOCIAL_404,
    ("parc:contrat_creer", "get", "propre"): _TRAVAIL_SOCIAL_404,
    ("parc:contrat_creer", "post", "propre"): _TRAVAIL_SOCIAL_404,
    ("parc:contrat_modifier", "get", "propre"): _TRAVAIL_SOCIAL_404,
    ("parc:contrat_modifier", "post", "propre"): _TRAVAIL_SOCIAL_404,
}
