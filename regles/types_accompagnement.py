"""Énumérations de l'accompagnement social (R-ACCOMP-PLAN, R-PARTNERS, R-ACCOMP-ETAPES) :
valeurs ASCII, libellés français. Aucune ne décrit un diagnostic : un domaine de besoin, un
canal, une catégorie de partenaire ou de motif suffit."""

from __future__ import annotations

from regles.types import Choix


class DomaineBesoin(Choix):
    """Domaines des besoins évalués à l'entrée (R-ACCOMP-PLAN)."""

    BUDGET = "BUDGET", "Budget"
    DEMARCHES_DROITS = "DEMARCHES_DROITS", "Démarches administratives et accès aux droits"
    SAVOIR_HABITER = "SAVOIR_HABITER", "Appropriation du logement (savoir habiter)"
    SANTE = "SANTE", "Accès aux soins"
    EMPLOI_FORMATION = "EMPLOI_FORMATION", "Emploi et formation"
    PARENTALITE = "PARENTALITE", "Parentalité"
    ISOLEMENT = "ISOLEMENT", "Isolement et lien social"


class NiveauBesoin(Choix):
    """Ampleur d'un besoin évalué."""

    AUCUN = "AUCUN", "Pas de besoin"
    PONCTUEL = "PONCTUEL", "Besoin ponctuel"
    IMPORTANT = "IMPORTANT", "Besoin important"


class Intensite(Choix):
    """Intensité de l'accompagnement (R-ACCOMP-PLAN)."""

    LEGERE = "LEGERE", "Légère"
    REGULIERE = "REGULIERE", "Régulière"
    RENFORCEE = "RENFORCEE", "Renforcée"


class Realisation(Choix):
    """Qui accompagne (R-ACCOMP-PLAN, 003 §2.2)."""

    INTERNE = "INTERNE", "L'opérateur lui-même"
    DELEGUE = "DELEGUE", "Un opérateur agréé (article L. 365-3 du CCH) par délégation"
    DROIT_COMMUN = "DROIT_COMMUN", "Les services de droit commun"


class ServiceDroitCommun(Choix):
    """Services de droit commun qui accompagnent (R-ACCOMP-PLAN)."""

    FSL = "FSL", "Fonds de solidarité pour le logement (ASLL)"
    SAVS = "SAVS", "SAVS"
    SAMSAH = "SAMSAH", "SAMSAH"
    CMP = "CMP", "Centre médico-psychologique"
    SECTEUR = "SECTEUR", "Service social de secteur"
    AUTRE = "AUTRE", "Autre service"


class IssuePlan(Choix):
    """Issue d'un accompagnement à sa fin."""

    OBJECTIFS_ATTEINTS = "OBJECTIFS_ATTEINTS", "Objectifs atteints"
    RELAIS_DROIT_COMMUN = "RELAIS_DROIT_COMMUN", "Relais pris par le droit commun"
    SORTIE_LOGEMENT = "SORTIE_LOGEMENT", "Sortie vers un logement, accompagnement achevé"
    REFUS_MENAGE = "REFUS_MENAGE", "Le ménage n'a plus souhaité être accompagné"
    RUPTURE = "RUPTURE", "Rupture (départ sans nouvelles, fin de prise en charge)"
    AUTRE = "AUTRE", "Autre issue"


class StatutObjectif(Choix):
    EN_COURS = "EN_COURS", "En cours"
    ATTEINT = "ATTEINT", "Atteint"
    ABANDONNE = "ABANDONNE", "Abandonné"


class OrigineObjectif(Choix):
    """D'où vient un objectif : fixé avec le ménage, ou ouvert par les impayés
    (R-ACCOMP-IMPAYES)."""

    PLAN = "PLAN", "Fixé avec le ménage"
    IMPAYES = "IMPAYES", "Ouvert par les impayés"


class MomentEtape(Choix):
    """Moment d'une étape de la liste (R-ACCOMP-ETAPES)."""

    ENTREE = "ENTREE", "À l'entrée"
    PENDANT = "PENDANT", "Pendant"
    SORTIE = "SORTIE", "À la sortie"


class CanalContact(Choix):
    """Canal d'un contact avec le ménage."""

    VISITE_DOMICILE = "VISITE_DOMICILE", "Visite à domicile"
    LIEU_CHOISI = "LIEU_CHOISI", "Rencontre dans un lieu choisi par la personne"
    BUREAU = "BUREAU", "Rendez-vous au bureau"
    TELEPHONE = "TELEPHONE", "Téléphone"
    VISIO = "VISIO", "Visioconférence"
    DEMARCHE = "DEMARCHE", "Démarche accompagnée"


class TypePartenaire(Choix):
    """Partenaires de droit commun (R-PARTNERS, 000 §II.2)."""

    MDS = "MDS", "Maison départementale des solidarités"
    CCAS_CIAS = "CCAS_CIAS", "CCAS ou CIAS"
    CAARUD = "CAARUD", "CAARUD"
    HOPITAL_CMP = "HOPITAL_CMP", "Hôpital ou CMP"
    FRANCE_TRAVAIL = "FRANCE_TRAVAIL", "France Travail"
    MISSION_LOCALE = "MISSION_LOCALE", "Mission locale"
    CAF = "CAF", "CAF ou MSA"
    SAVS_SAMSAH = "SAVS_SAMSAH", "SAVS ou SAMSAH"
    ASSOCIATION = "ASSOCIATION", "Association"
    AUTRE = "AUTRE", "Autre partenaire"


class MotifOrientation(Choix):
    """Catégorie du motif d'une orientation vers un partenaire (jamais un détail)."""

    SANTE = "SANTE", "Santé et soins"
    ADDICTIONS = "ADDICTIONS", "Réduction des risques"
    EMPLOI_FORMATION = "EMPLOI_FORMATION", "Emploi et formation"
    DROITS = "DROITS", "Accès aux droits"
    BUDGET = "BUDGET", "Budget et dettes"
    PARENTALITE = "PARENTALITE", "Parentalité"
    ISOLEMENT = "ISOLEMENT", "Lien social"
    LOGEMENT = "LOGEMENT", "Relogement"
    AUTRE = "AUTRE", "Autre motif"


class IssueOrientation(Choix):
    """Suite d'une orientation vers un partenaire."""

    EN_ATTENTE = "EN_ATTENTE", "En attente de réponse"
    PRISE_EN_CHARGE = "PRISE_EN_CHARGE", "Prise en charge par le partenaire"
    REFUSEE = "REFUSEE", "Refusée par le partenaire"
    NON_HONOREE = "NON_HONOREE", "Rendez-vous non honoré"
    SANS_SUITE = "SANS_SUITE", "Sans suite"
