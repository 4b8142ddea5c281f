"""Échelles du générateur : quels départements, combien d'opérateurs, de logements et de
prospects par opérateur. Le national couvre les 101 départements du COG (≈ 1 000 opérateurs,
≈ 30 000 logements)."""

from __future__ import annotations

from dataclasses import dataclass

from iml.comptes.enums import NiveauTerritoire
from iml.comptes.models import Territoire

#: Région et département de l'échelle réduite : la Bretagne, l'Ille-et-Vilaine.
REGION_TYPE = "53"
DEPARTEMENT_TYPE = "35"


@dataclass(frozen=True)
class Echelle:
    nom: str
    operateurs_par_departement: int = 10
    logements_par_operateur: int = 30
    prospects_par_operateur: int = 30


ECHELLES = {
    "departement": Echelle("departement"),
    "region": Echelle("region"),
    "national": Echelle("national"),
}


def departements(echelle: Echelle) -> list[Territoire]:
    """Les départements couverts, triés par code (ordre stable pour la graine)."""
    qs = Territoire.objects.filter(niveau=NiveauTerritoire.DEPARTEMENT).select_related("region")
    if echelle.nom == "departement":
        qs = qs.filter(code=DEPARTEMENT_TYPE)
    elif echelle.nom == "region":
        qs = qs.filter(region__code=REGION_TYPE)
    return sorted(qs, key=lambda t: t.code)
