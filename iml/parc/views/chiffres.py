"""Chiffres des conventions : places financées, logements mobilisés, places ouvertes.

`chiffres` : l'opérateur (direction, gestion locative) pour ses conventions.
`chiffres_territoire` : l'État pour les opérateurs de son territoire, sans identité de
bailleur ni adresse de logement (agrégats seulement). Les autres : 403."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from iml.parc import perms, presentation_chiffres, selectors
from iml.ui.erreurs import ResumeErreursMixin

PAR_PAGE = 20


class FiltreAppelForm(ResumeErreursMixin, forms.Form):
    """Filtre facultatif par appel à candidatures."""

    appel = forms.ModelChoiceField(
        label="Appel à candidatures",
        queryset=presentation_chiffres.aucun_appel(),
        required=False,
        empty_label="Tous les appels",
        error_messages={
            "invalid_choice": "Appel à candidatures : choisissez un appel de la liste."
        },
    )

    def __init__(self, *args, appels, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appel"].queryset = appels


def _page(
    request: HttpRequest, conventions, gabarit: str, titre: str, *, territoire: bool = False
) -> HttpResponse:
    appels = presentation_chiffres.appels_des_conventions(conventions)
    filtre = FiltreAppelForm(request.GET or None, appels=appels)
    parametres = ""
    if filtre.is_valid() and filtre.cleaned_data["appel"] is not None:
        conventions = conventions.filter(dossier__appel=filtre.cleaned_data["appel"])
        parametres = urlencode({"appel": filtre.cleaned_data["appel"].pk})
    page = Paginator(conventions, PAR_PAGE).get_page(request.GET.get("page"))
    lignes = presentation_chiffres.chiffres_des_conventions(page.object_list)
    contexte = {
        "title": titre,
        "page": page,
        "lignes": lignes,
        "groupes": presentation_chiffres.par_operateur(lignes),
        "filtre": filtre,
        "parametres": parametres,
        "hors_convention": selectors.logements_hors_convention(
            request.acteur, territoire=territoire
        ),
    }
    return render(request, gabarit, contexte)


@login_required
@require_GET
def chiffres(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    if not (perms.gere_le_parc(acteur) or acteur.agit_pour_la_plateforme):
        raise PermissionDenied(
            "R-PARC : les chiffres d'un opérateur sont lus par sa direction et sa gestion locative."
        )
    conventions = selectors.conventions_des_chiffres(acteur)
    return _page(request, conventions, "parc/chiffres/operateur.html", "Logements mobilisés")


@login_required
@require_GET
def chiffres_territoire(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    if not (acteur.est_etat or acteur.agit_pour_la_plateforme):
        raise PermissionDenied(
            "R-PARC : les chiffres du territoire sont lus par les services de l'État."
        )
    conventions = selectors.conventions_des_chiffres(acteur, territoire=True)
    return _page(
        request,
        conventions,
        "parc/chiffres/territoire.html",
        "Logements mobilisés du territoire",
        territoire=True,
    )
