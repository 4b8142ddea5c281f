"""Énumérations du domaine : valeurs ASCII en majuscules, libellés français.

Chaque membre porte sa valeur stockée (`value`) et son libellé (`libelle`), à la manière des
`TextChoices` de Django, sans en dépendre.
"""

from __future__ import annotations

from enum import StrEnum


class Choix(StrEnum):
    """Base des énumérations : `Mode.SOUS_LOCATION.value == "SOUS_LOCATION"`."""

    libelle: str

    def __new__(cls, valeur: str, libelle: str = "") -> Choix:
        membre = str.__new__(cls, valeur)
        membre._value_ = valeur
        membre.libelle = libelle
        return membre

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """Couples (valeur, libellé), prêts pour un champ `choices` de formulaire."""
        return [(m.value, m.libelle) for m in cls]


class Niveau(Choix):
    """Gravité d'un constat : une erreur bloque, une alerte informe, une info renseigne."""

    ERREUR = "erreur", "Erreur"
    ALERTE = "alerte", "Alerte"
    INFO = "info", "Information"


class Mode(Choix):
    """Les deux formes de l'IML (R-MODE) ; le bail glissant est une option de la sous-location."""

    MANDAT_GESTION = "MANDAT_GESTION", "Mandat de gestion"
    SOUS_LOCATION = "SOUS_LOCATION", "Sous-location"


class Typologie(Choix):
    """Taille du logement (R-CAPACITY)."""

    STUDIO = "STUDIO", "Chambre / studio"
    T1 = "T1", "T1"
    T2 = "T2", "T2"
    T3 = "T3", "T3"
    T4 = "T4", "T4"
    T5 = "T5", "T5"
    T6_PLUS = "T6_PLUS", "T6 et +"


class Categorie(Choix):
    """Catégorie d'IML en Nouvelle-Aquitaine (R-CATEGORY, R-CEILING-NA)."""

    CLASSIQUE = "CLASSIQUE", "IML classique"
    SPECIALISEE = "SPECIALISEE", "IML spécialisée"
    PSY = "PSY", "IML psy"


class Zone(Choix):
    """Zone de marché du logement (R-CEILING-NA)."""

    TENDUE = "TENDUE", "Zone tendue"
    DETENDUE = "DETENDUE", "Zone détendue"


class FormuleMandat(Choix):
    """Mandat de gestion avec ou sans accompagnement (R-CEILING-NA)."""

    AVEC_ACCOMPAGNEMENT = "AVEC_ACCOMPAGNEMENT", "Avec accompagnement"
    SANS_ACCOMPAGNEMENT = "SANS_ACCOMPAGNEMENT", "Sans accompagnement"


class ModaliteAccompagnement(Choix):
    """Qui réalise l'accompagnement social (R-ACCOMP-PLAN)."""

    INTERNE = "INTERNE", "En interne (agrément L 365-3)"
    DELEGUE = "DELEGUE", "Délégué à un opérateur agréé L 365-3"
    DROIT_COMMUN = "DROIT_COMMUN", "Dispositifs de droit commun"


class NiveauJeu(Choix):
    """Niveau d'un jeu de paramètres ; l'ordre des membres est l'ordre des couches."""

    NATIONAL = "NATIONAL", "National"
    REGIONAL = "REGIONAL", "Régional"
    DEPARTEMENTAL = "DEPARTEMENTAL", "Départemental"
    APPEL = "APPEL", "Appel à candidatures"


class Agrement(Choix):
    """Agréments et garanties d'un porteur (R-ELIGIBILITY)."""

    L365_4 = "L365_4", "Agrément L 365-4 (intermédiation et gestion locative sociale)"
    L365_3 = "L365_3", "Agrément L 365-3 (ingénierie sociale, financière et technique)"
    CARTE_PROFESSIONNELLE = "CARTE_PROFESSIONNELLE", "Carte professionnelle « gestion immobilière »"
    GARANTIE_FINANCIERE = "GARANTIE_FINANCIERE", "Garantie financière"
    ASSURANCE_RC = "ASSURANCE_RC", "Assurance de responsabilité civile professionnelle"


class StatutJuridique(Choix):
    """Statut du porteur : tous personnes morales, sauf PERSONNE_PHYSIQUE (R-ELIGIBILITY)."""

    ASSOCIATION = "ASSOCIATION", "Association"
    FONDATION = "FONDATION", "Fondation"
    GIP = "GIP", "Groupement d'intérêt public"
    GCSMS = "GCSMS", "Groupement de coopération sociale ou médico-sociale"
    SCIC = "SCIC", "Société coopérative d'intérêt collectif"
    SOCIETE = "SOCIETE", "Société commerciale"
    ETABLISSEMENT_PUBLIC = "ETABLISSEMENT_PUBLIC", "Établissement public"
    AUTRE_PERSONNE_MORALE = "AUTRE_PERSONNE_MORALE", "Autre personne morale"
    PERSONNE_PHYSIQUE = "PERSONNE_PHYSIQUE", "Personne physique"


class PublicPrioritaire(Choix):
    """Publics prioritaires (R-PRIORITY-PUBLICS, 003 §4.5)."""

    PDALHPD = "PDALHPD", "Public prioritaire du PDALHPD"
    SORTANT_HEBERGEMENT = "SORTANT_HEBERGEMENT", "Sortant d'hébergement (fluidité AHI)"
    SANS_LOGEMENT = "SANS_LOGEMENT", "Sans aucun logement (loi 1990, art. 4)"
    MENACE_EXPULSION = "MENACE_EXPULSION", "Menacé d'expulsion sans relogement (loi 1990)"
    HEBERGE_TEMPORAIREMENT = "HEBERGE_TEMPORAIREMENT", "Hébergé ou logé temporairement (loi 1990)"
    HABITAT_INDIGNE = "HABITAT_INDIGNE", "Exposé à l'habitat indigne (loi 1990)"
    CUMUL_DIFFICULTES = "CUMUL_DIFFICULTES", "Cumul de difficultés (loi 1990)"
    DALO_SANS_DOMICILE = "DALO_SANS_DOMICILE", "DALO : sans domicile"
    DALO_DELAI_ANORMAL = "DALO_DELAI_ANORMAL", "DALO : délai anormalement long dépassé"
    DALO_MENACE_EXPULSION = "DALO_MENACE_EXPULSION", "DALO : menacé d'expulsion sans relogement"
    DALO_HEBERGE = "DALO_HEBERGE", "DALO : hébergé ou logé temporairement depuis longtemps"
    DALO_LOCAUX_IMPROPRES = (
        "DALO_LOCAUX_IMPROPRES",
        "DALO : locaux impropres, insalubres, dangereux",
    )
    DALO_INDECENT_SUROCCUPE = (
        "DALO_INDECENT_SUROCCUPE",
        "DALO : logement indécent ou suroccupé avec mineur ou personne handicapée",
    )


class Financeur(Choix):
    """Financeurs d'une mesure (R-COFUNDING)."""

    ETAT_P177 = "ETAT_P177", "État (programme 177)"
    CONSEIL_DEPARTEMENTAL = "CONSEIL_DEPARTEMENTAL", "Conseil départemental"
    ARS = "ARS", "ARS (ONDAM médico-social)"
    FSL = "FSL", "Fonds de solidarité pour le logement"
    FAPI = "FAPI", "Fonds d'appui aux politiques d'insertion"
    AUTRE = "AUTRE", "Autre financeur"


class Service(Choix):
    """Les trois prestations financées (R-BUDGET-MODEL)."""

    CAPTATION = "CAPTATION", "Prospection / captation"
    GESTION = "GESTION", "Gestion locative adaptée"
    ACCOMPAGNEMENT = "ACCOMPAGNEMENT", "Accompagnement social"


class Partenaire(Choix):
    """Partenaires de droit commun (R-PARTNERS)."""

    MDS = "MDS", "Maison départementale des solidarités"
    CCAS = "CCAS", "CCAS / CIAS"
    CAARUD = "CAARUD", "CAARUD"
    HOPITAL = "HOPITAL", "Établissement ou service hospitalier"
    EMPLOI = "EMPLOI", "Service de l'emploi (France Travail, mission locale)"
    SANTE_MEDICO_SOCIAL = "SANTE_MEDICO_SOCIAL", "SAVS, SAMSAH, CMP…"
    FSL = "FSL", "FSL / CDAS"
    BAILLEUR = "BAILLEUR", "Bailleurs et propriétaires"
    SIAO = "SIAO", "SIAO"
    AUTRE = "AUTRE", "Autre partenaire"


class SuiteParcours(Choix):
    """Suite prévue dès l'entrée en sous-location (R-SL-DURATION)."""

    BAIL_GLISSANT = "BAIL_GLISSANT", "Glissement de bail"
    RELOGEMENT_SOCIAL = "RELOGEMENT_SOCIAL", "Relogement dans le parc social"
    RELOGEMENT_PRIVE = "RELOGEMENT_PRIVE", "Relogement dans le parc privé"
    PROCEDURE_PRIORITAIRE = "PROCEDURE_PRIORITAIRE", "Procédure de relogement prioritaire (PDALHPD)"


class Dispositif(Choix):
    """Mesures voisines de l'IML d'État (R-CHEZ-SOI, R-PETIT-CHEZ-SOI, R-CD-MEASURES)."""

    IML_ETAT = "IML_ETAT", "IML financée par l'État (BOP 177)"
    UN_CHEZ_SOI_D_ABORD = "UN_CHEZ_SOI_D_ABORD", "Un chez-soi d'abord"
    UN_PETIT_CHEZ_SOI = "UN_PETIT_CHEZ_SOI", "Un petit chez-soi"
    MESURE_CD = "MESURE_CD", "Mesure du conseil départemental (médiation, GLA)"


class ClasseDpe(Choix):
    """Classe du diagnostic de performance énergétique (loi Climat et résilience)."""

    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"
    E = "E", "E"
    F = "F", "F"
    G = "G", "G"


class StatutProspect(Choix):
    """Étapes de la captation d'un logement (suivi à la manière de Zéro Logement Vacant)."""

    A_CONTACTER = "A_CONTACTER", "À contacter"
    CONTACTE = "CONTACTE", "Contacté"
    VISITE = "VISITE", "Visite"
    NEGOCIATION = "NEGOCIATION", "Négociation"
    CAPTE = "CAPTE", "Capté"
    ABANDONNE = "ABANDONNE", "Abandonné"


class StatutLogement(Choix):
    """Statut d'un logement du parc de l'opérateur (docs/adr/0007-statuts-logement.md)."""

    EN_CAPTATION = "EN_CAPTATION", "En captation"
    DISPONIBLE = "DISPONIBLE", "Disponible"
    OCCUPE = "OCCUPE", "Occupé"
    VACANT = "VACANT", "Vacant"
    EN_TRAVAUX = "EN_TRAVAUX", "En travaux"
    RESTITUE = "RESTITUE", "Restitué"


class StatutOccupation(Choix):
    """Une occupation d'un logement par un ménage : en cours, puis terminée par une sortie."""

    EN_COURS = "EN_COURS", "En cours"
    TERMINEE = "TERMINEE", "Terminée"


class DestinationSortie(Choix):
    """Où va le ménage à la sortie de l'IML (R-SORTIE) ; les trois premières sont un logement."""

    GLISSEMENT_BAIL = "GLISSEMENT_BAIL", "Glissement de bail"
    LOGEMENT_SOCIAL = "LOGEMENT_SOCIAL", "Logement social"
    LOGEMENT_PRIVE = "LOGEMENT_PRIVE", "Logement privé autonome"
    HEBERGEMENT = "HEBERGEMENT", "Hébergement"
    RUE = "RUE", "Rue"
    DECES = "DECES", "Décès"
    AUTRE = "AUTRE", "Autre"
    INCONNUE = "INCONNUE", "Inconnue"


class NatureRessource(Choix):
    """Nature d'une ressource mensuelle d'un ménage (R-EFFORT-MG, R-EFFORT-SL)."""

    SALAIRE = "SALAIRE", "Salaires et revenus d'activité"
    RSA = "RSA", "RSA"
    AAH = "AAH", "AAH"
    PRESTATIONS_FAMILIALES = "PRESTATIONS_FAMILIALES", "Prestations familiales"
    AIDE_LOGEMENT = "AIDE_LOGEMENT", "Aide au logement"
    AUTRE = "AUTRE", "Autres ressources"


class LienPersonne(Choix):
    """Lien d'un membre du ménage avec la personne de référence."""

    CONJOINT = "CONJOINT", "Conjoint ou conjointe"
    ENFANT = "ENFANT", "Enfant"
    PARENT = "PARENT", "Parent"
    AUTRE = "AUTRE", "Autre membre"


class NatureEcriture(Choix):
    """Ligne du compte d'un ménage (R-IMPAYES) : un appel doit, un paiement règle, une correction
    annule ou complète une ligne (une ligne ne se modifie jamais)."""

    APPEL = "APPEL", "Appel de loyer ou de redevance"
    PAIEMENT_MENAGE = "PAIEMENT_MENAGE", "Paiement du ménage"
    PAIEMENT_AIDE = "PAIEMENT_AIDE", "Aide au logement versée à l'opérateur"
    PAIEMENT_FSL = "PAIEMENT_FSL", "Aide du FSL"
    CORRECTION = "CORRECTION", "Correction"
