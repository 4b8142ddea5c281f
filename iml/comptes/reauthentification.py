"""Confirmation récente du mot de passe, exigée avant d'actions sensibles (lier un second
facteur) : détenir une session ne suffit pas. Une confirmation vaut
`IML_REAUTHENTIFICATION_DUREE` secondes, pour cette session seulement."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils import timezone

SESSION_CONFIRME_LE = "iml_mot_de_passe_confirme_le"


def recente(request: HttpRequest) -> bool:
    confirme_le = request.session.get(SESSION_CONFIRME_LE)
    if not isinstance(confirme_le, int | float):
        return False
    age = timezone.now().timestamp() - confirme_le
    return 0 <= age <= settings.IML_REAUTHENTIFICATION_DUREE


def confirmer(request: HttpRequest, mot_de_passe: str) -> bool:
    """Vérifie le mot de passe de l'utilisateur connecté. Passe par `authenticate` : les échecs
    comptent pour le verrouillage (django-axes), comme à la connexion."""
    utilisateur = authenticate(request, username=request.user.get_username(), password=mot_de_passe)
    if utilisateur is None or utilisateur.pk != request.user.pk:
        return False
    request.session[SESSION_CONFIRME_LE] = timezone.now().timestamp()
    return True
