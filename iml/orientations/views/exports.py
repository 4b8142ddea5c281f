"""Exports vers l'application nationale du SIAO (places, vacances, propositions ; CSV ou XLSX,
docs/formats/siao-exports.md), dans le périmètre de l'acteur : les places pour la coordination
du SIAO, les vacances et les propositions pour elle et pour l'opérateur (les siennes) ; chaque
export est journalisé."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from iml.comptes.audit import journaliser_consultation
from iml.orientations import perms
from iml.orientations.exports import EXPORTS, FORMATS, exporter
from iml.parc.views.exports import telechargement
from regles.format import pluriel


@login_required
@require_GET
def export(request: HttpRequest, quoi: str, format: str) -> HttpResponse:
    acteur = request.acteur
    if not perms.voit_les_propositions(acteur):
        raise PermissionDenied(perms.REFUS_SIAO.message)
    if quoi not in EXPORTS or format not in FORMATS:
        raise Http404("Export inconnu.")
    jour = timezone.localdate()
    contenu, lignes = exporter(acteur, quoi, format, jour)
    if acteur.adhesion is not None:
        journaliser_consultation(
            acteur.adhesion,
            document=f"Export SIAO des {quoi} ({format.upper()}), {pluriel(lignes, 'ligne')}",
        )
    return telechargement(contenu, format, f"siao-{quoi}-{jour.isoformat()}.{format}")
