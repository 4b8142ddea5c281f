"""Écrans du plan d'accompagnement : l'ouvrir (un seul ouvert par ménage), le modifier, le
clore (issue, date, note courte ; page de confirmation : une clôture ne s'annule pas).

Le référent du ménage et la direction de son opérateur ; hors périmètre : 404. Les refus des
règles (R-ACCOMP-PLAN, R-CHEZ-SOI, R-PETIT-CHEZ-SOI, R-CD-MEASURES, R-COFUNDING) reviennent
sous leur champ, la saisie gardée. Chaque page affichée est inscrite au journal des
consultations (page « accompagnement »).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from iml.accompagnement import presentation_plan as p
from iml.accompagnement import selectors
from iml.accompagnement.forms.plan import PlanForm, initial_du_plan, initial_nouveau
from iml.accompagnement.forms.plan_actions import ClotureForm
from iml.accompagnement.models import Plan
from iml.accompagnement.services import plans as services
from iml.accompagnement.views.plan_dossier import journaliser
from iml.appels.views.conventions import reporter
from iml.menages.forms.menage import RAPPEL_NOTES
from iml.menages.models import Menage
from regles.format import date_fr
from regles.types import Mode
from regles.types_accompagnement import IssuePlan


def retour_dossier(menage: Menage, ancre: str = "") -> HttpResponse:
    url = reverse("accompagnement:dossier", args=[menage.pk])
    return redirect(f"{url}#{ancre}" if ancre else url)


def plan_ouvert_ou_retour(request: HttpRequest, pk: int) -> Plan | HttpResponse:
    """Le plan (404 hors périmètre) ; clos, un retour au dossier avec le motif."""
    plan = selectors.plan_ou_404(request.acteur, pk)
    if plan.ouvert:
        return plan
    messages.error(
        request, f"Ce plan est clos depuis le {date_fr(plan.fin_le)} : il ne se modifie plus."
    )
    return retour_dossier(plan.menage)


def _logement(menage: Menage, plan: Plan | None) -> str:
    forme, glissant = selectors.forme_du_menage(menage, plan)
    if forme is None:
        return "Le ménage n'occupe pas de logement de l'IML pour l'instant."
    texte = Mode(forme).libelle.lower()
    return f"Logement actuel : {texte}{' à bail glissant' if glissant else ''}."


def _page_plan(request: HttpRequest, form: PlanForm, menage: Menage, plan: Plan | None):
    journaliser(request, menage)
    contexte = {
        "title": (
            f"Modifier le plan d'accompagnement — {menage.prenom} {menage.nom}"
            if plan
            else f"Ouvrir un plan d'accompagnement — {menage.prenom} {menage.nom}"
        ),
        "form": form,
        "menage": menage,
        "plan": plan,
        "logement": _logement(menage, plan),
    }
    return render(request, "accompagnement/plan_formulaire.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def ouvrir(request: HttpRequest, pk: int) -> HttpResponse:
    menage = selectors.menage_accompagne_ou_404(request.acteur, pk)
    if selectors.plan_ouvert(menage) is not None:
        messages.info(request, "Ce ménage a déjà un plan d'accompagnement ouvert.")
        return retour_dossier(menage)
    form = PlanForm(request.POST or None, initial=initial_nouveau(timezone.localdate()))
    if request.method == "POST" and form.is_valid():
        try:
            services.ouvrir_plan(
                acteur=request.acteur, menage=menage, saisie=form.saisie(),
                aujourd_hui=timezone.localdate(),
            )  # fmt: skip
        except ValidationError as erreur:
            form.reporter(erreur)
        else:
            messages.success(request, "Plan d'accompagnement ouvert.")
            return retour_dossier(menage)
    return _page_plan(request, form, menage, None)


@login_required
@require_http_methods(["GET", "POST"])
def modifier(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_ouvert_ou_retour(request, pk)
    if not isinstance(plan, Plan):
        return plan
    form = PlanForm(request.POST or None, initial=initial_du_plan(plan))
    if request.method == "POST" and form.is_valid():
        try:
            services.modifier_plan(
                acteur=request.acteur, plan=plan, saisie=form.saisie(),
                aujourd_hui=timezone.localdate(),
            )  # fmt: skip
        except ValidationError as erreur:
            form.reporter(erreur)
            plan.refresh_from_db()
        else:
            messages.success(request, "Plan d'accompagnement enregistré.")
            return retour_dossier(plan.menage)
    return _page_plan(request, form, plan.menage, plan)


@login_required
@require_http_methods(["GET", "POST"])
def clore(request: HttpRequest, pk: int) -> HttpResponse:
    """La page est la confirmation : ce qui va se passer, puis la date, l'issue, la note."""
    plan = plan_ouvert_ou_retour(request, pk)
    if not isinstance(plan, Plan):
        return plan
    form = ClotureForm(request.POST or None, initial={"fin_le": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.clore_plan(
                acteur=request.acteur, plan=plan, fin_le=d["fin_le"], issue=d["issue"],
                note_fin=d["note_fin"], aujourd_hui=timezone.localdate(),
            )  # fmt: skip
        except ValidationError as erreur:
            reporter(form, erreur)
            plan.refresh_from_db()
        else:
            issue = IssuePlan(d["issue"]).libelle.lower()
            messages.success(request, f"Plan clos le {date_fr(d['fin_le'])} : {issue}.")
            return retour_dossier(plan.menage)
    journaliser(request, plan.menage)
    contexte = {
        "title": f"Clore le plan d'accompagnement — {plan.menage.prenom} {plan.menage.nom}",
        "form": form,
        "plan": plan,
        "menage": plan.menage,
        "resume": p.resume(plan, plan.menage, timezone.localdate()),
        "objectifs_abandonnes": p.objectifs_abandonnes(plan),
        "rappel_notes": RAPPEL_NOTES,
    }
    return render(request, "accompagnement/plan_clore.html", contexte)
