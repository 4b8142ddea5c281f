"""Contrôle de décence (provisoire : remplacé par la version complète de la branche des règles)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from regles.constats import Constat, erreur
from regles.parametres_parc import ParametresParc, exclusion_dpe
from regles.types import ClasseDpe


@dataclass(frozen=True)
class CaracteristiquesDecence:
    surface_m2: Decimal | None
    hauteur_sous_plafond_m: Decimal | None
    classe_dpe: ClasseDpe | str | None
    date_dpe: date | None


def controler_decence(
    logement: CaracteristiquesDecence, parametres: ParametresParc, date_location: date
) -> tuple[Constat, ...]:
    constats: list[Constat] = []
    if logement.surface_m2 is None or logement.surface_m2 < parametres.decence_surface_min_m2:
        constats.append(erreur("R-DECENCE-SURFACE", "surface insuffisante", "surface_m2"))
    exclue = exclusion_dpe(logement.classe_dpe or "", parametres)
    if not logement.classe_dpe or (exclue and exclue <= date_location):
        constats.append(erreur("R-DECENCE-DPE", "classe exclue", "classe_dpe"))
    return tuple(constats)


def alertes_location_en_cours(
    logement: CaracteristiquesDecence, parametres: ParametresParc, aujourd_hui: date
) -> tuple[Constat, ...]:
    return ()
