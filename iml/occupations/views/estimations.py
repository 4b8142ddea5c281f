"""Estimations de l'aide au logement : la demande (POST depuis le contrôle d'admission, retour
à la page d'où elle vient) et la page de l'estimation, qui se recharge seule (htmx) tant que le
worker calcule.

Direction et gestion locative de l'opérateur du ménage seulement : les autres reçoivent 403 ;
l'estimation d'une autre organisation est une 404. Une saisie fausse (ménage ou logement
introuvable, montant négatif ou démesuré) revient en message, jamais en erreur serveur.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from iml.menages import perms
from iml.menages.services.menages import journaliser_consultation
from iml.occupations.forms.estimations import DemandeEstimationForm
from iml.occupations.selectors_estimations import estimation_ou_404
from iml.occupations.services.estimations import demander_estimation

DEMANDEE = "Estimation demandée : elle s'affiche dans quelques secondes."


def _gestion(request: HttpRequest) -> None:
    perms.exiger(perms.acces_gestion(request.acteur))


def _suite(request: HttpRequest, defaut: str) -> str:
    """`next` s'il désigne une page de ce site (un chemin local), sinon `defaut`."""
    suite = request.POST.get("next", "")
    locale = suite.startswith("/") and not suite.startswith(("//", "/\\"))
    if locale and url_has_allowed_host_and_scheme(suite, allowed_hosts=None):
        return suite
    return defaut


def _messages_erreur(erreurs: ValidationError | dict) -> list[str]:
    if isinstance(erreurs, ValidationError):
        return list(erreurs.messages)
    return [message for liste in erreurs.values() for message in liste]


@login_required
@require_POST
def estimer(request: HttpRequest) -> HttpResponse:
    _gestion(request)
    form = DemandeEstimationForm(request.POST, acteur=request.acteur)
    if not form.is_valid():
        for message in _messages_erreur(form.errors):
            messages.error(request, f"Estimation impossible — {message}")
        return HttpResponseRedirect(_suite(request, reverse("ui:accueil")))
    try:
        estimation = demander_estimation(
            acteur=request.acteur, maintenant=timezone.now(), **form.cleaned_data
        )
    except ValidationError as refus:
        for message in _messages_erreur(refus):
            messages.error(request, f"Estimation impossible — {message}")
        return HttpResponseRedirect(_suite(request, reverse("ui:accueil")))
    messages.info(request, DEMANDEE)
    page = reverse("occupations:estimation", kwargs={"pk": estimation.pk})
    return HttpResponseRedirect(_suite(request, page))


@login_required
@require_GET
def estimation(request: HttpRequest, pk: int) -> HttpResponse:
    """La page de l'estimation ; sous htmx, le seul fragment (qui se redemande en attendant)."""
    _gestion(request)
    objet = estimation_ou_404(request.acteur, pk)
    contexte = {"estimation": objet, "title": "Estimation de l'aide au logement"}
    if request.htmx:
        reponse = render(request, "occupations/estimation_fragment.html", contexte)
        reponse["Cache-Control"] = "no-store"
        return reponse
    journaliser_consultation(
        acteur=request.acteur, menage=objet.menage, page="estimation", maintenant=timezone.now()
    )
    return render(request, "occupations/estimation.html", contexte)
