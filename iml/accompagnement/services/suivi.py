"""Le suivi au fil des jours : contacts avec le ménage, orientations vers les partenaires
(R-PARTNERS), annuaire des partenaires de l'opérateur, temps de travail des travailleurs
sociaux (R-SW-RATIO)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min, QuerySet
from django.utils import timezone

from iml.accompagnement import perms
from iml.accompagnement.models import Contact, OrientationPartenaire, Partenaire, TempsTravail
from iml.accompagnement.services.plans import FUTUR
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.comptes.models import Utilisateur
from iml.menages.models import Menage
from iml.parc.services.commun import affecter, enregistrer

#: Un envoi identique dans ce délai est un double appui, pas un second contact.
DOUBLE_ENVOI = timedelta(seconds=60)


def _deja_envoye(qs: QuerySet) -> Any:
    """Le même enregistrement, fait par la même personne il y a moins d'une minute (double
    appui sur « Enregistrer ») ; None sinon."""
    return qs.filter(cree_le__gte=timezone.now() - DOUBLE_ENVOI).order_by("-pk").first()


def _erreurs_date_contact(menage: Menage, le: date, aujourd_hui: date) -> dict[str, list[str]]:
    """Ni dans le futur, ni avant le début du premier accompagnement du ménage."""
    debut = menage.plans.aggregate(d=Min("debut_le"))["d"]
    if le and le > aujourd_hui:
        return {"le": [f"Date du contact : {FUTUR}"]}
    if le and debut and le < debut:
        return {
            "le": [
                f"Date du contact : elle ne peut précéder le début de l'accompagnement "
                f"({debut:%d/%m/%Y})."
            ]
        }
    return {}


@transaction.atomic
def noter_contact(
    *,
    acteur: Acteur,
    menage: Menage,
    le: date,
    canal: str,
    duree_minutes: int | None,
    note: str,
    aujourd_hui: date,
) -> Contact:
    """Un contact : date, canal, durée, note courte ; l'auteur est l'acteur. Le journal des
    contacts reste dans l'accompagnement : la date n'est pas recopiée sur la fiche du ménage,
    que lit aussi la gestion locative (elle sait qu'un plan existe, rien de plus)."""
    perms.exiger_accompagnement(acteur, menage)
    contact = Contact(
        menage=menage,
        le=le,
        canal=canal,
        duree_minutes=duree_minutes,
        par=acteur.utilisateur,
        note=note.strip(),
    )
    erreurs = _erreurs_date_contact(menage, le, aujourd_hui)
    if not erreurs:
        double = _deja_envoye(
            Contact.objects.filter(
                menage=menage,
                le=le,
                canal=canal,
                duree_minutes=duree_minutes,
                par=acteur.utilisateur,
                note=contact.note,
            )  # fmt: skip
        )
        if double is not None:
            return double
    return enregistrer(contact, erreurs)


@transaction.atomic
def retirer_contact(*, acteur: Acteur, contact: Contact) -> None:
    """Un contact noté par erreur se retire, par son auteur ou la direction (le journal
    d'audit le garde)."""
    perms.exiger_accompagnement(acteur, contact.menage)
    if not perms.peut_retirer_contact(acteur, contact.par_id):
        raise PermissionDenied("Seul son auteur (ou la direction) retire un contact.")
    contact.delete()


CHAMPS_PARTENAIRE = ("nom", "type", "commune", "telephone", "courriel", "actif")


def _exiger_annuaire(acteur: Acteur) -> None:
    if not perms.tient_l_annuaire(acteur):
        raise PermissionDenied(
            "L'annuaire des partenaires est tenu par la direction et le travail social."
        )


@transaction.atomic
def creer_partenaire(*, acteur: Acteur, **donnees: Any) -> Partenaire:
    _exiger_annuaire(acteur)
    partenaire = Partenaire(operateur=acteur.organisation)
    affecter(partenaire, donnees, CHAMPS_PARTENAIRE)
    return _enregistrer_partenaire(partenaire)


def _enregistrer_partenaire(partenaire: Partenaire) -> Partenaire:
    try:
        with transaction.atomic():
            return enregistrer(partenaire)
    except IntegrityError as erreur:  # deux envois simultanés du même nom
        raise ValidationError(
            {"nom": ["Nom : un partenaire de votre annuaire porte déjà ce nom."]}
        ) from erreur


@transaction.atomic
def modifier_partenaire(*, acteur: Acteur, partenaire: Partenaire, **donnees: Any) -> Partenaire:
    _exiger_annuaire(acteur)
    if partenaire.operateur_id != acteur.organisation.pk:
        raise PermissionDenied("Ce partenaire est dans l'annuaire d'un autre opérateur.")
    affecter(partenaire, donnees, CHAMPS_PARTENAIRE)
    return _enregistrer_partenaire(partenaire)


@transaction.atomic
def orienter(
    *,
    acteur: Acteur,
    menage: Menage,
    partenaire: Partenaire,
    le: date,
    motif: str,
    aujourd_hui: date,
) -> OrientationPartenaire:
    """R-PARTNERS : une orientation vers un partenaire actif de l'annuaire de l'opérateur."""
    perms.exiger_accompagnement(acteur, menage)
    erreurs: dict[str, list[str]] = {}
    if partenaire.operateur_id != menage.operateur_id or not partenaire.actif:
        erreurs["partenaire"] = ["R-PARTNERS : choisissez un partenaire actif de votre annuaire."]
    if le and le > aujourd_hui:
        erreurs["le"] = [f"Orienté le : {FUTUR}"]
    orientation = OrientationPartenaire(
        menage=menage, partenaire=partenaire, le=le, motif=motif, par=acteur.utilisateur
    )
    if not erreurs:
        double = _deja_envoye(
            OrientationPartenaire.objects.filter(
                menage=menage, partenaire=partenaire, le=le, motif=motif, par=acteur.utilisateur
            )
        )
        if double is not None:
            return double
    return enregistrer(orientation, erreurs)


@transaction.atomic
def noter_suite(
    *, acteur: Acteur, orientation: OrientationPartenaire, issue: str, issue_le: date | None,
    aujourd_hui: date,
) -> OrientationPartenaire:  # fmt: skip
    """La suite d'une orientation (prise en charge, refus…) et sa date."""
    perms.exiger_accompagnement(acteur, orientation.menage)
    erreurs: dict[str, list[str]] = {}
    if issue_le and issue_le > aujourd_hui:
        erreurs["issue_le"] = [f"Suite connue le : {FUTUR}"]
    elif issue_le and issue_le < orientation.le:
        erreurs["issue_le"] = ["Suite connue le : la date ne peut précéder l'orientation."]
    orientation.issue, orientation.issue_le = issue, issue_le
    return enregistrer(orientation, erreurs)


@transaction.atomic
def fixer_temps_travail(
    *,
    acteur: Acteur,
    utilisateur: Utilisateur,
    etp: Decimal,
    depuis_le: date,
) -> TempsTravail:
    """R-SW-RATIO : le temps de travail d'un travailleur social de l'organisation, depuis une
    date ; une nouvelle valeur est une nouvelle ligne (la même date la remplace)."""
    perms.exiger(perms.acces_equipe(acteur))
    if not utilisateur.adhesions.filter(
        organisation=acteur.organisation, role=Role.TRAVAILLEUR_SOCIAL, actif=True
    ).exists():
        raise ValidationError(
            {"utilisateur": ["Choisissez un travailleur social de votre organisation."]}
        )
    ligne = TempsTravail.objects.filter(
        operateur=acteur.organisation, utilisateur=utilisateur, depuis_le=depuis_le
    ).first() or TempsTravail(
        operateur=acteur.organisation, utilisateur=utilisateur, depuis_le=depuis_le
    )
    ligne.etp, ligne.par = etp, acteur.utilisateur
    return enregistrer(ligne)
