"""Contrats avec le bailleur : mandat de gestion (forme MG) ou bail consenti à l'opérateur
(sous-location) ; la date de fin est calculée (veille de la date anniversaire)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from iml.comptes.acteur import Acteur
from iml.parc import perms
from iml.parc.enums import Garantie, TypeContrat
from iml.parc.models import ContratBailleur, Logement
from iml.parc.services.commun import affecter, enregistrer
from regles.calendrier import ajouter_mois
from regles.types import Mode

CHAMPS_CONTRAT = (
    "type",
    "date_debut",
    "duree_mois",
    "honoraires_pct",
    "garanties",
    "loyer",
    "renouvellement_tacite",
    "resilie_le",
)
TYPE_DE_FORME = {
    Mode.MANDAT_GESTION: TypeContrat.MANDAT_GESTION,
    Mode.SOUS_LOCATION: TypeContrat.BAIL_ASSOCIATION,
}


def date_de_fin(debut: date, duree_mois: int) -> date:
    """Un contrat de 12 mois commencé le 15/05/2026 finit le 14/05/2027."""
    return ajouter_mois(debut, duree_mois) - timedelta(days=1)


def _erreurs(contrat: ContratBailleur) -> dict[str, list[str]]:
    erreurs: dict[str, list[str]] = {}
    attendu = TYPE_DE_FORME.get(Mode(contrat.logement.forme))
    if contrat.type and contrat.type != attendu:
        erreurs["type"] = [
            f"R-MODE : un logement en « {Mode(contrat.logement.forme).libelle} » se lie "
            f"au bailleur par un « {TypeContrat(attendu).label} »."
        ]
    inconnues = [g for g in contrat.garanties or [] if g not in Garantie.values]
    if inconnues:
        erreurs["garanties"] = [f"Garanties : valeur inconnue « {inconnues[0]} »."]
    if contrat.type == TypeContrat.MANDAT_GESTION and contrat.loyer is not None:
        erreurs["loyer"] = [
            "R-MODE : en mandat de gestion, le ménage paie le loyer au bailleur ; le loyer "
            "versé par l'opérateur ne concerne que le bail à l'association."
        ]
    if contrat.resilie_le and contrat.date_debut and contrat.resilie_le < contrat.date_debut:
        erreurs["resilie_le"] = ["Résilié le : la date précède le début du contrat."]
    return erreurs


def _enregistrer(contrat: ContratBailleur, donnees: dict[str, Any]) -> ContratBailleur:
    affecter(contrat, donnees, CHAMPS_CONTRAT)
    contrat.garanties = sorted(set(contrat.garanties or []))
    if contrat.date_debut and contrat.duree_mois:
        contrat.date_fin = date_de_fin(contrat.date_debut, contrat.duree_mois)
    return enregistrer(contrat, _erreurs(contrat))


@transaction.atomic
def creer_contrat(*, acteur: Acteur, logement: Logement, **donnees: Any) -> ContratBailleur:
    perms.exiger(perms.acces_modifier_logement(acteur, logement))
    donnees.setdefault("type", TYPE_DE_FORME[Mode(logement.forme)])
    contrat = ContratBailleur(logement=logement, cree_par=acteur.utilisateur)
    return _enregistrer(contrat, donnees)


@transaction.atomic
def modifier_contrat(
    *, acteur: Acteur, contrat: ContratBailleur, **donnees: Any
) -> ContratBailleur:
    perms.exiger(perms.acces_modifier_logement(acteur, contrat.logement))
    return _enregistrer(contrat, donnees)
