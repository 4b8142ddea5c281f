"""Conformité d'un dossier : tous les contrôles qui s'appliquent, en un appel.

`verifier_dossier` est le point d'entrée du côté Django et de `iml regles conformite`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from regles.appel import ProjetRetenu, repartition, verifier_depot
from regles.bareme import Bareme
from regles.budget import calculer_budget
from regles.calendrier import (
    cumul_par_trimestre,
    etats_jalons,
    trimestres_appel,
    verifier_montee_en_charge,
)
from regles.capacite import (
    part_petits_logements,
    totaux_par,
    verifier_coherence_echeanciers,
    verifier_petits_logements,
)
from regles.chiffres import (
    chiffres_budget,
    chiffres_jalons,
    chiffres_subventions,
    chiffres_trimestres,
    par_mode,
)
from regles.completude import verifier_completude, verifier_partenariats, verifier_siao
from regles.constats import Constat, a_des_erreurs, erreur, info, trier
from regles.dispositifs import verifier_equilibre
from regles.dossier import Dossier
from regles.eligibilite import verifier_accompagnement, verifier_eligibilite
from regles.format import pourcentage
from regles.formes import verifier_forme, verifier_parc_social
from regles.plafonds import verifier_budget
from regles.publics import verifier_categorie, verifier_publics
from regles.subvention import couts_unitaires, mobilisations_echeancier, subventions
from regles.types import Mode


@dataclass(frozen=True)
class ResultatConformite:
    """Constats triés (erreurs d'abord) et chiffres calculés d'un dossier."""

    constats: tuple[Constat, ...]
    chiffres: dict[str, Any]

    @property
    def conforme(self) -> bool:
        """Vrai si aucun constat n'est une erreur."""
        return not a_des_erreurs(self.constats)


def verifier_engagements(d: Dossier, bareme: Bareme) -> list[Constat]:
    """R-SL-DURATION, R-MG-GLS-DURATION, R-MODE : durées prévues dans les limites."""
    e, modes = d.engagements, d.modes(bareme)
    constats: list[Constat] = []
    if e.bail_glissant and modes and Mode.SOUS_LOCATION not in modes:
        constats += verifier_forme(Mode.MANDAT_GESTION, True, "engagements.bail_glissant")
    for regle, nom, prevu, maximum, unite in _limites_engagements(d, bareme):
        if prevu is not None and prevu > maximum:
            texte = f"{prevu} {unite} prévus, {maximum} au plus."
            constats.append(erreur(regle, texte, f"engagements.{nom}"))
    if Mode.SOUS_LOCATION in modes and not e.suite_parcours:
        constats.append(
            erreur(
                "R-SL-DURATION",
                "suite du parcours des ménages en sous-location non prévue (bail glissant, "
                "relogement, procédure prioritaire).",
                "engagements.suite_parcours",
            )
        )
    return constats


def _limites_engagements(
    d: Dossier, bareme: Bareme
) -> tuple[tuple[str, str, int | None, int, str], ...]:
    """(règle, champ, durée prévue par le dossier, maximum du barème, unité)."""
    e = d.engagements
    return (
        (
            "R-SL-DURATION",
            "sl_duree_mois",
            e.sl_duree_mois,
            bareme.sl_duree_mois,
            "mois par période",
        ),
        (
            "R-SL-DURATION",
            "sl_renouvellements_max",
            e.sl_renouvellements_max,
            bareme.sl_renouvellements_max,
            "renouvellements",
        ),
        (
            "R-MG-GLS-DURATION",
            "mg_duree_financement_mois",
            e.mg_duree_financement_mois,
            bareme.mg_financement_duree_max_mois,
            "mois de financement de la gestion",
        ),
    )


def _longueurs(d: Dossier, n: int) -> list[Constat]:
    constats = []
    for nom, lignes in (("logements", d.logements), ("places", d.places)):
        for i, ligne in enumerate(lignes):
            if len(ligne.trimestres) != n:
                constats.append(
                    erreur(
                        "R-DOSSIER",
                        f"{len(ligne.trimestres)} trimestres renseignés, {n} attendus.",
                        f"{nom}[{i}].trimestres",
                    )
                )
    return constats


def _controles_projet(d: Dossier, bareme: Bareme, jour: date) -> list[Constat]:
    libelles = [t.libelle for t in trimestres_appel(bareme)]
    modalites = {m: a.modalite for m, a in d.services.accompagnement.items()}
    partenaires = {m: a.partenaire for m, a in d.services.accompagnement.items()}
    _, places_typo = totaux_par(d.places, bareme)
    constats = list(verifier_completude(d, bareme))
    constats += verifier_depot(d.date_depot, bareme.appel)
    constats += verifier_eligibilite(
        d.porteur.statut, d.agrements, d.modes(bareme), d.accompagnement_interne(), jour
    )
    constats += verifier_accompagnement(modalites, partenaires, jour)
    constats += verifier_publics(d.publics, d.attention_sante)
    constats += verifier_categorie(d.categorie, d.public_specialise, d.attention_sante)
    constats += verifier_parc_social(d.parc_social, jour)
    constats += verifier_engagements(d, bareme)
    if libelles:
        constats += _longueurs(d, len(libelles))
    constats += verifier_coherence_echeanciers(d.logements, d.places, bareme, libelles)
    constats += verifier_petits_logements(places_typo, bareme)
    constats += verifier_montee_en_charge(d.places, bareme)
    constats += verifier_partenariats(d)
    constats += verifier_siao(d, bareme)
    return constats


def _info_repartition(part_mg: Decimal | None) -> list[Constat]:
    """R-MODE-SPLIT : la part du dossier en mandat de gestion, pour information seulement."""
    if part_mg is None:
        return []
    return [
        info(
            "R-MODE-SPLIT",
            f"{pourcentage(part_mg)} des places en mandat de gestion : la répartition "
            "cible s'apprécie sur l'ensemble des projets retenus, pas dossier par dossier.",
        )
    ]


def verifier_dossier(d: Dossier, bareme: Bareme, *, date_reference: date) -> ResultatConformite:
    """Tous les contrôles d'un dossier (R-DOSSIER, R-ELIGIBILITY, R-ACCOMP-PLAN, R-AAC,
    R-PRIORITY-PUBLICS, R-CATEGORY, R-PUBLIC-STOCK, R-MODE, R-SL-DURATION, R-MG-GLS-DURATION,
    R-CAPACITY, R-SCHEDULE-CONSISTENCY, R-SMALL-UNITS, R-RAMPUP, R-BUDGET-MODEL,
    R-COST-CAPTATION, R-COST-GESTION, R-COST-ACCOMP, R-COST-PLACE-MAX, R-SW-RATIO, R-CEILING-NA,
    R-COFUNDING, R-SUBSIDY-PRORATA, R-MODE-SPLIT, R-PARTNERS, R-SIAO,
    R-UNKNOWN).

    Les agréments sont appréciés à la date de dépôt ; sans elle, à `date_reference` (le « jour »
    de l'appelant : la fonction ne lit jamais l'horloge).
    """
    jour = d.date_depot or date_reference
    constats = _controles_projet(d, bareme, jour)
    projet = d.projet_budget(bareme)
    budget = calculer_budget(projet, bareme)
    constats += verifier_budget(projet, budget, bareme)
    constats += verifier_equilibre(d.financements, budget.total)
    trimestres = trimestres_appel(bareme)
    parts = repartition([ProjetRetenu("dossier", projet.places)], bareme)
    chiffres: dict[str, Any] = {"budget": chiffres_budget(projet, budget)}
    constats += _info_repartition(parts[Mode.MANDAT_GESTION])
    if bareme.appel is not None:
        mobilisations = mobilisations_echeancier(d.logements, trimestres, bareme)
        annees = bareme.appel.exercices
        resultats, c = subventions(mobilisations, couts_unitaires(projet, budget), annees, bareme)
        constats += c
        chiffres["subventions"] = chiffres_subventions(resultats)
        chiffres["jalons"] = chiffres_jalons(etats_jalons(d.places, bareme))
        chiffres["places_par_trimestre"] = chiffres_trimestres(
            trimestres, cumul_par_trimestre(d.places, bareme)
        )
    _, places_typo = totaux_par(d.places, bareme)
    chiffres["petits_logements_pct"] = part_petits_logements(places_typo, bareme)
    chiffres["repartition_pct"] = par_mode(parts)
    return ResultatConformite(trier(constats), chiffres)
