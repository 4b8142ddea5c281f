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
from iml.parc.perms import exiger

__all__ = ["Refus", "exiger", "voit_le_pilotage_de_l_etat"]


def voit_le_pilotage_de_l_etat(acteur: Acteur) -> bool:
    """Les services de l'État (département ou région) et l'administration de la plateforme."""
    return acteur.est_etat or acteur.agit_pour_la_plateforme


# --- Montée en charge ------------------------------------------------------------------------

# --- Tableaux de bord ------------------------------------------------------------------------

# --- Panorama régional -----------------------------------------------------------------------

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


def acces_consolider_statistique(acteur: Acteur, statistique) -> Refus | None:
    """Consolider : la DDETS d'abord (statistique soumise), puis la DREETS (consolidée par la
    DDETS)."""
    if not acteur.est_etat:
        return Refus("R-STATS", "Les statistiques sont consolidées par la DDETS puis la DREETS.")
    attendu = "CONSOLIDEE_DEPARTEMENT" if acteur.est_etat_regional else "SOUMISE"
    if statistique.statut != attendu:
        qui = "la DDETS" if acteur.est_etat_regional else "l'opérateur"
        return Refus("R-STATS", f"R-STATS : ces statistiques attendent d'abord {qui}.", etat=True)
    return None
