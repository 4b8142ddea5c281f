"""Entonnoir des permissions du pilotage (même forme que `iml.orientations.perms` : chaque
accès rend `None` ou la raison du refus, `Refus`, lue par le web, l'API et les bandeaux).

Règle commune : l'État voit son territoire (DDETS : son département ; DREETS : sa région), un
opérateur ses conventions, le SIAO son département, un cofinanceur ce qu'il cofinance
(R-COFUNDING) ; jamais un nom de ménage dans le pilotage, des nombres seulement.
Chaque volet ajoute ses accès dans sa section ci-dessous.
"""

from __future__ import annotations

from iml.appels.perms import Refus
from iml.comptes.acteur import Acteur
from iml.comptes.models import Territoire
from iml.parc.perms import exiger

__all__ = ["Refus", "exiger", "voit_le_pilotage_de_l_etat"]


def voit_le_pilotage_de_l_etat(acteur: Acteur) -> bool:
    """Les services de l'État (département ou région) et l'administration de la plateforme."""
    return acteur.est_etat or acteur.agit_pour_la_plateforme


# --- Montée en charge ------------------------------------------------------------------------

REFUS_MONTEE = Refus(
    "ACCES",
    "La montée en charge des conventions est suivie par l'État de leur territoire et par "
    "l'opérateur conventionné.",
)


def voit_la_montee_en_charge(acteur: Acteur) -> bool:
    """R-RAMPUP : l'État (son territoire), l'opérateur (ses conventions), la plateforme."""
    return voit_le_pilotage_de_l_etat(acteur) or acteur.est_operateur


def acces_montee(acteur: Acteur) -> Refus | None:
    """Lire la montée en charge (le périmètre est celui des dossiers : selectors_montee)."""
    return None if voit_la_montee_en_charge(acteur) else REFUS_MONTEE


# --- Tableaux de bord ------------------------------------------------------------------------

REFUS_TABLEAU = Refus(
    "ACCES", "Ce tableau n'est pas dans le tableau de bord de votre organisation."
)


def acces_tableau(acteur: Acteur, *profils: str) -> Refus | None:
    """Un tableau exportable d'un tableau de bord : l'acteur doit avoir l'un des `profils`
    (État, opérateur, SIAO, cofinanceur : `selectors_tableaux.profil`)."""
    from iml.pilotage.selectors_tableaux import profil

    return None if profil(acteur) in profils else REFUS_TABLEAU


# --- Panorama régional -----------------------------------------------------------------------

REFUS_PANORAMA = Refus("ACCES", "Le panorama régional est consulté par les services de l'État.")
REFUS_SAISIE_PANORAMA = Refus(
    "ACCES",
    "Les indicateurs du panorama sont déclarés par le service régional de l'État (DREETS) "
    "pour les départements de sa région.",
)


def acces_panorama(acteur: Acteur) -> Refus | None:
    """Lire le panorama : l'État (DDETS : le panorama de sa région ; DREETS : le sien), la
    plateforme (toutes les régions). Des nombres seulement, jamais un ménage."""
    return None if voit_le_pilotage_de_l_etat(acteur) else REFUS_PANORAMA


def acces_saisie_panorama(acteur: Acteur, departement: Territoire | None = None) -> Refus | None:
    """Déclarer ou importer des indicateurs : la DREETS, pour un département de sa région."""
    if not acteur.est_etat_regional:
        return REFUS_SAISIE_PANORAMA
    if departement is not None and departement.region_id != acteur.territoire.pk:
        return REFUS_SAISIE_PANORAMA
    return None


# --- Statistiques annuelles ------------------------------------------------------------------

REFUS_STATISTIQUES = Refus(
    "R-STATS",
    "Les statistiques annuelles sont tenues par l'opérateur (direction, gestion locative) et "
    "lues par l'État de son territoire.",
)


def _gere_l_operateur(acteur: Acteur) -> bool:
    from iml.parc.perms import ROLES_GESTION

    return acteur.est_operateur and acteur.role in ROLES_GESTION


def voit_les_statistiques(acteur: Acteur) -> bool:
    """R-STATS : l'opérateur (les siennes), l'État (son territoire), la plateforme."""
    return _gere_l_operateur(acteur) or voit_le_pilotage_de_l_etat(acteur)


def acces_ouvrir_campagne(acteur: Acteur) -> Refus | None:
    """Ouvrir la campagne d'une année : la DDETS (son département), la DREETS (sa région)."""
    if acteur.est_etat and acteur.territoire is not None:
        return None
    return Refus("R-STATS", "La campagne des statistiques annuelles est ouverte par l'État.")


def acces_reviser_statistique(acteur: Acteur, statistique) -> Refus | None:
    """Corriger, recalculer, soumettre : l'opérateur de la statistique, tant qu'elle est à
    revoir (une statistique soumise est figée)."""
    if not _gere_l_operateur(acteur) or acteur.organisation.pk != statistique.operateur_id:
        return Refus("R-STATS", "Les statistiques sont revues et soumises par leur opérateur.")
    if statistique.statut != "A_REVOIR":
        return Refus(
            "R-STATS", "R-STATS : ces statistiques sont déjà soumises ; elles ne changent plus.",
            etat=True,
        )  # fmt: skip
    return None


def departement_sans_ddets(statistique) -> bool:
    """Le département de l'opérateur n'a aucun service départemental de l'État actif : la
    DREETS consolide alors directement une statistique soumise (ADR 0014)."""
    from iml.comptes.enums import TypeOrganisation
    from iml.comptes.models import Organisation

    return not Organisation.objects.filter(
        type=TypeOrganisation.ETAT, active=True, territoire_id=statistique.operateur.territoire_id
    ).exists()


def _qui_doit_agir(acteur: Acteur, statistique, sans_ddets: bool) -> str:
    statut = statistique.statut
    if statut == "A_REVOIR":
        return "En attente de l'opérateur : il n'a pas encore soumis ces statistiques."
    if statut == "CONSOLIDEE_REGION":
        return "Consolidées par la DREETS : il n'y a plus rien à faire."
    if acteur.est_etat_regional:
        if statut == "SOUMISE" and not sans_ddets:
            return "En attente de la DDETS : elle consolide d'abord ces statistiques soumises."
        return ""
    if statut == "CONSOLIDEE_DEPARTEMENT":
        return "Consolidées par la DDETS : c'est à la DREETS de les consolider à son tour."
    return ""


def acces_consolider_statistique(acteur: Acteur, statistique) -> Refus | None:
    """Consolider : la DDETS d'abord (statistique soumise), puis la DREETS (consolidée par la
    DDETS) ; la DREETS consolide directement une statistique soumise quand le département de
    l'opérateur n'a aucun service départemental actif. Le refus d'état dit qui doit agir."""
    if not acteur.est_etat:
        return Refus("R-STATS", "Les statistiques sont consolidées par la DDETS puis la DREETS.")
    sans_ddets = acteur.est_etat_regional and departement_sans_ddets(statistique)
    attente = _qui_doit_agir(acteur, statistique, sans_ddets)
    if attente:
        return Refus("R-STATS", f"R-STATS : {attente}", etat=True)
    return None
