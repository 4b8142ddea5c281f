"""Fiche du ménage : identité, membres, ressources (courantes, total mensuel, historique),
critères de priorité, orientation, notes, occupations ; ajouts et retraits (un retrait se
confirme). Chaque affichage de la fiche est inscrit au journal des consultations ; la
direction voit les dernières lectures.

Hors périmètre (autre opérateur, ménage suivi par un autre travailleur social, État, SIAO,
cofinanceurs, administration de la plateforme) : 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iml.accompagnement.views.plan_fiche import section_accompagnement
from iml.appels.views.conventions import reporter
from iml.menages import perms, selectors
from iml.menages import presentation as p
from iml.menages.forms.elements import CritereForm, PersonneForm, RessourceForm
from iml.menages.forms.menage import RAPPEL_NOTES
from iml.menages.models import Menage
from iml.menages.services import menages as services


def contexte_fiche(request: HttpRequest, menage: Menage, **formulaires: Any) -> dict[str, Any]:
    acteur = request.acteur
    jour = timezone.localdate()
    occupations = p.occupations(menage)
    consultations = selectors.consultations_recentes(acteur, menage)
    gere = perms.acces_gestion(acteur, menage.operateur_id) is None
    return {
        "title": f"Ménage — {menage}",
        "menage": menage,
        "age": p.age(menage.date_naissance, jour),
        "membres": p.membres(menage, jour),
        "composition": p.composition(1 + len(menage.personnes.all())),
        "ressources": p.ressources(menage, jour),
        "criteres": list(menage.criteres.all()),
        "occupations": occupations,
        "peut_admettre": gere and not p.a_une_occupation_en_cours(occupations),
        "consultations": (
            None
            if consultations is None
            else [{"c": c, "page": p.libelle_page(c.page)} for c in consultations]
        ),
        "rappel_notes": RAPPEL_NOTES,
        "membre_form": formulaires.get("membre_form") or PersonneForm(),
        "ressource_form": formulaires.get("ressource_form") or RessourceForm(),
        "critere_form": formulaires.get("critere_form") or CritereForm(),
        **section_accompagnement(acteur, menage),
    }


def rendre_fiche(request: HttpRequest, menage: Menage, **formulaires: Any) -> HttpResponse:
    """Affiche la fiche et l'inscrit au journal (qui, quand, quelle page)."""
    services.journaliser_consultation(
        acteur=request.acteur, menage=menage, page="fiche", maintenant=timezone.now()
    )
    contexte = contexte_fiche(request, menage, **formulaires)
    return render(request, "menages/fiche.html", contexte)


@login_required
@require_GET
def fiche(request: HttpRequest, pk: int) -> HttpResponse:
    menage = selectors.menage_de_la_fiche(request.acteur, pk)
    return rendre_fiche(request, menage)


def _retour(menage: Menage, ancre: str) -> HttpResponse:
    return redirect(reverse("menages:menage", args=[menage.pk]) + f"#{ancre}")


def _ajouter(request: HttpRequest, pk: int, cle: str, form, ecrire, succes: str) -> HttpResponse:
    """Le geste commun des ajouts : formulaire valide, service, retour à la section ; sinon
    la fiche avec les erreurs sous les champs (saisies gardées)."""
    menage = selectors.menage_ou_404(request.acteur, pk)
    if form.is_valid():
        try:
            ecrire(menage, form.cleaned_data)
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, succes)
            return _retour(menage, cle + "s")
    menage = selectors.menage_de_la_fiche(request.acteur, pk)
    return rendre_fiche(request, menage, **{f"{cle}_form": form})


@login_required
@require_POST
def ajouter_membre(request: HttpRequest, pk: int) -> HttpResponse:
    def ecrire(menage: Menage, d: dict[str, Any]) -> None:
        services.ajouter_personne(
            acteur=request.acteur, menage=menage, aujourd_hui=timezone.localdate(), **d
        )

    form = PersonneForm(request.POST)
    return _ajouter(request, pk, "membre", form, ecrire, "Membre ajouté au ménage.")


@login_required
@require_POST
def ajouter_ressource(request: HttpRequest, pk: int) -> HttpResponse:
    def ecrire(menage: Menage, d: dict[str, Any]) -> None:
        services.ajouter_ressource(
            acteur=request.acteur, menage=menage, aujourd_hui=timezone.localdate(), **d
        )

    form = RessourceForm(request.POST)
    return _ajouter(request, pk, "ressource", form, ecrire, "Ressource enregistrée.")


@login_required
@require_POST
def ajouter_critere(request: HttpRequest, pk: int) -> HttpResponse:
    def ecrire(menage: Menage, d: dict[str, Any]) -> None:
        services.poser_critere(
            acteur=request.acteur, menage=menage, aujourd_hui=timezone.localdate(), **d
        )

    form = CritereForm(request.POST)
    return _ajouter(request, pk, "critere", form, ecrire, "Critère de priorité enregistré.")


#: Ce qui se retire d'une fiche : (sélecteur, service, nom de l'argument du service).
RETRAITS = {
    "membre": (selectors.personne_ou_404, services.retirer_personne, "personne"),
    "ressource": (selectors.ressource_ou_404, services.retirer_ressource, "ressource"),
    "critere": (selectors.critere_ou_404, services.retirer_critere, "critere"),
}

LIBELLES_RETRAIT = {
    "membre": ("Retirer ce membre du ménage", "Membre retiré du ménage."),
    "ressource": ("Retirer cette ressource saisie par erreur", "Ressource retirée."),
    "critere": ("Retirer ce critère de priorité", "Critère de priorité retiré."),
}


def _retirer(request: HttpRequest, pk: int, quoi: str, element: int) -> HttpResponse:
    """GET : la confirmation ; POST : le retrait (le journal d'audit garde la ligne)."""
    menage = selectors.menage_ou_404(request.acteur, pk)
    trouver, retirer, argument = RETRAITS[quoi]
    objet = trouver(menage, element)
    titre, succes = LIBELLES_RETRAIT[quoi]
    if request.method == "POST":
        retirer(acteur=request.acteur, **{argument: objet})
        messages.success(request, succes)
        return _retour(menage, quoi + "s")
    services.journaliser_consultation(
        acteur=request.acteur, menage=menage, page="retrait", maintenant=timezone.now()
    )
    contexte = {
        "title": titre,
        "menage": menage,
        "description": p.description_element(quoi, objet),
        "ancre": quoi + "s",
    }
    return render(request, "menages/confirmer_retrait.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def retirer_membre(request: HttpRequest, pk: int, element: int) -> HttpResponse:
    return _retirer(request, pk, "membre", element)


@login_required
@require_http_methods(["GET", "POST"])
def retirer_ressource(request: HttpRequest, pk: int, element: int) -> HttpResponse:
    return _retirer(request, pk, "ressource", element)


@login_required
@require_http_methods(["GET", "POST"])
def retirer_critere(request: HttpRequest, pk: int, element: int) -> HttpResponse:
    return _retirer(request, pk, "critere", element)
