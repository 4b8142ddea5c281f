"""Paramètres du pilotage : délai d'alerte avant un jalon de montée en charge (R-RAMPUP).

Bloc facultatif `pilotage` d'un jeu de paramètres ; absent d'un jeu d'avant son ajout (version 7
du national), il vaut `None` dans le `Bareme`. La lecture stricte du bloc est `lire_pilotage` ;
sa description (guide des règles) est `PARAMETRES_PILOTAGE`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from regles import conversion as cv
from regles.parametres_operations import Parametre, _p


@dataclass(frozen=True)
class ParametresPilotage:
    """Bloc `pilotage` d'un barème."""

    alerte_jalon_jours: int


NOMS_PILOTAGE: frozenset[str] = frozenset(f.name for f in fields(ParametresPilotage))

PARAMETRES_PILOTAGE: tuple[Parametre, ...] = (
    _p(
        "alerte_jalon_jours",
        "R-RAMPUP",
        "Jours avant un jalon de montée en charge non atteint à partir desquels l'État et "
        "l'opérateur sont alertés (jalon « à risque »)",
        True,
    ),
)


def lire_pilotage(v: object, chemin: str) -> ParametresPilotage | None:
    """Lit le bloc `pilotage` (toutes les clés requises, aucune inconnue) ; `None` reste `None`."""
    if v is None:
        return None
    obj = cv.objet(v, chemin)
    cv.cles(obj, chemin, requises=set(NOMS_PILOTAGE), permises=set())
    return ParametresPilotage(
        alerte_jalon_jours=cv.entier(
            obj["alerte_jalon_jours"], cv.sous(chemin, "alerte_jalon_jours"), minimum=1
        ),
    )
