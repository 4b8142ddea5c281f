"""Paramètres du parc de l'opérateur : décence, DPE, zones tendues, alertes de suivi.

Bloc facultatif `parc` d'un jeu de paramètres (R-DECENCE-SURFACE, R-DECENCE-DPE,
R-PUBLIC-STOCK, R-CEILING-NA pour la zone) ; absent d'un jeu d'avant son ajout, il vaut
`None` dans le `Bareme`. La lecture stricte du bloc est `lire_parc`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from regles import conversion as cv
from regles.types import ClasseDpe, Zone

#: Code INSEE d'une commune : département sur deux caractères (2A, 2B pour la Corse), puis trois
#: chiffres.
CODE_COMMUNE = re.compile(r"^(\d{2}|2[AB])\d{3}$")


@dataclass(frozen=True)
class ExclusionDpe:
    """R-DECENCE-DPE : à partir du `a_partir_du`, un logement de `classe` n'est plus décent pour
    une nouvelle location."""

    classe: ClasseDpe
    a_partir_du: date


@dataclass(frozen=True)
class ParametresParc:
    """Bloc `parc` d'un barème."""

    decence_surface_min_m2: Decimal
    decence_hauteur_min_m: Decimal
    decence_volume_min_m3: Decimal
    dpe_exclusions: tuple[ExclusionDpe, ...]
    dpe_validite_annees: int
    zones_tendues: frozenset[str]
    alerte_fin_contrat_jours: int
    logement_social_justification_mois: int


NOMS_PARC: frozenset[str] = frozenset(f.name for f in fields(ParametresParc))


def zone_de_commune(code_insee: str, parametres: ParametresParc) -> Zone:
    """R-CEILING-NA : zone tendue si la commune figure dans `zones_tendues`, détendue sinon."""
    return Zone.TENDUE if code_insee.strip() in parametres.zones_tendues else Zone.DETENDUE


def exclusion_dpe(classe: ClasseDpe | str, parametres: ParametresParc) -> date | None:
    """R-DECENCE-DPE : date à partir de laquelle la classe est exclue des nouvelles locations,
    ou `None` si elle ne l'est pas ; « g » vaut « G » ; une classe hors de A à G lève
    `ValueError`."""
    membre = ClasseDpe(str(classe).strip().upper())
    for exclusion in parametres.dpe_exclusions:
        if exclusion.classe is membre:
            return exclusion.a_partir_du
    return None


def _decimal_positif(v: object, chemin: str) -> Decimal:
    d = cv.decimal(v, chemin)
    if d <= 0:
        raise cv.ValeurInvalide(chemin, f"valeur {d} : nombre strictement positif attendu")
    return d


def _exclusions(v: object, chemin: str) -> tuple[ExclusionDpe, ...]:
    exclusions: list[ExclusionDpe] = []
    vues: set[ClasseDpe] = set()
    for i, x in enumerate(cv.liste(v, chemin)):
        c = cv.indice(chemin, i)
        obj = cv.objet(x, c)
        cv.cles(obj, c, requises={"classe", "a_partir_du"}, permises=set())
        classe = cv.choix(ClasseDpe, obj["classe"], cv.sous(c, "classe"))
        if classe in vues:
            raise cv.ValeurInvalide(cv.sous(c, "classe"), f"classe {classe.value} en double")
        vues.add(classe)
        exclusions.append(
            ExclusionDpe(classe, cv.jour(obj["a_partir_du"], cv.sous(c, "a_partir_du")))
        )
    return tuple(sorted(exclusions, key=lambda e: e.a_partir_du))


def _communes(v: object, chemin: str) -> frozenset[str]:
    codes: set[str] = set()
    for i, x in enumerate(cv.liste(v, chemin)):
        code = cv.texte(x, cv.indice(chemin, i))
        if not CODE_COMMUNE.match(code):
            raise cv.ValeurInvalide(
                cv.indice(chemin, i), f"code INSEE de commune « {code} » invalide (35238, 2A004)"
            )
        codes.add(code)
    return frozenset(codes)


def lire_parc(v: object, chemin: str) -> ParametresParc | None:
    """Lit le bloc `parc` (toutes les clés requises, aucune inconnue) ; `None` reste `None`."""
    if v is None:
        return None
    obj = cv.objet(v, chemin)
    cv.cles(obj, chemin, requises=set(NOMS_PARC), permises=set())

    def s(cle: str) -> str:
        return cv.sous(chemin, cle)

    return ParametresParc(
        decence_surface_min_m2=_decimal_positif(
            obj["decence_surface_min_m2"], s("decence_surface_min_m2")
        ),
        decence_hauteur_min_m=_decimal_positif(
            obj["decence_hauteur_min_m"], s("decence_hauteur_min_m")
        ),
        decence_volume_min_m3=_decimal_positif(
            obj["decence_volume_min_m3"], s("decence_volume_min_m3")
        ),
        dpe_exclusions=_exclusions(obj["dpe_exclusions"], s("dpe_exclusions")),
        dpe_validite_annees=cv.entier(
            obj["dpe_validite_annees"], s("dpe_validite_annees"), minimum=1
        ),
        zones_tendues=_communes(obj["zones_tendues"], s("zones_tendues")),
        alerte_fin_contrat_jours=cv.entier(
            obj["alerte_fin_contrat_jours"], s("alerte_fin_contrat_jours"), minimum=0
        ),
        logement_social_justification_mois=cv.entier(
            obj["logement_social_justification_mois"],
            s("logement_social_justification_mois"),
            minimum=1,
        ),
    )
