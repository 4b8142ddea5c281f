"""Écriture de l'API : le dépôt d'un dossier en une requête (ouvrir, enregistrer, déposer)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from iml.appels import perms
from iml.appels.models import AppelACandidatures, VersionDossier
from iml.appels.services import appels as services
from iml.comptes.acteur import Acteur

#: Étape enregistrée sur un dossier déposé par l'API.
ETAPE_API = "api"


class DepotInterdit(Exception):
    """L'acteur ne peut pas déposer sur cet appel ; le message (français) dit pourquoi."""


def motif_refus_depot(acteur: Acteur, appel: AppelACandidatures, aujourd_hui: date) -> str | None:
    """Pourquoi l'acteur ne peut pas déposer sur l'appel (None s'il le peut) : la règle est
    écrite une fois, dans `perms.acces_deposer_sur` (R-AAC)."""
    refus = perms.acces_deposer_sur(acteur, appel, aujourd_hui)
    return refus.message if refus else None


@transaction.atomic
def soumettre_dossier(
    *,
    acteur: Acteur,
    appel: AppelACandidatures,
    document: dict[str, Any],
    maintenant: datetime,
) -> VersionDossier:
    """Ouvre (au besoin) le dossier de l'opérateur, y enregistre le document (étape « api » :
    les rubriques envoyées remplacent celles du dossier) et le dépose. Le barème est celui de
    l'appel et la date de dépôt celle du jour. Tout ou rien : un dépôt refusé
    (`services.DepotRefuse`) ne change rien."""
    aujourd_hui = timezone.localdate(maintenant)
    motif = motif_refus_depot(acteur, appel, aujourd_hui)
    if motif:
        raise DepotInterdit(motif)
    dossier = services.ouvrir_dossier(acteur=acteur, appel=appel, aujourd_hui=aujourd_hui)
    if refus := perms.acces_deposer(acteur, dossier, aujourd_hui):  # dossier décidé…
        raise DepotInterdit(refus.message)
    donnees = {**document, "bareme": appel.jeu.code, "date_depot": aujourd_hui.isoformat()}
    dossier = services.enregistrer_etape(
        acteur=acteur, dossier=dossier, etape=ETAPE_API, donnees=donnees, aujourd_hui=aujourd_hui
    )
    return services.deposer_dossier(acteur=acteur, dossier=dossier, maintenant=maintenant)
