"""Énumérations des comptes : types d'organisation, niveaux de territoire, rôles."""

from django.db import models


class TypeOrganisation(models.TextChoices):
    ETAT = "ETAT", "Service de l'État"
    OPERATEUR = "OPERATEUR", "Opérateur"
    SIAO = "SIAO", "SIAO"
    COFINANCEUR = "COFINANCEUR", "Cofinanceur"


class NiveauTerritoire(models.TextChoices):
    REGION = "REGION", "Région"
    DEPARTEMENT = "DEPARTEMENT", "Département"


class Role(models.TextChoices):
    """Libellés épicènes, nommant la fonction et non la personne (« Instruction » et non
    « Agent instructeur ») : ils conviennent à chacune et chacun. Les valeurs stockées ne
    changent pas."""

    AGENT_INSTRUCTEUR = "AGENT_INSTRUCTEUR", "Instruction"
    RESPONSABLE = "RESPONSABLE", "Responsable"
    DIRECTION = "DIRECTION", "Direction"
    GESTIONNAIRE_LOCATIF = "GESTIONNAIRE_LOCATIF", "Gestion locative"
    TRAVAILLEUR_SOCIAL = "TRAVAILLEUR_SOCIAL", "Travail social"
    COORDINATION = "COORDINATION", "Coordination"
    CHARGE_DE_MISSION = "CHARGE_DE_MISSION", "Suivi des cofinancements"


#: Rôles permis par type d'organisation.
ROLES_PAR_TYPE: dict[str, tuple[str, ...]] = {
    TypeOrganisation.ETAT: (Role.AGENT_INSTRUCTEUR, Role.RESPONSABLE),
    TypeOrganisation.OPERATEUR: (
        Role.DIRECTION,
        Role.GESTIONNAIRE_LOCATIF,
        Role.TRAVAILLEUR_SOCIAL,
    ),
    TypeOrganisation.SIAO: (Role.COORDINATION,),
    TypeOrganisation.COFINANCEUR: (Role.CHARGE_DE_MISSION,),
}
