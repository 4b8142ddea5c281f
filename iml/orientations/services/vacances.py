"""Déclarations de vacance (R-SIAO) : une sortie (logement vacant) ou une mise en location
(disponible) ouvre un brouillon ; l'opérateur le complète et le déclare au SIAO (vacant ou
bientôt vacant, date de disponibilité) ; il peut aussi déclarer de lui-même un logement
bientôt vacant ; une vacance se pourvoit par l'admission d'un ménage."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.orientations import perms
from iml.orientations.models import DeclarationVacance, Proposition
from iml.orientations.services import notifications
from iml.orientations.services.statuts import appliquer_transition
from iml.parc.models import EvenementLogement, Logement
from iml.parc.services.commun import enregistrer
from regles.format import date_fr
from regles.transitions_orientations import PROPOSITION_EN_COURS
from regles.types import StatutLogement
from regles.types_orientations import NatureVacance, StatutVacance

OUVERTES = (StatutVacance.BROUILLON, StatutVacance.DECLAREE)
#: Statuts du logement qui ouvrent un brouillon : libre maintenant.
LIBRE = (StatutLogement.VACANT, StatutLogement.DISPONIBLE)


def vacance_ouverte(logement: Logement) -> DeclarationVacance | None:
    return DeclarationVacance.objects.filter(logement=logement, statut__in=OUVERTES).first()


def brouillon_sur_evenement(sender, instance: EvenementLogement, created: bool, **kwargs) -> None:
    """Récepteur de `post_save` des passages de statut d'un logement (voir `suivre_logement`)."""
    if created:
        suivre_logement(instance)


def suivre_logement(evenement: EvenementLogement) -> None:
    """Un logement qui devient vacant ou disponible reçoit le brouillon de sa déclaration
    (s'il n'en a pas d'ouverte), daté du jour du passage ; un logement qui devient occupé
    pourvoit sa vacance déclarée (quelle que soit l'admission) ou clôt son brouillon."""
    logement, jour = evenement.logement, timezone.localdate(evenement.le)
    ouverte = vacance_ouverte(logement)
    if evenement.vers in LIBRE and ouverte is None:
        DeclarationVacance.objects.create(
            logement=logement, operateur_id=logement.operateur_id, nature=NatureVacance.VACANT,
            disponible_le=jour, cree_par_id=evenement.par_id,
        )  # fmt: skip
    elif evenement.vers == StatutLogement.OCCUPE and ouverte is not None:
        if ouverte.statut == StatutVacance.DECLAREE:
            pourvoir(acteur=None, declaration=ouverte, le=jour, maintenant=evenement.le)
        else:
            ouverte.note = "Logement occupé avant la déclaration."
            appliquer_transition(
                acteur=None, objet=ouverte, vers=StatutVacance.ANNULEE, maintenant=evenement.le,
                motif=ouverte.note, champs=("note",),
            )  # fmt: skip


def _erreurs(
    nature: str, disponible_le: date | None, aujourd_hui: date, logement: Logement
) -> dict:
    erreurs: dict[str, list[str]] = {}
    mobilise_le = logement.date_mobilisation
    if disponible_le and mobilise_le and disponible_le < mobilise_le:
        erreurs["disponible_le"] = [
            f"Disponible le : le logement n'est mobilisé que depuis le {date_fr(mobilise_le)} ; "
            "il ne peut être vacant avant."
        ]
        return erreurs
    if nature == NatureVacance.BIENTOT_VACANT and disponible_le and disponible_le <= aujourd_hui:
        erreurs["disponible_le"] = [
            "Disponible le : un logement bientôt vacant se libère après aujourd'hui."
        ]
    if nature == NatureVacance.VACANT and disponible_le and disponible_le > aujourd_hui:
        erreurs["disponible_le"] = [
            "Disponible le : un logement vacant l'est déjà ; choisissez « bientôt vacant » "
            "pour une date à venir."
        ]
    return erreurs


@transaction.atomic
def declarer_vacance(
    *,
    acteur: Acteur,
    logement: Logement,
    nature: str,
    disponible_le: date,
    note: str = "",
    maintenant: datetime,
) -> DeclarationVacance:
    """R-SIAO : l'opérateur déclare au SIAO un logement vacant ou bientôt vacant (le brouillon
    ouvert s'il existe, sinon une nouvelle déclaration) ; le SIAO la voit dès lors."""
    perms.exiger(perms.acces_operateur(acteur, logement.operateur_id))
    aujourd_hui = timezone.localdate(maintenant)
    if logement.statut in (StatutLogement.RESTITUE, StatutLogement.EN_CAPTATION):
        raise ValidationError(
            {"logement": ["R-SIAO : seul un logement mobilisé se déclare vacant au SIAO."]}
        )
    declaration = vacance_ouverte(logement) or DeclarationVacance(
        logement=logement, operateur_id=logement.operateur_id, cree_par=acteur.utilisateur
    )
    if declaration.statut == StatutVacance.DECLAREE:
        raise ValidationError(
            {"logement": ["R-SIAO : ce logement est déjà déclaré vacant au SIAO."]}
        )
    declaration.nature, declaration.disponible_le = nature, disponible_le
    declaration.note = note.strip()
    declaration.declaree_le = aujourd_hui
    enregistrer(declaration, _erreurs(nature, disponible_le, aujourd_hui, logement))
    appliquer_transition(
        acteur=acteur, objet=declaration, vers=StatutVacance.DECLAREE, maintenant=maintenant
    )
    notifications.vacance_declaree(declaration)
    return declaration


@transaction.atomic
def annuler_vacance(
    *, acteur: Acteur, declaration: DeclarationVacance, motif: str, maintenant: datetime
) -> DeclarationVacance:
    """Un brouillon sans suite ou une vacance qui n'a plus lieu (motif écrit). Sous une
    proposition en cours, l'opérateur la refuse d'abord (motif « logement plus disponible »)
    ou le SIAO la retire."""
    perms.exiger(perms.acces_operateur(acteur, declaration.operateur_id))
    if Proposition.objects.filter(
        logement_id=declaration.logement_id, statut__in=PROPOSITION_EN_COURS
    ).exists():
        raise ValidationError(
            {
                "statut": [
                    "R-SIAO : une proposition est en cours sur ce logement ; refusez-la "
                    "(« logement plus disponible ») avant d'annuler la vacance."
                ]
            }
        )
    declaration.note = motif.strip()[:500]
    appliquer_transition(
        acteur=acteur, objet=declaration, vers=StatutVacance.ANNULEE, maintenant=maintenant,
        motif=motif, champs=("note",),
    )  # fmt: skip
    return declaration


def pourvoir(
    *, acteur: Acteur | None, declaration: DeclarationVacance, le: date, maintenant: datetime
) -> None:
    """La vacance est pourvue par l'entrée d'un ménage (appelé par l'admission et la tâche)."""
    declaration.pourvue_le = le
    appliquer_transition(
        acteur=acteur, objet=declaration, vers=StatutVacance.POURVUE, maintenant=maintenant,
        champs=("pourvue_le",),
    )  # fmt: skip
