from django.db import models


class StatutAppel(models.TextChoices):
    BROUILLON = "BROUILLON", "Brouillon"
    PUBLIE = "PUBLIE", "Publié"
    CLOS = "CLOS", "Clos"
    DECIDE = "DECIDE", "Décidé"


class StatutDossier(models.TextChoices):
    BROUILLON = "BROUILLON", "Brouillon"
    DEPOSE = "DEPOSE", "Déposé"
    RETENU = "RETENU", "Retenu"
    PARTIELLEMENT_RETENU = "PARTIELLEMENT_RETENU", "Partiellement retenu"
    REFUSE = "REFUSE", "Refusé"


class ResultatDecision(models.TextChoices):
    RETENU = "RETENU", "Retenu"
    PARTIELLEMENT_RETENU = "PARTIELLEMENT_RETENU", "Partiellement retenu"
    REFUSE = "REFUSE", "Refusé"


class TypePiece(models.TextChoices):
    AGREMENT_L365_4 = "AGREMENT_L365_4", "Agrément L 365-4 (intermédiation locative)"
    AGREMENT_L365_3 = "AGREMENT_L365_3", "Agrément L 365-3 (accompagnement)"
    CARTE_PROFESSIONNELLE = "CARTE_PROFESSIONNELLE", "Carte professionnelle « gestion immobilière »"
    GARANTIE_FINANCIERE = "GARANTIE_FINANCIERE", "Garantie financière"
    ASSURANCE_RC = "ASSURANCE_RC", "Assurance responsabilité civile professionnelle"
    AUTRE = "AUTRE", "Autre document"


#: Le programme budgétaire de l'État qui finance l'intermédiation locative, tel que les
#: conventions et les avenants le nomment (le programme 304 est « Inclusion sociale et
#: protection des personnes »).
PROGRAMME_177 = (
    "programme 177 « Hébergement, parcours vers le logement et insertion des personnes "
    "vulnérables »"
)


class Financeur(models.TextChoices):
    ETAT_P177 = "ETAT_P177", "État — programme 177"
    CONSEIL_DEPARTEMENTAL = "CONSEIL_DEPARTEMENTAL", "Conseil départemental"
    ARS = "ARS", "ARS (ONDAM médico-social)"
    FSL = "FSL", "FSL"
    FAPI = "FAPI", "FAPI"


class EtatDocument(models.TextChoices):
    """Préparation d'un document établi en tâche de fond (PDF d'une version déposée)."""

    A_PREPARER = "A_PREPARER", "À préparer"
    EN_COURS = "EN_COURS", "En cours de préparation"
    PRET = "PRET", "Prêt"
    ECHEC = "ECHEC", "Échec de la préparation"
