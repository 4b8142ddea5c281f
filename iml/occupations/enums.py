"""Énumérations des occupations (valeurs stockées ASCII, libellés français)."""

from django.db import models

from regles.types import (
    DestinationSortie,
    Mode,
    NatureEcriture,
    StatutOccupation,
    SuiteParcours,
)

CHOIX_FORME = Mode.choices()
CHOIX_STATUT = StatutOccupation.choices()
CHOIX_DESTINATION = DestinationSortie.choices()
CHOIX_SUITE = SuiteParcours.choices()
CHOIX_NATURE_ECRITURE = NatureEcriture.choices()


class SourceAide(models.TextChoices):
    """Quelle aide au logement le taux d'effort a retenue."""

    REELLE = "REELLE", "Aide au logement connue (ressources du ménage)"
    ESTIMEE = "ESTIMEE", "Aide au logement estimée (OpenFisca-France)"
    AUCUNE = "AUCUNE", "Sans aide au logement"


class EtatEstimation(models.TextChoices):
    EN_ATTENTE = "EN_ATTENTE", "En attente"
    FAITE = "FAITE", "Faite"
    ECHEC = "ECHEC", "Échec"
