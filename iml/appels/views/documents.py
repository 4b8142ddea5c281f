"""Téléchargements d'un dossier et d'un appel : annexes (xlsx, ods), synthèse (xlsx), PDF.

Un dossier se télécharge par son opérateur et par les services de l'État du territoire de
l'appel (sélecteur `dossier_ou_404`) ; la synthèse d'un appel par l'État seulement ; les autres
reçoivent 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from iml.appels import exports, pdf, perms, selectors
from iml.appels.enums import StatutDossier
from iml.appels.exports import ods, xlsx


def fichier(contenu: bytes, type_mime: str, nom: str) -> HttpResponse:
    reponse = HttpResponse(contenu, content_type=type_mime)
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    reponse["Cache-Control"] = "no-store"
    return reponse


def _numero_version(request: HttpRequest) -> int | None:
    brut = request.GET.get("version")
    if brut in (None, ""):
        return None
    if not (brut.isascii() and brut.isdigit()):
        raise Http404("Version invalide.")
    return int(brut)


def _source(request: HttpRequest, pk: int) -> exports.Source:
    dossier = selectors.dossier_ou_404(request.acteur, pk)
    return exports.source_dossier(dossier, _numero_version(request))


def _nom(source: exports.Source, extension: str) -> str:
    version = f"v{source.version.numero}" if source.version else "brouillon"
    return f"annexes-dossier-{source.dossier.pk}-{version}.{extension}"


@login_required
@require_GET
def dossier_annexes_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    return fichier(exports.annexes_xlsx(source), xlsx.TYPE_MIME, _nom(source, "xlsx"))


@login_required
@require_GET
def dossier_annexes_ods(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    return fichier(exports.annexes_ods(source), ods.TYPE_MIME, _nom(source, "ods"))


@login_required
@require_GET
def dossier_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    nom = _nom(source, "pdf").replace("annexes-", "")
    return fichier(pdf.pdf_dossier(source), "application/pdf", nom)


@login_required
@require_GET
def appel_synthese_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    appel = selectors.appel_ou_404(acteur, pk)
    if not perms.peut_lire_synthese(acteur, appel):
        raise Http404
    dossiers = selectors.dossiers_de_l_appel(acteur, appel).exclude(statut=StatutDossier.BROUILLON)
    sources = [exports.source_dossier(d) for d in dossiers if d.derniere_version is not None]
    contenu = exports.synthese_xlsx(appel, sources)
    return fichier(contenu, xlsx.TYPE_MIME, f"synthese-appel-{appel.pk}.xlsx")
