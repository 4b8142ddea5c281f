"""Prédicats d'autorisation des comptes."""

from iml.comptes.acteur import Acteur
from iml.comptes.models import Adhesion


def peut_changer_organisation(acteur: Acteur, adhesion: Adhesion) -> bool:
    """On ne bascule que vers une de ses propres adhésions actives."""
    return (
        adhesion.utilisateur_id == acteur.utilisateur.pk
        and adhesion.actif
        and adhesion.organisation.active
    )


def peut_lire_journal(acteur: Acteur) -> bool:
    """Seul l'administrateur de la plateforme lit le journal d'audit."""
    return acteur.est_administrateur


def peut_reinitialiser_second_facteur(utilisateur) -> bool:
    """Retirer le second facteur d'autrui : administrateur de la plateforme seulement."""
    return bool(utilisateur.is_active and utilisateur.is_superuser)
