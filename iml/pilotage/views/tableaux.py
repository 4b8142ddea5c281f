"""Vues des tableaux de bord du pilotage : l'export générique d'un tableau (csv, xlsx, ods).

Le tableau est construit par le volet qui l'a enregistré (`exports_tableaux.enregistrer`), pour
l'acteur connecté : son périmètre, ses refus (403), les objets d'une autre organisation (404).
Un nom de tableau inconnu ou un format inconnu : 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from iml.pilotage import exports_tableaux


@login_required
@require_GET
def export_tableau(request: HttpRequest, nom: str, format: str) -> HttpResponse:
    exportable = exports_tableaux.exportable(nom)
    if exportable is None or format not in exports_tableaux.FORMATS:
        raise Http404("Tableau ou format inconnu.")
    tableau = exportable.construire(request.acteur, request.GET.dict())
    contenu = exports_tableaux.exporter(tableau, format)
    reponse = HttpResponse(contenu, content_type=exports_tableaux.FORMATS[format])
    nom_fichier = exports_tableaux.nom_de_fichier(tableau, format)
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    reponse["Cache-Control"] = "no-store"
    return reponse
