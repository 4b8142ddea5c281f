"""Énumérations des orientations du SIAO (R-SIAO) : statuts d'une déclaration de vacance,
d'une demande (ménage en attente), d'une proposition, motifs codés d'un refus et décision du
SIAO sur un refus, état d'une exécution du moteur d'appariement."""

from __future__ import annotations

from regles.types import Choix


class StatutVacance(Choix):
    BROUILLON = "BROUILLON", "brouillon"
    DECLAREE = "DECLAREE", "déclarée au SIAO"
    POURVUE = "POURVUE", "pourvue"
    ANNULEE = "ANNULEE", "annulée"


class NatureVacance(Choix):
    VACANT = "VACANT", "Vacant"
    BIENTOT_VACANT = "BIENTOT_VACANT", "Bientôt vacant"


class StatutDemande(Choix):
    EN_ATTENTE = "EN_ATTENTE", "en attente"
    LOGEE = "LOGEE", "logée"
    CLOSE = "CLOSE", "close"


class StatutProposition(Choix):
    PROPOSEE = "PROPOSEE", "en attente de réponse"
    ACCEPTEE = "ACCEPTEE", "acceptée"
    REFUSEE = "REFUSEE", "refusée par l'opérateur"
    REFUS_CONFIRME = "REFUS_CONFIRME", "refus confirmé"
    ADMISE = "ADMISE", "ménage admis"
    ANNULEE = "ANNULEE", "retirée"


class MotifRefus(Choix):
    """Motif codé du refus d'une proposition par l'opérateur (R-SIAO)."""

    INJOIGNABLE = "INJOIGNABLE", "Ménage injoignable"
    REFUS_MENAGE = "REFUS_MENAGE", "Refus du ménage"
    RESSOURCES = "RESSOURCES", "Ressources inadaptées"
    TYPOLOGIE = "TYPOLOGIE", "Typologie inadaptée"
    PLUS_DISPONIBLE = "PLUS_DISPONIBLE", "Logement plus disponible"
    AUTRE = "AUTRE", "Autre motif"


class DecisionSiao(Choix):
    """Décision du SIAO sur un refus de l'opérateur."""

    CONFIRME = "CONFIRME", "Refus confirmé"
    PASSE_OUTRE = "PASSE_OUTRE", "Refus passé outre"


class StatutExecution(Choix):
    EN_ATTENTE = "EN_ATTENTE", "en attente"
    EN_COURS = "EN_COURS", "en cours"
    TERMINEE = "TERMINEE", "terminée"
    ECHEC = "ECHEC", "échec"
