"""Matrice des permissions des écrans des ménages (fusionnée par
tests/test_matrice_permissions.py).

Objets (`preparer`) : un ménage de l'AIS Rennes (saisi par julie, suivi par nadia) et un du
Relais (saisi par thomas, suivi par ines). Cible « propre » = celui de l'AIS (l'organisation de
marc), « autre » = celui du Relais ; pour ines, la matrice des rôles prend le ménage du Relais,
qu'elle suit. Les retraits visent un élément neuf à chaque appel (un retrait le supprime).

- Direction et gestion locative : tous les ménages de leur organisation.
- Travail social : les ménages dont elle ou il est référent (fiche, modification, membres,
  ressources, critères) ; pas de création (écart ci-dessous).
- L'État, le SIAO, les cofinanceurs et l'administration de la plateforme ne voient aucun nom :
  la liste leur est refusée (403), une fiche introuvable (404), la création refusée (403).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE", "preparer"]


def preparer(d) -> None:
    from tests.menages.factories import MenageFactory

    if hasattr(d, "menages_ecrans"):
        return
    d.menages_ecrans = SimpleNamespace(
        ais=MenageFactory(agent=d.julie, referent=d.nadia),
        relais=MenageFactory(agent=d.thomas, referent=d.ines),
    )


def _menage_de(d, quoi: str):
    return d.menages_ecrans.ais if quoi == "propre" else d.menages_ecrans.relais


def _saisie(menage) -> dict[str, Any]:
    return {
        "nom": menage.nom,
        "prenom": menage.prenom,
        "date_naissance": menage.date_naissance.isoformat(),
        "categorie": "CLASSIQUE",
        "referent": menage.referent_id,
        "notes": "Contact pris avec la CAF.",
    }


def _menage(donnees=None):
    def cible(d, persona: str, quoi: str):
        menage = _menage_de(d, quoi)
        return {"pk": menage.pk}, (donnees(menage) if donnees else {})

    return cible


def _element(quoi_retire: str):
    """Un élément neuf du ménage visé (saisi par sa gestion), à retirer."""

    def cible(d, persona: str, quoi: str):
        from django.utils import timezone

        from iml.menages.services import menages as services
        from tests.appels.factories import acteur

        menage = _menage_de(d, quoi)
        a = acteur(d.julie if quoi == "propre" else d.thomas)
        jour = timezone.localdate()
        if quoi_retire == "membre":
            element = services.ajouter_personne(
                acteur=a, menage=menage, lien="ENFANT", annee_naissance=2018, aujourd_hui=jour
            )
        elif quoi_retire == "ressource":
            element = services.ajouter_ressource(
                acteur=a, menage=menage, nature="RSA", montant="300.00", connue_le=jour,
                aujourd_hui=jour,
            )  # fmt: skip
        else:
            menage.criteres.filter(critere="PDALHPD").delete()
            element = services.poser_critere(
                acteur=a, menage=menage, critere="PDALHPD", reconnu_le=None, aujourd_hui=jour
            )
        return {"pk": menage.pk, "element": element.pk}, {}

    return cible


NOUVEAU = {"nom": "Matrice", "prenom": "Awa", "date_naissance": "1990-05-17"}

CIBLES = {
    "menages:creer": lambda d, p, c: ({}, NOUVEAU),
    "menages:menage": _menage(),
    "menages:modifier": _menage(_saisie),
    "menages:membre_ajouter": _menage(
        lambda m: {"membre-lien": "ENFANT", "membre-annee_naissance": "2019"}
    ),
    "menages:ressource_ajouter": _menage(
        lambda m: {
            "ressource-nature": "AAH",
            "ressource-montant": "1016,05",
            "ressource-connue_le": "2026-01-05",
        }
    ),
    "menages:critere_ajouter": _menage(
        lambda m: {"critere-critere": "DALO_HEBERGE", "critere-reconnu_le": "2025-11-03"}
    ),
    "menages:membre_retirer": _element("membre"),
    "menages:ressource_retirer": _element("ressource"),
    "menages:critere_retirer": _element("critere"),
}

_PROPRE_LU = statuts(404, marc=200)
_PROPRE_ECRIT = statuts(404, marc=302)
_AUTRE = statuts(404)

MATRICE = {
    ("menages:liste", "get", None): statuts(403, marc=200),
    ("menages:creer", "get", None): statuts(403, marc=200),
    ("menages:creer", "post", None): statuts(403, marc=302),
    ("menages:menage", "get", "propre"): _PROPRE_LU,
    ("menages:menage", "get", "autre"): _AUTRE,
    ("menages:modifier", "get", "propre"): _PROPRE_LU,
    ("menages:modifier", "post", "propre"): _PROPRE_ECRIT,
    ("menages:modifier", "get", "autre"): _AUTRE,
    ("menages:modifier", "post", "autre"): _AUTRE,
}
for _quoi in ("membre", "ressource", "critere"):
    MATRICE |= {
        (f"menages:{_quoi}_ajouter", "post", "propre"): _PROPRE_ECRIT,
        (f"menages:{_quoi}_ajouter", "post", "autre"): _AUTRE,
        (f"menages:{_quoi}_ajouter", "get", "propre"): statuts(405),
        (f"menages:{_quoi}_retirer", "get", "propre"): _PROPRE_LU,
        (f"menages:{_quoi}_retirer", "post", "propre"): _PROPRE_ECRIT,
        (f"menages:{_quoi}_retirer", "get", "autre"): _AUTRE,
        (f"menages:{_quoi}_retirer", "post", "autre"): _AUTRE,
    }

#: Écarts des personas de rôle (voir tests/test_matrice_roles.py).
ECARTS = {
    # Le travail social tient la fiche des ménages qu'il suit mais n'en crée pas
    # (perms.acces_gestion dans services.creer_menage).
    ("menages:creer", "get", None): {"nadia": 403, "ines": 403},
    ("menages:creer", "post", None): {"nadia": 403, "ines": 403},
}
