"""Entonnoir de la captation : prospects, étapes atteintes, captés, taux de captation, délai
médian par étape, motifs de perte (R-UNKNOWN : « non renseigné » sans base). Direction et
gestion locative de l'opérateur (R-PARC)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from iml.parc import perms, selectors
from iml.parc.forms.prospects import PeriodeForm
from iml.parc.presentation_captation import chiffres_entonnoir


@login_required
def entonnoir(request: HttpRequest) -> HttpResponse:
    if refus := perms.acces_parc(request.acteur):
        raise PermissionDenied(refus.message)
    periode = PeriodeForm(request.GET or None)
    qs = selectors.prospects_visibles(request.acteur)
    if periode.is_valid():
        if du := periode.cleaned_data["du"]:
            qs = qs.filter(cree_le__date__gte=du)
        if au := periode.cleaned_data["au"]:
            qs = qs.filter(cree_le__date__lte=au)
    chiffres = chiffres_entonnoir(selectors.passages_des_prospects(qs), selectors.libelles_motifs())
    contexte = {"title": "Entonnoir de la captation", "periode": periode, "chiffres": chiffres}
    return render(request, "parc/prospects/entonnoir.html", contexte)
