"""Classeur du comité en OpenDocument (le même que la synthèse xlsx de `views.documents`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from iml.appels import exports, perms, selectors
from iml.appels.enums import StatutDossier
from iml.appels.exports import ods
from iml.appels.exports.synthese import feuille_synthese
from iml.appels.views.documents import fichier


@login_required
@require_GET
def appel_synthese_ods(request: HttpRequest, pk: int) -> HttpResponse:
    """Réservé aux services de l'État du territoire de l'appel (404 pour les autres)."""
    acteur = request.acteur
    appel = selectors.appel_ou_404(acteur, pk)
    if not perms.peut_lire_synthese(acteur, appel):
        raise Http404
    dossiers = selectors.dossiers_de_l_appel(acteur, appel).exclude(statut=StatutDossier.BROUILLON)
    sources = [exports.source_dossier(d) for d in dossiers if d.derniere_version is not None]
    contenu = ods.classeur([feuille_synthese(appel, sources)])
    return fichier(contenu, ods.TYPE_MIME, f"synthese-appel-{appel.pk}.ods")
