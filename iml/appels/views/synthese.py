"""Classeur du comité (R-SELECTION), en xlsx et en OpenDocument : le même contenu
(`exports.synthese.feuille_synthese`), réservé aux services de l'État du territoire de l'appel
(404 pour les autres) ; chaque téléchargement est journalisé pour chaque dossier qu'il contient."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from iml.appels import exports, perms, selectors
from iml.appels.enums import StatutDossier
from iml.appels.exports import ods, xlsx
from iml.appels.exports.synthese import feuille_synthese
from iml.appels.models import AppelACandidatures
from iml.appels.views.documents import fichier, libelle
from iml.comptes.audit import journaliser_consultation


def _sources(request: HttpRequest, pk: int, format_: str) -> tuple[AppelACandidatures, list]:
    acteur = request.acteur
    appel = selectors.appel_ou_404(acteur, pk)
    if not perms.peut_lire_synthese(acteur, appel):
        raise Http404
    dossiers = selectors.dossiers_de_l_appel(acteur, appel).exclude(statut=StatutDossier.BROUILLON)
    sources = [exports.source_dossier(d) for d in dossiers if d.derniere_version is not None]
    for source in sources:
        document = libelle(source, f"Synthèse de l'appel « {appel.nom} » ({format_})")
        journaliser_consultation(source.dossier, document=document)
    return appel, sources


@login_required
@require_GET
def appel_synthese_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    appel, sources = _sources(request, pk, "XLSX")
    contenu = exports.synthese_xlsx(appel, sources)
    return fichier(contenu, xlsx.TYPE_MIME, f"synthese-appel-{appel.pk}.xlsx")


@login_required
@require_GET
def appel_synthese_ods(request: HttpRequest, pk: int) -> HttpResponse:
    appel, sources = _sources(request, pk, "ODS")
    contenu = ods.classeur([feuille_synthese(appel, sources)])
    return fichier(contenu, ods.TYPE_MIME, f"synthese-appel-{appel.pk}.ods")
