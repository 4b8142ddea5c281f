"""Fiche du ménage : création, modification, membres, ressources datées, critères de priorité,
journal des consultations. Chaque changement est audité (auditlog, `apps.py`)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.menages import perms
from iml.menages.models import ConsultationMenage, CriterePriorite, Menage, Personne, Ressource
from iml.parc.services.commun import affecter, enregistrer
from regles.types import Categorie

CHAMPS_MENAGE = (
    "reference",
    "nom",
    "prenom",
    "date_naissance",
    "categorie",
    "public_specialise",
    "situation_avant",
    "orientation_siao_reference",
    "orientation_siao_le",
    "notice_remise_le",
    "dernier_contact_le",
    "notes",
)


def _controles(menage: Menage, aujourd_hui: date) -> dict[str, list[str]]:
    """Dates dans le passé ; R-CATEGORY : une IML spécialisée nomme son public, les autres
    n'en ont pas."""
    erreurs: dict[str, list[str]] = {}
    for champ in (
        "date_naissance",
        "orientation_siao_le",
        "notice_remise_le",
        "dernier_contact_le",
    ):
        valeur = getattr(menage, champ)
        if valeur is not None and valeur > aujourd_hui:
            libelle = Menage._meta.get_field(champ).verbose_name
            erreurs[champ] = [
                f"{libelle[:1].upper()}{libelle[1:]} : la date ne peut pas être dans le futur."
            ]
    if menage.categorie == Categorie.SPECIALISEE and not menage.public_specialise:
        erreurs["public_specialise"] = [
            "R-CATEGORY : une IML spécialisée nomme son public (jeunes, sortants d'ASE, "
            "victimes de violences…)."
        ]
    if menage.categorie != Categorie.SPECIALISEE:
        menage.public_specialise = ""
    return erreurs


def _referent(acteur: Acteur, referent: Any) -> Any:
    """Le référent est un travailleur social actif de l'organisation du ménage."""
    if referent is None:
        return None
    if not referent.adhesions.filter(
        organisation=acteur.organisation, role=Role.TRAVAILLEUR_SOCIAL, actif=True
    ).exists():
        raise ValidationError(
            {"referent": ["Choisissez un travailleur social de votre organisation."]}
        )
    return referent


def _reference_auto(operateur_id: int, aujourd_hui: date) -> str:
    """Référence proposée quand l'opérateur n'en donne pas : M-2026-0001, M-2026-0002…"""
    prefixe = f"M-{aujourd_hui.year}-"
    n = Menage.objects.filter(operateur_id=operateur_id, reference__startswith=prefixe).count()
    while Menage.objects.filter(
        operateur_id=operateur_id, reference=f"{prefixe}{n + 1:04d}"
    ).exists():
        n += 1
    return f"{prefixe}{n + 1:04d}"


@transaction.atomic
def creer_menage(
    *, acteur: Acteur, aujourd_hui: date, referent: Any = None, **donnees: Any
) -> Menage:
    perms.exiger(perms.acces_gestion(acteur))
    menage = Menage(operateur=acteur.organisation, cree_par=acteur.utilisateur)
    affecter(menage, donnees, CHAMPS_MENAGE)
    if not menage.reference:
        menage.reference = _reference_auto(acteur.organisation.pk, aujourd_hui)
    menage.referent = _referent(acteur, referent)
    return enregistrer(menage, _controles(menage, aujourd_hui))


@transaction.atomic
def modifier_menage(*, acteur: Acteur, menage: Menage, aujourd_hui: date, **donnees: Any) -> Menage:
    """La gestion change tout ; le travail social (référent) tout sauf le référent."""
    perms.exiger(perms.acces_menage(acteur, menage.operateur_id, menage.referent_id))
    if "referent" in donnees:
        perms.exiger(perms.acces_gestion(acteur, menage.operateur_id))
        menage.referent = _referent(acteur, donnees.pop("referent"))
    if not donnees.get("reference", menage.reference):
        donnees["reference"] = menage.reference
    affecter(menage, donnees, CHAMPS_MENAGE)
    return enregistrer(menage, _controles(menage, aujourd_hui))


def _verifier_acces(acteur: Acteur, menage: Menage) -> None:
    perms.exiger(perms.acces_menage(acteur, menage.operateur_id, menage.referent_id))


@transaction.atomic
def ajouter_personne(
    *, acteur: Acteur, menage: Menage, lien: str, annee_naissance: int, aujourd_hui: date
) -> Personne:
    _verifier_acces(acteur, menage)
    personne = Personne(menage=menage, lien=lien, annee_naissance=annee_naissance)
    erreurs = {}
    if annee_naissance and annee_naissance > aujourd_hui.year:
        erreurs["annee_naissance"] = ["Année de naissance : elle ne peut pas être dans le futur."]
    return enregistrer(personne, erreurs)


@transaction.atomic
def retirer_personne(*, acteur: Acteur, personne: Personne) -> None:
    _verifier_acces(acteur, personne.menage)
    personne.delete()


@transaction.atomic
def ajouter_ressource(
    *,
    acteur: Acteur,
    menage: Menage,
    nature: str,
    montant: Decimal,
    connue_le: date,
    aujourd_hui: date,
) -> Ressource:
    """Une nouvelle valeur d'une ressource : une nouvelle ligne, la plus récente compte."""
    _verifier_acces(acteur, menage)
    ressource = Ressource(menage=menage, nature=nature, montant=montant, connue_le=connue_le)
    erreurs = {}
    if connue_le and connue_le > aujourd_hui:
        erreurs["connue_le"] = ["Connue le : la date ne peut pas être dans le futur."]
    return enregistrer(ressource, erreurs)


@transaction.atomic
def retirer_ressource(*, acteur: Acteur, ressource: Ressource) -> None:
    """Une ressource saisie par erreur se retire (le journal d'audit la garde)."""
    _verifier_acces(acteur, ressource.menage)
    ressource.delete()


@transaction.atomic
def poser_critere(
    *, acteur: Acteur, menage: Menage, critere: str, reconnu_le: date | None, aujourd_hui: date
) -> CriterePriorite:
    """R-PRIORITY-PUBLICS : un critère de priorité et sa date (une fois par critère)."""
    _verifier_acces(acteur, menage)
    objet = CriterePriorite.objects.filter(menage=menage, critere=critere).first()
    objet = objet or CriterePriorite(menage=menage, critere=critere)
    objet.reconnu_le = reconnu_le
    erreurs = {}
    if reconnu_le and reconnu_le > aujourd_hui:
        erreurs["reconnu_le"] = ["Reconnu le : la date ne peut pas être dans le futur."]
    return enregistrer(objet, erreurs)


@transaction.atomic
def retirer_critere(*, acteur: Acteur, critere: CriterePriorite) -> None:
    _verifier_acces(acteur, critere.menage)
    critere.delete()


def journaliser_consultation(
    *, acteur: Acteur, menage: Menage, page: str, maintenant: datetime
) -> ConsultationMenage:
    """Chaque lecture d'une fiche (ou du compte) d'un ménage laisse une ligne : qui, quand,
    quelle page."""
    return ConsultationMenage.objects.create(
        menage=menage, par=acteur.utilisateur, le=maintenant, page=page
    )
