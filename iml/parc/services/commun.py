"""Les deux gestes communs des écritures du parc : affecter des saisies (champs permis
seulement, textes sans espaces de bord) et enregistrer après le contrôle du modèle et des
règles, toutes les erreurs ensemble, chacune sous son champ."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model

M = TypeVar("M", bound=Model)


def affecter(
    objet: Model, donnees: dict[str, Any], permis: Iterable[str], autres: Iterable[str] = ()
) -> None:
    """Pose sur `objet` les `donnees` des champs `permis` ; `autres` sont acceptés mais posés
    par l'appelant. Un champ inconnu est une erreur de programmation (ValueError)."""
    permis = set(permis)
    inconnus = set(donnees) - permis - set(autres)
    if inconnus:
        raise ValueError(f"Champs inconnus : {sorted(inconnus)}")
    for champ, valeur in donnees.items():
        if champ in permis:
            setattr(objet, champ, valeur.strip() if isinstance(valeur, str) else valeur)


def enregistrer(objet: M, erreurs: dict[str, list[str]] | None = None) -> M:
    """`full_clean` puis sauvegarde ; les `erreurs` des règles et celles du modèle sont levées
    ensemble (ValidationError par champ), rien n'est écrit."""
    erreurs = dict(erreurs or {})
    try:
        objet.full_clean()
    except ValidationError as refus:
        for champ, messages in refus.message_dict.items():
            erreurs.setdefault(champ, []).extend(messages)
    if erreurs:
        raise ValidationError(erreurs)
    objet.save()
    return objet
