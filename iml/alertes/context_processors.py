"""Compteur des alertes non lues pour l'en-tête : une seule requête (COUNT), et aucune pour un
visiteur anonyme. À brancher dans `TEMPLATES[...]["OPTIONS"]["context_processors"]`
(`iml.alertes.context_processors.alertes`) ; l'en-tête affiche alors
`{{ alertes_non_lues }}` à côté d'un lien vers `alertes:boite`."""

from __future__ import annotations

from django.http import HttpRequest

from iml.alertes.selectors import nombre_non_lues


def alertes(request: HttpRequest) -> dict[str, object]:
    utilisateur = getattr(request, "user", None)
    if utilisateur is None or not utilisateur.is_authenticated:
        return {}
    return {"alertes_non_lues": lambda: nombre_non_lues(utilisateur)}
