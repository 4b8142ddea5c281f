"""Éligibilité du porteur et modalités d'accompagnement (R-ELIGIBILITY, R-ACCOMP-PLAN).

Un agrément ou une garantie est « valide » à une date quand `date_debut ≤ date ≤ date_fin`
(bornes incluses ; sans date de fin, valide sans limite). La date est celle du dépôt du
dossier ; à défaut, la date de référence de l'appelant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from regles.constats import Constat, alerte, erreur, info
from regles.format import date_fr
from regles.types import Agrement, ModaliteAccompagnement, Mode, StatutJuridique


@dataclass(frozen=True)
class Validite:
    """Période de validité d'un agrément, d'une carte, d'une garantie ou d'une assurance."""

    date_debut: date | None
    date_fin: date | None = None

    def valide_le(self, jour: date) -> bool:
        """Vrai si la période couvre `jour` (bornes incluses) ; sans début, jamais valide."""
        if self.date_debut is None or self.date_debut > jour:
            return False
        return self.date_fin is None or jour <= self.date_fin


@dataclass(frozen=True)
class PartenaireDelegue:
    """Accompagnement délégué (003 §4.6) : trois pièces obligatoires et l'agrément L 365-3."""

    nom: str | None
    description: str | None
    convention: str | None
    budget_annee_pleine: Decimal | None
    agrement_l365_3: Validite | None = None


EXIGES_MANDAT = (
    Agrement.CARTE_PROFESSIONNELLE,
    Agrement.GARANTIE_FINANCIERE,
    Agrement.ASSURANCE_RC,
)


def _controle_agrement(
    agrements: Mapping[Agrement, Validite], qui: Agrement, jour: date, motif: str
) -> list[Constat]:
    champ = f"agrements.{qui.value}"
    validite = agrements.get(qui)
    if validite is None or validite.date_debut is None:
        return [erreur("R-ELIGIBILITY", f"pièce manquante : {qui.libelle} ({motif}).", champ)]
    if not validite.valide_le(jour):
        fin = f" au {date_fr(validite.date_fin)}" if validite.date_fin else ""
        return [
            erreur(
                "R-ELIGIBILITY",
                f"{qui.libelle} non valide le {date_fr(jour)} (du "
                f"{date_fr(validite.date_debut)}{fin}) ({motif}).",
                champ,
            )
        ]
    return []


def verifier_eligibilite(
    statut: StatutJuridique | None,
    agrements: Mapping[Agrement, Validite],
    modes: frozenset[Mode],
    accompagnement_interne: bool,
    jour: date,
) -> tuple[Constat, ...]:
    """R-ELIGIBILITY : personne morale, L 365-4 ; en mandat de gestion carte, garantie, RC ;
    accompagnement interne : L 365-3 ; chacun valide au `jour` (date de dépôt)."""
    constats: list[Constat] = []
    if statut is StatutJuridique.PERSONNE_PHYSIQUE:
        constats.append(
            erreur(
                "R-ELIGIBILITY",
                "l'appel est ouvert aux seules personnes morales.",
                "porteur.statut",
            )
        )
    constats += _controle_agrement(agrements, Agrement.L365_4, jour, "exigence pour tout porteur")
    if Mode.MANDAT_GESTION in modes:
        for qui in EXIGES_MANDAT:
            constats += _controle_agrement(agrements, qui, jour, "exigence du mandat de gestion")
    if accompagnement_interne:
        constats += _controle_agrement(
            agrements, Agrement.L365_3, jour, "exigence de l'accompagnement en interne"
        )
    return tuple(constats)


def _pieces_delegation(p: PartenaireDelegue | None, champ: str, jour: date) -> list[Constat]:
    if p is None:
        return [erreur("R-ACCOMP-PLAN", "accompagnement délégué sans partenaire décrit.", champ)]
    manquants = [
        (nom, texte)
        for nom, valeur, texte in (
            ("description", p.description, "descriptif des prestations validé par le partenaire"),
            ("convention", p.convention, "modalités de conventionnement"),
            ("budget_annee_pleine", p.budget_annee_pleine, "budget en année pleine"),
        )
        if valeur is None
    ]
    constats = [
        erreur("R-ACCOMP-PLAN", f"accompagnement délégué : {texte} manquant.", f"{champ}.{nom}")
        for nom, texte in manquants
    ]
    if p.agrement_l365_3 is None or not p.agrement_l365_3.valide_le(jour):
        constats.append(
            erreur(
                "R-ACCOMP-PLAN",
                f"le partenaire délégué n'a pas d'agrément L 365-3 valide le {date_fr(jour)}.",
                f"{champ}.agrement_L365_3",
            )
        )
    return constats


def verifier_accompagnement(
    modalites: Mapping[Mode, ModaliteAccompagnement],
    partenaires: Mapping[Mode, PartenaireDelegue | None],
    jour: date,
    champ: str = "services.accompagnement",
) -> tuple[Constat, ...]:
    """R-ACCOMP-PLAN, R-MG-GLS-DURATION : qui accompagne, et les pièces d'une délégation.

    Délégation : descriptif validé, convention, budget en année pleine, partenaire agréé
    L 365-3 (003 §4.6). En mandat de gestion l'accompagnement est facultatif et s'appuie sur le
    droit commun ; en sous-location il est adapté à chaque ménage.
    """
    constats: list[Constat] = []
    for mode, modalite in modalites.items():
        c = f"{champ}.{mode.value}"
        if modalite is ModaliteAccompagnement.DELEGUE:
            constats += _pieces_delegation(partenaires.get(mode), f"{c}.partenaire_delegue", jour)
        if mode is Mode.MANDAT_GESTION and modalite is not ModaliteAccompagnement.DROIT_COMMUN:
            constats.append(
                info(
                    "R-MG-GLS-DURATION",
                    "accompagnement financé en mandat de gestion : il reste facultatif et "
                    "s'appuie sur le droit commun.",
                    c,
                )
            )
        if mode is Mode.SOUS_LOCATION and modalite is ModaliteAccompagnement.DROIT_COMMUN:
            constats.append(
                alerte(
                    "R-ACCOMP-PLAN",
                    "sous-location accompagnée par le seul droit commun : préciser comment "
                    "l'accompagnement est adapté à chaque ménage.",
                    c,
                )
            )
    return tuple(constats)
