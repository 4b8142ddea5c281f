"""Convention de financement d'un dossier retenu : formulaire (service de l'appel) et PDF
(opérateur du dossier et État du territoire)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iml.appels import pdf, perms, selectors
from iml.appels.enums import Financeur
from iml.appels.forms.conventions import (
    AvenantForm,
    CofinancementFormSet,
    ConventionForm,
    SignatureForm,
)
from iml.appels.models import Convention, Dossier
from iml.appels.services import conventions as services_conventions
from iml.appels.services.avenants import montants_en_vigueur
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


def reporter(form: forms.Form, erreur: ValidationError) -> None:
    """Reporte les refus d'un service sous leurs champs (ou en tête du formulaire)."""
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
        reporter(form, erreur)
        return False
    messages.success(request, "Convention enregistrée.")
    return True


def dossier_conventionnable(request: HttpRequest, pk: int) -> Dossier:
    """Le dossier (404 hors périmètre), pour le service de l'appel seulement (403 sinon)."""
    dossier = selectors.dossier_ou_404(request.acteur, pk)
    if not perms.peut_conventionner(request.acteur, dossier):
        raise PermissionDenied
    return dossier


def calcul_ou_404(dossier: Dossier) -> services_conventions.CalculConvention:
    try:
        return services_conventions.calculer_convention(dossier)
    except ValidationError as erreur:
        raise Http404(erreur.messages[0]) from erreur


def _options(request: HttpRequest, dossier: Dossier, calcul) -> dict:
    cofinanceurs = selectors.cofinanceurs_de_l_appel(request.acteur, dossier.appel)
    return {
        "form_kwargs": {"exercices": calcul.exercices, "cofinanceurs": cofinanceurs},
        "prefix": "cofinancements",
    }


def page_convention(request: HttpRequest, dossier: Dossier, calcul, **formulaires) -> HttpResponse:
    """La page de la convention : formulaire tant qu'elle n'est pas signée, puis signature,
    avenants (les versions précédentes restent listées) ; `formulaires` liés en cas d'erreur."""
    existante = selectors.convention_du_dossier(dossier)
    contexte = {
        "title": f"Convention — {dossier.operateur.nom}",
        "dossier": dossier,
        "calcul": calcul,
        "convention": existante,
    }
    if existante is None or not existante.signee:
        initial, lignes = _initiaux(calcul, existante)
        contexte["form"] = formulaires.get("form") or ConventionForm(initial=initial, calcul=calcul)
        contexte["formset"] = formulaires.get("formset") or CofinancementFormSet(
            initial=lignes, **_options(request, dossier, calcul)
        )
    if existante is not None:
        contexte["signature_form"] = formulaires.get("signature_form") or SignatureForm()
        contexte |= _contexte_avenants(existante, formulaires)
    if existante is not None and existante.signee:
        # R-STATS : des statistiques annuelles non soumises à la date limite signalent le
        # renouvellement (lu dans le pilotage, qui tient les campagnes).
        from iml.pilotage.statistiques.selectors import signal_renouvellement

        contexte["signal_statistiques"] = signal_renouvellement(
            dossier.operateur_id, timezone.localdate()
        )
    return render(request, "appels/conventions/formulaire.html", contexte)


def _contexte_avenants(convention: Convention, formulaires: dict) -> dict:
    if not convention.signee:
        return {}
    avenants = list(selectors.avenants(convention))
    en_attente = next((a for a in avenants if not a.signee), None)
    en_vigueur = montants_en_vigueur(convention)
    signes = [a for a in avenants if a.signee]
    source = f"l'avenant n° {signes[-1].numero}" if signes else "la convention signée"
    initial = {f"montant_{k}": Decimal(v) for k, v in en_vigueur.items() if v is not None}
    if en_attente is not None:
        initial = {f"montant_{k}": Decimal(v) for k, v in en_attente.montants.items()}
        initial["motif"] = en_attente.motif
    return {
        "avenants": avenants,
        "avenant_en_attente": en_attente,
        "en_vigueur": sorted(en_vigueur.items()),
        "source_en_vigueur": source,
        "avenant_form": formulaires.get("avenant_form")
        or AvenantForm(initial=initial, en_vigueur=en_vigueur),
        "avenant_signature_form": formulaires.get("avenant_signature_form") or SignatureForm(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def convention(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_conventionnable(request, pk)
    calcul = calcul_ou_404(dossier)
    existante = selectors.convention_du_dossier(dossier)
    if request.method == "POST" and existante is not None and existante.signee:
        messages.error(
            request,
            "R-SUBSIDY-PRORATA : une convention signée ne se modifie plus ; un changement de "
            "montant passe par un avenant.",
        )
        return redirect("appels:convention", pk=dossier.pk)
    if request.method == "POST":
        form = ConventionForm(request.POST, calcul=calcul)
        formset = CofinancementFormSet(request.POST, **_options(request, dossier, calcul))
        if _enregistrer(request, dossier, form, formset):
            return redirect("appels:convention", pk=dossier.pk)
        return page_convention(request, dossier, calcul, form=form, formset=formset)
    return page_convention(request, dossier, calcul)


@login_required
@require_GET
def convention_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    convention = selectors.convention_ou_404(request.acteur, pk)
    nom = f"convention-{convention.numero}.pdf"
    contenu = pdf.pdf_convention(convention)
    journaliser_consultation(convention.dossier, document=f"Convention {convention.numero} (PDF)")
    return fichier(contenu, "application/pdf", nom)
