"""Import des ménages et des occupations en cours : dépôt d'un fichier (CSV ou XLSX), suivi de
son traitement dans le worker (barre d'avancement alimentée par `progression`, en JSON),
résultat ou erreurs ligne à ligne ; modèle du fichier (CSV, XLSX).

Direction et gestion locative de l'opérateur seulement : les autres reçoivent 403 sur la liste
et le modèle ; l'import d'une autre organisation (ou hors de leur rôle) est une 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from iml.appels.exports import xlsx
from iml.appels.exports.tableaux import Feuille, texte
from iml.menages import perms
from iml.occupations.forms.imports import DepotMenagesForm
from iml.occupations.imports import selecteurs
from iml.occupations.imports.colonnes import COLONNES
from iml.occupations.imports.service import deposer_import
from iml.parc.exports import en_csv
from iml.parc.views.exports import telechargement

PAR_PAGE = 20


def _gestion(request: HttpRequest) -> None:
    if refus := perms.acces_gestion(request.acteur):
        raise PermissionDenied(refus.message)


@login_required
@require_http_methods(["GET", "POST"])
def liste(request: HttpRequest) -> HttpResponse:
    _gestion(request)
    form = DepotMenagesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        imp = deposer_import(
            acteur=request.acteur,
            nom_fichier=form.cleaned_data["fichier"].name,
            contenu=form.cleaned_data["contenu"],
        )
        return redirect("occupations:import", pk=imp.pk)
    page = Paginator(selecteurs.imports_visibles(request.acteur), PAR_PAGE).get_page(
        request.GET.get("page")
    )
    contexte = {"title": "Import des ménages", "form": form, "page": page, "colonnes": COLONNES}
    return render(request, "occupations/imports.html", contexte, status=400 if form.errors else 200)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    imp = selecteurs.import_ou_404(request.acteur, pk)
    contexte = {
        "title": f"Import « {imp.nom_fichier} »",
        "imp": imp,
        "resultat": imp.resultat,
        "erreurs": imp.erreurs,
        "url_progression": reverse("occupations:import_progression", kwargs={"pk": imp.pk}),
    }
    return render(request, "occupations/import.html", contexte)


@login_required
@require_GET
def progression(request: HttpRequest, pk: int) -> JsonResponse:
    imp = selecteurs.import_ou_404(request.acteur, pk)
    reponse = JsonResponse(imp.suivi())
    reponse["Cache-Control"] = "no-store"
    return reponse


def modele_fichier(
    format_: str, colonnes=COLONNES, feuille: str = "Ménages", annexes: tuple[Feuille, ...] = ()
) -> bytes:
    """L'en-tête (libellés), une ligne d'exemple ; en xlsx, une feuille « Colonnes », puis les
    `annexes` (les codes d'une colonne). `colonnes`, `feuille` : le modèle d'un autre import
    (les demandes du SIAO)."""
    entetes = [c.libelle for c in colonnes]
    exemple: list[object] = [c.exemple for c in colonnes]
    if format_ == "csv":
        return en_csv(entetes, [exemple])
    donnees = Feuille(feuille, largeurs=[max(12, len(e) + 2) for e in entetes])
    donnees.ajouter(*(texte(e, gras=True) for e in entetes))
    donnees.ajouter(*(texte(c.exemple) for c in colonnes))
    donnees.filtre = (0, 1)
    aide = Feuille("Colonnes", largeurs=[30, 12, 90])
    aide.ajouter(texte("Colonne", True), texte("Requise", True), texte("Contenu attendu", True))
    for c in colonnes:
        aide.ajouter(texte(c.libelle), texte("oui" if c.requise else "non"), texte(c.description))
    return xlsx.classeur([donnees, aide, *annexes])


@login_required
@require_GET
def modele(request: HttpRequest, format: str) -> HttpResponse:
    _gestion(request)
    if format not in ("csv", "xlsx"):
        raise Http404("Format inconnu.")
    return telechargement(modele_fichier(format), format, f"modele-import-menages.{format}")
