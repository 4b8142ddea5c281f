"""Horloge des occupations : renouvellement de la sous-location (R-SL-DURATION), revue du
mandat de gestion (R-MG-GLS-DURATION), révision du tarif."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.occupations.models import EvenementOccupation, Occupation, Periode, RevueMandat, Tarif
from iml.occupations.parametres import bareme
from iml.parc.services.commun import enregistrer
from regles.occupations import periodes_permises, verifier_renouvellement
from regles.types import Mode, StatutOccupation, SuiteParcours


def _en_cours(occupation: Occupation, forme: str | None = None) -> Occupation:
    """Relue sous verrou ; refus si terminée ou d'une autre forme."""
    occupation = Occupation.objects.select_for_update().get(pk=occupation.pk)
    if occupation.statut != StatutOccupation.EN_COURS:
        raise ValidationError("Cette occupation est terminée : elle ne change plus.")
    if forme is not None and occupation.forme != forme:
        raise ValidationError(f"Réservé à une occupation en {Mode(forme).libelle.lower()}.")
    return occupation


@transaction.atomic
def renouveler(
    *, acteur: Acteur, occupation: Occupation, decide_le: date, motif: str, maintenant: datetime
) -> Periode:
    """R-SL-DURATION : une décision (qui, quand, pourquoi) avant la fin de la période en cours ;
    deux renouvellements au plus ; le troisième est refusé en nommant la règle."""
    perms.exiger(perms.acces_gestion(acteur, occupation.operateur_id))
    occupation = _en_cours(occupation, Mode.SOUS_LOCATION)
    erreurs: dict[str, list[str]] = {}
    if not motif.strip():
        erreurs["motif"] = ["Motif du renouvellement : obligatoire (pourquoi renouveler)."]
    if decide_le > timezone.localdate(maintenant):
        erreurs["decide_le"] = ["Décidé le : la date ne peut pas être dans le futur."]
    rang = occupation.periodes.count()
    b = bareme()
    if constat := verifier_renouvellement(occupation.date_entree, rang, decide_le, b):
        erreurs.setdefault(constat.champ or "__all__", []).append(constat.message)
    if erreurs:
        raise ValidationError(erreurs)
    periode = periodes_permises(occupation.date_entree, b)[rang]
    return Periode.objects.create(
        occupation=occupation,
        rang=rang,
        debut=periode.debut,
        fin=periode.fin,
        decide_le=decide_le,
        decide_par=acteur.utilisateur,
        motif=motif.strip(),
    )


@transaction.atomic
def revoir_mandat(
    *,
    acteur: Acteur,
    occupation: Occupation,
    le: date,
    poursuite: bool,
    note: str,
    maintenant: datetime,
) -> RevueMandat:
    """R-MG-GLS-DURATION : une revue de la durée du financement de la gestion ; une revue qui
    ne poursuit pas le financement l'arrête à sa date (fin du financement)."""
    perms.exiger(perms.acces_gestion(acteur, occupation.operateur_id))
    occupation = _en_cours(occupation, Mode.MANDAT_GESTION)
    erreurs: dict[str, list[str]] = {}
    if le > timezone.localdate(maintenant):
        erreurs["le"] = ["Revue le : la date ne peut pas être dans le futur."]
    if le < occupation.date_entree:
        erreurs["le"] = ["Revue le : la date précède l'entrée du ménage."]
    if not poursuite and not note.strip():
        erreurs["note"] = ["Note : dites pourquoi le financement ne se poursuit pas."]
    if erreurs:
        raise ValidationError(erreurs)
    if not poursuite and (occupation.fin_financement is None or le < occupation.fin_financement):
        # Le financement de la gestion s'arrête à la revue : plus d'alerte de revue ni de fin.
        occupation.fin_financement = le
        occupation.save(update_fields=["fin_financement", "modifie_le"])
    return RevueMandat.objects.create(
        occupation=occupation, le=le, par=acteur.utilisateur, poursuite=poursuite, note=note.strip()
    )


@transaction.atomic
def reviser_tarif(
    *,
    acteur: Acteur,
    occupation: Occupation,
    date_effet: date,
    loyer: Decimal,
    charges: Decimal,
) -> Tarif:
    """Un nouveau loyer (ou une nouvelle redevance) à partir d'une date ; les appels déjà faits
    ne changent pas (une correction les rectifie)."""
    perms.exiger(perms.acces_gestion(acteur, occupation.operateur_id))
    occupation = _en_cours(occupation)
    erreurs: dict[str, list[str]] = {}
    if date_effet < occupation.date_entree:
        erreurs["date_effet"] = ["À partir du : la date précède l'entrée du ménage."]
    if occupation.tarifs.filter(date_effet=date_effet).exists():
        erreurs["date_effet"] = ["À partir du : un tarif commence déjà à cette date."]
    tarif = Tarif(
        occupation=occupation,
        date_effet=date_effet,
        loyer=loyer,
        charges=charges,
        cree_par=acteur.utilisateur,
    )
    return enregistrer(tarif, erreurs)


@transaction.atomic
def prevoir_suite(
    *, acteur: Acteur, occupation: Occupation, suite_parcours: str, maintenant: datetime
) -> Occupation:
    """R-SL-DURATION : la suite du parcours, prévue dès l'entrée, se précise en cours de route
    (bail glissant, relogement social ou privé, procédure prioritaire) ; une ligne d'historique
    dit qui l'a changée et quand. Vide : « non prévue » (refusé en sous-location)."""
    perms.exiger(perms.acces_gestion(acteur, occupation.operateur_id))
    occupation = _en_cours(occupation)
    if suite_parcours and suite_parcours not in set(SuiteParcours):
        raise ValidationError({"suite_parcours": ["Suite du parcours : choisissez dans la liste."]})
    if not suite_parcours and occupation.forme == Mode.SOUS_LOCATION:
        raise ValidationError(
            {
                "suite_parcours": [
                    "R-SL-DURATION : en sous-location, la suite du parcours est prévue dès "
                    "l'entrée."
                ]
            }
        )
    if suite_parcours == occupation.suite_parcours:
        return occupation
    occupation.suite_parcours = suite_parcours
    occupation.save(update_fields=["suite_parcours", "modifie_le"])
    libelle = SuiteParcours(suite_parcours).libelle if suite_parcours else "non prévue"
    EvenementOccupation.objects.create(
        occupation=occupation,
        de=occupation.statut,
        vers=occupation.statut,
        le=maintenant,
        par=acteur.utilisateur,
        note=f"Suite du parcours prévue : {libelle}.",
    )
    return occupation
