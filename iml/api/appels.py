"""API des appels à candidatures : lecture, dans le périmètre de l'acteur (hors périmètre = 404)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest
from ninja import Router

from iml.api import schemas
from iml.appels import selectors
from iml.appels.enums import StatutAppel
from iml.appels.models import AppelACandidatures
from iml.comptes.audit import journaliser_consultation

router = Router(tags=["Appels à candidatures"])


def decimal_texte(valeur: Any, decimales: int | None = None) -> str | None:
    """Un nombre du jeu de paramètres en chaîne décimale (« 85500.00 ») ; None s'il est
    absent ou illisible (R-UNKNOWN : jamais 0)."""
    if valeur is None or isinstance(valeur, bool):
        return None
    try:
        nombre = Decimal(str(valeur))
    except InvalidOperation:
        return None
    if not nombre.is_finite():
        return None
    return format(nombre, f".{decimales}f" if decimales is not None else "f")


def _jalons(jalons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**j, "part_min_pct": decimal_texte(j.get("part_min_pct"))} for j in jalons]


def _criteres(criteres: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**c, "poids": decimal_texte(c.get("poids"))} for c in criteres]


def resume_appel(appel: AppelACandidatures) -> dict[str, Any]:
    """Les chiffres de l'appel viennent de son jeu de paramètres (niveau APPEL)."""
    p = appel.parametres_appel
    return {
        "id": appel.pk,
        "nom": appel.nom,
        "territoire": appel.territoire.code,
        "statut": appel.statut,
        "places": p.get("places"),
        "date_lancement": p.get("date_lancement"),
        "date_limite_depot": p.get("date_limite_depot"),
        "date_selection": p.get("date_selection"),
        "date_debut_montee_en_charge": p.get("date_debut_montee_en_charge"),
        "bareme": {"code": appel.jeu.code, "version": appel.jeu.version},
    }


def detail_appel(appel: AppelACandidatures) -> dict[str, Any]:
    p = appel.parametres_appel
    return {
        **resume_appel(appel),
        "service": appel.service.nom,
        "exercices": p.get("exercices") or [],
        "budget": decimal_texte(p.get("budget"), 2),
        "jalons": _jalons(p.get("jalons") or []),
        "criteres_selection": _criteres(p.get("criteres_selection") or []),
        "note_max": decimal_texte(p.get("note_max")),
        "parametres": appel.jeu.parametres,
    }


@router.get(
    "/appels",
    response={200: list[schemas.Appel], 401: schemas.Erreur, 422: schemas.Erreur},
    url_name="appels",
    summary="Appels à candidatures visibles",
)
def appels(request: HttpRequest, statut: StatutAppel | None = None):
    """Les appels du périmètre : l'État voit ceux de son territoire (brouillons compris) ;
    opérateurs, SIAO et cofinanceurs, les appels publiés, clos ou décidés de leur département."""
    qs = selectors.appels_visibles(request.acteur)
    if statut:
        qs = qs.filter(statut=statut)
    return [resume_appel(a) for a in qs]


@router.get(
    "/appels/{id}",
    response={200: schemas.AppelDetail, **schemas.ERREURS_LECTURE},
    url_name="appel",
    summary="Un appel à candidatures",
)
def appel(request: HttpRequest, id: schemas.Identifiant):
    """L'appel, ses dates, jalons, critères de sélection et paramètres propres (R-AAC).
    La lecture est journalisée (dès que le modèle est inscrit au journal d'audit)."""
    trouve = selectors.appel_ou_404(request.acteur, id)
    journaliser_consultation(trouve)
    return detail_appel(trouve)
