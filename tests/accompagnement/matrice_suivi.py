"""Matrice des permissions du volet suivi de l'accompagnement (fusionnée par
tests/test_matrice_permissions.py) : contacts, orientations, annuaire des partenaires.

Objets (`preparer`) : un ménage de l'AIS Rennes suivi par nadia et un du Relais suivi par ines,
chacun avec une orientation vers un partenaire de l'annuaire de son opérateur. Cible
« propre » = l'AIS (l'organisation de marc), « autre » = le Relais ; pour ines, la matrice des
rôles prend les objets du Relais. Un retrait vise un contact neuf à chaque appel, noté par la
référente du ménage (elle le retire comme la direction) ; une création de partenaire prend un
nom neuf (un nom par annuaire).

- Direction : le suivi de tous les ménages de son organisation, l'annuaire.
- Travail social : le suivi des ménages dont elle ou il est référent, l'annuaire.
- Gestion locative : ni contacts ni orientations (404, écarts ci-dessous), ni l'annuaire (403).
- État, SIAO, cofinanceurs, administration de la plateforme : aucun nom (404), pas
  d'annuaire (403).
"""

from __future__ import annotations

from itertools import count
from types import SimpleNamespace

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE", "preparer"]

_NUMERO = count(1)


def preparer(d) -> None:
    from tests.accompagnement.factories import OrientationFactory, PartenaireFactory
    from tests.menages.factories import MenageFactory

    if hasattr(d, "suivi"):
        return
    ais = MenageFactory(agent=d.julie, referent=d.nadia)
    relais = MenageFactory(agent=d.thomas, referent=d.ines)
    partenaires = SimpleNamespace(
        ais=PartenaireFactory(agent=d.nadia, nom="CCAS de Rennes (matrice)"),
        relais=PartenaireFactory(agent=d.ines, nom="MDS Cleunay (matrice)", type="MDS"),
    )
    d.suivi = SimpleNamespace(
        ais=ais,
        relais=relais,
        partenaires=partenaires,
        orientations=SimpleNamespace(
            ais=OrientationFactory(agent=d.nadia, menage=ais, partenaire=partenaires.ais),
            relais=OrientationFactory(agent=d.ines, menage=relais, partenaire=partenaires.relais),
        ),
    )


def _cote(quoi: str) -> str:
    return "ais" if quoi == "propre" else "relais"


def _aujourd_hui() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def _contact_ajouter(d, persona: str, quoi: str):
    menage = getattr(d.suivi, _cote(quoi))
    donnees = {"canal": "TELEPHONE", "le": _aujourd_hui(), "duree": "15", "note": ""}
    return {"pk": menage.pk}, donnees


def _contact_neuf(d, persona: str, quoi: str):
    """Un contact neuf, noté par la référente du ménage visé."""
    from tests.accompagnement.factories import ContactFactory

    cote = _cote(quoi)
    referente = d.nadia if cote == "ais" else d.ines
    contact = ContactFactory(agent=referente, menage=getattr(d.suivi, cote))
    return {"pk": contact.pk}, {}


def _orientation_ajouter(d, persona: str, quoi: str):
    cote = _cote(quoi)
    donnees = {
        "partenaire": getattr(d.suivi.partenaires, cote).pk,
        "motif": "DROITS",
        "le": _aujourd_hui(),
    }
    return {"pk": getattr(d.suivi, cote).pk}, donnees


def _orientation_suite(d, persona: str, quoi: str):
    orientation = getattr(d.suivi.orientations, _cote(quoi))
    return {"pk": orientation.pk}, {"issue": "PRISE_EN_CHARGE", "issue_le": _aujourd_hui()}


def _partenaire_nouveau(d, persona: str, quoi: str | None):
    return {}, {"nom": f"Mission locale (matrice {next(_NUMERO)})", "type": "MISSION_LOCALE"}


def _partenaire_modifier(d, persona: str, quoi: str):
    partenaire = getattr(d.suivi.partenaires, _cote(quoi))
    donnees = {"nom": partenaire.nom, "type": partenaire.type, "commune": "Rennes", "actif": "on"}
    return {"pk": partenaire.pk}, donnees


CIBLES = {
    "accompagnement:contact_ajouter": _contact_ajouter,
    "accompagnement:contact_retirer": _contact_neuf,
    "accompagnement:orientation_ajouter": _orientation_ajouter,
    "accompagnement:orientation_suite": _orientation_suite,
    "accompagnement:partenaire_creer": _partenaire_nouveau,
    "accompagnement:partenaire_modifier": _partenaire_modifier,
}

_LU = statuts(404, marc=200)
_ECRIT = statuts(404, marc=302)
_AUTRE = statuts(404)

MATRICE: dict = {}
for _nom in ("contact_ajouter", "contact_retirer", "orientation_ajouter", "orientation_suite"):
    MATRICE |= {
        (f"accompagnement:{_nom}", "get", "propre"): _LU,
        (f"accompagnement:{_nom}", "post", "propre"): _ECRIT,
        (f"accompagnement:{_nom}", "get", "autre"): _AUTRE,
        (f"accompagnement:{_nom}", "post", "autre"): _AUTRE,
    }
MATRICE |= {
    ("accompagnement:partenaires", "get", None): statuts(403, marc=200),
    ("accompagnement:partenaires", "post", None): statuts(405),
    ("accompagnement:partenaire_creer", "get", None): statuts(403, marc=200),
    ("accompagnement:partenaire_creer", "post", None): statuts(403, marc=302),
    ("accompagnement:partenaire_modifier", "get", "propre"): statuts(403, marc=200),
    ("accompagnement:partenaire_modifier", "post", "propre"): statuts(403, marc=302),
    ("accompagnement:partenaire_modifier", "get", "autre"): statuts(403, marc=404),
    ("accompagnement:partenaire_modifier", "post", "autre"): statuts(403, marc=404),
}

#: Écarts des personas de rôle (voir tests/test_matrice_roles.py).
ECARTS: dict = {}
# La gestion locative sait qu'un plan existe, jamais ses contacts ni ses orientations : le
# suivi d'un ménage lui est introuvable (perms.acces_accompagnement, selectors.menages_accompagnes).
for _nom in ("contact_ajouter", "contact_retirer", "orientation_ajouter", "orientation_suite"):
    for _methode in ("get", "post"):
        ECARTS[(f"accompagnement:{_nom}", _methode, "propre")] = {"julie": 404}
# L'annuaire des partenaires est tenu par la direction et le travail social
# (perms.tient_l_annuaire, R-PARTNERS) : la gestion locative en est écartée (403).
for _ligne in (
    ("accompagnement:partenaires", "get", None),
    ("accompagnement:partenaire_creer", "get", None),
    ("accompagnement:partenaire_creer", "post", None),
    ("accompagnement:partenaire_modifier", "get", "propre"),
    ("accompagnement:partenaire_modifier", "post", "propre"),
    ("accompagnement:partenaire_modifier", "get", "autre"),
    ("accompagnement:partenaire_modifier", "post", "autre"),
):
    ECARTS[_ligne] = {"julie": 403}
