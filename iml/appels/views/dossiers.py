"""Vues des dossiers de candidature (opérateur) : étapes, panneau de conformité, dépôt,
versions figées, pièces jointes.

Hors périmètre : 404 (sélecteur ; la copie de travail n'est lue que par son opérateur).
Visible mais interdit (dépôt par un autre rôle que la direction, après la date limite…) : 403.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from iml.appels import perms, selectors
from iml.appels.forms import dossier as formulaires
from iml.appels.forms.dossier import ContexteDossier, lecture
from iml.appels.forms.dossier.conformite import (
    contenu_fusionne,
    evaluation_figee,
    evaluer,
)
from iml.appels.forms.dossier.etat import contexte_commun, pieces_du_dossier, url_etape
from iml.appels.forms.dossier.projet import EcheancierForm
from iml.appels.models import Dossier
from iml.appels.services import appels as services
from iml.appels.services import pieces as services_pieces
from iml.appels.views.documents import fichier_stocke
from iml.comptes.audit import journaliser_consultation
from regles.format import date_fr


@login_required
def mes_dossiers(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    if not acteur.est_operateur:
        raise Http404
    aujourd_hui = timezone.localdate()
    dossiers = selectors.dossiers_visibles(acteur).prefetch_related("versions")
    deja = {d.appel_id for d in dossiers}
    ouverts = [
        a
        for a in selectors.appels_ouverts_pour(acteur)
        if a.pk not in deja and perms.peut_candidater(acteur, a, aujourd_hui)
    ]
    lignes = [
        {
            "dossier": d,
            "url": url_etape(d),
            "version": d.derniere_version,
            "modifiable": perms.peut_rediger(acteur, d, aujourd_hui),
        }
        for d in dossiers
    ]
    contexte = {"title": "Mes dossiers", "lignes": lignes, "appels_ouverts": ouverts}
    return render(request, "appels/dossiers/mes_dossiers.html", contexte)


@login_required
@require_POST
def ouvrir(request: HttpRequest, pk: int) -> HttpResponse:
    """Crée (ou retrouve) le dossier de l'opérateur et reprend à la dernière étape enregistrée."""
    acteur = request.acteur
    appel = selectors.appel_ou_404(acteur, pk)
    dossier = services.ouvrir_dossier(acteur=acteur, appel=appel, aujourd_hui=timezone.localdate())
    return redirect(url_etape(dossier))


def _brouillon_ou_404(request: HttpRequest, pk: int) -> Dossier:
    dossier = selectors.dossier_ou_404(request.acteur, pk)
    if not perms.peut_lire_brouillon(request.acteur, dossier):
        raise Http404
    return dossier


def _formulaire(request: HttpRequest, classe: type, contexte: ContexteDossier) -> Any:
    if request.method == "POST":
        return classe(request.POST, request.FILES, contexte=contexte)
    initial = classe.initial_depuis(contexte.dossier.contenu, contexte)
    return classe(initial=initial, contexte=contexte)


def _enregistrer(request: HttpRequest, dossier: Dossier, form: Any, jour: date) -> HttpResponse:
    fichiers = form.fichiers_deposes() if hasattr(form, "fichiers_deposes") else []
    services_pieces.enregistrer_etape_et_pieces(
        acteur=request.acteur,
        dossier=dossier,
        etape=form.slug,
        donnees=form.vers_contenu(),
        fichiers=fichiers,
        aujourd_hui=jour,
    )
    messages.success(request, f"Étape « {form.titre} » enregistrée.")
    suivante = formulaires.suivante(form.slug)
    if "rester" in request.POST:
        return redirect(url_etape(dossier, form.slug))
    if suivante is None:
        return redirect("appels:dossier_deposer", pk=dossier.pk)
    return redirect(url_etape(dossier, suivante.slug))


@login_required
@require_http_methods(["GET", "POST"])
def etape(request: HttpRequest, pk: int, etape: str) -> HttpResponse:
    acteur = request.acteur
    dossier = _brouillon_ou_404(request, pk)
    classe = formulaires.etape(etape)
    if classe is None:
        raise Http404
    jour = timezone.localdate()
    modifiable = perms.peut_rediger(acteur, dossier, jour)
    if request.method == "POST" and not modifiable:
        raise PermissionDenied
    contexte = ContexteDossier.pour(dossier)
    form = _formulaire(request, classe, contexte)
    if request.method == "POST" and not form.ajout_demande and form.is_valid():
        return _enregistrer(request, dossier, form, jour)
    if not modifiable:
        form.desactiver()
    contenu = contenu_fusionne(dossier.contenu, form) if form.is_bound else dossier.contenu
    evaluation = evaluer(contenu, dossier.appel, jour, operateur=dossier.operateur)
    form.placer_constats(evaluation.constats, contenu)
    form.marquer_requis(_chemins_requis(dossier, jour))
    return render(
        request,
        classe.gabarit,
        {
            **contexte_commun(acteur, dossier, jour, classe.slug),
            "title": f"{classe.titre} — {dossier.appel.nom}",
            "form": form,
            "evaluation": evaluation,
            "bareme": contexte.bareme,
            "trimestres": contexte.trimestres,
            "pieces": pieces_du_dossier(dossier),
        },
    )


def _chemins_requis(dossier: Dossier, jour: date) -> list[str]:
    """Les pièces exigées au dépôt : ce que le moteur réclame d'un dossier vide de même
    échéancier (les formes prévues décident des prestations exigées) — R-DOSSIER,
    R-ELIGIBILITY —, pour les marquer « requis pour déposer » sans les recopier ici."""
    echeancier = {k: v for k, v in dossier.contenu.items() if k in ("logements", "places")}
    vide = evaluer(echeancier, dossier.appel, jour)
    return [
        c["champ"]
        for c in vide.constats
        if c.get("champ") and c["niveau"] == "erreur" and c["regle"] in REGLES_DE_DEPOT
    ]


#: Règles dont les erreurs sur un dossier vide désignent les pièces exigées au dépôt.
REGLES_DE_DEPOT = ("R-DOSSIER", "R-ELIGIBILITY")


@login_required
@require_POST
def conformite(request: HttpRequest, pk: int) -> HttpResponse:
    """Panneau de conformité (htmx) : le moteur sur le contenu enregistré fusionné avec la
    saisie en cours de l'étape, SANS rien enregistrer."""
    dossier = _brouillon_ou_404(request, pk)
    classe = formulaires.etape(request.POST.get("etape", ""))
    contexte = ContexteDossier.pour(dossier)
    form = None
    contenu = dossier.contenu
    if classe is not None:
        form = classe(request.POST, contexte=contexte)
        form.is_valid()
        contenu = contenu_fusionne(dossier.contenu, form)
    evaluation = evaluer(contenu, dossier.appel, timezone.localdate(), operateur=dossier.operateur)
    places = form.placer_constats(evaluation.constats, contenu) if form else []
    return render(
        request,
        "appels/dossiers/_panneau_conformite.html",
        {
            "dossier": dossier,
            "evaluation": evaluation,
            "erreurs_formulaire": [e["message"] for e in form.resume_erreurs()] if form else [],
            "constats_etape": places,
            "grilles": form.grilles() if isinstance(form, EcheancierForm) else None,
            "oob": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def deposer(request: HttpRequest, pk: int) -> HttpResponse:
    """Récapitulatif ; en POST, dépôt d'une version figée (direction, avant la date limite)."""
    acteur = request.acteur
    dossier = _brouillon_ou_404(request, pk)
    jour = timezone.localdate()
    erreurs: list[str] = []
    if request.method == "POST":
        if not perms.peut_deposer(acteur, dossier, jour):
            raise PermissionDenied
        try:
            version = services.deposer_dossier(
                acteur=acteur, dossier=dossier, maintenant=timezone.now()
            )
        except services.DepotRefuse as refus:
            erreurs = refus.messages
        else:
            jour_depot = timezone.localdate(version.deposee_le)
            messages.success(request, f"Version {version.numero} déposée le {date_fr(jour_depot)}.")
            return redirect("appels:dossier_version", pk=dossier.pk, numero=version.numero)
    contexte = ContexteDossier.pour(dossier)
    return render(
        request,
        "appels/dossiers/recapitulatif.html",
        {
            **contexte_commun(acteur, dossier, jour, "recapitulatif"),
            **_lecture(dossier.contenu, contexte),
            "title": f"Récapitulatif et dépôt — {dossier.appel.nom}",
            "evaluation": evaluer(
                dossier.contenu, dossier.appel, jour, operateur=dossier.operateur
            ),
            "erreurs_depot": erreurs,
            "pieces": pieces_du_dossier(dossier),
        },
    )


def _lecture(contenu: dict[str, Any], contexte: ContexteDossier) -> dict[str, Any]:
    return {
        "sections": lecture.sections(contenu),
        "annexes": lecture.annexes(contenu, contexte.trimestres, contexte.bareme),
        "bareme": contexte.bareme,
    }


@login_required
def version(request: HttpRequest, pk: int, numero: int) -> HttpResponse:
    """Une version déposée, figée, en lecture seule (opérateur, État du territoire)."""
    acteur = request.acteur
    version = selectors.version_ou_404(acteur, pk, numero)
    dossier = version.dossier
    journaliser_consultation(dossier)
    return render(
        request,
        "appels/dossiers/version.html",
        {
            "title": f"Version {version.numero} — {dossier}",
            "dossier": dossier,
            "version": version,
            "versions": dossier.versions.order_by("numero"),
            **_lecture(version.contenu, ContexteDossier.pour(dossier)),
            "evaluation": evaluation_figee(version),
            "pieces": pieces_du_dossier(dossier, jusqu_au=version.deposee_le),
            "est_operateur": perms.peut_lire_brouillon(acteur, dossier),
            "convention": selectors.convention_du_dossier(dossier),
        },
    )


@login_required
def piece_telecharger(request: HttpRequest, pk: int) -> FileResponse:
    """Sert une pièce en pièce jointe, après contrôle du périmètre ; la consultation est
    journalisée."""
    piece = selectors.piece_ou_404(request.acteur, pk)
    try:
        fichier = piece.fichier.open("rb")
    except FileNotFoundError as absent:
        raise Http404 from absent
    journaliser_consultation(piece)
    return fichier_stocke(fichier, piece.type_mime, piece.nom_original)


@login_required
@require_POST
def piece_supprimer(request: HttpRequest, pk: int) -> HttpResponse:
    piece = selectors.piece_ou_404(request.acteur, pk)
    dossier = piece.dossier
    try:
        services_pieces.supprimer_piece(
            acteur=request.acteur, piece=piece, aujourd_hui=timezone.localdate()
        )
    except ValidationError as refus:
        messages.error(request, " ".join(refus.messages))
    else:
        messages.success(request, f"Document « {piece.nom_original} » supprimé.")
    return redirect(
        reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": "agrements"})
    )
