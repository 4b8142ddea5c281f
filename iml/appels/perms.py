"""Prédicats des appels et dossiers : une condition par ligne, la règle en docstring."""

from datetime import date

from iml.appels.enums import StatutAppel, StatutDossier
from iml.appels.models import AppelACandidatures, Dossier
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role

ROLES_REDACTION = (Role.DIRECTION, Role.GESTIONNAIRE_LOCATIF)


def peut_creer_appel(acteur: Acteur) -> bool:
    """Un service départemental de l'État lance les appels de son département (R-AAC)."""
    return acteur.est_etat and not acteur.est_etat_regional


def est_service_de(acteur: Acteur, appel: AppelACandidatures) -> bool:
    """Le service qui a lancé l'appel le gère (modification, statut, instruction)."""
    return acteur.est_etat and acteur.organisation == appel.service


def peut_modifier_appel(acteur: Acteur, appel: AppelACandidatures) -> bool:
    """Seul un brouillon se modifie : un appel publié est opposable."""
    return est_service_de(acteur, appel) and appel.statut == StatutAppel.BROUILLON


def date_limite(appel: AppelACandidatures) -> date | None:
    valeur = appel.parametres_appel.get("date_limite_depot")
    return date.fromisoformat(valeur) if valeur else None


def depot_ouvert(appel: AppelACandidatures, aujourd_hui: date) -> bool:
    """On dépose sur un appel publié, jusqu'à sa date limite incluse (R-AAC)."""
    limite = date_limite(appel)
    return appel.statut == StatutAppel.PUBLIE and limite is not None and aujourd_hui <= limite


def peut_candidater(acteur: Acteur, appel: AppelACandidatures, aujourd_hui: date) -> bool:
    """Un opérateur du département ouvre un dossier tant que le dépôt est ouvert."""
    return (
        acteur.est_operateur
        and acteur.role in ROLES_REDACTION
        and acteur.territoire == appel.territoire
        and depot_ouvert(appel, aujourd_hui)
    )


def peut_lire_brouillon(acteur: Acteur, dossier: Dossier) -> bool:
    """La copie de travail d'un dossier (étapes, panneau de conformité, récapitulatif) n'est lue
    que par son opérateur ; l'État lit les versions déposées."""
    return acteur.est_operateur and acteur.organisation == dossier.operateur


def peut_rediger(acteur: Acteur, dossier: Dossier, aujourd_hui: date) -> bool:
    """L'opérateur modifie son dossier tant que le dépôt est ouvert (une modification après
    dépôt prépare une nouvelle version)."""
    return (
        acteur.est_operateur
        and acteur.organisation == dossier.operateur
        and acteur.role in ROLES_REDACTION
        and dossier.statut in (StatutDossier.BROUILLON, StatutDossier.DEPOSE)
        and depot_ouvert(dossier.appel, aujourd_hui)
    )


def peut_deposer(acteur: Acteur, dossier: Dossier, aujourd_hui: date) -> bool:
    """La direction de l'opérateur dépose (elle engage la personne morale)."""
    return peut_rediger(acteur, dossier, aujourd_hui) and acteur.role == Role.DIRECTION


def peut_instruire(acteur: Acteur, dossier: Dossier) -> bool:
    """Le service qui a lancé l'appel note et décide les dossiers déposés (R-SELECTION)."""
    return est_service_de(acteur, dossier.appel) and dossier.statut != StatutDossier.BROUILLON


def peut_consulter_instruction(acteur: Acteur) -> bool:
    """L'État consulte l'instruction des appels qu'il voit (la DREETS en lecture seule) ; seul
    le service de l'appel note et décide (`peut_instruire`, `peut_decider`)."""
    return acteur.est_etat


def peut_decider(acteur: Acteur, dossier: Dossier) -> bool:
    """La décision suit la clôture de l'appel."""
    return peut_instruire(acteur, dossier) and dossier.appel.statut in (
        StatutAppel.CLOS,
        StatutAppel.DECIDE,
    )


def peut_conventionner(acteur: Acteur, dossier: Dossier) -> bool:
    """Une convention se prépare pour un dossier retenu, même en partie (R-SUBSIDY-PRORATA)."""
    return peut_instruire(acteur, dossier) and dossier.statut in (
        StatutDossier.RETENU,
        StatutDossier.PARTIELLEMENT_RETENU,
    )


def peut_lire_synthese(acteur: Acteur, appel: AppelACandidatures) -> bool:
    """La synthèse d'un appel (chiffres de tous les opérateurs) est réservée aux services de
    l'État de son territoire (l'appel est déjà lu par le sélecteur) et à l'administrateur."""
    return acteur.est_etat or (acteur.est_administrateur and acteur.adhesion is None)
