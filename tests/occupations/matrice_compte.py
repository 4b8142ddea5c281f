"""Matrice des permissions du volet compte des ménages (fusionnée par
tests/test_matrice_permissions.py).

Objets (`preparer`) : une occupation de l'AIS Rennes (ménage suivi par nadia, saisie par
julie) et une du Relais (ménage suivi par ines, saisie par thomas), chacune avec ses appels de
loyer et un plan d'apurement ouvert. Cible « propre » = celle de l'AIS, « autre » = celle du
Relais.

- Direction et gestion locative lisent et écrivent le compte des ménages de leur opérateur.
- Hors de l'opérateur (autre opérateur, État, SIAO, cofinanceurs, administration de la
  plateforme), le ménage est introuvable : 404 (le sélecteur ne donne rien).
- La liste des impayés et la vacance : direction et gestion locative seules (403 sinon).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE", "preparer"]


def _occupation(agent, referent):
    from django.utils import timezone

    from iml.occupations.services import compte
    from regles.compte import echeancier
    from tests.appels.factories import acteur
    from tests.menages.factories import MenageFactory, OccupationFactory

    aujourd_hui = timezone.localdate()
    menage = MenageFactory(agent=agent, referent=referent)
    occupation = OccupationFactory(
        agent=agent, menage=menage, date_entree=aujourd_hui - timedelta(days=70)
    )
    compte.appeler_loyers(occupation, aujourd_hui, 1)
    plan = compte.creer_plan(
        acteur=acteur(agent), occupation=occupation, montant=Decimal("300.00"),
        versements=echeancier(Decimal("300.00"), 3, aujourd_hui), aujourd_hui=aujourd_hui,
    )  # fmt: skip
    return occupation, occupation.ecritures.first(), plan


def preparer(d) -> None:
    if hasattr(d, "compte_menages"):
        return
    ais, ecriture_ais, plan_ais = _occupation(d.julie, d.nadia)
    relais, ecriture_relais, plan_relais = _occupation(d.thomas, d.ines)
    d.compte_menages = SimpleNamespace(
        occupation_ais=ais, occupation_relais=relais, ecriture_ais=ecriture_ais,
        ecriture_relais=ecriture_relais, plan_ais=plan_ais, plan_relais=plan_relais,
    )  # fmt: skip


def _cible(attribut: str, donnees=None):
    """La cible « propre » (AIS) ou « autre » (Relais) : `attribut` de `d.compte_menages`."""

    def cible(d, persona: str, quoi: str):
        objet = getattr(d.compte_menages, f"{attribut}_{'ais' if quoi == 'propre' else 'relais'}")
        return {"pk": objet.pk}, (donnees(d) if callable(donnees) else (donnees or {}))

    return cible


def _paiement(d):
    from django.utils import timezone

    return {"le": timezone.localdate().isoformat(), "nature": "PAIEMENT_MENAGE", "montant": "50"}


PLAN = {"montant": "300", "nombre": "3", "debut": "2030-01-05", "action": "calculer"}
CORRECTION = {"montant": "-10", "motif": "Erreur de saisie", "confirmation": "on"}

CIBLES = {
    "occupations:compte": _cible("occupation"),
    "occupations:encaisser": _cible("occupation", _paiement),
    "occupations:plan": _cible("occupation", PLAN),
    "occupations:corriger": _cible("ecriture", CORRECTION),
    "occupations:clore_plan": _cible("plan", {"confirmation": "on"}),
}


_PROPRE = statuts(404, marc=200)
_AUTRE = statuts(404)

MATRICE = {
    ("occupations:compte", "get", "propre"): _PROPRE,
    ("occupations:compte", "get", "autre"): _AUTRE,
    ("occupations:encaisser", "get", "propre"): _PROPRE,
    ("occupations:encaisser", "post", "propre"): statuts(404, marc=302),
    ("occupations:encaisser", "post", "autre"): _AUTRE,
    # « Calculer l'échéancier » : la page revient avec l'échéancier (rien n'est écrit).
    ("occupations:plan", "get", "propre"): _PROPRE,
    ("occupations:plan", "post", "propre"): _PROPRE,
    ("occupations:plan", "post", "autre"): _AUTRE,
    ("occupations:corriger", "get", "propre"): _PROPRE,
    ("occupations:corriger", "post", "propre"): statuts(404, marc=302),
    ("occupations:corriger", "get", "autre"): _AUTRE,
    ("occupations:corriger", "post", "autre"): _AUTRE,
    ("occupations:clore_plan", "get", "propre"): _PROPRE,
    ("occupations:clore_plan", "post", "propre"): statuts(404, marc=302),
    ("occupations:clore_plan", "post", "autre"): _AUTRE,
    ("occupations:impayes", "get", None): statuts(403, marc=200),
    ("occupations:vacance", "get", None): statuts(403, marc=200),
}

_LECTURE_SEULE = {"nadia": 403, "ines": 403}

#: Écarts des personas de rôle (voir tests/test_matrice_roles.py).
ECARTS = {
    # La travailleuse sociale référente lit le compte (200, comme la direction) mais ne
    # l'écrit pas (perms.acces_gestion : 403) ; impayés et vacance sont à la gestion (403).
    ("occupations:encaisser", "get", "propre"): _LECTURE_SEULE,
    ("occupations:encaisser", "post", "propre"): _LECTURE_SEULE,
    ("occupations:plan", "get", "propre"): _LECTURE_SEULE,
    ("occupations:plan", "post", "propre"): _LECTURE_SEULE,
    ("occupations:corriger", "get", "propre"): _LECTURE_SEULE,
    ("occupations:corriger", "post", "propre"): _LECTURE_SEULE,
    ("occupations:clore_plan", "get", "propre"): _LECTURE_SEULE,
    ("occupations:clore_plan", "post", "propre"): _LECTURE_SEULE,
    ("occupations:impayes", "get", None): _LECTURE_SEULE,
    ("occupations:vacance", "get", None): _LECTURE_SEULE,
}
