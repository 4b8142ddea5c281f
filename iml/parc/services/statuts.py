"""Seul écrivain des statuts du parc : la table de `regles/transitions.py` décide, une ligne
d'événement garde qui, quand, de, vers et la note (docs/adr/0007-statuts-logement.md)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError

from iml.comptes.acteur import Acteur
from iml.parc.models import EvenementLogement, EvenementProspect, Logement, Prospect
from regles.transitions import TRANSITIONS_LOGEMENT, TRANSITIONS_PROSPECT, verifier_transition


class TransitionInterdite(ValidationError):
    """Changement de statut refusé par la table (message nommant la règle)."""


def appliquer_transition(
    *,
    acteur: Acteur,
    objet: Prospect | Logement,
    vers: str,
    note: str = "",
    maintenant: datetime,
    champs: tuple[str, ...] = (),
) -> EvenementProspect | EvenementLogement:
    """Passe `objet` au statut `vers` si la table le permet ; `champs` : autres champs déjà
    affectés par l'appelant, écrits dans la même sauvegarde."""
    table = TRANSITIONS_PROSPECT if isinstance(objet, Prospect) else TRANSITIONS_LOGEMENT
    de = objet.statut
    if constat := verifier_transition(table, de, vers, note):
        champ = "note" if constat.champ == "motif" else (constat.champ or "statut")
        raise TransitionInterdite({champ: [constat.message]})
    objet.statut = vers
    objet.save(update_fields=["statut", "modifie_le", *champs])
    ligne = {"de": de, "vers": vers, "le": maintenant, "par": acteur.utilisateur}
    if isinstance(objet, Prospect):
        return EvenementProspect.objects.create(prospect=objet, note=note.strip(), **ligne)
    return EvenementLogement.objects.create(logement=objet, note=note.strip(), **ligne)


def premier_evenement(
    *, acteur: Acteur, objet: Prospect | Logement, maintenant: datetime, note: str = ""
) -> None:
    """La création compte comme un passage (de rien vers le statut initial) : les délais de
    l'entonnoir partent de là."""
    ligne = {"de": "", "vers": objet.statut, "le": maintenant, "par": acteur.utilisateur}
    if isinstance(objet, Prospect):
        EvenementProspect.objects.create(prospect=objet, note=note, **ligne)
    else:
        EvenementLogement.objects.create(logement=objet, note=note, **ligne)
