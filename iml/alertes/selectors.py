"""Lectures des alertes : chacun ne lit que les siennes (celle d'un autre = 404)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iml.alertes.models import Alerte, PreferenceAlertes
from iml.comptes.models import Utilisateur


def alertes_de(utilisateur: Utilisateur) -> QuerySet[Alerte]:
    """Ses alertes, non lues d'abord, puis les plus récentes."""
    return Alerte.objects.filter(destinataire=utilisateur)


def alerte_ou_404(utilisateur: Utilisateur, pk: int) -> Alerte:
    return get_object_or_404(alertes_de(utilisateur), pk=pk)


def nombre_non_lues(utilisateur: Utilisateur) -> int:
    """Une requête : le compteur de l'en-tête."""
    return Alerte.objects.filter(destinataire=utilisateur, lue_le__isnull=True).count()


def par_courriel(utilisateur: Utilisateur) -> bool:
    return PreferenceAlertes.objects.filter(utilisateur=utilisateur, par_courriel=True).exists()
