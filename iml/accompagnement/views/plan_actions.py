"""Gestes du dossier d'accompagnement : ajouter un objectif et changer son statut, noter une
revue, cocher une étape d'un clic (faite aujourd'hui, ou à une autre date) et la décocher après
confirmation (R-ACCOMP-ETAPES).

Un geste refusé réaffiche le dossier avec le formulaire rempli et ses erreurs (sous le champ et
en tête) ; un plan clos ne se modifie plus (retour au dossier avec le motif). Hors périmètre :
404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from iml.accompagnement import presentation_plan as p
from iml.accompagnement import selectors
from iml.accompagnement.forms.plan_actions import (
    EtapeForm,
    ObjectifForm,
    RevueForm,
    StatutObjectifForm,
)
from iml.accompagnement.models import Plan
from iml.accompagnement.parametres import parametres_accompagnement
from iml.accompagnement.services import plans as services
from iml.accompagnement.views.plan import plan_ouvert_ou_retour, retour_dossier
from iml.accompagnement.views.plan_dossier import journaliser, rendre_dossier
from iml.appels.views.conventions import reporter
from regles.format import date_fr
from regles.types_accompagnement import StatutObjectif

MESSAGES_STATUT = {
    StatutObjectif.ATTEINT: "Objectif noté atteint.",
    StatutObjectif.ABANDONNE: "Objectif noté abandonné.",
    StatutObjectif.EN_COURS: "Objectif remis en cours.",
}


def _geste(
    request: HttpRequest,
    plan: Plan,
    nom: str,
    form: Any,
    ecrire: Callable[[dict[str, Any]], object],
    succes: str,
    ancre: str,
) -> HttpResponse:
    """Formulaire valide → service → retour au dossier (à la section) ; sinon le dossier avec
    le formulaire et ses erreurs."""
    if form.is_valid():
        try:
            ecrire(form.cleaned_data)
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, succes)
            return retour_dossier(plan.menage, ancre)
    menage = selectors.menage_accompagne_ou_404(request.acteur, plan.menage_id)
    return rendre_dossier(request, menage, **{nom: form})


@login_required
@require_POST
def ajouter_objectif(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_ouvert_ou_retour(request, pk)
    if not isinstance(plan, Plan):
        return plan

    def ecrire(d: dict[str, Any]) -> None:
        services.ajouter_objectif(
            acteur=request.acteur, plan=plan, aujourd_hui=timezone.localdate(), **d
        )

    form = ObjectifForm(request.POST)
    return _geste(request, plan, "objectif_form", form, ecrire, "Objectif ajouté.", "objectifs")


@login_required
@require_POST
def statut_objectif(request: HttpRequest, pk: int) -> HttpResponse:
    """Atteint, abandonné, remis en cours : un bouton, pas de saisie ; un refus revient en
    message en tête du dossier."""
    objectif = selectors.objectif_ou_404(request.acteur, pk)
    plan = plan_ouvert_ou_retour(request, objectif.plan_id)
    if not isinstance(plan, Plan):
        return plan
    form = StatutObjectifForm(request.POST, objectif=objectif)
    try:
        if not form.is_valid():
            raise ValidationError([e for erreurs in form.errors.values() for e in erreurs])
        statut = form.cleaned_data["statut"]
        services.changer_statut_objectif(
            acteur=request.acteur, objectif=objectif, statut=statut,
            aujourd_hui=timezone.localdate(),
        )  # fmt: skip
    except ValidationError as erreur:
        messages.error(request, f"« {objectif.libelle} » : {' '.join(erreur.messages)}")
    else:
        messages.success(request, MESSAGES_STATUT[StatutObjectif(statut)])
    return retour_dossier(plan.menage, "objectifs")


@login_required
@require_POST
def ajouter_revue(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_ouvert_ou_retour(request, pk)
    if not isinstance(plan, Plan):
        return plan

    def ecrire(d: dict[str, Any]) -> None:
        services.noter_revue(
            acteur=request.acteur, plan=plan, aujourd_hui=timezone.localdate(), **d
        )

    form = RevueForm(request.POST)
    return _geste(request, plan, "revue_form", form, ecrire, "Revue du plan notée.", "revues")


def _restantes(plan: Plan) -> list[tuple[str, str]]:
    forme, _ = selectors.forme_du_menage(plan.menage, plan)
    moments = p.etapes(parametres_accompagnement().etapes, forme, plan.etapes.all())
    return p.restantes(moments)


@login_required
@require_POST
def cocher_etape(request: HttpRequest, pk: int) -> HttpResponse:
    """D'un clic : l'étape faite aujourd'hui ; ou à la date saisie."""
    plan = plan_ouvert_ou_retour(request, pk)
    if not isinstance(plan, Plan):
        return plan
    jour = timezone.localdate()

    def ecrire(d: dict[str, Any]) -> None:
        services.cocher_etape(
            acteur=request.acteur, plan=plan, code=d["code"],
            faite_le=d["faite_le"] or jour, aujourd_hui=jour,
        )  # fmt: skip

    form = EtapeForm(request.POST, restantes=_restantes(plan))
    return _geste(request, plan, "etape_form", form, ecrire, "Étape cochée.", "etapes")


def _libelle_etape(code: str) -> str:
    return next(
        (e.libelle for e in parametres_accompagnement().etapes if e.code == code),
        "Étape retirée de la liste",
    )


@login_required
@require_http_methods(["GET", "POST"])
def decocher_etape(request: HttpRequest, pk: int) -> HttpResponse:
    """GET : la confirmation ; POST : la coche retirée (le journal d'audit la garde)."""
    etape = selectors.etape_ou_404(request.acteur, pk)
    plan = plan_ouvert_ou_retour(request, etape.plan_id)
    if not isinstance(plan, Plan):
        return plan
    if request.method == "POST":
        services.decocher_etape(acteur=request.acteur, etape=etape)
        messages.success(request, f"Étape décochée : {_libelle_etape(etape.code)}.")
        return retour_dossier(plan.menage, "etapes")
    journaliser(request, plan.menage)
    contexte = {
        "title": "Décocher une étape",
        "menage": plan.menage,
        "libelle": _libelle_etape(etape.code),
        "faite": f"Cochée le {date_fr(etape.faite_le)} par {etape.par}.",
    }
    return render(request, "accompagnement/plan_etape_decocher.html", contexte)
