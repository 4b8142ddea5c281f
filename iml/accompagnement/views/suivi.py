"""Suivi d'un ménage (volet suivi) : noter un contact (saisie rapide au téléphone), le
retirer (son auteur ou la direction, après confirmation), orienter vers un partenaire de
l'annuaire (R-PARTNERS) et noter la suite.

Le ménage, le contact ou l'orientation hors du périmètre de l'acteur est une 404 (la gestion
locative ne lit pas le suivi ; le travail social, les ménages dont il est référent). Chaque
écriture revient au dossier d'accompagnement, à sa section. Les pages qui montrent le suivi
(confirmation d'un retrait avec sa note, suite d'une orientation) sont des lectures
journalisées (page « accompagnement »).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from iml.accompagnement import presentation_suivi as p
from iml.accompagnement import selectors, selectors_suivi
from iml.accompagnement.forms.suivi import ContactForm, OrientationForm, SuiteForm
from iml.accompagnement.services import suivi as services
from iml.appels.views.conventions import reporter
from iml.menages.models import Menage
from iml.menages.services.menages import journaliser_consultation
from regles.format import date_fr

REFUS_RETRAIT = "Seul son auteur (ou la direction) retire un contact."


def vers_dossier(menage: Menage, ancre: str) -> HttpResponse:
    return redirect(reverse("accompagnement:dossier", args=[menage.pk]) + f"#{ancre}")


@login_required
@require_http_methods(["GET", "POST"])
def contact_ajouter(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    menage = selectors.menage_accompagne_ou_404(acteur, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.noter_contact(
                acteur=acteur, menage=menage, aujourd_hui=timezone.localdate(), **form.donnees()
            )
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(
                request,
                f"Contact enregistré : {contact.get_canal_display().lower()} du "
                f"{date_fr(contact.le)}.",
            )
            return vers_dossier(menage, "contacts")
    contexte = {
        "title": "Noter un contact",
        "menage": menage,
        "form": form,
        "rappel_note": p.RAPPEL_NOTE,
    }
    return render(request, "accompagnement/contact_ajouter.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def contact_retirer(request: HttpRequest, pk: int) -> HttpResponse:
    """GET : la confirmation (elle montre la note : lecture journalisée) ; POST : le retrait."""
    acteur = request.acteur
    contact = selectors.contact_ou_404(acteur, pk)
    if not p.peut_retirer_contact(acteur, contact):
        raise PermissionDenied(REFUS_RETRAIT)
    menage = contact.menage
    if request.method == "POST":
        services.retirer_contact(acteur=acteur, contact=contact)
        messages.success(request, f"Contact du {date_fr(contact.le)} retiré.")
        return vers_dossier(menage, "contacts")
    journaliser_consultation(
        acteur=acteur, menage=menage, page="accompagnement", maintenant=timezone.now()
    )
    contexte = {
        "title": "Retirer ce contact noté par erreur",
        "menage": menage,
        "contact": contact,
        "description": p.description_contact(contact),
    }
    return render(request, "accompagnement/contact_retirer.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def orientation_ajouter(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    menage = selectors.menage_accompagne_ou_404(acteur, pk)
    choix = selectors_suivi.partenaires_pour_orientation(acteur)
    form = OrientationForm(request.POST or None, partenaires=choix)
    if request.method == "POST" and form.is_valid():
        try:
            orientation = services.orienter(
                acteur=acteur, menage=menage, aujourd_hui=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(
                request,
                f"Orientation vers {orientation.partenaire} enregistrée "
                f"(le {date_fr(orientation.le)}).",
            )
            return vers_dossier(menage, "orientations")
    contexte = {
        "title": "Orienter vers un partenaire",
        "menage": menage,
        "form": form,
        "annuaire_vide": not choix.exists(),
    }
    return render(request, "accompagnement/orientation_ajouter.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def orientation_suite(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    orientation = selectors.orientation_ou_404(acteur, pk)
    initial = {
        "issue": orientation.issue,
        "issue_le": orientation.issue_le or timezone.localdate(),
    }
    form = SuiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.noter_suite(
                acteur=acteur, orientation=orientation, aujourd_hui=timezone.localdate(),
                **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as erreur:
            reporter(form, erreur)
            orientation.refresh_from_db()
        else:
            messages.success(request, f"Suite notée : {p.suite_lisible(orientation)}.")
            return vers_dossier(orientation.menage, "orientations")
    journaliser_consultation(
        acteur=acteur, menage=orientation.menage, page="accompagnement", maintenant=timezone.now()
    )
    contexte = {
        "title": "Noter la suite d'une orientation",
        "menage": orientation.menage,
        "orientation": p.ligne_orientation(orientation),
        "form": form,
    }
    return render(request, "accompagnement/orientation_suite.html", contexte)
