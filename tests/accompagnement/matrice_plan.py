"""Matrice des permissions du volet plan de l'accompagnement (fusionnée par
tests/test_matrice_permissions.py).

Objets (créés par `preparer`, puis gardés sur la distribution) : à l'AIS Rennes, un
ménage sans plan et un ménage avec son plan ouvert et un objectif, suivis par nadia (gestion :
julie) ; au Relais, les mêmes, suivis par ines (gestion : thomas). Cible « propre » = l'AIS
(l'organisation de marc), « autre » = le Relais ; pour ines, la matrice des rôles prend ceux
du Relais, qu'elle suit. Une étape à cocher est décochée d'abord, une étape à décocher est
cochée à neuf à chaque demande.

- Direction (marc) : tout l'accompagnement de son organisation.
- Travail social (nadia, ines) : les ménages dont elle est référente, comme la direction.
- Gestion locative (julie) : ni le dossier ni les écritures, 404 (écarts ci-dessous) ; elle
  voit seulement, sur la fiche du ménage, qu'un plan existe.
- L'État, le SIAO, les cofinanceurs, l'administration de la plateforme : 404.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE"]

A_COCHER = "SOUTIEN_DEMARCHES"
A_DECOCHER = "AIDE_BUDGET"


def _objets(d) -> SimpleNamespace:
    if hasattr(d, "plan_ecrans"):
        return d.plan_ecrans
    from django.utils import timezone

    from iml.accompagnement.services import plans
    from tests.accompagnement.factories import PlanFactory
    from tests.appels.factories import acteur
    from tests.menages.factories import MenageFactory

    def cote(gestion, referent, nom_gestion: str) -> SimpleNamespace:
        plan = PlanFactory(agent=referent, gestion=nom_gestion)
        objectif = plans.ajouter_objectif(
            acteur=acteur(referent), plan=plan, domaine="BUDGET", libelle="Ouvrir un compte",
            revue_le=timezone.localdate(), aujourd_hui=timezone.localdate(),
        )  # fmt: skip
        return SimpleNamespace(
            sans_plan=MenageFactory(agent=gestion, referent=referent),
            plan=plan,
            objectif=objectif,
            referent=referent,
        )

    d.plan_ecrans = SimpleNamespace(
        propre=cote(d.julie, d.nadia, "julie"), autre=cote(d.thomas, d.ines, "thomas")
    )
    return d.plan_ecrans


def _saisie(plan) -> dict[str, str]:
    donnees = {
        "debut_le": plan.debut_le.isoformat(), "intensite": "LEGERE", "duree_prevue_mois": "6",
        "realisation": "INTERNE", "dispositif": "IML_ETAT", "besoin_budget": "PONCTUEL",
    }  # fmt: skip
    for domaine in (
        "demarches_droits", "savoir_habiter", "sante", "emploi_formation", "parentalite",
        "isolement",
    ):  # fmt: skip
        donnees[f"besoin_{domaine}"] = "AUCUN"
    return donnees


def _menage_sans_plan(d, persona: str, quoi: str):
    o = getattr(_objets(d), quoi)
    return {"pk": o.sans_plan.pk}, _saisie(o.plan)


def _plan(donnees=None):
    def cible(d, persona: str, quoi: str):
        o = getattr(_objets(d), quoi)
        return {"pk": o.plan.pk}, (donnees(o.plan) if donnees else {})

    return cible


def _objectif(d, persona: str, quoi: str):
    return {"pk": getattr(_objets(d), quoi).objectif.pk}, {"statut": "ATTEINT"}


def _a_cocher(d, persona: str, quoi: str):
    plan = getattr(_objets(d), quoi).plan
    plan.etapes.filter(code=A_COCHER).delete()
    return {"pk": plan.pk}, {"code": A_COCHER}


def _a_decocher(d, persona: str, quoi: str):
    """Une coche neuve du plan visé (posée par sa référente), à retirer."""
    from django.utils import timezone

    from iml.accompagnement.services import plans
    from tests.appels.factories import acteur

    o = getattr(_objets(d), quoi)
    o.plan.etapes.filter(code=A_DECOCHER).delete()
    jour = timezone.localdate()
    etape = plans.cocher_etape(
        acteur=acteur(o.referent), plan=o.plan, code=A_DECOCHER, faite_le=jour, aujourd_hui=jour
    )
    return {"pk": etape.pk}, {}


def _menage(d, persona: str, quoi: str):
    return {"pk": getattr(_objets(d), quoi).plan.menage_id}, {}


def _du_jour(cles: dict[str, str]):
    def donnees(plan) -> dict[str, Any]:
        from django.utils import timezone

        jour = timezone.localdate().isoformat()
        return {cle: (jour if valeur == "jour" else valeur) for cle, valeur in cles.items()}

    return donnees


CIBLES = {
    "accompagnement:dossier": _menage,
    "accompagnement:plan_ouvrir": _menage_sans_plan,
    "accompagnement:plan_modifier": _plan(_saisie),
    "accompagnement:plan_clore": _plan(_du_jour({"fin_le": "jour", "issue": "AUTRE"})),
    "accompagnement:objectif_ajouter": _plan(
        _du_jour(
            {
                "objectif-domaine": "SANTE",
                "objectif-libelle": "Médecin traitant",
                "objectif-revue_le": "jour",
            }
        )
    ),  # fmt: skip
    "accompagnement:objectif_statut": _objectif,
    "accompagnement:revue_ajouter": _plan(
        _du_jour({"revue-le": "jour", "revue-intensite": "REGULIERE", "revue-conclusion": "Point."})
    ),
    "accompagnement:etape_cocher": _a_cocher,
    "accompagnement:etape_decocher": _a_decocher,
}

_LU = statuts(404, marc=200)
_ECRIT = statuts(404, marc=302)
_AUTRE = statuts(404)

MATRICE: dict[tuple[str, str, str | None], dict[str, int]] = {}
for _nom, _methodes in {
    "dossier": ("get",),
    "plan_ouvrir": ("get", "post"),
    "plan_modifier": ("get", "post"),
    "plan_clore": ("get", "post"),
    "objectif_ajouter": ("post",),
    "objectif_statut": ("post",),
    "revue_ajouter": ("post",),
    "etape_cocher": ("post",),
    "etape_decocher": ("get", "post"),
}.items():
    for _methode in _methodes:
        MATRICE[(f"accompagnement:{_nom}", _methode, "propre")] = (
            _LU if _methode == "get" else _ECRIT
        )
        MATRICE[(f"accompagnement:{_nom}", _methode, "autre")] = _AUTRE
    if _methodes == ("post",):  # un geste : la méthode GET est refusée avant tout (405)
        MATRICE[(f"accompagnement:{_nom}", "get", "propre")] = statuts(405)

#: Écarts des personas de rôle (voir tests/test_matrice_roles.py) : la gestion locative ne
#: lit ni ne tient l'accompagnement d'un ménage, tenu par son référent et la direction
#: (perms.acces_accompagnement, selectors.menages_accompagnes) ; elle sait seulement qu'un
#: plan existe, sur la fiche (perms.voit_existence_plan).
ECARTS = {
    ligne: {"julie": 404}
    for ligne, table in MATRICE.items()
    if ligne[2] == "propre" and table["marc"] in (200, 302)
}


def preparer(d) -> None:
    """Crée les objets du volet avant les lignes (tests/conftest.py : distribution_preparee)."""
    _objets(d)
