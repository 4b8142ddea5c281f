"""Pré-contrôle de la décence d'un logement du parc (R-DECENCE-SURFACE, R-DECENCE-DPE).

Surface et volume : décret n° 2002-120 du 30 janvier 2002, art. 4 (une pièce principale d'au
moins 9 m² et 2,20 m sous plafond, ou d'un volume d'au moins 20 m³). Performance énergétique :
loi n° 2021-1104 du 22 août 2021 (Climat et résilience), art. 160 : les classes G, puis F,
puis E sortent des logements décents pour toute nouvelle location ; le DPE a une durée de
validité. Les seuils et les dates sont des paramètres du bloc `parc` du barème.
Une valeur inconnue n'est jamais prise pour conforme (R-UNKNOWN).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from regles.constats import Constat, alerte, erreur, trier
from regles.format import UNITE, date_fr, nombre
from regles.parametres_parc import ParametresParc, exclusion_dpe
from regles.types import ClasseDpe

SURFACE = "R-DECENCE-SURFACE"
DPE = "R-DECENCE-DPE"
LOI_CLIMAT = "loi Climat et résilience"


@dataclass(frozen=True)
class CaracteristiquesDecence:
    """Ce qu'il faut d'un logement pour le pré-contrôle ; `None` : non renseigné."""

    surface_m2: Decimal | None
    hauteur_sous_plafond_m: Decimal | None
    classe_dpe: ClasseDpe | str | None
    date_dpe: date | None


def _m2(valeur: Decimal) -> str:
    return f"{nombre(valeur.normalize())}{UNITE}m²"


def _hauteur(valeur: Decimal) -> str:
    return f"{nombre(valeur, 2)}{UNITE}m"


def _m3(valeur: Decimal, decimales: int | None = None) -> str:
    return f"{nombre(valeur.normalize() if decimales is None else valeur, decimales)}{UNITE}m³"


def _minimums(p: ParametresParc) -> str:
    return (
        f"{_m2(p.decence_surface_min_m2)} et {_hauteur(p.decence_hauteur_min_m)}, ou "
        f"{_m3(p.decence_volume_min_m3)} ; décret n° 2002-120, art. 4"
    )


def _sans_hauteur(surface: Decimal, p: ParametresParc) -> Constat:
    if surface >= p.decence_surface_min_m2:
        texte = (
            f"{_m2(surface)}, hauteur sous plafond non renseignée : à vérifier ({_minimums(p)})."
        )
        return alerte(SURFACE, texte, "hauteur_sous_plafond_m")
    texte = (
        f"{_m2(surface)} (hauteur sous plafond non renseignée) : en dessous du minimum de "
        f"décence ({_minimums(p)})."
    )
    return erreur(SURFACE, texte, "surface_m2")


def controler_surface(logement: CaracteristiquesDecence, p: ParametresParc) -> tuple[Constat, ...]:
    """R-DECENCE-SURFACE : (surface ≥ 9 m² et hauteur ≥ 2,20 m) ou volume ≥ 20 m³, bornes
    incluses. Surface inconnue : erreur (on ne peut conclure). Hauteur inconnue : jugé sur la
    seule surface ; une alerte « à vérifier » si la surface atteint le minimum."""
    surface, hauteur = logement.surface_m2, logement.hauteur_sous_plafond_m
    if surface is None:
        texte = (
            "surface habitable non renseignée : la décence ne peut pas être vérifiée "
            f"({_minimums(p)})."
        )
        return (erreur(SURFACE, texte, "surface_m2"),)
    if hauteur is None:
        return (_sans_hauteur(surface, p),)
    volume = surface * hauteur
    if (
        surface >= p.decence_surface_min_m2 and hauteur >= p.decence_hauteur_min_m
    ) or volume >= p.decence_volume_min_m3:
        return ()
    champ = "surface_m2" if surface < p.decence_surface_min_m2 else "hauteur_sous_plafond_m"
    texte = (
        f"{_m2(surface)} et {_hauteur(hauteur)} sous plafond ({_m3(volume, 1)}) : en dessous "
        f"du minimum de décence ({_minimums(p)})."
    )
    return (erreur(SURFACE, texte, champ),)


def _classe(valeur: ClasseDpe | str | None) -> ClasseDpe | None:
    """La classe, ou `None` si elle est absente ou hors de A à G."""
    if valeur is None:
        return None
    try:
        return ClasseDpe(str(valeur).strip().upper())
    except ValueError:
        return None


def _classe_inconnue(valeur: ClasseDpe | str | None) -> str:
    if valeur is None or not str(valeur).strip():
        return "classe DPE non renseignée"
    return f"classe DPE « {valeur} » inconnue (A à G attendu)"


def _anniversaire(jour: date, annees: int) -> date:
    try:
        return jour.replace(year=jour.year + annees)
    except ValueError:  # 29 février : le 1er mars
        return date(jour.year + annees, 3, 1)


def _validite_dpe(
    logement: CaracteristiquesDecence, p: ParametresParc, date_location: date
) -> tuple[Constat, ...]:
    if logement.date_dpe is None:
        return (alerte(DPE, "date du DPE non renseignée : validité à vérifier.", "date_dpe"),)
    fin = _anniversaire(logement.date_dpe, p.dpe_validite_annees)
    if fin <= date_location:
        texte = (
            f"DPE du {date_fr(logement.date_dpe)} périmé le {date_fr(fin)} (validité de "
            f"{p.dpe_validite_annees} ans) : un DPE en cours de validité est requis pour louer "
            f"le {date_fr(date_location)}."
        )
        return (erreur(DPE, texte, "date_dpe"),)
    return ()


def controler_dpe(
    logement: CaracteristiquesDecence, p: ParametresParc, date_location: date
) -> tuple[Constat, ...]:
    """R-DECENCE-DPE : classe exclue des nouvelles locations à la date (erreur), ou plus tard
    (alerte) ; classe inconnue (erreur) ; DPE périmé à la date, au jour anniversaire (erreur) ;
    date du DPE inconnue (alerte)."""
    constats: list[Constat] = []
    classe = _classe(logement.classe_dpe)
    if classe is None:
        constats.append(
            erreur(
                DPE,
                f"{_classe_inconnue(logement.classe_dpe)} : la performance énergétique ne peut "
                f"pas être vérifiée ({LOI_CLIMAT}).",
                "classe_dpe",
            )
        )
    else:
        exclusion = exclusion_dpe(classe, p)
        if exclusion is not None and exclusion <= date_location:
            texte = (
                f"classe {classe.value} exclue des nouvelles locations depuis le "
                f"{date_fr(exclusion)} ({LOI_CLIMAT})."
            )
            constats.append(erreur(DPE, texte, "classe_dpe"))
        elif exclusion is not None:
            texte = (
                f"classe {classe.value} exclue des nouvelles locations à partir du "
                f"{date_fr(exclusion)} ({LOI_CLIMAT})."
            )
            constats.append(alerte(DPE, texte, "classe_dpe"))
    constats.extend(_validite_dpe(logement, p, date_location))
    return tuple(constats)


def controler_decence(
    logement: CaracteristiquesDecence, parametres: ParametresParc, date_location: date
) -> tuple[Constat, ...]:
    """R-DECENCE-SURFACE, R-DECENCE-DPE : le logement peut-il être loué de nouveau le
    `date_location` ? Erreurs (bloquantes) puis alertes, chaque constat nommant son champ."""
    constats = controler_surface(logement, parametres) + controler_dpe(
        logement, parametres, date_location
    )
    return trier(constats)


def alertes_location_en_cours(
    logement: CaracteristiquesDecence, parametres: ParametresParc, aujourd_hui: date
) -> tuple[Constat, ...]:
    """R-DECENCE-DPE : pour un logement déjà loué, alertes seulement (jamais d'erreur) : la
    classe deviendra exclue à une date future, ou l'est déjà (la location en cours se poursuit
    jusqu'à son renouvellement, aucune nouvelle location n'est possible)."""
    classe = _classe(logement.classe_dpe)
    if classe is None:
        return (
            alerte(
                DPE,
                f"{_classe_inconnue(logement.classe_dpe)} : conformité de la location en cours "
                "à vérifier.",
                "classe_dpe",
            ),
        )
    exclusion = exclusion_dpe(classe, parametres)
    if exclusion is None:
        return ()
    if exclusion > aujourd_hui:
        texte = (
            f"la location en cours deviendra non conforme le {date_fr(exclusion)} "
            f"(classe {classe.value})."
        )
    else:
        texte = (
            f"classe {classe.value} exclue des nouvelles locations depuis le "
            f"{date_fr(exclusion)} ({LOI_CLIMAT}) : la location en cours peut se poursuivre "
            "jusqu'à son renouvellement, aucune nouvelle location n'est possible."
        )
    return (alerte(DPE, texte, "classe_dpe"),)
