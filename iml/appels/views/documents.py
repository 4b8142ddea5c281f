"""Téléchargements d'un dossier et d'un appel : annexes (xlsx, ods), synthèse (xlsx), PDF.

Un dossier se télécharge par son opérateur et par les services de l'État du territoire de
l'appel (sélecteur `dossier_ou_404`) ; la synthèse d'un appel par l'État seulement ; les autres
reçoivent 404. Chaque téléchargement est journalisé (qui, quel document, quand) et servi avec
`Cache-Control: no-store`. Le PDF d'une version est établi une fois, dans le worker
(`iml.appels.taches`) : tant qu'il n'est pas prêt, une page le dit au lieu de faire attendre.
"""

from __future__ import annotations

from typing import IO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from iml.appels import exports, selectors, taches
from iml.appels.enums import EtatDocument
from iml.appels.exports import ods, xlsx
from iml.appels.models import Dossier, VersionDossier
from iml.comptes.audit import journaliser_consultation


def fichier(contenu: bytes, type_mime: str, nom: str) -> HttpResponse:
    reponse = HttpResponse(contenu, content_type=type_mime)
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    reponse["Cache-Control"] = "no-store"
    return reponse


def fichier_stocke(flux: IO[bytes], type_mime: str, nom: str) -> FileResponse:
    """Un fichier du stockage (pièce, PDF établi) en pièce jointe, jamais gardé en cache."""
    reponse = FileResponse(flux, as_attachment=True, filename=nom, content_type=type_mime)
    reponse["Cache-Control"] = "no-store"
    return reponse


def _numero_version(request: HttpRequest) -> int | None:
    brut = request.GET.get("version")
    if brut in (None, ""):
        return None
    # ASCII seulement (« ² » ou « ٣ » passent isdigit()) et borné (pas de dépassement en base).
    if not (brut.isascii() and brut.isdigit() and len(brut) <= 9):
        raise Http404("Version invalide.")
    return int(brut)


def _source(request: HttpRequest, pk: int) -> exports.Source:
    dossier = selectors.dossier_ou_404(request.acteur, pk)
    return exports.source_dossier(dossier, _numero_version(request))


def _nom(source: exports.Source, extension: str) -> str:
    version = f"v{source.version.numero}" if source.version else "brouillon"
    return f"annexes-dossier-{source.dossier.pk}-{version}.{extension}"


def libelle(source: exports.Source, document: str) -> str:
    version = f"version {source.version.numero}" if source.version else "brouillon"
    return f"{document}, {version}"


@login_required
@require_GET
def dossier_annexes_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    contenu = exports.annexes_xlsx(source)
    journaliser_consultation(source.dossier, document=libelle(source, "Annexes (XLSX)"))
    return fichier(contenu, xlsx.TYPE_MIME, _nom(source, "xlsx"))


@login_required
@require_GET
def dossier_annexes_ods(request: HttpRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    contenu = exports.annexes_ods(source)
    journaliser_consultation(source.dossier, document=libelle(source, "Annexes (ODS)"))
    return fichier(contenu, ods.TYPE_MIME, _nom(source, "ods"))


def _version_du_pdf(request: HttpRequest, dossier: Dossier) -> VersionDossier | None:
    numero = _numero_version(request)
    if numero is None:
        return dossier.derniere_version
    version = dossier.versions.filter(numero=numero).first()
    if version is None:
        raise Http404("Version inconnue.")
    return version


@login_required
@require_GET
def dossier_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Le PDF d'une version (la dernière par défaut), servi depuis le stockage ; programmé à la
    première demande pour une version déposée avant l'établissement en tâche de fond."""
    dossier = selectors.dossier_ou_404(request.acteur, pk)
    version = _version_du_pdf(request, dossier)
    if version is not None:
        taches.assurer_pdf(version=version)
    if version is None or version.pdf_etat != EtatDocument.PRET:
        contexte = {"title": "PDF du dossier", "dossier": dossier, "version": version}
        statut = 202 if version is not None and version.pdf_etat == EtatDocument.EN_COURS else 200
        return render(request, "appels/dossiers/pdf_indisponible.html", contexte, status=statut)
    try:
        flux = version.pdf.open("rb")
    except FileNotFoundError as absent:
        raise Http404 from absent
    document = f"Dossier complet (PDF), version {version.numero}"
    journaliser_consultation(dossier, document=document)
    return fichier_stocke(flux, "application/pdf", taches.nom_pdf(version))
