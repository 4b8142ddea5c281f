"""Contrats avec le bailleur : création depuis la fiche du logement (type proposé selon sa
forme), modification (dont la résiliation). La date de fin est calculée par le service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from iml.appels.views.conventions import reporter
from iml.parc import perms, selectors
from iml.parc.forms.contrats import ContratForm, initial_du_contrat
from iml.parc.models import Logement
from iml.parc.services import contrats as services
from iml.parc.views.logements import logement_modifiable
from regles.format import date_fr
from regles.types import Mode


def _fin(contrat) -> str:
    return f"Contrat enregistré : il prend fin le {date_fr(contrat.date_fin)}."


def _page(request: HttpRequest, logement: Logement, form: ContratForm, titre: str, contrat=None):
    contexte = {
        "title": titre,
        "form": form,
        "logement": logement,
        "contrat": contrat,
        "forme": Mode(logement.forme).libelle,
    }
    return render(request, "parc/contrats/formulaire.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def creer(request: HttpRequest, pk: int) -> HttpResponse:
    logement, renvoi = logement_modifiable(request, pk)
    if renvoi:
        return renvoi
    initial = {"type": services.TYPE_DE_FORME[Mode(logement.forme)]}
    form = ContratForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contrat = services.creer_contrat(
                acteur=request.acteur, logement=logement, **form.cleaned_data
            )
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, _fin(contrat))
            return redirect("parc:logement", pk=logement.pk)
    return _page(request, logement, form, f"Nouveau contrat — {logement}")


@login_required
@require_http_methods(["GET", "POST"])
def modifier(request: HttpRequest, pk: int) -> HttpResponse:
    contrat = selectors.contrat_ou_404(request.acteur, pk)
    logement = contrat.logement
    refus = perms.acces_modifier_logement(request.acteur, logement)
    if refus and not refus.etat:
        raise PermissionDenied(refus.message)
    if refus:
        messages.error(request, refus.message)
        return redirect("parc:logement", pk=logement.pk)
    form = ContratForm(request.POST or None, initial=initial_du_contrat(contrat), modification=True)
    if request.method == "POST" and form.is_valid():
        try:
            contrat = services.modifier_contrat(
                acteur=request.acteur, contrat=contrat, **form.cleaned_data
            )
        except ValidationError as erreur:
            reporter(form, erreur)
            contrat.refresh_from_db()
        else:
            messages.success(request, _fin(contrat))
            return redirect("parc:logement", pk=logement.pk)
    return _page(request, logement, form, f"Modifier le contrat — {logement}", contrat)
