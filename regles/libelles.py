"""Libellés français des chemins du contenu d'un dossier (`services.accompagnement.SOUS_LOCATION`
→ « Prestations › accompagnement › sous-location ») : aucun chemin JSON ni code d'énumération
n'arrive à l'écran d'un utilisateur."""

from __future__ import annotations

import re

from regles.types import Agrement, Choix, Financeur, Mode, Partenaire, Service, Typologie

#: Clé du contenu → libellé (le premier segment prend une majuscule à l'affichage).
CLES = {
    "porteur": "identité du porteur",
    "nom": "nom",
    "siret": "SIRET",
    "statut": "statut de la personne morale",
    "representant": "représentant habilité",
    "prenom": "prénom",
    "qualite": "qualité",
    "adresse": "adresse du siège",
    "courriel": "adresse électronique",
    "telephone": "téléphone",
    "realisations": "réalisations antérieures",
    "experience": "expérience du logement adapté",
    "agrements": "agréments et garanties",
    "date_debut": "date de début",
    "date_fin": "date de fin",
    "zone": "zone d'implantation",
    "publics": "publics prioritaires",
    "attention_sante": "attention portée à la santé",
    "categorie": "catégorie d'IML",
    "public_specialise": "public de l'IML spécialisée",
    "zone_marche": "zone de marché",
    "logements": "annexe 2 (logements)",
    "places": "annexe 3 (places)",
    "trimestres": "trimestres",
    "typologie": "typologie",
    "mode": "forme",
    "services": "prestations",
    "captation": "captation",
    "cout_par_logement": "coût par logement",
    "description": "description",
    "gestion": "gestion locative adaptée",
    "libelle": "poste",
    "accompagnement": "accompagnement",
    "modalite": "modalité",
    "etp": "ETP de travailleur social",
    "montant_par_menage": "montant par ménage",
    "partenaire_delegue": "partenaire délégué",
    "budget_annee_pleine": "budget en année pleine",
    "convention": "conventionnement",
    "agrement_L365_3": "agrément L 365-3",
    "modalites_accompagnement": "accompagnement adapté aux résidents",
    "financements": "recettes",
    "financeur": "financeur",
    "service": "prestation",
    "montant": "montant",
    "evaluation": "modalités d'évaluation",
    "regulation": "modalités de régulation",
    "engagement_siao": "engagement envers le SIAO",
    "engagements": "engagements",
    "suite_parcours": "suite du parcours",
    "bail_glissant": "bail glissant",
    "sl_duree_mois": "durée d'une période de sous-location",
    "sl_renouvellements_max": "renouvellements au plus",
    "mg_duree_financement_mois": "durée du financement en mandat de gestion",
    "partenariats": "partenariats",
    "type": "type",
    "date_depot": "date de dépôt",
    "notes": "notes",
}
#: Énumérations dont un code peut figurer dans un chemin (clé d'un objet du contenu).
ENUMERATIONS: tuple[type[Choix], ...] = (Mode, Agrement, Typologie, Financeur, Service, Partenaire)
_MORCEAU = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _libelle_cle(cle: str) -> str:
    if cle in CLES:
        return CLES[cle]
    for enumeration in ENUMERATIONS:
        for membre in enumeration:
            if membre.value == cle:
                return membre.libelle.lower() if enumeration is Mode else membre.libelle
    return cle.replace("_", " ").lower()


def libelle_chemin(chemin: str | None) -> str:
    """« places[2].trimestres[3] » → « Annexe 3 (places) › ligne 3 › 4e trimestre » ;
    chaîne vide pour un constat sans champ."""
    if not chemin:
        return ""
    morceaux: list[str] = []
    precedent = ""
    for cle, indice in _MORCEAU.findall(chemin):
        if cle:
            morceaux.append(_libelle_cle(cle))
            precedent = cle
        elif precedent == "trimestres":
            n = int(indice) + 1
            morceaux[-1] = f"{n}{'er' if n == 1 else 'e'} trimestre"
        else:
            morceaux.append(f"ligne {int(indice) + 1}")
    texte = " › ".join(morceaux)
    return texte[:1].upper() + texte[1:]
