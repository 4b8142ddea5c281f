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
