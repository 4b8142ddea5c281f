"""Écrans des statistiques annuelles (R-STATS) : liste, ouverture d'une campagne, campagne
consolidée, statistique d'un opérateur (calculée, corrigée, soumise, consolidée), exports."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iml.appels.pdf import RenduImpossible
from iml.appels.views.conventions import reporter
from iml.appels.views.documents import fichier
from iml.pilotage import perms
from iml.pilotage.statistiques import exports, selectors, services
from iml.pilotage.statistiques.forms import CampagneForm, CorrectionForm
from iml.pilotage.statistiques.presentation import etat_fige, page_campagne, page_statistique


def _exiger_lecture(request: HttpRequest) -> None:
    if not perms.voit_les_statistiques(request.acteur):
        raise PermissionDenied(perms.REFUS_STATISTIQUES.message)


@login_required
@require_GET
def liste(request: HttpRequest) -> HttpResponse:
    _exiger_lecture(request)
    acteur = request.acteur
    contexte = {
        "title": "Statistiques annuelles",
        "campagnes": selectors.campagnes_visibles(acteur),
        "statistiques": selectors.statistiques_visibles(acteur).order_by(
            "-annee", "operateur__nom"
        ),
        "peut_ouvrir": perms.acces_ouvrir_campagne(acteur) is None,
        "voit_campagnes": perms.voit_le_pilotage_de_l_etat(acteur),
    }
    return render(request, "pilotage/statistiques/liste.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def campagne_ouvrir(request: HttpRequest) -> HttpResponse:
    perms.exiger(perms.acces_ouvrir_campagne(request.acteur))
    form = CampagneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            campagne = services.ouvrir_campagne(
                acteur=request.acteur, maintenant=timezone.now(), **form.cleaned_data
            )
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, f"La campagne {campagne.annee} est ouverte.")
            return redirect("pilotage:statistiques_campagne", pk=campagne.pk)
    contexte = {"title": "Ouvrir la campagne des statistiques annuelles", "form": form}
    return render(request, "pilotage/statistiques/campagne_ouvrir.html", contexte)


@login_required
@require_GET
def campagne(request: HttpRequest, pk: int) -> HttpResponse:
    contexte = _contexte_campagne(request, pk)
    return render(request, "pilotage/statistiques/campagne.html", contexte)


def _contexte_campagne(request: HttpRequest, pk: int) -> dict:
    if not perms.voit_le_pilotage_de_l_etat(request.acteur):
        raise PermissionDenied(perms.REFUS_STATISTIQUES.message)
    return page_campagne(request.acteur, selectors.campagne_ou_404(request.acteur, pk))


@login_required
@require_GET
def campagne_export(request: HttpRequest, pk: int, format_: str) -> HttpResponse:
    contexte = _contexte_campagne(request, pk)
    produire = exports.campagne_xlsx if format_ == "xlsx" else exports.campagne_ods
    campagne = contexte["campagne"]
    nom = f"statistiques-{campagne.annee}-{campagne.territoire.code}.{format_}"
    return fichier(produire(contexte), FORMATS[format_][1], nom)


def _statistique(request: HttpRequest, pk: int):
    _exiger_lecture(request)
    return selectors.statistique_ou_404(request.acteur, pk)


@login_required
@require_GET
def statistique(request: HttpRequest, pk: int) -> HttpResponse:
    objet = _statistique(request, pk)
    contexte = page_statistique(request.acteur, objet, timezone.localdate())
    return render(request, "pilotage/statistiques/statistique.html", contexte)


def _figee(request: HttpRequest, objet) -> HttpResponse | None:
    """R-STATS : une statistique soumise (ou consolidée, parfois dans un autre onglet pendant
    la correction) ne se revoit plus : retour à sa page avec la phrase d'état, jamais une
    erreur ; un refus de droit reste un 403."""
    refus = perms.acces_reviser_statistique(request.acteur, objet)
    if refus is None:
        return None
    if not refus.etat:
        raise PermissionDenied(refus.message)
    messages.error(request, etat_fige(objet))
    return redirect("pilotage:statistique", pk=objet.pk)


@login_required
@require_http_methods(["GET", "POST"])
def corriger(request: HttpRequest, pk: int) -> HttpResponse:
    objet = _statistique(request, pk)
    if (retour := _figee(request, objet)) is not None:
        return retour
    lignes = selectors.lignes_du_calcul(objet)
    indicateurs = [(ligne.cle, f"{ligne.rubrique} — {ligne.libelle}") for ligne in lignes]
    donnees = request.POST if request.method == "POST" else None
    form = CorrectionForm(donnees, indicateurs=indicateurs)
    if request.method == "POST" and form.is_valid():
        try:
            services.corriger(
                acteur=request.acteur, statistique=objet, maintenant=timezone.now(),
                **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as erreur:
            objet.refresh_from_db()
            if (retour := _figee(request, objet)) is not None:
                return retour  # soumise dans un autre onglet pendant la correction
            reporter(form, erreur)
        else:
            messages.success(
                request, "La correction est enregistrée ; la valeur calculée reste visible."
            )
            return redirect("pilotage:statistique", pk=objet.pk)
    contexte = {"title": "Corriger un indicateur", "form": form, "statistique": objet}
    return render(request, "pilotage/statistiques/corriger.html", contexte)


def _geste(
    request: HttpRequest, pk: int, faire: Callable, succes: str, revision: bool = True
) -> HttpResponse:
    objet = _statistique(request, pk)
    if revision and (retour := _figee(request, objet)) is not None:
        return retour  # déjà soumise (double clic, autre onglet) : la phrase d'état
    try:
        faire(acteur=request.acteur, statistique=objet, maintenant=timezone.now())
    except ValidationError as erreur:
        for message in erreur.messages:
            messages.error(request, message)
    else:
        messages.success(request, succes)
    return redirect("pilotage:statistique", pk=objet.pk)


@login_required
@require_POST
def recalculer(request: HttpRequest, pk: int) -> HttpResponse:
    return _geste(request, pk, services.recalculer, "Les statistiques sont recalculées.")


@login_required
@require_http_methods(["GET", "POST"])
def soumettre(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        return _geste(request, pk, services.soumettre, "Les statistiques sont soumises à l'État.")
    objet = _statistique(request, pk)
    if (retour := _figee(request, objet)) is not None:
        return retour
    contexte = {"title": f"Soumettre les statistiques {objet.annee}", "statistique": objet}
    return render(request, "pilotage/statistiques/soumettre.html", contexte)


@login_required
@require_POST
def consolider(request: HttpRequest, pk: int) -> HttpResponse:
    objet = _statistique(request, pk)
    if not request.acteur.est_etat:
        raise PermissionDenied(perms.acces_consolider_statistique(request.acteur, objet).message)
    return _geste(
        request, pk, services.consolider, "Les statistiques sont consolidées.", revision=False
    )


FORMATS = {
    "xlsx": (exports.en_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": (exports.en_ods, "application/vnd.oasis.opendocument.spreadsheet"),
    "pdf": (exports.en_pdf, "application/pdf"),
}


def _exporter(request: HttpRequest, pk: int, format_: str) -> HttpResponse:
    objet = _statistique(request, pk)
    produire, type_mime = FORMATS[format_]
    try:
        contenu = produire(objet)
    except RenduImpossible as erreur:
        messages.error(request, f"Le PDF n'a pas pu être établi : {erreur}.")
        return redirect("pilotage:statistique", pk=objet.pk)
    nom = f"statistiques-{objet.annee}-{objet.operateur.siret}.{format_}"
    return fichier(contenu, type_mime, nom)


@login_required
@require_GET
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _exporter(request, pk, "xlsx")


@login_required
@require_GET
def export_ods(request: HttpRequest, pk: int) -> HttpResponse:
    return _exporter(request, pk, "ods")


@login_required
@require_GET
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _exporter(request, pk, "pdf")
