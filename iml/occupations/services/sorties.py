"""Sorties (R-SORTIE) : date, destination, note ; le logement devient vacant, ou, au
glissement du bail, quitte la sous-location de l'opérateur (restitué) — sauf si un mandat de
gestion suit : le logement reste suivi, en mandat de gestion, avec le même ménage."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.occupations.models import EvenementOccupation, Occupation
from iml.occupations.services.compte import regulariser_sortie
from iml.occupations.services.horloge import _en_cours
from iml.parc.models import Logement
from iml.parc.services.logements import changer_statut_logement
from regles.format import date_fr
from regles.transitions import TRANSITIONS_OCCUPATION, verifier_transition
from regles.types import DestinationSortie, Mode, StatutLogement, StatutOccupation


def verifier_sortie(
    occupation: Occupation, date_sortie: date, destination: str, aujourd_hui: date
) -> None:
    """R-SORTIE : date entre l'entrée et aujourd'hui, destination connue, glissement en
    sous-location seulement ; l'écran le vérifie avant de demander confirmation."""
    erreurs: dict[str, list[str]] = {}
    if date_sortie < occupation.date_entree:
        erreurs["date_sortie"] = [
            f"Date de sortie : elle précède l'entrée du {date_fr(occupation.date_entree)}."
        ]
    if date_sortie > aujourd_hui:
        erreurs["date_sortie"] = ["Date de sortie : elle ne peut pas être dans le futur."]
    if destination not in set(DestinationSortie):
        erreurs["destination"] = ["Destination : choisissez où va le ménage (ou « Inconnue »)."]
    glissement = destination == DestinationSortie.GLISSEMENT_BAIL
    if glissement and occupation.forme != Mode.SOUS_LOCATION:
        erreurs["destination"] = [
            "R-SORTIE : le glissement de bail n'existe qu'en sous-location (R-MODE)."
        ]
    if constat := verifier_transition(TRANSITIONS_OCCUPATION, occupation.statut, "TERMINEE"):
        erreurs.setdefault("__all__", []).append(constat.message)
    if erreurs:
        raise ValidationError(erreurs)


@transaction.atomic
def sortir(
    *,
    acteur: Acteur,
    occupation: Occupation,
    date_sortie: date,
    destination: str,
    note: str = "",
    mandat_suit: bool = False,
    maintenant: datetime,
) -> Occupation:
    """Termine l'occupation. Au glissement du bail avec `mandat_suit`, une occupation en mandat
    de gestion commence le lendemain pour le même ménage, au loyer et aux charges du logement,
    sans contrôle d'admission qui bloque (le ménage est déjà dans les lieux)."""
    perms.exiger(perms.acces_gestion(acteur, occupation.operateur_id))
    occupation = _en_cours(occupation)
    verifier_sortie(occupation, date_sortie, destination, timezone.localdate(maintenant))
    _terminer(acteur, occupation, date_sortie, destination, note, maintenant)
    regulariser_sortie(acteur=acteur, occupation=occupation)
    logement = Logement.objects.get(pk=occupation.logement_id)
    if destination == DestinationSortie.GLISSEMENT_BAIL:
        _glissement(acteur, occupation, logement, mandat_suit, maintenant)
    else:
        changer_statut_logement(
            acteur=acteur,
            logement=logement,
            vers=StatutLogement.VACANT,
            maintenant=maintenant,
            note=f"Sortie du ménage {occupation.menage.reference} le {date_fr(date_sortie)}.",
        )
    return occupation


def _terminer(
    acteur: Acteur,
    occupation: Occupation,
    date_sortie: date,
    destination: str,
    note: str,
    maintenant: datetime,
) -> None:
    """R-SORTIE : l'occupation passe à « terminée » (date, destination, note) et l'événement
    le garde."""
    occupation.statut = StatutOccupation.TERMINEE
    occupation.date_sortie = date_sortie
    occupation.destination = destination
    occupation.note_sortie = note.strip()
    occupation.save(
        update_fields=["statut", "date_sortie", "destination", "note_sortie", "modifie_le"]
    )
    EvenementOccupation.objects.create(
        occupation=occupation,
        de="EN_COURS",
        vers="TERMINEE",
        le=maintenant,
        par=acteur.utilisateur,
        note=f"{DestinationSortie(destination).libelle} le {date_fr(date_sortie)}",
    )


def _glissement(
    acteur: Acteur,
    occupation: Occupation,
    logement: Logement,
    mandat_suit: bool,
    maintenant: datetime,
) -> None:
    note = (
        f"Glissement du bail au ménage {occupation.menage.reference} le "
        f"{date_fr(occupation.date_sortie)}."
    )
    if not mandat_suit:
        changer_statut_logement(
            acteur=acteur,
            logement=logement,
            vers=StatutLogement.RESTITUE,
            maintenant=maintenant,
            note=note,
        )
        return
    _mandat_apres_glissement(acteur, occupation, logement, maintenant)


def _mandat_apres_glissement(
    acteur: Acteur, occupation: Occupation, logement: Logement, maintenant: datetime
) -> None:
    """Le mandat de gestion suit : le logement change de forme et reste occupé ; le ménage y
    paie le loyer et les charges du logement (R-EFFORT-MG), non plus la redevance (à défaut
    de loyer connu, le dernier tarif)."""
    from iml.occupations.services.admission import admettre

    tarif = occupation.tarifs.order_by("-date_effet").first()
    logement.forme = Mode.MANDAT_GESTION
    logement.bail_glissant_possible = False
    logement.save(update_fields=["forme", "bail_glissant_possible", "modifie_le"])
    lendemain = date.fromordinal(occupation.date_sortie.toordinal() + 1)
    admettre(
        acteur=acteur,
        menage=occupation.menage,
        logement=logement,
        forme=Mode.MANDAT_GESTION,
        date_entree=lendemain,
        loyer=logement.loyer if logement.loyer is not None else tarif.loyer,
        charges=logement.charges if logement.charges is not None else tarif.charges,
        maintenant=maintenant,
        precedente=occupation,
    )
