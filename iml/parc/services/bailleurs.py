"""Bailleurs privés : création et modification par la gestion du parc (journalisées par
django-auditlog, inscrit dans `apps.py`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from iml.comptes.acteur import Acteur
from iml.parc import perms
from iml.parc.models import Bailleur
from iml.parc.services.commun import affecter, enregistrer

CHAMPS_BAILLEUR = (
    "reference",
    "type",
    "nom",
    "prenom",
    "telephone",
    "courriel",
    "adresse",
    "origine",
    "consentement_contact",
    "consentement_le",
    "ne_pas_contacter",
    "ne_pas_contacter_motif",
)


def _appliquer(bailleur: Bailleur, donnees: dict[str, Any], aujourd_hui: date) -> None:
    affecter(bailleur, donnees, CHAMPS_BAILLEUR)
    if bailleur.ne_pas_contacter:
        # R-CONTACT : l'opposition l'emporte sur un consentement antérieur.
        bailleur.consentement_contact = False
    if bailleur.consentement_contact and bailleur.consentement_le is None:
        bailleur.consentement_le = aujourd_hui
    if not bailleur.consentement_contact:
        bailleur.consentement_le = None
    if not bailleur.ne_pas_contacter:
        bailleur.ne_pas_contacter_motif = ""
    if bailleur.consentement_le and bailleur.consentement_le > aujourd_hui:
        raise ValidationError(
            {"consentement_le": ["La date du consentement ne peut pas être dans le futur."]}
        )


@transaction.atomic
def creer_bailleur(*, acteur: Acteur, aujourd_hui: date, **donnees: Any) -> Bailleur:
    if not perms.peut_gerer_parc(acteur):
        raise PermissionDenied
    bailleur = Bailleur(operateur=acteur.organisation)
    _appliquer(bailleur, donnees, aujourd_hui)
    return enregistrer(bailleur)


@transaction.atomic
def modifier_bailleur(
    *, acteur: Acteur, bailleur: Bailleur, aujourd_hui: date, **donnees: Any
) -> Bailleur:
    if not perms.peut_gerer_parc(acteur) or bailleur.operateur_id != acteur.organisation.pk:
        raise PermissionDenied
    _appliquer(bailleur, donnees, aujourd_hui)
    return enregistrer(bailleur)
