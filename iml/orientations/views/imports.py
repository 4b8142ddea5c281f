"""Import des demandes du SIAO depuis un export de son application nationale : dépôt d'un
fichier, suivi de son traitement dans le worker (avancement en JSON), résultat ou erreurs
ligne à ligne ; modèle du fichier (CSV, XLSX). Coordination du SIAO seulement (403) ; l'import
d'un autre SIAO : 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from iml.appels.exports.tableaux import Feuille, texte
from iml.occupations.views.imports import modele_fichier
from iml.orientations import perms, selectors
from iml.orientations.forms.imports import DepotDemandesForm
from iml.orientations.models_imports import ImportDemandes
from iml.orientations.services.imports import deposer_import
from iml.orientations.services.imports_lignes import COLONNES
from iml.parc.views.exports import telechargement
from regles.types import PublicPrioritaire


def _siao(request: HttpRequest) -> None:
    if not perms.coordonne(request.acteur):
        raise PermissionDenied(perms.REFUS_SIAO.message)


def _import_ou_404(request: HttpRequest, pk: int) -> ImportDemandes:
    return selectors.import_ou_404(request.acteur, pk)


@login_required
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    _siao(request)
    form = DepotDemandesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        imp = deposer_import(
            acteur=request.acteur,
            nom_fichier=form.cleaned_data["fichier"].name,
            contenu=form.cleaned_data["contenu"],
        )
        return redirect("orientations:import_demandes", pk=imp.pk)
    page = Paginator(selectors.imports_visibles(request.acteur), 20).get_page(
        request.GET.get("page")
    )
    contexte = {
        "title": "Import des demandes",
        "form": form,
        "page": page,
        "colonnes": COLONNES,
        "criteres": PublicPrioritaire.choices(),
    }
    statut = 400 if form.errors else 200
    return render(request, "orientations/imports.html", contexte, status=statut)


@login_required
@require_GET
def import_demandes(request: HttpRequest, pk: int) -> HttpResponse:
    imp = _import_ou_404(request, pk)
    url = reverse("orientations:import_demandes_progression", kwargs={"pk": imp.pk})
    contexte = {
        "title": f"Import « {imp.nom_fichier} »",
        "imp": imp,
        "resultat": imp.resultat,
        "erreurs": imp.erreurs,
        "url_progression": url,
    }
    return render(request, "orientations/import.html", contexte)


@login_required
@require_GET
def import_demandes_progression(request: HttpRequest, pk: int) -> JsonResponse:
    reponse = JsonResponse(_import_ou_404(request, pk).suivi())
    reponse["Cache-Control"] = "no-store"
    return reponse


@login_required
@require_GET
def modele_import(request: HttpRequest, format: str) -> HttpResponse:
    _siao(request)
    if format not in ("csv", "xlsx"):
        raise Http404("Format inconnu.")
    criteres = Feuille("Critères de priorité", largeurs=[28, 80])
    criteres.ajouter(texte("Code à écrire", True), texte("Critère (R-PRIORITY-PUBLICS)", True))
    for code, libelle in PublicPrioritaire.choices():
        criteres.ajouter(texte(code), texte(libelle))
    contenu = modele_fichier(format, COLONNES, "Demandes", (criteres,))
    return telechargement(contenu, format, f"modele-import-demandes-siao.{format}")
