"""Boîte d'alertes : les siennes seulement (celle d'un autre = 404), non lues d'abord ;
marquer une alerte lue (POST) ; préférences (courriel)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from iml.alertes import selectors, services
from iml.alertes.forms import PreferencesForm

PAR_PAGE = 25


@login_required
@require_http_methods(["GET"])
def boite(request: HttpRequest) -> HttpResponse:
    utilisateur = request.user
    page = Paginator(selectors.alertes_de(utilisateur), PAR_PAGE).get_page(request.GET.get("page"))
    contexte = {
        "title": "Mes alertes",
        "page": page,
        "non_lues": selectors.nombre_non_lues(utilisateur),
    }
    return render(request, "alertes/boite.html", contexte)


@login_required
@require_POST
def lue(request: HttpRequest, pk: int) -> HttpResponse:
    alerte = selectors.alerte_ou_404(request.user, pk)
    services.marquer_lue(utilisateur=request.user, alerte=alerte, maintenant=timezone.now())
    messages.success(request, "Alerte marquée comme lue.")
    return redirect("alertes:boite")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    utilisateur = request.user
    initial = {"par_courriel": selectors.par_courriel(utilisateur)}
    donnees = request.POST if request.method == "POST" else None  # case décochée : POST vide
    form = PreferencesForm(donnees, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.regler_preferences(
            utilisateur=utilisateur, par_courriel=form.cleaned_data["par_courriel"]
        )
        if form.cleaned_data["par_courriel"]:
            messages.success(
                request, f"Vos alertes vous seront aussi envoyées à {utilisateur.email}."
            )
        else:
            messages.success(request, "Vos alertes ne vous seront plus envoyées par courriel.")
        return redirect("alertes:preferences")
    return render(
        request, "alertes/preferences.html", {"title": "Préférences d'alertes", "form": form}
    )
