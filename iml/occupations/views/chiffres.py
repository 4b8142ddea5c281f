"""Chiffres des occupations (`occupations:chiffres`) : des nombres et des taux, jamais un nom
ni une adresse. L'opérateur (direction, gestion locative) lit les siens ; l'État une ligne par
opérateur de son territoire et le total ; l'administration de la plateforme tous les
opérateurs. SIAO, cofinanceurs, travail social : 403."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from iml.menages import perms
from iml.occupations import presentation_chiffres, selectors_chiffres
from iml.ui.erreurs import ResumeErreursMixin


class FiltreAnneeForm(ResumeErreursMixin, forms.Form):
    annee = forms.TypedChoiceField(
        label="Année des mouvements",
        coerce=int,
        error_messages={
            "invalid_choice": "Année des mouvements : choisissez une année de la liste."
        },
    )

    def __init__(self, *args, annees: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(a, str(a)) for a in annees]


@login_required
@require_GET
def chiffres(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    if not perms.peut_voir_chiffres(acteur):
        raise PermissionDenied(
            "Les chiffres des occupations sont lus par la direction et la gestion locative "
            "de l'opérateur, et par les services de l'État."
        )
    aujourd_hui = timezone.localdate()
    operateurs = list(selectors_chiffres.operateurs_des_chiffres(acteur))
    annees = presentation_chiffres.annees_proposees(operateurs, aujourd_hui)
    filtre = FiltreAnneeForm(request.GET if "annee" in request.GET else None, annees=annees)
    annee = filtre.cleaned_data["annee"] if filtre.is_valid() else aujourd_hui.year
    territoire = not perms.gere_les_menages(acteur)
    resultat = presentation_chiffres.chiffres(operateurs, annee, aujourd_hui, avec_total=territoire)
    contexte = {
        "title": "Chiffres des occupations",
        "chiffres": resultat,
        "filtre": filtre,
        "annee": annee,
        "territoire": territoire,
        "aujourd_hui": aujourd_hui,
        "destinations": presentation_chiffres.libelles_destinations(),
    }
    return render(request, "occupations/chiffres.html", contexte)
