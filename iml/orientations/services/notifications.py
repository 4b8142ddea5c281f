"""Alertes des gestes des orientations (R-SIAO), créées par les services au moment du geste
(la tâche quotidienne, `taches.py`, alerte des retards) :

- une vacance déclarée : la coordination du SIAO du département de l'opérateur ;
- une nouvelle proposition : la direction et la gestion locative de l'opérateur ;
- un refus de l'opérateur : la coordination du SIAO qui a proposé (confirmer ou passer outre).

Jamais le nom d'un ménage : la référence SI-SIAO et l'adresse du logement suffisent. Une
alerte par destinataire et par clé (`creer_alerte`)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from iml.alertes.services import creer_alerte
from iml.comptes.enums import Role, TypeOrganisation
from iml.comptes.models import Adhesion
from iml.orientations.models import DeclarationVacance, Proposition
from iml.parc.perms import ROLES_GESTION
from regles.format import date_fr
from regles.types_orientations import MotifRefus, NatureVacance

REGLE = "R-SIAO"


def _actives() -> QuerySet[Adhesion]:
    return Adhesion.objects.filter(actif=True, utilisateur__is_active=True).select_related(
        "utilisateur", "organisation"
    )


def envoyer(adhesions, message: str, cle: str, lien: str, echeance=None) -> int:
    """Une alerte R-SIAO par adhésion (une seule par clé et destinataire) ; le nombre créé."""
    creees = 0
    for a in adhesions:
        alerte = creer_alerte(
            destinataire=a.utilisateur, organisation=a.organisation, regle=REGLE,
            message=message, cle=cle, lien=lien, echeance=echeance,
        )  # fmt: skip
        creees += alerte is not None
    return creees


def vacance_declaree(declaration: DeclarationVacance) -> int:
    """Le SIAO du département de l'opérateur apprend la vacance à sa déclaration."""
    logement = declaration.logement
    nature = NatureVacance(declaration.nature).libelle.lower()
    message = (
        f"{REGLE} : {declaration.operateur.nom} déclare le logement {logement.adresse} "
        f"{nature}, disponible le {date_fr(declaration.disponible_le)}."
    )
    siao = _actives().filter(
        organisation__type=TypeOrganisation.SIAO,
        organisation__territoire_id=declaration.operateur.territoire_id,
        role=Role.COORDINATION,
    )
    cle = f"{REGLE}:declaration-{declaration.pk}"
    return envoyer(siao, message, cle, reverse("orientations:registre"))


def proposition_faite(proposition: Proposition) -> int:
    """L'opérateur apprend la proposition et son échéance de réponse."""
    message = (
        f"{REGLE} : le SIAO propose la demande {proposition.demande.reference_siao} pour le "
        f"logement {proposition.logement.adresse} ; réponse attendue le "
        f"{date_fr(proposition.echeance)}."
    )
    operateur = _actives().filter(organisation_id=proposition.operateur_id, role__in=ROLES_GESTION)
    lien = reverse("orientations:proposition", kwargs={"pk": proposition.pk})
    cle = f"{REGLE}:proposee-{proposition.pk}"
    return envoyer(operateur, message, cle, lien, proposition.echeance)


def proposition_refusee(proposition: Proposition) -> int:
    """Le SIAO apprend le refus, à confirmer ou à passer outre."""
    motif = MotifRefus(proposition.motif_refus).libelle
    message = (
        f"{REGLE} : {proposition.operateur.nom} refuse la proposition de la demande "
        f"{proposition.demande.reference_siao} pour le logement {proposition.logement.adresse} "
        f"(motif : {motif}) ; confirmez le refus ou passez outre."
    )
    siao = _actives().filter(organisation_id=proposition.siao_id, role=Role.COORDINATION)
    lien = reverse("orientations:proposition", kwargs={"pk": proposition.pk})
    return envoyer(siao, message, f"{REGLE}:refus-{proposition.pk}", lien)
