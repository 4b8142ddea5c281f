"""Admission d'un ménage dans un logement : un service contrôle (R-CAPACITY, R-EFFORT-MG ou
R-EFFORT-SL avec le reste à vivre, R-CATEGORY, R-SL-DURATION, décence, forme), montre chiffres
et règles avant confirmation, puis admet : occupation, contrôle figé avec la version du barème,
première période (sous-location) ou fin du financement (mandat de gestion), premier tarif,
logement « occupé ». Une erreur bloque, sauf dérogation de la direction là où la règle la
permet (`regles.admission.DEROGEABLES`), avec une justification écrite."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.menages.models import Menage
from iml.occupations.models import (
    ControleAdmission,
    EvenementOccupation,
    Occupation,
    Periode,
    Tarif,
)
from iml.occupations.services.preparation import (
    Preparation,
    Saisie,
    derniere_estimation,
    preparer,
    preparer_admission,
)
from iml.parc.models import Logement
from iml.parc.services.logements import changer_statut_logement
from regles.bareme import Bareme
from regles.compte import mois_suivant
from regles.format import date_fr
from regles.occupations import fin_financement_mandat, periodes_permises
from regles.types import Mode, StatutLogement

__all__ = ["Preparation", "Saisie", "admettre", "derniere_estimation", "preparer_admission"]


def _occupation_en_cours(menage: Menage) -> None:
    if menage.occupations.filter(statut="EN_COURS").exists():
        raise ValidationError(
            {"menage": ["Ce ménage occupe déjà un logement : notez d'abord sa sortie."]}
        )


@transaction.atomic
def admettre(
    *,
    acteur: Acteur,
    menage: Menage,
    logement: Logement,
    forme: str,
    date_entree: date,
    loyer: Decimal,
    charges: Decimal,
    bail_glissant: bool = False,
    suite_parcours: str = "",
    derogation: str = "",
    maintenant: datetime,
    precedente: Occupation | None = None,
    reprise: bool = False,
) -> Occupation:
    """Admet le ménage si rien ne bloque, ou si la direction lève par écrit ce que la règle
    permet de lever. Tout ou rien. `reprise` : une occupation déjà en cours, reprise par un
    import ; ce qui se lève ne bloque pas (le contrôle figé le garde, avec la mention de la
    reprise, sans auteur de dérogation) ; le reste bloque comme toujours."""
    saisie = Saisie(forme, date_entree, loyer, charges, bail_glissant, suite_parcours)
    return _admettre(acteur, menage, logement, saisie, derogation, maintenant, precedente, reprise)


def _admettre(
    acteur: Acteur,
    menage: Menage,
    logement: Logement,
    saisie: Saisie,
    derogation: str,
    maintenant: datetime,
    precedente: Occupation | None,
    reprise: bool,
) -> Occupation:
    aujourd_hui = timezone.localdate(maintenant)
    logement = Logement.objects.select_for_update().get(pk=logement.pk)
    _occupation_en_cours(menage)
    preparation = preparer(acteur, menage, logement, saisie, aujourd_hui, precedente is not None)
    derogation = _derogation(
        acteur,
        menage,
        preparation,
        derogation.strip(),
        precedente,
        reprise,
        aujourd_hui,
        saisie.date_entree,
    )
    # Reprise par un import : le compte commence le mois qui suit (l'outil d'avant tient les
    # mois d'avant ; un solde repris s'inscrit par une correction).
    depuis = mois_suivant(aujourd_hui) if reprise else None
    occupation = _creer(acteur, menage, logement, saisie, preparation, precedente, depuis)
    _figer_controle(acteur, occupation, preparation, derogation, maintenant, reprise)
    _ouvrir(acteur, occupation, saisie, preparation.bareme, reprise, maintenant)
    return occupation


def _creer(
    acteur: Acteur,
    menage: Menage,
    logement: Logement,
    saisie: Saisie,
    preparation: Preparation,
    precedente: Occupation | None,
    compte_depuis: date | None,
) -> Occupation:
    """L'occupation en cours ; deux admissions simultanées du même ménage ou dans le même
    logement : la seconde est refusée en clair."""
    try:
        with transaction.atomic():
            return Occupation.objects.create(
                operateur=menage.operateur,
                menage=menage,
                logement=logement,
                forme=saisie.forme,
                bail_glissant=saisie.bail_glissant,
                date_entree=saisie.date_entree,
                suite_parcours=saisie.suite_parcours,
                fin_financement=fin_financement_mandat(saisie.date_entree, preparation.bareme)
                if saisie.forme == Mode.MANDAT_GESTION
                else None,
                precedente=precedente,
                compte_depuis=compte_depuis,
                cree_par=acteur.utilisateur,
            )
    except IntegrityError as erreur:
        raise ValidationError(
            "Ce ménage ou ce logement vient d'être pris par une autre admission : "
            "rechargez la page."
        ) from erreur


def _ouvrir(
    acteur: Acteur,
    occupation: Occupation,
    saisie: Saisie,
    bareme: Bareme,
    reprise: bool,
    maintenant: datetime,
) -> None:
    """Premier tarif, première période (sous-location), événement d'entrée, logement occupé."""
    Tarif.objects.create(
        occupation=occupation,
        date_effet=saisie.date_entree,
        loyer=saisie.loyer,
        charges=saisie.charges,
        cree_par=acteur.utilisateur,
    )
    if saisie.forme == Mode.SOUS_LOCATION:
        premiere = periodes_permises(saisie.date_entree, bareme)[0]
        Periode.objects.create(
            occupation=occupation,
            rang=0,
            debut=premiere.debut,
            fin=premiere.fin,
            decide_le=saisie.date_entree if reprise else timezone.localdate(maintenant),
            decide_par=acteur.utilisateur,
            motif="Entrée dans le logement.",
        )
    EvenementOccupation.objects.create(
        occupation=occupation, de="", vers="EN_COURS", le=maintenant, par=acteur.utilisateur
    )
    logement = occupation.logement
    if logement.statut != StatutLogement.OCCUPE:
        changer_statut_logement(
            acteur=acteur,
            logement=logement,
            vers=StatutLogement.OCCUPE,
            maintenant=maintenant,
            note=f"Entrée du ménage {occupation.menage.reference} le "
            f"{date_fr(saisie.date_entree)}.",
        )


def _derogation(
    acteur: Acteur,
    menage: Menage,
    preparation: Preparation,
    derogation: str,
    precedente: Occupation | None,
    reprise: bool,
    aujourd_hui: date,
    date_entree: date,
) -> str:
    """La justification figée avec le contrôle ; lève les erreurs qui bloquent l'admission."""
    if precedente is not None:
        # Le bail a glissé, le mandat de gestion suit : le ménage est chez lui, le contrôle
        # est figé pour mémoire sans rien bloquer.
        return ""
    if preparation.bloquant and reprise:
        if date_entree >= aujourd_hui:
            # Une reprise est une occupation déjà commencée ; une entrée d'aujourd'hui passe
            # par l'admission (et la dérogation de la direction).
            raise ValidationError(
                {
                    "date_entree": [
                        "Date d'entrée : une occupation reprise a commencé avant l'import ; "
                        "une entrée d'aujourd'hui se fait par l'admission."
                    ]
                }
            )
        _verifier_derogation(acteur, menage, preparation, "-", reprise=True)
        return f"Reprise d'une occupation en cours (import du {date_fr(aujourd_hui)})"
    if preparation.bloquant:
        _verifier_derogation(acteur, menage, preparation, derogation)
        return derogation
    return ""


def _verifier_derogation(
    acteur: Acteur, menage: Menage, preparation: Preparation, derogation: str, reprise: bool = False
) -> None:
    """Une admission bloquée ne passe que si la règle le permet, par la direction, avec une
    justification écrite ; sinon les erreurs, chacune sous son champ."""
    erreurs: dict[str, list[str]] = {}
    for c in preparation.constats:
        if c.niveau == "erreur":
            erreurs.setdefault(c.champ or "__all__", []).append(c.message)
    if not preparation.derogeable:
        raise ValidationError(erreurs)
    if not derogation:
        erreurs.setdefault("derogation", []).append(
            "Justification de la dérogation : obligatoire pour admettre malgré un contrôle "
            "bloquant."
        )
        raise ValidationError(erreurs)
    if not reprise:
        perms.exiger(perms.acces_derogation(acteur, menage.operateur_id), "derogation")


def _figer_controle(
    acteur: Acteur,
    occupation: Occupation,
    preparation: Preparation,
    derogation: str,
    maintenant: datetime,
    reprise: bool = False,
) -> ControleAdmission:
    estimation = preparation.estimation
    return ControleAdmission.objects.create(
        occupation=occupation,
        constats=[c.as_dict() for c in preparation.constats],
        chiffres=preparation.chiffres(),
        bareme_code=preparation.bareme.bareme_id,
        bareme_version=preparation.bareme.version,
        source_aide=preparation.source_aide,
        aide_estimee_le=estimation.calculee_le if estimation else None,
        derogation=derogation,
        derogation_par=acteur.utilisateur if derogation and not reprise else None,
        fait_le=maintenant,
        fait_par=acteur.utilisateur,
    )
