"""Énumérations du parc (valeurs stockées ASCII, libellés français)."""

from django.db import models

from regles.types import ClasseDpe, Mode, StatutLogement, StatutProspect, Typologie, Zone

#: Les énumérations pures de `regles.types`, en choix de champ Django.
CHOIX_STATUT_PROSPECT = StatutProspect.choices()
CHOIX_STATUT_LOGEMENT = StatutLogement.choices()
CHOIX_CLASSE_DPE = ClasseDpe.choices()
CHOIX_FORME = Mode.choices()
CHOIX_TYPOLOGIE = Typologie.choices()
CHOIX_ZONE = Zone.choices()


class TypeBailleur(models.TextChoices):
    PERSONNE = "PERSONNE", "Personne physique"
    SCI = "SCI", "Société civile immobilière (SCI)"
    SOCIETE = "SOCIETE", "Société ou autre personne morale"
    BAILLEUR_SOCIAL = "BAILLEUR_SOCIAL", "Bailleur social (exception R-PUBLIC-STOCK)"


class OrigineBailleur(models.TextChoices):
    PROSPECTION = "PROSPECTION", "Campagne de prospection"
    BOUCHE_A_OREILLE = "BOUCHE_A_OREILLE", "Bouche-à-oreille"
    AGENCE = "AGENCE", "Agence immobilière"
    PLATEFORME = "PLATEFORME", "Plateforme de captation (« Louer clé en main »)"
    ZERO_LOGEMENT_VACANT = "ZERO_LOGEMENT_VACANT", "Campagne Zéro Logement Vacant"
    AUTRE = "AUTRE", "Autre"


class Conventionnement(models.TextChoices):
    AUCUN = "AUCUN", "Aucun"
    LOC1 = "LOC1", "Loc'Avantages Loc1 (intermédiaire)"
    LOC2 = "LOC2", "Loc'Avantages Loc2 (social)"
    LOC3 = "LOC3", "Loc'Avantages Loc3 (très social)"
    ANAH_ANCIEN = "ANAH_ANCIEN", "Conventionnement Anah antérieur à 2022"


class TypeContrat(models.TextChoices):
    MANDAT_GESTION = "MANDAT_GESTION", "Mandat de gestion"
    BAIL_ASSOCIATION = "BAIL_ASSOCIATION", "Bail à l'association (sous-location)"


class Garantie(models.TextChoices):
    VISALE = "VISALE", "Visale"
    ASSURANCE_LOYERS_IMPAYES = "ASSURANCE_LOYERS_IMPAYES", "Assurance loyers impayés"
    FSL = "FSL", "Garantie du FSL"
    AUTRE = "AUTRE", "Autre garantie"
