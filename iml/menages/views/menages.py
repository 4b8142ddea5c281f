"""Écrans des ménages : liste (recherche, filtres, pagination), création et modification de la
fiche.

Direction et gestion locative : tous les ménages de leur organisation ; travail social : ceux
dont elle ou il est référent (les autres : 404). L'État, le SIAO, les cofinanceurs et
l'administration de la plateforme ne voient aucun nom : la liste leur est refusée (403), une
fiche introuvable (404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iml.appels.views.conventions import reporter
from iml.menages import perms, selectors
from iml.menages import presentation as p
from iml.menages.enums import CHOIX_CATEGORIE
from iml.menages.forms.menage import RAPPEL_NOTES, MenageForm, initial_du_menage
from iml.menages.models import Menage
from iml.menages.services import menages as services

PAR_PAGE = 25


@login_required
@require_GET
def liste(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    if not perms.peut_lire_menages(acteur):
        raise PermissionDenied
    gere = perms.gere_les_menages(acteur)
    filtres = p.lire_filtres(request.GET)
    qs = p.filtrer(selectors.menages_de_la_liste(acteur), filtres)
    page = Paginator(qs, PAR_PAGE).get_page(request.GET.get("page"))
    contexte = {
        "title": "Ménages",
        "page": page,
        "lignes": [p.ligne_liste(m) for m in page.object_list],
        "filtres": filtres,
        "gere": gere,
        "referents": list(selectors.travailleurs_sociaux(acteur)) if gere else [],
        "sans_referent": p.SANS_REFERENT,
        "choix_categorie": CHOIX_CATEGORIE,
        "choix_situation": p.SITUATIONS,
    }
    return render(request, "menages/liste.html", contexte)


def _rendre_formulaire(
    request: HttpRequest, form: MenageForm, menage: Menage | None
) -> HttpResponse:
    titre = f"Modifier la fiche — {menage}" if menage else "Nouveau ménage"
    contexte = {
        "title": titre,
        "form": form,
        "menage": menage,
        "rappel_notes": RAPPEL_NOTES,
        "choisit_referent": "referent" in form.fields,
    }
    return render(request, "menages/formulaire.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def creer(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    if refus := perms.acces_gestion(acteur):
        raise PermissionDenied(refus.message)
    form = MenageForm(request.POST or None, acteur=acteur, choisit_referent=True)
    if request.method == "POST" and form.is_valid():
        donnees = form.donnees()
        try:
            menage = services.creer_menage(
                acteur=acteur, aujourd_hui=timezone.localdate(),
                referent=donnees.pop("referent"), **donnees,
            )  # fmt: skip
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, f"Ménage enregistré : référence {menage.reference}.")
            return redirect("menages:menage", pk=menage.pk)
    return _rendre_formulaire(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def modifier(request: HttpRequest, pk: int) -> HttpResponse:
    """La gestion change tout ; le travail social (référent) tout sauf le référent."""
    acteur = request.acteur
    menage = selectors.menage_ou_404(acteur, pk)
    choisit = perms.acces_gestion(acteur, menage.operateur_id) is None
    form = MenageForm(
        request.POST or None,
        acteur=acteur,
        choisit_referent=choisit,
        initial=initial_du_menage(menage),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.modifier_menage(
                acteur=acteur, menage=menage, aujourd_hui=timezone.localdate(), **form.donnees()
            )
        except ValidationError as erreur:
            reporter(form, erreur)
            menage.refresh_from_db()
        else:
            messages.success(request, "Fiche du ménage enregistrée.")
            return redirect("menages:menage", pk=menage.pk)
    # Le formulaire montre toute la fiche : une lecture, journalisée.
    services.journaliser_consultation(
        acteur=acteur, menage=menage, page="modification", maintenant=timezone.now()
    )
    return _rendre_formulaire(request, form, menage)
