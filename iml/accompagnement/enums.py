"""Choix des modèles de l'accompagnement, tirés des énumérations pures de `regles`."""

from regles.types import Dispositif, Financeur
from regles.types_accompagnement import (
    CanalContact,
    DomaineBesoin,
    Intensite,
    IssueOrientation,
    IssuePlan,
    MotifOrientation,
    NiveauBesoin,
    OrigineObjectif,
    Realisation,
    ServiceDroitCommun,
    StatutObjectif,
    TypePartenaire,
)

CHOIX_CANAL = CanalContact.choices()
CHOIX_DISPOSITIF = Dispositif.choices()
CHOIX_DOMAINE = DomaineBesoin.choices()
CHOIX_FINANCEUR = Financeur.choices()
CHOIX_INTENSITE = Intensite.choices()
CHOIX_ISSUE_ORIENTATION = IssueOrientation.choices()
CHOIX_ISSUE_PLAN = IssuePlan.choices()
CHOIX_MOTIF = MotifOrientation.choices()
CHOIX_NIVEAU = NiveauBesoin.choices()
CHOIX_ORIGINE = OrigineObjectif.choices()
CHOIX_REALISATION = Realisation.choices()
CHOIX_SERVICE = ServiceDroitCommun.choices()
CHOIX_STATUT_OBJECTIF = StatutObjectif.choices()
CHOIX_TYPE_PARTENAIRE = TypePartenaire.choices()
