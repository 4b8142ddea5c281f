"""Propositions : liste et fiche (SIAO et opérateur visé), réponse de l'opérateur (accepter,
refuser avec un motif codé), décision du SIAO sur un refus, « ménage informé le », admission
du ménage d'une proposition acceptée (service d'admission des occupations). Une proposition
hors périmètre : 404 ; un geste de l'autre côté : 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iml.appels.views.conventions import reporter
from iml.orientations import perms, selectors, selectors_delais
from iml.orientations.forms.gestes import MotifForm
from iml.orientations.forms.propositions import (
    AdmissionForm,
    DecisionForm,
    InformeForm,
    ReponseForm,
)
from iml.orientations.presentation import en_retard, historique, menage_affiche, nommer
from iml.orientations.services import propositions as services
from iml.orientations.services.admission import SaisieAdmission, admettre_proposition
from iml.orientations.services.demandes import journaliser_consultation
from regles.format import de


def _exiger(request: HttpRequest) -> None:
    if not perms.voit_les_propositions(request.acteur):
        raise PermissionDenied(perms.REFUS_SIAO.message)


@login_required
@require_GET
def propositions(request: HttpRequest) -> HttpResponse:
    _exiger(request)
    liste = nommer(request.acteur, selectors.propositions_visibles(request.acteur)[:200])
    aujourd_hui = timezone.localdate()
    contexte = {
        "title": "Propositions",
        "liste": liste,
        "siao": perms.coordonne(request.acteur),
        "en_retard": [p.pk for p in liste if en_retard(p, aujourd_hui)],
        "exports": [
            ("propositions", "Exporter les propositions"),
            ("vacances", "Exporter les vacances"),
        ],
    }
    return render(request, "orientations/propositions.html", contexte)


@login_required
@require_GET
def proposition(request: HttpRequest, pk: int) -> HttpResponse:
    _exiger(request)
    objet = selectors.proposition_ou_404(request.acteur, pk)
    acteur = request.acteur
    journaliser_consultation(
        acteur=acteur, demande=objet.demande, page="proposition", maintenant=timezone.now()
    )
    objet.menage_affiche = menage_affiche(acteur, objet)
    contexte = {
        "title": f"Proposition {de(str(objet.menage_affiche))} pour {objet.logement.adresse}",
        "p": objet,
        "evenements": historique(objet),
        "en_retard": en_retard(objet, timezone.localdate()),
        "peut_repondre": objet.statut == "PROPOSEE"
        and not perms.acces_operateur(acteur, objet.operateur_id),
        "peut_decider": objet.statut == "REFUSEE" and not perms.acces_siao(acteur, objet.siao_id),
        "peut_admettre": perms.acces_admission(acteur, objet) is None,
        "peut_retirer": objet.statut in ("PROPOSEE", "ACCEPTEE")
        and not perms.acces_siao(acteur, objet.siao_id),
        "informe": InformeForm(),
    }
    return render(request, "orientations/proposition.html", contexte)


def _geste(request, objet, form, faire, gabarit: str, titre: str, succes: str) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            faire(form.cleaned_data)
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, succes)
            return redirect("orientations:proposition", pk=objet.pk)
    objet.menage_affiche = menage_affiche(request.acteur, objet)
    return render(request, gabarit, {"title": titre, "form": form, "p": objet})


@login_required
@require_http_methods(["GET", "POST"])
def repondre(request: HttpRequest, pk: int) -> HttpResponse:
    _exiger(request)
    objet = selectors.proposition_ou_404(request.acteur, pk)
    perms.exiger(perms.acces_operateur(request.acteur, objet.operateur_id))
    form = ReponseForm(request.POST or None)

    def faire(d) -> None:
        services.repondre(
            acteur=request.acteur, proposition=objet, accepte=d["reponse"] == "ACCEPTER",
            motif_refus=d["motif_refus"], note_refus=d["note_refus"], maintenant=timezone.now(),
        )  # fmt: skip

    return _geste(
        request, objet, form, faire, "orientations/geste.html",
        "Répondre à la proposition", "Réponse enregistrée : le SIAO la voit.",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def decider(request: HttpRequest, pk: int) -> HttpResponse:
    _exiger(request)
    objet = selectors.proposition_ou_404(request.acteur, pk)
    perms.exiger(perms.acces_siao(request.acteur, objet.siao_id))
    form = DecisionForm(request.POST or None)

    def faire(d) -> None:
        services.decider_refus(
            acteur=request.acteur, proposition=objet, decision=d["decision"], motif=d["motif"],
            maintenant=timezone.now(),
        )  # fmt: skip

    return _geste(
        request, objet, form, faire, "orientations/geste.html",
        "Décider du refus de l'opérateur", "Décision enregistrée.",
    )  # fmt: skip


@login_required
@require_POST
def informe(request: HttpRequest, pk: int) -> HttpResponse:
    _exiger(request)
    objet = selectors.proposition_ou_404(request.acteur, pk)
    form = InformeForm(request.POST)

    def faire(d) -> None:
        services.noter_menage_informe(
            acteur=request.acteur, proposition=objet, le=d["menage_informe_le"],
            maintenant=timezone.now(),
        )  # fmt: skip

    return _geste(
        request, objet, form, faire, "orientations/geste.html",
        "Ménage informé le", "Date d'information du ménage enregistrée.",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def admettre(request: HttpRequest, pk: int) -> HttpResponse:
    _exiger(request)
    objet = selectors.proposition_ou_404(request.acteur, pk)
    perms.exiger(perms.acces_operateur(request.acteur, objet.operateur_id))
    refus = perms.acces_admission(request.acteur, objet)
    if refus is not None:
        messages.error(request, refus.message)
        return redirect("orientations:proposition", pk=objet.pk)
    form = AdmissionForm(request.POST or None, demande=objet.demande)

    def faire(d) -> None:
        saisie = SaisieAdmission(
            date_naissance=d["date_naissance"], date_entree=d["date_entree"],
            membres=form.membres(), derogation=d["derogation"],
        )  # fmt: skip
        admettre_proposition(
            acteur=request.acteur, proposition=objet, saisie=saisie, maintenant=timezone.now()
        )

    return _geste(
        request, objet, form, faire, "orientations/admettre.html",
        f"Admettre {objet.demande}", "Ménage admis : il rejoint vos ménages.",
    )  # fmt: skip


def confirmer(request: HttpRequest, faire, contexte: dict, succes: str, suite: str):
    """Page de confirmation d'un geste qui ne se défait pas (motif écrit requis) : en GET, la
    page ; en POST valide, le geste (`faire(motif)`), puis `suite` ; sinon les erreurs."""
    form = MotifForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            faire(form.cleaned_data["motif"])
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, succes)
            return redirect(suite)
    statut = 400 if form.errors else 200
    return render(request, "orientations/confirmer.html", {**contexte, "form": form}, status=statut)


@login_required
@require_http_methods(["GET", "POST"])
def retirer(request: HttpRequest, pk: int) -> HttpResponse:
    """Le SIAO retire une proposition en attente ou acceptée (R-SIAO, motif écrit)."""
    _exiger(request)
    objet = selectors.proposition_ou_404(request.acteur, pk)
    perms.exiger(perms.acces_siao(request.acteur, objet.siao_id))
    retour = reverse("orientations:proposition", kwargs={"pk": objet.pk})
    contexte = {
        "title": f"Retirer la proposition {de(str(objet.demande))} pour {objet.logement.adresse}",
        "avertissement": (
            "Le retrait ne se défait pas : l'opérateur en est informé, la demande et le "
            "logement redeviennent libres pour une autre proposition."
        ),
        "bouton": "Retirer la proposition",
        "retour": retour,
        "libelle_retour": "Retour à la proposition",
    }

    def faire(motif: str) -> None:
        services.retirer(
            acteur=request.acteur, proposition=objet, motif=motif, maintenant=timezone.now()
        )

    return confirmer(request, faire, contexte, "Proposition retirée.", retour)


@login_required
@require_GET
def delais(request: HttpRequest) -> HttpResponse:
    """R-SIAO : délais entre les étapes des propositions ; par opérateur pour le SIAO, des
    nombres seulement pour l'État et la plateforme."""
    if not perms.peut_voir_chiffres(request.acteur):
        raise PermissionDenied("Les délais des propositions : SIAO, État, plateforme.")
    contexte = {
        "title": "Délais des propositions",
        "rapport": selectors_delais.rapport(request.acteur),
        "etapes": selectors_delais.ETAPES,
    }
    return render(request, "orientations/delais.html", contexte)
