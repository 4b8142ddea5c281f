"""Panorama régional : totaux d'indicateurs déclarés par département (seed 000, R-UNKNOWN).

Une DREETS déclare, pour chaque département de sa région et chaque indicateur, une valeur
connue ou « non renseigné » (le « ? » du tableau régional). Un total ne somme que les valeurs
connues et dit combien de départements restent non renseignés : « 106 places connues,
3 départements non renseignés ». Il n'est jamais présenté complet tant qu'une part est
inconnue (`Total.complet`, `Total.valeur` vaut alors `None`) ; un département sans déclaration
compte comme non renseigné, jamais comme 0.

Python pur : pas de Django, pas de base, pas d'horloge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from regles.calcul import somme
from regles.format import euros, nombre
from regles.types import Choix


class Unite(Choix):
    PLACES = "PLACES", "place"
    MESURES = "MESURES", "mesure"


class Indicateur(Choix):
    """Les indicateurs déclarés par département (seed 000) ; la valeur stockée sert aussi
    d'en-tête de colonne à l'import (docs/formats/panorama.md)."""

    PLACES_CLASSIQUE_MG = "PLACES_CLASSIQUE_MG", "IML classique, mandat de gestion (places)"
    PLACES_CLASSIQUE_SL = "PLACES_CLASSIQUE_SL", "IML classique, sous-location (places)"
    PLACES_SPECIALISEE_MG = "PLACES_SPECIALISEE_MG", "IML spécialisée, mandat de gestion (places)"
    PLACES_SPECIALISEE_SL = "PLACES_SPECIALISEE_SL", "IML spécialisée, sous-location (places)"
    PLACES_PSY_MG = "PLACES_PSY_MG", "IML psy, mandat de gestion (places)"
    PLACES_PSY_SL = "PLACES_PSY_SL", "IML psy, sous-location (places)"
    PLACES_CHEZ_SOI = "PLACES_CHEZ_SOI", "« Un chez-soi d'abord » (places)"
    PLACES_PETIT_CHEZ_SOI = "PLACES_PETIT_CHEZ_SOI", "« Un petit chez-soi » (places)"
    MESURES_ETAT = "MESURES_ETAT", "Mesures de sous-location financées par l'État"
    MESURES_DEPARTEMENT = (
        "MESURES_DEPARTEMENT",
        "Mesures financées par le conseil départemental",
    )

    @property
    def unite(self) -> Unite:
        return Unite.MESURES if self.value.startswith("MESURES") else Unite.PLACES

    @property
    def regle(self) -> str:
        """La règle qui définit l'indicateur (citée à l'écran et dans les exports)."""
        if self is Indicateur.PLACES_CHEZ_SOI:
            return "R-CHEZ-SOI"
        if self is Indicateur.PLACES_PETIT_CHEZ_SOI:
            return "R-PETIT-CHEZ-SOI"
        if self.unite is Unite.MESURES:
            return "R-CD-MEASURES"
        return "R-CATEGORY"


def _quantite(valeur: Decimal, unite: Unite) -> str:
    """« 106 places », « 1 place », « 83 mesures »."""
    mot = unite.libelle + ("s" if valeur >= 2 else "")
    return f"{nombre(valeur)}\u00a0{mot}"


def _departements(n: int) -> str:
    return f"{n}\u00a0département{'s' if n >= 2 else ''}"


@dataclass(frozen=True)
class Total:
    """Somme des valeurs connues d'un indicateur sur des départements ; `non_renseignes` :
    combien n'ont pas de valeur connue (R-UNKNOWN)."""

    connu: Decimal
    non_renseignes: int
    departements: int
    unite: Unite = Unite.PLACES

    @property
    def complet(self) -> bool:
        return self.non_renseignes == 0

    @property
    def valeur(self) -> Decimal | None:
        """Le total, seulement s'il est complet ; `None` sinon (jamais un total partiel)."""
        return self.connu if self.complet else None

    @property
    def texte(self) -> str:
        """« 106 places connues, 3 départements non renseignés » ; « 83 mesures » si complet."""
        if self.departements == 0:
            return "aucun département"
        if self.complet:
            return _quantite(self.connu, self.unite)
        if self.non_renseignes == self.departements:
            return f"non renseigné ({_departements(self.non_renseignes)})"
        connues = "connues" if self.connu >= 2 else "connue"
        return (
            f"{_quantite(self.connu, self.unite)} {connues}, "
            f"{_departements(self.non_renseignes)} non renseigné"
            f"{'s' if self.non_renseignes >= 2 else ''}"
        )

    @property
    def texte_euros(self) -> str:
        """Un total de montants : « 140 000 € », « 70 000 € connus, 2 départements non
        renseignés »."""
        if self.departements == 0:
            return "aucun département"
        if self.complet:
            return euros(self.connu)
        if self.non_renseignes == self.departements:
            return f"non renseigné ({_departements(self.non_renseignes)})"
        return (
            f"{euros(self.connu)} connus, {_departements(self.non_renseignes)} non renseigné"
            f"{'s' if self.non_renseignes >= 2 else ''}"
        )


def totaliser(valeurs: Iterable[Decimal | None], unite: Unite = Unite.PLACES) -> Total:
    """R-UNKNOWN : une valeur par département, `None` = non renseigné (ou pas de déclaration)."""
    connu, inconnus, n = Decimal(0), 0, 0
    for v in valeurs:
        n += 1
        if v is None:
            inconnus += 1
        else:
            connu += v
    return Total(connu, inconnus, n, unite)


#: Somme de parts d'un même département (mesures État + département) : `None` dès qu'une part
#: est inconnue (R-UNKNOWN : 53 + ? n'est pas 53). C'est `regles.calcul.somme`.
somme_connue = somme


@dataclass(frozen=True)
class FinancementPetitChezSoi:
    """R-PETIT-CHEZ-SOI, R-COFUNDING : places × financement par place, par financeur."""

    par_financeur: Mapping[str, Decimal | None]
    total: Decimal | None
    par_place: Decimal


def financement_petit_chez_soi(
    places: Decimal | None, par_place: Mapping[str, Decimal]
) -> FinancementPetitChezSoi:
    """7 000 € ARS + 7 000 € État par place (`petit_chez_soi_financement_par_place`) ;
    places inconnues : financement inconnu, jamais 0."""
    par_financeur = {
        f: (None if places is None else places * montant) for f, montant in par_place.items()
    }
    total = somme_connue(par_financeur.values())
    return FinancementPetitChezSoi(par_financeur, total, sum(par_place.values(), Decimal(0)))


def texte_valeur(valeur: Decimal | None, unite: Unite) -> str:
    """Une cellule : « 85 places », « non renseigné »."""
    return "non renseigné" if valeur is None else _quantite(valeur, unite)


def texte_montant(valeur: Decimal | None) -> str:
    return euros(valeur)


def valider_valeur(valeur: Decimal) -> str | None:
    """Une valeur déclarée est un nombre entier positif de places ou de mesures (message
    français, ou `None`)."""
    if valeur < 0:
        return "un nombre positif ou nul est attendu."
    if valeur != valeur.to_integral_value():
        return "un nombre entier est attendu."
    if valeur > 1_000_000:
        return "nombre trop grand."
    return None
