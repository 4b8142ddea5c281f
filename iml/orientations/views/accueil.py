"""Tableau de bord des orientations : pour le SIAO, ses demandes, le registre et ses
propositions ; pour l'opérateur, les propositions qui lui sont faites et ses vacances ; les
chiffres anonymes pour l'État et la plateforme."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from iml.orientations import perms, selectors
from iml.orientations.presentation import lignes_registre, tableau


@login_required
@require_GET
def accueil(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    if not perms.voit_les_propositions(acteur):
        raise PermissionDenied(perms.REFUS_SIAO.message)
    contexte = {"title": "Orientations du SIAO", **tableau(acteur)}
    return render(request, "orientations/accueil.html", contexte)


@login_required
@require_GET
def chiffres(request: HttpRequest) -> HttpResponse:
    if not perms.peut_voir_chiffres(request.acteur):
        raise PermissionDenied("Les chiffres des orientations : SIAO, État, plateforme.")
    contexte = {
        "title": "Chiffres des orientations",
        "chiffres": selectors.chiffres(request.acteur),
    }
    return render(request, "orientations/chiffres.html", contexte)


@login_required
@require_GET
def registre(request: HttpRequest) -> HttpResponse:
    """R-SIAO : les places financées du département, par opérateur, commune, typologie, forme
    et catégorie, avec leur état (occupé, vacant depuis, bientôt vacant le)."""
    if not perms.coordonne(request.acteur):
        raise PermissionDenied(perms.REFUS_SIAO.message)
    lignes = lignes_registre(selectors.registre(request.acteur))
    contexte = {"title": "Registre des places", "lignes": lignes, "total": len(lignes)}
    contexte["exports"] = [("places", "Exporter les places")]
    return render(request, "orientations/registre.html", contexte)
