"""Paramètres du parc (provisoire : remplacé par la version complète de la branche des règles)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from regles.types import ClasseDpe, Zone


@dataclass(frozen=True)
class ExclusionDpe:
    classe: ClasseDpe
    a_partir_du: date


@dataclass(frozen=True)
class ParametresParc:
    decence_surface_min_m2: Decimal
    decence_hauteur_min_m: Decimal
    decence_volume_min_m3: Decimal
    dpe_exclusions: tuple[ExclusionDpe, ...]
    dpe_validite_annees: int
    zones_tendues: frozenset[str]
    alerte_fin_contrat_jours: int
    logement_social_justification_mois: int


def zone_de_commune(code_insee: str, parametres: ParametresParc) -> Zone:
    return Zone.TENDUE if code_insee in parametres.zones_tendues else Zone.DETENDUE


def exclusion_dpe(classe: ClasseDpe | str, parametres: ParametresParc) -> date | None:
    return next((e.a_partir_du for e in parametres.dpe_exclusions if e.classe == classe), None)
