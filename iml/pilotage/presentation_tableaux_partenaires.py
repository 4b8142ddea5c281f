"""Tableaux de bord du SIAO (vacances, ménages en attente, propositions par état) et du
cofinanceur (conventions et mesures qu'il cofinance, ses montants à côté de ceux de l'État :
R-COFUNDING, R-CD-MEASURES). Des nombres seulement : jamais un nom de ménage."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse

from iml.appels.services.avenants import montants_en_vigueur
from iml.comptes.acteur import Acteur
from iml.pilotage import selectors_tableaux as sel
from iml.pilotage.graphiques import Colonne, Ligne, Tableau
from iml.pilotage.presentation_tableaux import (
    NON_RENSEIGNE,
    Indicateur,
    TableauDeBord,
    Tache,
    indicateur_vacance,
)
from regles import indicateurs as ind
from regles.format import pluriel, pourcentage
from regles.types import Financeur
from regles.types_orientations import StatutProposition

PAS = Decimal("0.1")


# --- SIAO -----------------------------------------------------------------------------------


def tableau_propositions(acteur: Acteur, jour: date, par_statut: dict[str, int]) -> Tableau:
    """Les propositions du SIAO par état (tous les états, zéro compris : un compte)."""
    return Tableau(
        titre="Propositions par état",
        entete_lignes="État de la proposition",
        colonnes=(Colonne("Propositions", unite="propositions", feminin=True),),
        lignes=tuple(
            Ligne(s.libelle.capitalize(), (par_statut.get(s.value, 0),)) for s in StatutProposition
        ),
        source="propositions du SIAO (données du système)",
        date=jour,
        nom="propositions",
        totaux=True,
    )


def tableau_de_bord_siao(acteur: Acteur, jour: date) -> TableauDeBord:
    file = sel.file_siao(acteur)
    propositions = tableau_propositions(acteur, jour, file.propositions_par_statut)
    en_attente = file.propositions_par_statut.get(StatutProposition.PROPOSEE, 0)
    bord = TableauDeBord(
        profil=sel.SIAO, titre="Orientations du département", jour=jour, tableaux=[propositions]
    )
    bord.indicateurs = [
        indicateur_vacance(file.vacances_a_pourvoir, jour, a_pourvoir=True),
        Indicateur("Ménages en attente", pluriel(file.menages_en_attente, "ménage"),
                   "demandes en attente sans proposition en cours"),
        Indicateur("Propositions en attente de réponse", pluriel(en_attente, "proposition")),
    ]  # fmt: skip
    bord.file = [
        Tache("Vacances à pourvoir", len(file.vacances_a_pourvoir),
              reverse("orientations:registre"), "sans proposition en cours"),
        Tache("Ménages en attente", file.menages_en_attente, reverse("orientations:demandes")),
        Tache("Propositions en attente de réponse", en_attente,
              reverse("orientations:propositions"),
              "délais par étape : page « Délais des propositions »"),
    ]  # fmt: skip
    return bord


# --- Cofinanceur ----------------------------------------------------------------------------


def tableau_cofinancements(acteur: Acteur, jour: date) -> Tableau:
    """Par convention cofinancée : le montant du cofinanceur et celui de l'État, pour
    l'exercice le plus récent (un montant de l'État absent de la convention : non
    renseigné)."""
    annee = sel.annee_des_cofinancements(acteur, jour)
    par_convention: dict[str, list] = {}
    for ligne in sel.cofinancements(acteur, annee):
        convention = ligne.convention
        cle = f"Convention {convention.numero} ({convention.dossier.operateur.nom})"
        if cle not in par_convention:
            brut = montants_en_vigueur(convention).get(str(annee))
            par_convention[cle] = [Decimal(0), None if brut is None else Decimal(brut)]
        par_convention[cle][0] += ligne.montant
    return Tableau(
        titre=f"Conventions cofinancées en {annee}",
        entete_lignes="Convention",
        colonnes=(
            # La nature « montant » écrit déjà « € » : pas d'unité en plus (« 0 € € »).
            Colonne("Votre montant", "montant"),
            Colonne("Montant de l'État", "montant"),
        ),
        lignes=tuple(Ligne(cle, (m, e)) for cle, (m, e) in par_convention.items()),
        source="cofinancements et montants en vigueur des conventions du territoire",
        date=jour,
        nom="cofinancements",
        totaux=True,
        inconnues=("montant non renseigné", "montants non renseignés"),
    )


def tableau_mesures(acteur: Acteur, jour: date) -> tuple[Tableau, int]:
    """Les accompagnements en cours cofinancés par le département : par financeur, les plans
    et le montant annuel connu (R-CD-MEASURES)."""
    mesures, plans = sel.mesures_cofinancees(acteur, jour)
    lignes = []
    for financeur in Financeur:
        if financeur.value in mesures:
            siens, montant, inconnus = mesures[financeur.value]
            lignes.append(Ligne(financeur.libelle, (siens, None if inconnus else montant)))
    tableau = Tableau(
        titre="Mesures d'accompagnement en cours cofinancées par le département",
        entete_lignes="Financeur",
        colonnes=(
            Colonne("Mesures", unite="mesures", feminin=True),
            Colonne("Montant annuel", "montant"),
        ),  # fmt: skip
        lignes=tuple(lignes),
        source="plans d'accompagnement des opérateurs du territoire",
        date=jour,
        nom="mesures",
        graphique="aucun",
        inconnues=("financeur au montant incomplet", "financeurs aux montants incomplets"),
    )
    return tableau, plans


def _part_du_financement(cofinancements: Tableau) -> tuple[str, str]:
    """La part du cofinanceur à côté de l'État (R-COFUNDING) ; rien de cofinancé dans
    l'année : pas un « non renseigné » à côté de « 0 € »."""
    if not cofinancements.lignes:
        annee = cofinancements.titre.removeprefix("Conventions cofinancées en ")
        return f"Aucune convention cofinancée en {annee}", ""
    sien, etat = cofinancements.total(0), cofinancements.total(1)
    parts, _ = ind.parts_des_financeurs(
        {
            "sien": Decimal(sien.connu) if sien.complet else None,
            "etat": Decimal(etat.connu) if etat.complet else None,
        },
        PAS,
    )
    part = next((p.part_pct for p in parts if p.financeur == "sien"), None)
    detail = f"{cofinancements.texte_total(0)} à côté de {cofinancements.texte_total(1)} de l'État"
    return NON_RENSEIGNE if part is None else pourcentage(part), detail


def tableau_de_bord_cofinanceur(acteur: Acteur, jour: date) -> TableauDeBord:
    cofinancements = tableau_cofinancements(acteur, jour)
    mesures, plans = tableau_mesures(acteur, jour)
    bord = TableauDeBord(
        profil=sel.COFINANCEUR,
        titre="Ce que vous cofinancez",
        jour=jour,
        tableaux=[cofinancements, mesures],
    )
    bord.indicateurs = [
        Indicateur(
            "Conventions cofinancées",
            pluriel(len(cofinancements.lignes), "convention"),
            cofinancements.titre.removeprefix("Conventions cofinancées "),
            "R-COFUNDING",
        ),
        Indicateur(
            "Votre part du financement", *_part_du_financement(cofinancements), "R-COFUNDING"
        ),
        Indicateur(
            "Mesures d'accompagnement cofinancées",
            pluriel(plans, "mesure"),
            "en cours, financées par le conseil départemental ou le FAPI",
            "R-CD-MEASURES",
        ),
    ]
    return bord
