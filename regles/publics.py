"""Publics prioritaires et catégories d'IML (R-PRIORITY-PUBLICS, R-CATEGORY)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from regles.bareme import Bareme
from regles.constats import Constat, alerte, erreur, info
from regles.types import Categorie, PublicPrioritaire

P = PublicPrioritaire


@dataclass(frozen=True)
class SituationLogement:
    """Situation d'un ménage au regard des critères de priorité (003 §4.5).

    Les durées sont en mois ; `None` = non renseigné (le critère n'est alors pas retenu).
    """

    sans_domicile: bool = False
    menace_expulsion_sans_relogement: bool = False
    mois_hebergement_structure: int | None = None
    mois_logement_transition: int | None = None
    heberge_ou_loge_temporairement: bool = False
    habitat_indigne: bool = False
    cumul_difficultes: bool = False
    delai_anormalement_long_depasse: bool = False
    locaux_impropres_ou_dangereux: bool = False
    logement_indecent_ou_suroccupe: bool = False
    mineur_ou_personne_handicapee_a_charge: bool = False
    public_pdalhpd: bool = False
    sortant_hebergement: bool = False


def _depasse(mois: int | None, seuil: int) -> bool:
    return mois is not None and mois > seuil


def publics_prioritaires(s: SituationLogement, bareme: Bareme) -> tuple[PublicPrioritaire, ...]:
    """R-PRIORITY-PUBLICS : critères de priorité remplis (PDALHPD, loi 1990, DALO).

    DALO « hébergé » : plus de 6 mois en structure ou RHVS, ou plus de 18 mois en logement de
    transition ou logement-foyer (paramètres, durée strictement supérieure).
    """
    heberge_dalo = _depasse(s.mois_hebergement_structure, bareme.dalo_hebergement_mois) or (
        _depasse(s.mois_logement_transition, bareme.dalo_logement_transition_mois)
    )
    heberge = s.heberge_ou_loge_temporairement or s.mois_hebergement_structure is not None
    criteres = (
        (P.PDALHPD, s.public_pdalhpd),
        (P.SORTANT_HEBERGEMENT, s.sortant_hebergement),
        (P.SANS_LOGEMENT, s.sans_domicile),
        (P.MENACE_EXPULSION, s.menace_expulsion_sans_relogement),
        (P.HEBERGE_TEMPORAIREMENT, heberge or s.mois_logement_transition is not None),
        (P.HABITAT_INDIGNE, s.habitat_indigne),
        (P.CUMUL_DIFFICULTES, s.cumul_difficultes),
        (P.DALO_SANS_DOMICILE, s.sans_domicile),
        (P.DALO_DELAI_ANORMAL, s.delai_anormalement_long_depasse),
        (P.DALO_MENACE_EXPULSION, s.menace_expulsion_sans_relogement),
        (P.DALO_HEBERGE, heberge_dalo),
        (P.DALO_LOCAUX_IMPROPRES, s.locaux_impropres_ou_dangereux),
        (
            P.DALO_INDECENT_SUROCCUPE,
            s.logement_indecent_ou_suroccupe and s.mineur_ou_personne_handicapee_a_charge,
        ),
    )
    return tuple(public for public, rempli in criteres if rempli)


def verifier_publics(
    publics: Sequence[PublicPrioritaire], attention_sante: bool, champ: str = "publics"
) -> tuple[Constat, ...]:
    """R-PRIORITY-PUBLICS : le projet vise des publics prioritaires, attentif à la santé."""
    constats: list[Constat] = []
    if not publics:
        constats.append(erreur("R-PRIORITY-PUBLICS", "aucun public prioritaire visé.", champ))
    elif P.SORTANT_HEBERGEMENT not in publics:
        constats.append(
            info(
                "R-PRIORITY-PUBLICS",
                "les sortants d'hébergement sont tout particulièrement visés par l'appel.",
                champ,
            )
        )
    if not attention_sante:
        constats.append(
            alerte(
                "R-PRIORITY-PUBLICS",
                "les problèmes de santé, somatique et psychique, appellent une attention "
                "particulière : le projet n'en fait pas état.",
                "attention_sante",
            )
        )
    return tuple(constats)


def verifier_categorie(
    categorie: Categorie | None, public_specialise: str | None, attention_sante: bool
) -> tuple[Constat, ...]:
    """R-CATEGORY : une IML spécialisée nomme son public ; une IML psy prévoit la santé."""
    if categorie is Categorie.SPECIALISEE and not public_specialise:
        return (
            erreur(
                "R-CATEGORY",
                "IML spécialisée sans public désigné (jeunes, sortants d'ASE, victimes de "
                "violences…).",
                "public_specialise",
            ),
        )
    if categorie is Categorie.PSY and not attention_sante:
        return (
            erreur(
                "R-CATEGORY",
                "IML psy sans accompagnement renforcé en santé psychique.",
                "attention_sante",
            ),
        )
    return ()
