"""Matrice des permissions du volet estimations de l'aide au logement (fusionnée par
tests/test_matrice_permissions.py).

Objets (`preparer`) : une estimation demandée par julie pour un ménage de l'AIS Rennes dans un
logement de l'AIS, une demandée par thomas au Relais. Cible « propre » = celle de l'AIS
(l'organisation de marc), « autre » = celle du Relais.

- La direction et la gestion locative de l'opérateur du ménage demandent et lisent les
  estimations (perms.acces_gestion) ; celle d'une autre organisation est une 404.
- Tous les autres (travail social, État, SIAO, cofinanceurs, administration de la plateforme)
  reçoivent 403 : une estimation sert au contrôle d'admission, tenu par la gestion.
- La demande (POST) porte le ménage et le logement dans le corps : un ménage d'une autre
  organisation y est refusé par un message, comme un ménage inexistant (302, rien de créé).
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE", "preparer"]


def preparer(d) -> None:
    from django.utils import timezone

    from iml.occupations.services.estimations import demander_estimation
    from tests.appels.factories import acteur
    from tests.menages.factories import MenageFactory
    from tests.parc.factories import LogementFactory

    if hasattr(d, "estimations"):
        return
    objets = {}
    for cle, agent in (("ais", d.julie), ("relais", d.thomas)):
        menage, logement = MenageFactory(agent=agent), LogementFactory(agent=agent)
        objets[cle] = demander_estimation(
            acteur=acteur(agent), menage=menage, logement=logement, loyer=Decimal("520.00"),
            charges=Decimal("40.00"), maintenant=timezone.now(),
        )  # fmt: skip
    d.estimations = SimpleNamespace(**objets)


def _estimation(d, persona: str, quoi: str):
    estimation = d.estimations.ais if quoi == "propre" else d.estimations.relais
    return {"pk": estimation.pk}, {}


def _demande(d, persona: str, quoi: str | None):
    estimation = d.estimations.ais
    return {}, {
        "menage": estimation.menage_id,
        "logement": estimation.logement_id,
        "loyer": "480,00",
        "charges": "30,00",
        "next": "/occupations/estimations/matrice/",
    }


CIBLES = {"occupations:estimer": _demande, "occupations:estimation": _estimation}

MATRICE = {
    ("occupations:estimer", "post", None): statuts(403, marc=302),
    ("occupations:estimer", "get", None): statuts(405, anonyme=302),
    ("occupations:estimation", "get", "propre"): statuts(403, marc=200),
    ("occupations:estimation", "get", "autre"): statuts(403, marc=404),
}

_TRAVAIL_SOCIAL = {"nadia": 403, "ines": 403}

#: Le travail social ne demande ni ne lit d'estimation (perms.acces_gestion) : 403 là où la
#: direction (marc, sa référence) a 302, 200 ou 404 ; julie (gestion locative) et louis
#: (direction, en Gironde : le ménage de l'AIS lui est introuvable, message et 302 ; les
#: estimations de Rennes lui sont des 404) suivent marc.
ECARTS = {
    ("occupations:estimer", "post", None): _TRAVAIL_SOCIAL,
    ("occupations:estimation", "get", "propre"): _TRAVAIL_SOCIAL,
    ("occupations:estimation", "get", "autre"): _TRAVAIL_SOCIAL,
}
