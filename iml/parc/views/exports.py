"""Export du parc de l'opérateur (xlsx, ods, csv), pour sa direction et sa gestion locative ;
chaque export est journalisé (il contient l'identité des bailleurs)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from iml.comptes.audit import journaliser_consultation
from iml.parc import exports, perms
from iml.parc.imports import selecteurs
from regles.format import pluriel


def telechargement(contenu: bytes, format: str, nom: str) -> HttpResponse:
    reponse = HttpResponse(contenu, content_type=exports.FORMATS[format])
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    reponse["Cache-Control"] = "no-store"
    return reponse


@login_required
@require_GET
def export(request: HttpRequest, format: str) -> HttpResponse:
    acteur = request.acteur
    if refus := perms.acces_parc(acteur):
        raise PermissionDenied(refus.message)
    if format not in exports.FORMATS:
        raise Http404("Format inconnu.")
    logements = list(selecteurs.logements_a_exporter(acteur))
    contenu = exports.export_parc(logements, format)
    if acteur.adhesion is not None:
        quoi = pluriel(len(logements), "logement")
        journaliser_consultation(
            acteur.adhesion, document=f"Export du parc ({format.upper()}), {quoi}"
        )
    jour = timezone.localdate().isoformat()
    return telechargement(contenu, format, f"parc-{jour}.{format}")
