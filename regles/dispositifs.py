"""Dispositifs voisins et cofinancements (R-CHEZ-SOI, R-PETIT-CHEZ-SOI, R-CD-MEASURES,
R-COFUNDING)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from regles.bareme import Bareme
from regles.calcul import somme
from regles.constats import Constat, alerte, erreur, info
from regles.format import euros, pluriel
from regles.types import Financeur, Mode, Service, StatutJuridique


@dataclass(frozen=True)
class Financement:
    """Un financeur d'une mesure, pour un service ou pour l'ensemble ; `None` = non renseigné."""

    financeur: Financeur
    montant: Decimal | None
    service: Service | None = None


def totaux_financements(
    financements: Sequence[Financement],
) -> tuple[Decimal | None, dict[Financeur, Decimal | None]]:
    """R-COFUNDING, R-UNKNOWN : total et total par financeur ; un montant inconnu le reste."""
    par_financeur: dict[Financeur, Decimal | None] = {}
    for f in financements:
        if f.financeur in par_financeur:
            par_financeur[f.financeur] = somme([par_financeur[f.financeur], f.montant])
        else:
            par_financeur[f.financeur] = f.montant
    return somme(f.montant for f in financements), par_financeur


def verifier_equilibre(
    financements: Sequence[Financement], charges: Decimal | None, champ: str = "financements"
) -> tuple[Constat, ...]:
    """R-COFUNDING : les recettes couvrent exactement les charges du budget (alerte sinon)."""
    if not financements:
        return ()
    recettes, _ = totaux_financements(financements)
    if recettes is None or charges is None:
        return (
            info(
                "R-UNKNOWN",
                f"recettes {euros(recettes)} et charges {euros(charges)} : équilibre non vérifié.",
                champ,
            ),
        )
    if recettes != charges:
        return (
            alerte(
                "R-COFUNDING",
                f"recettes de {euros(recettes)} pour {euros(charges)} de charges : budget non "
                f"équilibré (écart {euros(recettes - charges)}).",
                champ,
            ),
        )
    return ()


@dataclass(frozen=True)
class ProjetChezSoi:
    """Projet « Un chez-soi d'abord » (000 §I.B)."""

    type_territoire: str
    places: int
    statut_porteur: StatutJuridique | None
    convention_hopital_pass: bool
    convention_organisme_exclusion: bool


def verifier_chez_soi(p: ProjetChezSoi, bareme: Bareme) -> tuple[Constat, ...]:
    """R-CHEZ-SOI : capacité selon le territoire ; porteur GCSMS conventionné (hôpital avec
    PASS, organisme de lutte contre les exclusions)."""
    constats: list[Constat] = []
    attendu = bareme.chez_soi_places.get(p.type_territoire)
    if attendu is None:
        admis = ", ".join(bareme.chez_soi_places)
        constats.append(
            erreur(
                "R-CHEZ-SOI", f"type de territoire inconnu ; admis : {admis}.", "type_territoire"
            )
        )
    elif p.places != attendu:
        constats.append(
            alerte("R-CHEZ-SOI", f"{p.places} places pour {attendu} attendues.", "places")
        )
    if p.statut_porteur is not StatutJuridique.GCSMS:
        constats.append(erreur("R-CHEZ-SOI", "le porteur doit être un GCSMS.", "statut_porteur"))
    for ok, quoi, champ in (
        (
            p.convention_hopital_pass,
            "un établissement de santé disposant d'une PASS",
            "convention_hopital_pass",
        ),
        (
            p.convention_organisme_exclusion,
            "un organisme de lutte contre les exclusions",
            "convention_organisme_exclusion",
        ),
    ):
        if not ok:
            constats.append(erreur("R-CHEZ-SOI", f"convention avec {quoi} manquante.", champ))
    return tuple(constats)


def eligible_chez_soi(sans_abri: bool, diagnostic_psychiatre: bool, demande: bool) -> bool:
    """R-CHEZ-SOI : sans abri à l'entrée, maladie psychique sévère diagnostiquée, demande."""
    return sans_abri and diagnostic_psychiatre and demande


@dataclass(frozen=True)
class MesurePetitChezSoi:
    """Mesure « Un petit chez-soi » (000 §I.B)."""

    mode: Mode
    bail_glissant: bool
    equipe_sante: bool
    equipe_sociale: bool
    visites_par_semaine: int
    financements_par_place: Sequence[Financement] = ()


def verifier_petit_chez_soi(m: MesurePetitChezSoi, bareme: Bareme) -> tuple[Constat, ...]:
    """R-PETIT-CHEZ-SOI, R-COFUNDING : sous-location à bail glissant, équipe santé et social,
    au moins une visite par semaine ; financement par place rappelé (7 000 € + 7 000 €)."""
    constats: list[Constat] = []
    if m.mode is not Mode.SOUS_LOCATION or not m.bail_glissant:
        constats.append(
            erreur("R-PETIT-CHEZ-SOI", "sous-location à bail glissant attendue.", "mode")
        )
    if not (m.equipe_sante and m.equipe_sociale):
        constats.append(
            erreur("R-PETIT-CHEZ-SOI", "équipe pluridisciplinaire (santé et social) attendue.")
        )
    minimum = bareme.petit_chez_soi_visites_min_semaine
    if m.visites_par_semaine < minimum:
        constats.append(
            erreur(
                "R-PETIT-CHEZ-SOI",
                f"{pluriel(m.visites_par_semaine, 'visite')} par semaine, {minimum} au moins.",
                "visites_par_semaine",
            )
        )
    if m.financements_par_place:
        total, _ = totaux_financements(m.financements_par_place)
        reference = sum(bareme.petit_chez_soi_financement_par_place.values(), Decimal(0))
        constats.append(
            info(
                "R-COFUNDING",
                f"financement de {euros(total)} par place (référence {euros(reference)}).",
            )
        )
    return tuple(constats)


def verifier_mesure_cd(duree_accompagnement_mois: int, bareme: Bareme) -> tuple[Constat, ...]:
    """R-CD-MEASURES : accompagnement renforcé départemental d'au plus 36 mois (paramètre)."""
    maximum = bareme.cd_accompagnement_duree_max_mois
    if duree_accompagnement_mois > maximum:
        return (
            alerte(
                "R-CD-MEASURES",
                f"accompagnement de {duree_accompagnement_mois} mois, au-delà des {maximum} "
                "mois des mesures départementales de référence.",
                "duree_accompagnement_mois",
            ),
        )
    return ()
