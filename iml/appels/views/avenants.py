"""Signature d'une convention, avenants : préparer, signer, PDF, exemplaires signés.

Écrire : le service de l'appel (403 pour qui voit le dossier sans ce droit, 404 hors
périmètre). Lire un exemplaire signé ou le PDF d'un avenant : l'opérateur du dossier et l'État du
territoire de l'appel, comme la convention.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from iml.appels import pdf, selectors
from iml.appels.forms.conventions import AvenantForm, SignatureForm
from iml.appels.services import avenants as services_avenants
from iml.appels.services.avenants import Signature
from iml.appels.views.conventions import (
    calcul_ou_404,
    dossier_conventionnable,
    page_convention,
    reporter,
)
from iml.appels.views.documents import fichier
from iml.comptes.audit import journaliser_consultation


def _convention_ou_404(dossier):
    convention = selectors.convention_du_dossier(dossier)
    if convention is None:
        raise Http404("Aucune convention établie pour ce dossier.")
    return convention


def _enregistrer_signature(
    request: HttpRequest,
    dossier,
    *,
    verifier: Callable[[Signature, date], dict[str, list[str]]],
    signer: Callable[..., object],
    succes: str,
    cle_formulaire: str,
) -> HttpResponse:
    """Signature d'une convention ou d'un avenant : le formulaire refait les contrôles du
    service (toutes les erreurs d'un coup), le service enregistre, la page se réaffiche."""
    aujourd_hui = timezone.localdate()
    form = SignatureForm(request.POST, request.FILES, verifier=lambda s: verifier(s, aujourd_hui))
    if form.is_valid():
        try:
            signer(acteur=request.acteur, signature=form.signature(), aujourd_hui=aujourd_hui)
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, succes)
            return redirect("appels:convention", pk=dossier.pk)
    return page_convention(request, dossier, calcul_ou_404(dossier), **{cle_formulaire: form})


@login_required
@require_POST
def signer(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_conventionnable(request, pk)
    convention = _convention_ou_404(dossier)
    return _enregistrer_signature(
        request,
        dossier,
        verifier=partial(services_avenants.erreurs_signature_convention, convention),
        signer=partial(services_avenants.signer_convention, convention=convention),
        succes=f"Signature de la convention n° {convention.numero} "
        "enregistrée : ses montants sont désormais figés.",
        cle_formulaire="signature_form",
    )


@login_required
@require_POST
def preparer_avenant(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_conventionnable(request, pk)
    convention = _convention_ou_404(dossier)
    en_vigueur = services_avenants.montants_en_vigueur(convention)
    form = AvenantForm(request.POST, en_vigueur=en_vigueur)
    if form.is_valid():
        try:
            avenant = services_avenants.preparer_avenant(
                acteur=request.acteur,
                convention=convention,
                montants=form.montants(),
                motif=form.cleaned_data["motif"],
            )
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(
                request,
                f"Avenant n° {avenant.numero} préparé : téléchargez-le, "
                "faites-le signer puis enregistrez sa signature.",
            )
            return redirect("appels:convention", pk=dossier.pk)
    return page_convention(request, dossier, calcul_ou_404(dossier), avenant_form=form)


@login_required
@require_POST
def signer_avenant(request: HttpRequest, pk: int, numero: int) -> HttpResponse:
    dossier = dossier_conventionnable(request, pk)
    avenant = get_object_or_404(_convention_ou_404(dossier).avenants, numero=numero)
    return _enregistrer_signature(
        request,
        dossier,
        verifier=partial(services_avenants.erreurs_signature_avenant, avenant),
        signer=partial(services_avenants.signer_avenant, avenant=avenant),
        succes=f"Signature de l'avenant n° {numero} enregistrée : ses montants sont en vigueur.",
        cle_formulaire="avenant_signature_form",
    )


def _servir(objet, champ: FieldFile, nom: str, type_mime: str) -> FileResponse:
    if not champ:
        raise Http404("Aucun exemplaire signé enregistré.")
    try:
        contenu = champ.open("rb")
    except FileNotFoundError as absent:
        raise Http404 from absent
    journaliser_consultation(objet)
    reponse = FileResponse(contenu, as_attachment=True, filename=nom, content_type=type_mime)
    reponse["Cache-Control"] = "no-store"
    return reponse


@login_required
@require_GET
def convention_signee(request: HttpRequest, pk: int) -> FileResponse:
    convention = selectors.convention_ou_404(request.acteur, pk)
    return _servir(convention, convention.scan, convention.scan_nom, convention.scan_type_mime)


@login_required
@require_GET
def avenant_signe(request: HttpRequest, pk: int, numero: int) -> FileResponse:
    avenant = selectors.avenant_ou_404(request.acteur, pk, numero)
    return _servir(avenant, avenant.scan, avenant.scan_nom, avenant.scan_type_mime)


@login_required
@require_GET
def avenant_pdf(request: HttpRequest, pk: int, numero: int) -> HttpResponse:
    avenant = selectors.avenant_ou_404(request.acteur, pk, numero)
    nom = f"avenant-{avenant.numero}-convention-{avenant.convention.numero}.pdf"
    return fichier(pdf.pdf_avenant(avenant), "application/pdf", nom)
