"""Plafonds des dépôts d'un dossier : chaque dépôt fige une version (contenu, constats, PDF).

Deux réglages (documentés dans docs/api.md) :
- `IML_DEPOTS_PAR_HEURE` (10 par défaut) : dépôts d'un même dossier sur une heure glissante ;
- `IML_VERSIONS_MAX` (50 par défaut) : versions d'un même dossier en tout.

`motif_plafond_depot` est appelé par le service de dépôt (`services.appels.deposer_dossier`),
que partagent le site et l'API.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from iml.appels.models import Dossier, VersionDossier
from regles.format import nombre

DEPOTS_PAR_HEURE = 10
VERSIONS_MAX = 50


def depots_par_heure() -> int:
    return int(getattr(settings, "IML_DEPOTS_PAR_HEURE", DEPOTS_PAR_HEURE))


def versions_max() -> int:
    return int(getattr(settings, "IML_VERSIONS_MAX", VERSIONS_MAX))


def _versions(n: int) -> str:
    return f"{nombre(n)} version" + ("s" if n > 1 else "")


def motif_plafond_depot(dossier: Dossier | None, maintenant: datetime) -> str | None:
    """Pourquoi un nouveau dépôt de ce dossier est refusé maintenant (None s'il est permis).

    Un dossier pas encore ouvert (`None`) n'a aucun dépôt."""
    if dossier is None or dossier.pk is None:
        return None
    versions = VersionDossier.objects.filter(dossier=dossier)
    plafond = versions_max()
    if versions.count() >= plafond:
        return (
            f"Dépôt refusé : ce dossier compte déjà {_versions(plafond)}, le plafond. "
            "Contactez le service instructeur."
        )
    par_heure = depots_par_heure()
    if versions.filter(deposee_le__gt=maintenant - timedelta(hours=1)).count() >= par_heure:
        depots = f"{nombre(par_heure)} dépôt" + ("s" if par_heure > 1 else "")
        return f"Trop de dépôts : {depots} de ce dossier par heure au plus. Réessayez plus tard."
    return None
