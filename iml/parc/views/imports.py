"""Imports du parc : dépôt d'un fichier (CSV ou XLSX), suivi de son traitement dans le worker
(barre d'avancement alimentée par `progression`, en JSON), résultat ou erreurs ligne à ligne.

Direction et gestion locative de l'opérateur seulement : les autres reçoivent 403 sur la liste
et le modèle, 404 sur un import (hors périmètre) ; l'import d'une autre organisation est une 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from iml.parc import exports, perms
from iml.parc.imports import selecteurs
from iml.parc.imports.colonnes import COLONNES
from iml.parc.imports.formulaire import DepotImportForm
from iml.parc.imports.service import deposer_import
from iml.parc.views.exports import telechargement

PAR_PAGE = 20


def _gestion(request: HttpRequest) -> None:
    if refus := perms.acces_parc(request.acteur):
        raise PermissionDenied(refus.message)


@login_required
@require_http_methods(["GET", "POST"])
def liste(request: HttpRequest) -> HttpResponse:
    _gestion(request)
    form = DepotImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        imp = deposer_import(
            acteur=request.acteur,
            nom_fichier=form.cleaned_data["fichier"].name,
            contenu=form.cleaned_data["contenu"],
        )
        return redirect("parc:import", pk=imp.pk)
    page = Paginator(selecteurs.imports_visibles(request.acteur), PAR_PAGE).get_page(
        request.GET.get("page")
    )
    contexte = {"title": "Imports du parc", "form": form, "page": page, "colonnes": COLONNES}
    return render(request, "parc/imports/liste.html", contexte, status=400 if form.errors else 200)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    imp = selecteurs.import_ou_404(request.acteur, pk)
    contexte = {
        "title": f"Import « {imp.nom_fichier} »",
        "imp": imp,
        "resultat": imp.resultat,
        "erreurs": imp.erreurs,
        "url_progression": reverse("parc:import_progression", kwargs={"pk": imp.pk}),
    }
    return render(request, "parc/imports/detail.html", contexte)


@login_required
@require_GET
def progression(request: HttpRequest, pk: int) -> JsonResponse:
    imp = selecteurs.import_ou_404(request.acteur, pk)
    reponse = JsonResponse(imp.suivi())
    reponse["Cache-Control"] = "no-store"
    return reponse


@login_required
@require_GET
def modele(request: HttpRequest, format: str) -> HttpResponse:
    _gestion(request)
    if format not in ("csv", "xlsx"):
        raise Http404("Format inconnu.")
    return telechargement(exports.modele(format), format, f"modele-import-parc.{format}")
