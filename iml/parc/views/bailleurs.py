"""Vues des bailleurs : liste paginée et filtrée, fiche (consultation journalisée : données
personnelles), création, modification. Réservées à la direction et à la gestion locative de
l'opérateur (R-PARC) ; le bailleur d'une autre organisation est une 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from iml.comptes.audit import journaliser_consultation
from iml.parc import perms, selectors
from iml.parc.forms.bailleurs import BailleurForm, FiltreBailleursForm
from iml.parc.models import Bailleur
from iml.parc.presentation_captation import (
    carte_prospect,
    parametres_sans_page,
    reporter_erreurs,
)
from iml.parc.services import bailleurs as services

PAR_PAGE = 25


def _exiger_parc(request: HttpRequest) -> None:
    if refus := perms.acces_parc(request.acteur):
        raise PermissionDenied(refus.message)


def _filtrer(qs, filtres: FiltreBailleursForm):
    if not filtres.is_valid():
        return qs
    donnees = filtres.cleaned_data
    if donnees["q"]:
        qs = qs.filter(nom__icontains=donnees["q"].strip())
    if donnees["ne_pas_contacter"]:
        qs = qs.filter(ne_pas_contacter=donnees["ne_pas_contacter"] == "oui")
    if donnees["origine"]:
        qs = qs.filter(origine=donnees["origine"])
    return qs


@login_required
def liste(request: HttpRequest) -> HttpResponse:
    _exiger_parc(request)
    filtres = FiltreBailleursForm(request.GET or None)
    qs = _filtrer(selectors.bailleurs_visibles(request.acteur), filtres)
    page = Paginator(qs, PAR_PAGE).get_page(request.GET.get("page"))
    contexte = {
        "title": "Bailleurs",
        "filtres": filtres,
        "page": page,
        "total": page.paginator.count,
        "parametres": parametres_sans_page(request.GET),
    }
    return render(request, "parc/bailleurs/liste.html", contexte)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    bailleur = selectors.bailleur_ou_404(acteur, pk)
    _exiger_parc(request)
    journaliser_consultation(bailleur)
    prospects = (
        selectors.prospects_visibles(acteur).filter(bailleur=bailleur).prefetch_related("freins")
    )
    logements = selectors.logements_visibles(acteur).filter(bailleur=bailleur)
    contexte = {
        "title": f"Bailleur {bailleur}",
        "bailleur": bailleur,
        "prospects": [carte_prospect(p, timezone.localdate()) for p in prospects],
        "logements": list(logements),
    }
    return render(request, "parc/bailleurs/detail.html", contexte)


def _enregistrer(request: HttpRequest, form: BailleurForm, bailleur: Bailleur | None):
    """Le bailleur enregistré par le service, ou None (erreurs reportées sur le formulaire)."""
    jour = timezone.localdate()
    try:
        if bailleur is None:
            return services.creer_bailleur(
                acteur=request.acteur, aujourd_hui=jour, **form.cleaned_data
            )
        return services.modifier_bailleur(
            acteur=request.acteur, bailleur=bailleur, aujourd_hui=jour, **form.cleaned_data
        )
    except ValidationError as erreur:
        reporter_erreurs(form, erreur)
        return None


def _formulaire(request: HttpRequest, bailleur: Bailleur | None) -> HttpResponse:
    initial = {c: getattr(bailleur, c) for c in services.CHAMPS_BAILLEUR} if bailleur else None
    form = BailleurForm(request.POST if request.method == "POST" else None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and (enregistre := _enregistrer(request, form, bailleur))
    ):
        messages.success(request, f"Bailleur « {enregistre} » enregistré.")
        return redirect("parc:bailleur", pk=enregistre.pk)
    titre = f"Modifier le bailleur {bailleur}" if bailleur else "Nouveau bailleur"
    contexte = {"title": titre, "form": form, "bailleur": bailleur}
    return render(request, "parc/bailleurs/formulaire.html", contexte)


@login_required
def creer(request: HttpRequest) -> HttpResponse:
    _exiger_parc(request)
    return _formulaire(request, None)


@login_required
def modifier(request: HttpRequest, pk: int) -> HttpResponse:
    bailleur = selectors.bailleur_ou_404(request.acteur, pk)
    _exiger_parc(request)
    return _formulaire(request, bailleur)
