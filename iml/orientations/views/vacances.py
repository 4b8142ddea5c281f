"""Déclarer au SIAO un logement vacant ou bientôt vacant, et la liste des vacances de
l'opérateur (direction et gestion locative ; le logement d'un autre opérateur : 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iml.appels.views.conventions import reporter
from iml.orientations import perms, selectors
from iml.orientations.forms.propositions import VacanceForm
from iml.orientations.parametres import vacance_alerte_jours
from iml.orientations.selectors_delais import jours_vacance
from iml.orientations.services.vacances import (
    OUVERTES,
    annuler_vacance,
    declarer_vacance,
    vacance_ouverte,
)
from iml.orientations.views.propositions import confirmer
from iml.parc.selectors import logement_ou_404
from regles.types_orientations import StatutVacance


@login_required
@require_http_methods(["GET", "POST"])
def vacance_declarer(request: HttpRequest, pk: int) -> HttpResponse:
    if not perms.gere_les_orientations(request.acteur):
        raise PermissionDenied(perms.REFUS_OPERATEUR.message)
    logement = logement_ou_404(request.acteur, pk)
    brouillon = vacance_ouverte(logement)
    initial = (
        {"nature": brouillon.nature, "disponible_le": brouillon.disponible_le}
        if brouillon
        else {"nature": "BIENTOT_VACANT"}
    )
    form = VacanceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            declarer_vacance(
                acteur=request.acteur, logement=logement, maintenant=timezone.now(),
                **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, "Vacance déclarée au SIAO.")
            return redirect("orientations:accueil")
    titre = f"Déclarer au SIAO la vacance du {logement.adresse}"
    return render(request, "orientations/geste.html", {"title": titre, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def vacance_annuler(request: HttpRequest, pk: int) -> HttpResponse:
    """L'opérateur annule un brouillon sans suite ou une vacance qui n'a plus lieu (R-SIAO,
    confirmation et motif écrit) ; celle d'un autre opérateur : 404."""
    if not perms.gere_les_orientations(request.acteur):
        raise PermissionDenied(perms.REFUS_OPERATEUR.message)
    objet = selectors.vacance_ou_404(request.acteur, pk)
    retour = reverse("orientations:vacances")
    if objet.statut not in OUVERTES:
        messages.error(request, "R-SIAO : seule une vacance ouverte s'annule.")
        return redirect(retour)
    contexte = {
        "title": f"Annuler la vacance du {objet.logement.adresse}",
        "avertissement": (
            "L'annulation ne se défait pas : le SIAO ne voit plus ce logement parmi les "
            "vacances à pourvoir. Une nouvelle vacance pourra être déclarée plus tard."
        ),
        "bouton": "Annuler la vacance",
        "retour": retour,
        "libelle_retour": "Retour aux vacances",
    }

    def faire(motif: str) -> None:
        annuler_vacance(
            acteur=request.acteur, declaration=objet, motif=motif, maintenant=timezone.now()
        )

    return confirmer(request, faire, contexte, "Vacance annulée.", retour)


@login_required
@require_GET
def vacances(request: HttpRequest) -> HttpResponse:
    """Les vacances de l'opérateur : déclarées au SIAO, brouillons à compléter, pourvues (les
    50 dernières), chacune avec ses jours de vacance (R-SIAO)."""
    if not perms.gere_les_orientations(request.acteur):
        raise PermissionDenied(perms.REFUS_OPERATEUR.message)
    aujourd_hui = timezone.localdate()
    qs = selectors.vacances_visibles(request.acteur)
    sections = [
        ("Déclarées au SIAO", qs.filter(statut=StatutVacance.DECLAREE)),
        ("Brouillons à compléter et déclarer", qs.filter(statut=StatutVacance.BROUILLON)),
        ("Pourvues", qs.filter(statut=StatutVacance.POURVUE).order_by("-pourvue_le", "-pk")[:50]),
    ]
    contexte = {
        "title": "Vacances de vos logements",
        "sections": [
            (titre, [(v, jours_vacance(v, aujourd_hui)) for v in liste])
            for titre, liste in sections
        ],
        "alerte_jours": vacance_alerte_jours(),
    }
    return render(request, "orientations/vacances.html", contexte)
