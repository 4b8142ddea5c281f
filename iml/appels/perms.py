"""Entonnoir des permissions des appels et dossiers.

Chaque règle est écrite une fois, dans une fonction `acces_…` qui renvoie le refus motivé
(`Refus`, message français citant la règle) ou `None` ; les vues web, l'API et les bandeaux de
lecture seule lisent ce même refus. Les prédicats `peut_…` en sont la forme booléenne.

Un refus « de droit » (`etat=False`) tient à l'acteur : les vues répondent 403. Un refus
« d'état » (`etat=True`) tient au moment (appel clos, décision arrêtée…) : les vues renvoient
à la fiche avec le message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iml.appels.enums import StatutAppel, StatutDossier
from iml.appels.models import AppelACandidatures, Convention, Dossier
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from regles.format import date_fr

ROLES_REDACTION = (Role.DIRECTION, Role.GESTIONNAIRE_LOCATIF)
STATUTS_DECIDES = (
    StatutDossier.RETENU,
    StatutDossier.PARTIELLEMENT_RETENU,
    StatutDossier.REFUSE,
)


@dataclass(frozen=True)
class Refus:
    """Pourquoi l'acteur ne peut pas agir : la règle et la phrase à montrer."""

    regle: str
    message: str
    etat: bool = False

    def __str__(self) -> str:
        return self.message


def _etat(regle: str, texte: str) -> Refus:
    return Refus(regle, f"{regle} : {texte}", etat=True)


# --- Appels -------------------------------------------------------------------------------------


def peut_creer_appel(acteur: Acteur) -> bool:
    """Un service départemental de l'État lance les appels de son département (R-AAC)."""
    return acteur.est_etat and not acteur.est_etat_regional


def est_service_de(acteur: Acteur, appel: AppelACandidatures) -> bool:
    """Le service qui a lancé l'appel le gère (modification, statut, instruction)."""
    return acteur.est_etat and acteur.organisation == appel.service


def peut_modifier_appel(acteur: Acteur, appel: AppelACandidatures) -> bool:
    """Seul un brouillon se modifie : un appel publié est opposable."""
    return est_service_de(acteur, appel) and appel.statut == StatutAppel.BROUILLON


def acces_changer_statut(acteur: Acteur, appel: AppelACandidatures, vers: str) -> Refus | None:
    """R-AAC : le service de l'appel publie, clôt et arrête les décisions ; rouvrir un appel
    clos revient à son responsable (la table des transitions exige en plus un motif)."""
    if not est_service_de(acteur, appel):
        return Refus("R-AAC", "R-AAC : seul le service qui a lancé l'appel change son statut.")
    rouvrir = appel.statut == StatutAppel.CLOS and vers == StatutAppel.PUBLIE
    if rouvrir and acteur.role != Role.RESPONSABLE:
        return _etat("R-AAC", "seul le ou la responsable du service rouvre un appel clos.")
    return None


def date_limite(appel: AppelACandidatures) -> date | None:
    valeur = appel.parametres_appel.get("date_limite_depot")
    return date.fromisoformat(valeur) if valeur else None


def acces_depot_ouvert(appel: AppelACandidatures, aujourd_hui: date) -> Refus | None:
    """R-AAC : on dépose sur un appel publié, jusqu'à sa date limite incluse."""
    if appel.statut != StatutAppel.PUBLIE:
        etat = StatutAppel(appel.statut).label.lower()
        return _etat("R-AAC", f"l'appel est « {etat} » : il n'est pas ouvert aux dépôts.")
    limite = date_limite(appel)
    if limite is None:
        return _etat("R-AAC", "l'appel n'a pas de date limite de dépôt.")
    if aujourd_hui > limite:
        return _etat("R-AAC", f"la date limite de dépôt ({date_fr(limite)}) est passée.")
    return None


def depot_ouvert(appel: AppelACandidatures, aujourd_hui: date) -> bool:
    """On dépose sur un appel publié, jusqu'à sa date limite incluse (R-AAC)."""
    return acces_depot_ouvert(appel, aujourd_hui) is None


# --- Dossiers (opérateur) -----------------------------------------------------------------------


def acces_candidater(acteur: Acteur, appel: AppelACandidatures, aujourd_hui: date) -> Refus | None:
    """R-AAC : un opérateur du département (direction ou gestion locative) ouvre un dossier
    tant que le dépôt est ouvert."""
    if not acteur.est_operateur or acteur.territoire != appel.territoire:
        return Refus(
            "R-AAC", "R-AAC : seul un opérateur du département de l'appel dépose un dossier."
        )
    if acteur.role not in ROLES_REDACTION:
        role = Role(acteur.role).label.lower() if acteur.role else "actuel"
        return Refus("R-AAC", f"R-AAC : votre rôle ({role}) ne permet pas de rédiger un dossier.")
    return acces_depot_ouvert(appel, aujourd_hui)


REFUS_DIRECTION = Refus(
    "R-AAC", "Seule la direction de l'opérateur dépose un dossier : elle engage la structure."
)


def acces_deposer_sur(acteur: Acteur, appel: AppelACandidatures, aujourd_hui: date) -> Refus | None:
    """R-AAC : la direction d'un opérateur du département dépose (elle engage la personne
    morale), sur un appel publié, jusqu'à sa date limite incluse."""
    if not acteur.est_operateur or acteur.territoire != appel.territoire:
        return acces_candidater(acteur, appel, aujourd_hui)
    if acteur.role != Role.DIRECTION:
        return REFUS_DIRECTION
    return acces_depot_ouvert(appel, aujourd_hui)


def peut_candidater(acteur: Acteur, appel: AppelACandidatures, aujourd_hui: date) -> bool:
    """Un opérateur du département ouvre un dossier tant que le dépôt est ouvert."""
    return acces_candidater(acteur, appel, aujourd_hui) is None


def peut_lire_brouillon(acteur: Acteur, dossier: Dossier) -> bool:
    """La copie de travail d'un dossier (étapes, panneau de conformité, récapitulatif) n'est lue
    que par son opérateur ; l'État lit les versions déposées."""
    return acteur.est_operateur and acteur.organisation == dossier.operateur


def acces_rediger(acteur: Acteur, dossier: Dossier, aujourd_hui: date) -> Refus | None:
    """R-AAC : l'opérateur modifie son dossier tant que le dépôt est ouvert et que le comité
    ne l'a pas décidé (une modification après dépôt prépare une nouvelle version)."""
    if not (acteur.est_operateur and acteur.organisation == dossier.operateur):
        return Refus("R-AAC", "R-AAC : seul l'opérateur du dossier le modifie.")
    if acteur.role not in ROLES_REDACTION:
        role = Role(acteur.role).label.lower() if acteur.role else "actuel"
        return Refus("R-AAC", f"R-AAC : votre rôle ({role}) ne permet pas de modifier ce dossier.")
    if dossier.statut in STATUTS_DECIDES:
        etat = dossier.get_statut_display().lower()
        return _etat("R-SELECTION", f"le dossier est « {etat} » : il ne se modifie plus.")
    return acces_depot_ouvert(dossier.appel, aujourd_hui)


def peut_rediger(acteur: Acteur, dossier: Dossier, aujourd_hui: date) -> bool:
    """L'opérateur modifie son dossier tant que le dépôt est ouvert (`acces_rediger`)."""
    return acces_rediger(acteur, dossier, aujourd_hui) is None


def acces_deposer(acteur: Acteur, dossier: Dossier, aujourd_hui: date) -> Refus | None:
    """R-AAC : la direction de l'opérateur dépose le dossier qu'elle peut rédiger."""
    refus = acces_rediger(acteur, dossier, aujourd_hui)
    if refus is None and acteur.role != Role.DIRECTION:
        return REFUS_DIRECTION
    return refus


def peut_deposer(acteur: Acteur, dossier: Dossier, aujourd_hui: date) -> bool:
    """La direction de l'opérateur dépose (elle engage la personne morale)."""
    return acces_deposer(acteur, dossier, aujourd_hui) is None


# --- Instruction (État) -------------------------------------------------------------------------


def _acces_service(acteur: Acteur, dossier: Dossier) -> Refus | None:
    if not est_service_de(acteur, dossier.appel) or dossier.statut == StatutDossier.BROUILLON:
        return Refus(
            "R-SELECTION",
            "R-SELECTION : seul le service qui a lancé l'appel note et décide ses dossiers.",
        )
    return None


def peut_instruire(acteur: Acteur, dossier: Dossier) -> bool:
    """Le service qui a lancé l'appel instruit les dossiers déposés (R-SELECTION)."""
    return _acces_service(acteur, dossier) is None


def acces_noter(acteur: Acteur, dossier: Dossier) -> Refus | None:
    """R-SELECTION : le service de l'appel note les dossiers une fois l'appel clos (les
    versions ne bougent plus) et avant que les décisions soient arrêtées."""
    if refus := _acces_service(acteur, dossier):
        return refus
    if dossier.appel.statut != StatutAppel.CLOS:
        etat = dossier.appel.get_statut_display().lower()
        return _etat(
            "R-SELECTION",
            f"la notation se fait quand l'appel est clos (appel « {etat} »).",
        )
    return None


def peut_noter(acteur: Acteur, dossier: Dossier) -> bool:
    return acces_noter(acteur, dossier) is None


def convention_signee(dossier: Dossier) -> bool:
    """Une convention est signée quand sa date de signature est posée."""
    return Convention.objects.filter(dossier=dossier, date_signature__isnull=False).exists()


def acces_decider(acteur: Acteur, dossier: Dossier) -> Refus | None:
    """R-SELECTION : la décision suit la clôture de l'appel ; une fois les décisions arrêtées
    (appel décidé) elle ne change que par un amendement motivé ; jamais après la signature de
    la convention."""
    if refus := _acces_service(acteur, dossier):
        return refus
    appel = dossier.appel
    if appel.statut not in (StatutAppel.CLOS, StatutAppel.DECIDE):
        etat = appel.get_statut_display().lower()
        return _etat(
            "R-SELECTION",
            f"la décision du comité suit la clôture de l'appel (appel « {etat} »).",
        )
    if convention_signee(dossier):
        return _etat(
            "R-SELECTION",
            "la convention de ce dossier est signée : la décision ne change plus.",
        )
    return None


def peut_decider(acteur: Acteur, dossier: Dossier) -> bool:
    """La décision suit la clôture de l'appel (`acces_decider`)."""
    return acces_decider(acteur, dossier) is None


def peut_consulter_instruction(acteur: Acteur) -> bool:
    """L'État consulte l'instruction des appels qu'il voit (la DREETS en lecture seule) ; seul
    le service de l'appel note et décide (`acces_noter`, `acces_decider`)."""
    return acteur.est_etat


def peut_conventionner(acteur: Acteur, dossier: Dossier) -> bool:
    """Une convention se prépare pour un dossier retenu, même en partie (R-SUBSIDY-PRORATA)."""
    return peut_instruire(acteur, dossier) and dossier.statut in (
        StatutDossier.RETENU,
        StatutDossier.PARTIELLEMENT_RETENU,
    )


def peut_lire_synthese(acteur: Acteur, appel: AppelACandidatures) -> bool:
    """La synthèse d'un appel (chiffres de tous les opérateurs) est réservée aux services de
    l'État de son territoire (l'appel est déjà lu par le sélecteur) et à l'administrateur."""
    return acteur.est_etat or acteur.agit_pour_la_plateforme
