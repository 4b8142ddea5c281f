"""Gel des jeux de paramètres référencés (ADR 0002) : reproductibilité des résultats.

Un jeu qui sert — lui-même ou par un jeu enfant — à un appel publié, à une version déposée
ou à une convention est en lecture seule : une modification passe par une nouvelle version
(`iml.referentiel.services.nouvelle_version`), l'ancienne restant telle qu'elle a servi.

Le référentiel ne connaît pas les applications qui s'en servent : chacune inscrit ici, au
démarrage (`AppConfig.ready`), une fonction qui dit pourquoi un ensemble de jeux est utilisé.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from iml.referentiel.models import JeuParametres

#: Reçoit les jeux concernés (le jeu et ses descendants) ; rend le motif d'usage, ou `None`.
Reference = Callable[[Sequence["JeuParametres"]], str | None]
_REFERENCES: list[Reference] = []


class JeuFige(ValidationError):
    """Modification refusée : le jeu a servi ; il faut en créer une nouvelle version."""


def inscrire_reference(reference: Reference) -> Reference:
    """Inscrit une source d'usage des jeux (idempotent)."""
    if reference not in _REFERENCES:
        _REFERENCES.append(reference)
    return reference


def descendance(jeu: JeuParametres) -> list[JeuParametres]:
    """Le jeu et tous les jeux qui en héritent (leurs barèmes lisent ses paramètres)."""
    if jeu.pk is None:
        return [jeu]
    tous, a_voir = [jeu], [jeu]
    while a_voir:
        enfants = list(
            type(jeu).objects.filter(parent__in=a_voir).exclude(pk__in=[j.pk for j in tous])
        )
        tous += enfants
        a_voir = enfants
    return tous


def motif_gel(jeu: JeuParametres) -> str | None:
    """Pourquoi le jeu est figé (« il sert à l'appel publié « … » »), ou `None`."""
    if jeu.pk is None:
        return None
    jeux = descendance(jeu)
    for reference in _REFERENCES:
        motif = reference(jeux)
        if motif:
            return motif
    return None


def message_gel(jeu: JeuParametres, motif: str) -> str:
    return (
        f"R-AAC : le jeu de paramètres « {jeu.libelle} » (version {jeu.version}) est figé : "
        f"{motif}. Un résultat calculé doit rester reproductible : créez-en une nouvelle "
        "version pour changer ses paramètres."
    )


def verifier_modifiable(jeu: JeuParametres) -> None:
    """Lève `JeuFige` (message en français) si le jeu a servi."""
    motif = motif_gel(jeu)
    if motif:
        raise JeuFige(message_gel(jeu, motif))
