"""Verrouillage après échecs de connexion (django-axes), avec deux seuils et deux messages vrais.

- Par (compte, adresse réseau) : `AXES_FAILURE_LIMIT` échecs → ce poste ne peut plus se
  connecter à ce compte pendant `AXES_COOLOFF_TIME` ; le compte reste utilisable d'ailleurs.
- Par compte, toutes adresses confondues : `IML_VERROUILLAGE_COMPTE_ECHECS` échecs (seuil plus
  haut) dans la même durée → le compte refuse toute connexion pendant cette durée.

L'adresse réseau du client est lue dans X-Forwarded-For seulement quand la requête vient d'un
proxy de confiance (`IML_PROXYS_DE_CONFIANCE`) : sans cela, derrière le proxy, tous les
utilisateurs auraient son adresse et cinq requêtes bloqueraient n'importe quel compte.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

Adresse = ipaddress.IPv4Address | ipaddress.IPv6Address
Reseau = ipaddress.IPv4Network | ipaddress.IPv6Network


def _adresse(texte: str | None) -> Adresse | None:
    try:
        return ipaddress.ip_address((texte or "").strip())
    except ValueError:
        return None


def _proxys_de_confiance() -> list[Reseau]:
    return [ipaddress.ip_network(p, strict=False) for p in settings.IML_PROXYS_DE_CONFIANCE]


def adresse_client(request: HttpRequest) -> str | None:
    """L'adresse du client (AXES_CLIENT_IP_CALLABLE) : REMOTE_ADDR, ou, si elle est celle d'un
    proxy de confiance, la première adresse hors de ces proxys en lisant X-Forwarded-For de
    droite à gauche (ce que chaque proxy a ajouté) ; les entrées plus à gauche, que le client a
    pu écrire lui-même, ne sont jamais lues."""
    distante = request.META.get("REMOTE_ADDR")
    proxys = _proxys_de_confiance()
    adresse = _adresse(distante)
    if adresse is None or not any(adresse in p for p in proxys):
        return distante
    chaine = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for saut in reversed(chaine):
        suivante = _adresse(saut)
        if suivante is None:
            break  # entrée illisible : on garde le dernier saut sûr
        adresse = suivante
        if not any(adresse in p for p in proxys):
            break
    return str(adresse)


class GestionnaireVerrouillage(AxesDatabaseHandler):
    """Le gestionnaire d'axes en base, plus le plafond par compte toutes adresses confondues."""

    def echecs_du_compte(self, request: HttpRequest, credentials: dict | None = None) -> int:
        identifiant = get_client_username(request, credentials)
        if not identifiant:
            return 0
        tentatives = AccessAttempt.objects.filter(
            username=identifiant, attempt_time__gte=get_cool_off_threshold(request)
        )
        total = tentatives.aggregate(n=Coalesce(Sum("failures_since_start"), Value(0)))
        return int(total["n"])

    def compte_bloque(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        return (
            self.echecs_du_compte(request, credentials) >= settings.IML_VERROUILLAGE_COMPTE_ECHECS
        )

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        echecs = super().get_failures(request, credentials)
        if self.compte_bloque(request, credentials):
            return max(echecs, get_failure_limit(request, credentials))
        return echecs


def duree_lisible(duree: timedelta) -> str:
    """« une heure », « 2 heures », « 30 minutes »."""
    minutes = int(duree.total_seconds() // 60)
    if minutes % 60:
        return "une minute" if minutes == 1 else f"{minutes} minutes"
    heures = minutes // 60
    return "une heure" if heures == 1 else f"{heures} heures"


def reponse_verrouillage(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """La page « Connexion bloquée » (AXES_LOCKOUT_CALLABLE), qui dit ce qui est bloqué."""
    gestionnaire = AxesProxyHandler.get_implementation()
    compte = isinstance(gestionnaire, GestionnaireVerrouillage) and gestionnaire.compte_bloque(
        request, credentials
    )
    contexte = {
        "compte_bloque": compte,
        "duree": duree_lisible(get_cool_off(request) or timedelta(hours=1)),
    }
    return render(
        request, settings.AXES_LOCKOUT_TEMPLATE, contexte, status=settings.AXES_HTTP_RESPONSE_CODE
    )
