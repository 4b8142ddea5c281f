"""Choix des modèles des orientations, tirés des énumérations pures de `regles`."""

from regles.types import Categorie, PublicPrioritaire
from regles.types_orientations import (
    DecisionSiao,
    MotifRefus,
    NatureVacance,
    StatutDemande,
    StatutExecution,
    StatutProposition,
    StatutVacance,
)

CHOIX_CATEGORIE = Categorie.choices()
CHOIX_CRITERE = PublicPrioritaire.choices()
CHOIX_DECISION = DecisionSiao.choices()
CHOIX_MOTIF_REFUS = MotifRefus.choices()
CHOIX_NATURE_VACANCE = NatureVacance.choices()
CHOIX_STATUT_DEMANDE = StatutDemande.choices()
CHOIX_STATUT_EXECUTION = StatutExecution.choices()
CHOIX_STATUT_PROPOSITION = StatutProposition.choices()
CHOIX_STATUT_VACANCE = StatutVacance.choices()
