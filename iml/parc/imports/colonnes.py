"""Les colonnes du fichier d'import (et de l'export, qui se réimporte) : en-tête, description,
exemple. Les en-têtes se reconnaissent sans égard à la casse, aux accents ni aux espaces."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Colonne:
    nom: str
    description: str
    exemple: str
    requise: bool = False


COLONNES: tuple[Colonne, ...] = (
    Colonne("reference_logement", "Votre référence du logement (clé de l'import : une ligne "
            "par logement, un second import met à jour)", "LOG-0001", True),
    Colonne("reference_bailleur", "Votre référence du bailleur (un bailleur peut avoir "
            "plusieurs logements)", "BAI-0001", True),
    Colonne("bailleur_type", "personne, SCI, société ou bailleur social", "personne"),
    Colonne("bailleur_nom", "Nom ou raison sociale (requis pour un nouveau bailleur)", "Martin"),
    Colonne("bailleur_prenom", "Prénom", "Jeanne"),
    Colonne("bailleur_telephone", "Téléphone", "02 99 00 00 00"),
    Colonne("bailleur_courriel", "Adresse électronique", "jeanne.martin@example.org"),
    Colonne("bailleur_origine", "prospection, bouche-à-oreille, agence, plateforme, zéro "
            "logement vacant ou autre", "prospection"),
    Colonne("bailleur_consentement", "Accepte d'être recontacté : oui ou non", "oui"),
    Colonne("bailleur_ne_pas_contacter", "Ne pas contacter : oui ou non", "non"),
    Colonne("adresse", "Adresse du logement (requise)", "12 rue de la Monnaie"),
    Colonne("complement", "Complément d'adresse", "Bâtiment B"),
    Colonne("code_postal", "Code postal, cinq chiffres (requis)", "35000"),
    Colonne("commune", "Nom ou code INSEE d'une commune de votre département (requise)",
            "Rennes"),
    Colonne("typologie", "chambre, studio, T1, T2, T3, T4, T5, T6 et + (requise)", "T2"),
    Colonne("capacite", "Places (R-CAPACITY : au plus 1 à 7 selon la typologie ; vide = le "
            "maximum)", "3"),
    Colonne("surface_m2", "Surface habitable en m²", "32,50"),
    Colonne("hauteur_sous_plafond_m", "Hauteur sous plafond en mètres", "2,50"),
    Colonne("etage", "Étage (0 = rez-de-chaussée, -1 = sous-sol)", "2"),
    Colonne("ascenseur", "oui, non ou vide (non renseigné)", "non"),
    Colonne("plain_pied", "Accès de plain-pied : oui, non ou vide", "non"),
    Colonne("meuble", "Meublé : oui ou non", "non"),
    Colonne("forme", "mandat de gestion ou sous-location (requise)", "mandat de gestion"),
    Colonne("bail_glissant_possible", "oui ou non (sous-location seulement)", "non"),
    Colonne("loyer", "Loyer hors charges, € par mois", "520,50"),
    Colonne("charges", "Charges, € par mois", "40"),
    Colonne("redevance", "Redevance du ménage, € par mois (sous-location seulement)", ""),
    Colonne("classe_dpe", "Classe DPE, de A à G", "D"),
    Colonne("date_dpe", "Date du DPE : 05/03/2026 ou 2026-03-05", "05/03/2025"),
    Colonne("conventionnement", "aucun, Loc1, Loc2, Loc3 ou Anah ancien", "aucun"),
    Colonne("date_mobilisation", "Date de mobilisation", ""),
    Colonne("convention", "Numéro d'une convention de financement de votre organisation", ""),
)  # fmt: skip

NOMS = tuple(c.nom for c in COLONNES)
REQUISES = tuple(c.nom for c in COLONNES if c.requise)
#: Au-delà, l'en-tête est refusé (fichier qui n'est pas un export du parc).
COLONNES_MAX = 100
LONGUEUR_ENTETE_MAX = 80


def normaliser_entete(texte: str) -> str:
    """« Référence logement » → « reference_logement »."""
    texte = unicodedata.normalize("NFKD", texte.strip().casefold())
    texte = "".join(c for c in texte if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", texte).strip("_")


#: Libellés des colonnes de l'export (avec leurs unités), reconnus aussi à l'import.
LIBELLES = {
    "reference_logement": "Référence du logement",
    "reference_bailleur": "Référence du bailleur",
    "bailleur_type": "Type de bailleur",
    "bailleur_nom": "Nom du bailleur",
    "bailleur_prenom": "Prénom du bailleur",
    "bailleur_telephone": "Téléphone du bailleur",
    "bailleur_courriel": "Courriel du bailleur",
    "bailleur_origine": "Origine du contact",
    "bailleur_consentement": "Consentement au contact",
    "bailleur_ne_pas_contacter": "Ne pas contacter",
    "adresse": "Adresse",
    "complement": "Complément d'adresse",
    "code_postal": "Code postal",
    "commune": "Commune",
    "typologie": "Typologie",
    "capacite": "Capacité (places)",
    "surface_m2": "Surface (m²)",
    "hauteur_sous_plafond_m": "Hauteur sous plafond (m)",
    "etage": "Étage",
    "ascenseur": "Ascenseur",
    "plain_pied": "Accès de plain-pied",
    "meuble": "Meublé",
    "forme": "Forme d'IML",
    "bail_glissant_possible": "Bail glissant possible",
    "loyer": "Loyer hors charges (€ par mois)",
    "charges": "Charges (€ par mois)",
    "redevance": "Redevance (€ par mois)",
    "classe_dpe": "Classe DPE",
    "date_dpe": "Date du DPE",
    "conventionnement": "Conventionnement",
    "date_mobilisation": "Date de mobilisation",
    "convention": "Convention de financement",
}
ALIAS = {normaliser_entete(libelle): nom for nom, libelle in LIBELLES.items()}
