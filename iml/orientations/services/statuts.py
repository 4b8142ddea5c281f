"""Seul écrivain des statuts des orientations : la table de
`regles/transitions_orientations.py` décide ; une proposition garde chaque passage dans son
journal (qui, quand, de, vers, motif)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from iml.comptes.acteur import Acteur
from iml.orientations.models import (
    DeclarationVacance,
    Demande,
    EvenementProposition,
    Proposition,
)
from regles.transitions import verifier_transition
from regles.transitions_orientations import (
    TRANSITIONS_DEMANDE,
    TRANSITIONS_PROPOSITION,
    TRANSITIONS_VACANCE,
)

TABLES = {
    Proposition: TRANSITIONS_PROPOSITION,
    DeclarationVacance: TRANSITIONS_VACANCE,
    Demande: TRANSITIONS_DEMANDE,
}


class TransitionInterdite(ValidationError):
    """Changement de statut refusé par la table (message nommant la règle)."""


def verifier_statut(objet: Proposition | DeclarationVacance | Demande, vers: str, motif: str):
    """Lève `TransitionInterdite` (sous `statut` ou `motif`) si la table refuse."""
    if constat := verifier_transition(TABLES[type(objet)], objet.statut, vers, motif):
        raise TransitionInterdite({constat.champ or "statut": [constat.message]})


def appliquer_transition(
    *,
    acteur: Acteur | None,
    objet: Proposition | DeclarationVacance | Demande,
    vers: str,
    maintenant: datetime,
    motif: str = "",
    champs: tuple[str, ...] = (),
) -> None:
    """Passe `objet` au statut `vers` si la table le permet ; `champs` : autres champs déjà
    posés par l'appelant, écrits dans la même sauvegarde. Une proposition journalise.

    Deux gestes simultanés (deux réponses, une admission et un retrait) : la ligne est relue
    sous verrou et la table juge le statut relu, pas celui que l'appelant avait chargé ; le
    second geste est refusé au lieu d'écraser le premier."""
    with transaction.atomic():
        objet.statut = (
            type(objet)
            .objects.select_for_update()
            .values_list("statut", flat=True)
            .get(pk=objet.pk)
        )
        verifier_statut(objet, vers, motif)
        de = objet.statut
        objet.statut = vers
        objet.save(update_fields=["statut", "modifie_le", *champs])
        if isinstance(objet, Proposition):
            assert acteur is not None, "un passage de proposition a toujours un auteur"
            EvenementProposition.objects.create(
                proposition=objet, de=de, vers=vers, le=maintenant, par=acteur.utilisateur,
                motif=motif.strip(),
            )  # fmt: skip
