"""Convention de financement d'un dossier retenu : formulaire (service de l'appel) et PDF
(opérateur du dossier et État du territoire)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from iml.appels import pdf, perms, selectors, services_conventions
from iml.appels.enums import Financeur
from iml.appels.forms_conventions import CofinancementFormSet, ConventionForm
from iml.appels.models import Convention
from iml.appels.views.documents import fichier
from iml.comptes.audit import journaliser_consultation


def _initiaux(calcul, convention: Convention | None) -> tuple[dict, list[dict]]:
    if convention is None:
        return {f"montant_{a.annee}": a.total for a in calcul.annees}, []
    # Stockés en texte (« 40050.00 ») : en Decimal, le champ les affiche à la française.
    montants = {f"montant_{k}": Decimal(v) for k, v in convention.montants_negocies.items()}
    lignes = [
        {
            "financeur": c.financeur,
            "organisation": c.organisation,
            "annee": c.annee,
            "montant": c.montant,
        }
        for c in convention.cofinancements.exclude(financeur=Financeur.ETAT_P177)
    ]
    return {**montants, "motif_ecart": convention.motif_ecart}, lignes


def _reporter(form: ConventionForm, erreur: ValidationError) -> None:
    if not hasattr(erreur, "error_dict"):
        form.add_error(None, erreur)
        return
    for champ, messages_champ in erreur.message_dict.items():
        form.add_error(champ if champ in form.fields else None, messages_champ)


def _enregistrer(request: HttpRequest, dossier, form, formset) -> bool:
    """Établit la convention si les saisies sont valides ; sinon reporte les refus du service."""
    if not (form.is_valid() and formset.is_valid()):
        return False
    try:
        services_conventions.etablir_convention(
            acteur=request.acteur,
            dossier=dossier,
            montants_negocies=form.montants_negocies(),
            motif_ecart=form.cleaned_data["motif_ecart"],
            cofinancements=formset.lignes(),
        )
    except ValidationError as erreur:
        _reporter(form, erreur)
        return False
    messages.success(request, "Convention enregistrée.")
    return True


@login_required
@require_http_methods(["GET", "POST"])
def convention(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    dossier = selectors.dossier_ou_404(acteur, pk)
    if not perms.peut_conventionner(acteur, dossier):
        raise PermissionDenied
    try:
        calcul = services_conventions.calculer_convention(dossier)
    except ValidationError as erreur:
        raise Http404(erreur.messages[0]) from erreur
    existante = Convention.objects.filter(dossier=dossier).first()
    initial, lignes = _initiaux(calcul, existante)
    options = {"form_kwargs": {"exercices": calcul.exercices}, "prefix": "cofinancements"}
    if request.method == "POST":
        form = ConventionForm(request.POST, calcul=calcul)
        formset = CofinancementFormSet(request.POST, **options)
        if _enregistrer(request, dossier, form, formset):
            return redirect("appels:convention", pk=dossier.pk)
    else:
        form = ConventionForm(initial=initial, calcul=calcul)
        formset = CofinancementFormSet(initial=lignes, **options)
    contexte = {
        "title": f"Convention — {dossier.operateur.nom}",
        "dossier": dossier,
        "calcul": calcul,
        "convention": existante,
        "form": form,
        "formset": formset,
    }
    return render(request, "appels/conventions/formulaire.html", contexte)


@login_required
@require_GET
def convention_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    convention = selectors.convention_ou_404(request.acteur, pk)
    nom = f"convention-{convention.numero}.pdf"
    contenu = pdf.pdf_convention(convention)
    journaliser_consultation(convention.dossier, document=f"Convention {convention.numero} (PDF)")
    return fichier(contenu, "application/pdf", nom)
