"""Chiffres d'activité de l'accompagnement (`accompagnement:chiffres`) et leur export CSV : des
nombres par opérateur pour une année, jamais un nom (R-STATS). La direction d'un opérateur lit
les siens ; l'État son territoire ; un cofinanceur les plans cofinancés de son territoire ;
l'administration de la plateforme tout. Travail social, gestion locative, SIAO : 403."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from iml.accompagnement import perms, selectors_chiffres
from iml.accompagnement import presentation_chiffres as presentation
from iml.accompagnement.forms.equipe import AnneeForm
from iml.comptes.acteur import Acteur
from iml.parc.exports import en_csv
from iml.parc.views.exports import telechargement

REFUS = (
    "Les chiffres d'activité de l'accompagnement sont lus par la direction de l'opérateur, les "
    "services de l'État et les cofinanceurs."
)


def _lire(request: HttpRequest) -> tuple[AnneeForm, presentation.Chiffres]:
    acteur: Acteur = request.acteur
    if not perms.peut_voir_chiffres(acteur):
        raise PermissionDenied(REFUS)
    aujourd_hui = timezone.localdate()
    operateurs = list(selectors_chiffres.operateurs_des_chiffres(acteur))
    annees = presentation.annees_proposees(operateurs, aujourd_hui)
    filtre = AnneeForm(request.GET if "annee" in request.GET else None, annees=annees)
    annee = filtre.cleaned_data["annee"] if filtre.is_valid() else aujourd_hui.year
    resultat = presentation.chiffres(
        operateurs,
        annee,
        aujourd_hui,
        cofinances=acteur.est_cofinanceur,
        avec_total=not acteur.est_operateur,
    )
    return filtre, resultat


@login_required
@require_GET
def chiffres(request: HttpRequest) -> HttpResponse:
    filtre, resultat = _lire(request)
    contexte = {
        "title": "Chiffres d'activité de l'accompagnement",
        "filtre": filtre,
        "chiffres": resultat,
        "cofinanceur": request.acteur.est_cofinanceur,
        "operateur": request.acteur.est_operateur,
    }
    return render(request, "accompagnement/chiffres.html", contexte)


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    filtre, resultat = _lire(request)
    if filtre.errors:  # l'écran dit ce qui ne va pas, l'export ne change pas d'année en silence
        parametres = urlencode({"annee": request.GET.get("annee", "")})
        return redirect(f"{reverse('accompagnement:chiffres')}?{parametres}")
    contenu = en_csv(presentation.ENTETES_CSV, presentation.lignes_csv(resultat))
    nom = f"accompagnement-chiffres-{resultat.annee}.csv"
    return telechargement(contenu, "csv", nom)
