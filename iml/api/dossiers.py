"""API des dossiers de candidature : lecture cadrée par l'acteur et dépôt par un opérateur."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import HttpError

from iml.api import schemas
from iml.api import services as services_api
from iml.api.document import DocumentRefuse, document_depot, montants_en_texte
from iml.api.schema_depot import schema_corps
from iml.appels import selectors
from iml.appels.enums import StatutDossier
from iml.appels.models import Dossier, VersionDossier
from iml.appels.services.appels import DepotPlafonne, DepotRefuse
from iml.comptes.audit import journaliser_consultation
from iml.referentiel.validation import EXEMPLES

router = Router(tags=["Dossiers de candidature"])

ERREURS = {
    400: schemas.Erreur,
    401: schemas.Erreur,
    403: schemas.Erreur,
    404: schemas.Erreur,
    413: schemas.Erreur,
    422: schemas.Erreur,
    429: schemas.Erreur,
}


def maintenant():
    """L'horloge du dépôt (un seul point, que les tests peuvent fixer)."""
    return timezone.now()


def _entier(valeur: Any) -> int | None:
    return valeur if isinstance(valeur, int) and not isinstance(valeur, bool) else None


def _total(valeur: Any) -> int | None:
    """Le total par forme (R-UNKNOWN) : inconnu (None) dès qu'une part est inconnue ou
    illisible, jamais un total partiel présenté comme entier."""
    if isinstance(valeur, dict):
        parts = [_entier(v) for v in valeur.values()]
        connues = [p for p in parts if p is not None]
        return sum(connues) if parts and len(connues) == len(parts) else None
    return _entier(valeur)


def _texte(valeur: Any) -> str | None:
    return None if valeur is None else str(valeur)


def chiffres_cles(chiffres: dict[str, Any]) -> dict[str, Any]:
    """Quelques chiffres de `regles.conformite` (R-BUDGET-MODEL, R-SMALL-UNITS), tels quels."""
    budget = chiffres.get("budget") or {}
    return {
        "places": _total(budget.get("places")),
        "logements": _total(budget.get("logements")),
        "budget_total": _texte(budget.get("total")),
        "cout_par_place": _texte(budget.get("cout_par_place")),
        "petits_logements_pct": _texte(chiffres.get("petits_logements_pct")),
    }


def _derniere(dossier: Dossier) -> VersionDossier | None:
    versions = list(dossier.versions.all())  # préchargées, de la plus récente à la plus ancienne
    return versions[0] if versions else None


def resume_dossier(dossier: Dossier) -> dict[str, Any]:
    version = _derniere(dossier)
    return {
        "id": dossier.pk,
        "appel": dossier.appel_id,
        "operateur": {"nom": dossier.operateur.nom, "siret": dossier.operateur.siret},
        "statut": dossier.statut,
        "version": version.numero if version else None,
        "deposee_le": version.deposee_le if version else None,
        "chiffres_cles": chiffres_cles(version.chiffres if version else {}),
        "erreurs": version.nombre("erreur") if version else None,
        "alertes": version.nombre("alerte") if version else None,
    }


def detail_dossier(dossier: Dossier) -> dict[str, Any]:
    version = _derniere(dossier)
    if version is None:
        return {**resume_dossier(dossier), "bareme": None, "contenu": None}
    return {
        **resume_dossier(dossier),
        "bareme": {"code": version.bareme_code, "version": version.bareme_version},
        "contenu": montants_en_texte(version.contenu),
        "constats": version.constats,
        "chiffres": version.chiffres,
    }


def _versions(*, avec_contenu: bool) -> Prefetch:
    qs = VersionDossier.objects.order_by("-numero")
    return Prefetch("versions", queryset=qs if avec_contenu else qs.defer("contenu"))


@router.get(
    "/dossiers",
    response={200: list[schemas.Dossier], 401: schemas.Erreur, 422: schemas.Erreur},
    url_name="dossiers",
    summary="Dossiers visibles",
)
def dossiers(
    request: HttpRequest,
    appel: schemas.Identifiant | None = None,
    statut: StatutDossier | None = None,
):
    """Opérateur : ses propres dossiers (brouillons compris). État : les dossiers déposés des
    appels de son territoire (DDETS : son département ; DREETS : sa région)."""
    qs = selectors.dossiers_visibles(request.acteur)
    if appel is not None:
        qs = qs.filter(appel_id=appel)
    if statut:
        qs = qs.filter(statut=statut)
    return [resume_dossier(d) for d in qs.prefetch_related(_versions(avec_contenu=False))]


@router.get(
    "/dossiers/{id}",
    response={200: schemas.DossierDetail, **schemas.ERREURS_LECTURE},
    url_name="dossier",
    summary="Un dossier, avec le contenu et les constats de sa dernière version",
)
def dossier(request: HttpRequest, id: schemas.Identifiant):
    """La dernière version déposée : contenu (format `conformite`), constats et chiffres du
    moteur de règles, barème (code, version) utilisé. Chaque lecture est journalisée."""
    qs = selectors.dossiers_visibles(request.acteur).prefetch_related(_versions(avec_contenu=True))
    trouve = get_object_or_404(qs, pk=id)
    journaliser_consultation(trouve)
    return detail_dossier(trouve)


def _exemple() -> dict[str, Any]:
    exemple = json.loads((EXEMPLES / "conformite.json").read_text(encoding="utf-8"))
    exemple.pop("$schema", None)
    return exemple


def _corps_openapi() -> dict[str, Any]:
    schema = {
        **schema_corps(),
        "title": "Dossier de candidature",
        "description": "Format de `iml regles conformite` (urn:iml:schemas:conformite), avec "
        "les limites du site : longueur des textes, bornes des nombres, montants en chaîne "
        "décimale.",
    }
    contenu: dict[str, Any] = {"schema": schema, "example": _exemple()}
    return {"requestBody": {"required": True, "content": {"application/json": contenu}}}


@router.post(
    "/appels/{id}/dossiers",
    response={201: schemas.Depot, **ERREURS},
    url_name="deposer_dossier",
    summary="Déposer le dossier de son organisation sur un appel",
    openapi_extra=_corps_openapi(),
)
def deposer_dossier(request: HttpRequest, id: schemas.Identifiant):
    """Réservé à la direction d'un opérateur du département, tant que l'appel est publié et sa
    date limite non passée (R-AAC). Crée ou met à jour le dossier puis fige une nouvelle
    version avec les constats du moteur de règles. Un document invalide ou incomplet (R-DOSSIER)
    est refusé (422) sans rien changer ; les autres constats sont gardés pour l'instruction."""
    acteur, instant = request.acteur, maintenant()
    appel = selectors.appel_ou_404(acteur, id)
    if motif := services_api.motif_refus_depot(acteur, appel, timezone.localdate(instant)):
        raise HttpError(403, motif)
    try:
        document = document_depot(request)
        version = services_api.soumettre_dossier(
            acteur=acteur, appel=appel, document=document, maintenant=instant
        )
    except services_api.DepotInterdit as refus:
        raise HttpError(403, str(refus)) from refus
    except DepotPlafonne as refus:
        raise HttpError(429, refus.messages[0]) from refus
    except PermissionDenied as refus:
        raise HttpError(403, "Vous ne pouvez pas déposer de dossier sur cet appel.") from refus
    except (DepotRefuse, DocumentRefuse) as refus:
        messages = list(refus.messages)
        detail = "Dossier refusé : " + " ; ".join(messages)
        return Status(422, {"detail": detail, "erreurs": messages})
    return Status(
        201,
        {
            "dossier": version.dossier_id,
            "version": version.numero,
            "bareme": {"code": version.bareme_code, "version": version.bareme_version},
            "constats": version.constats,
            "chiffres": version.chiffres,
        },
    )
