"""Notation des dossiers par l'État (R-SELECTION) : une note de 0 à `note_max` par critère,
au dixième, attachée à la version notée, avec son auteur ; toutes les erreurs au premier envoi."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from iml.appels import perms
from iml.appels.models import Dossier, Notation
from iml.appels.presentation import derniere_version, total_pondere
from iml.comptes.acteur import Acteur
from regles import appel as regles_appel
from regles.bareme import Bareme
from regles.format import nombre

DIXIEME = Decimal("0.1")


# --- Notation (R-SELECTION) -------------------------------------------------------------------


@transaction.atomic
def noter(
    *,
    acteur: Acteur,
    dossier: Dossier,
    notes: Mapping[str, Decimal | None],
    commentaires: Mapping[str, str] | None = None,
) -> Decimal | None:
    """Enregistre la grille de la dernière version déposée, une fois l'appel clos (une note de
    0 à `note_max`, au dixième, et un commentaire par critère ; une note vide retire la notation
    du critère), avec son évaluateur. Renvoie la note pondérée, ou `None` si des critères
    restent à noter."""
    if refus := perms.acces_noter(acteur, dossier):
        raise PermissionDenied(refus.message)
    bareme = dossier.appel.jeu.en_bareme()
    commentaires = commentaires or {}
    renseignees = {code: Decimal(str(note)) for code, note in notes.items() if note is not None}
    if erreurs := erreurs_notes(renseignees, bareme):
        raise ValidationError(erreurs)
    version = derniere_version(dossier)
    Notation.objects.filter(
        version=version, critere__in=[c for c, n in notes.items() if n is None]
    ).delete()
    for code, note in renseignees.items():
        Notation.objects.update_or_create(
            version=version,
            critere=code,
            defaults={
                "dossier": dossier,
                "note": note,
                "commentaire": commentaires.get(code, "").strip(),
                "evaluateur": acteur.utilisateur,
            },
        )
    return total_pondere(renseignees, bareme)


def erreurs_notes(notes: Mapping[str, Decimal], bareme: Bareme) -> dict[str, list[str]]:
    """Toutes les erreurs d'une grille, par critère : critères connus, notes de 0 à
    `note_max` (`regles.appel.noter`), au dixième (R-SELECTION)."""
    erreurs: dict[str, list[str]] = {
        code: ["R-SELECTION : la note doit être un nombre."]
        for code, note in notes.items()
        if not note.is_finite()
    }
    _, constats = regles_appel.noter({c: n for c, n in notes.items() if c not in erreurs}, bareme)
    for c in constats:
        if c.niveau == "erreur":
            erreurs.setdefault(_code_du_champ(c.champ), []).append(c.message)
    for code, note in notes.items():
        # Une note hors bornes est déjà signalée (et 1e100 ne s'arrondit pas au dixième).
        if code not in erreurs and note != note.quantize(DIXIEME):
            erreurs[code] = [
                f"R-SELECTION : note {nombre(note)} : une note se donne au dixième de point."
            ]
    return erreurs


def _code_du_champ(champ: str | None) -> str:
    return champ.removeprefix("notes.") if champ else "__all__"
