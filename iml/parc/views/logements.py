"""Écrans des logements du parc : liste filtrée et paginée, création (au besoin depuis un
prospect capté), fiche (contrôle de décence, historique, contrats, transitions), modification,
changement de statut (R-PARC).

Hors périmètre : 404 (sélecteur). Visible sans droit d'écrire : 403. Un logement restitué
ne change plus : retour à sa fiche avec le motif.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iml.appels.views.conventions import reporter
from iml.comptes.audit import journaliser_consultation
from iml.parc import perms, selectors
from iml.parc import presentation_logements as presentation
from iml.parc.enums import CHOIX_FORME, CHOIX_STATUT_LOGEMENT, CHOIX_TYPOLOGIE
from iml.parc.forms.logements import (
    LogementForm,
    StatutLogementForm,
    initial_du_logement,
    initial_du_prospect,
)
from iml.parc.models import Logement, Prospect
from iml.parc.services import logements as services
from regles.types import StatutProspect

PAR_PAGE = 25


def _lecteur(request: HttpRequest) -> None:
    if not perms.peut_lire_logements(request.acteur):
        raise PermissionDenied


@login_required
@require_GET
def liste(request: HttpRequest) -> HttpResponse:
    """Direction et gestion locative : le parc de l'organisation ; travail social : les
    logements de ses ménages (aucun pour l'instant : état vide expliqué)."""
    _lecteur(request)
    acteur = request.acteur
    tous = selectors.logements_visibles(acteur)
    filtres = presentation.lire_filtres(request.GET, acteur.territoire.code)
    page = Paginator(presentation.filtrer(tous, filtres), PAR_PAGE).get_page(
        request.GET.get("page")
    )
    contexte = {
        "title": "Logements du parc",
        "page": page,
        "filtres": filtres,
        "compte": presentation.compte_par_statut(tous),
        "gere": perms.peut_gerer_parc(acteur),
        "choix_statut": CHOIX_STATUT_LOGEMENT,
        "choix_forme": CHOIX_FORME,
        "choix_typologie": CHOIX_TYPOLOGIE,
        "conventions": selectors.conventions_rattachables(acteur),
    }
    return render(request, "parc/logements/liste.html", contexte)


def _prospect(request: HttpRequest) -> Prospect | None:
    """Le prospect capté, sans logement, d'où part la création (`?prospect=`) ; 404 hors
    périmètre."""
    pk = request.GET.get("prospect", "")
    if not pk:
        return None
    if not (pk.isascii() and pk.isdigit()):
        raise Http404
    return selectors.prospect_ou_404(request.acteur, int(pk))


def _enregistrer_creation(request: HttpRequest, form: LogementForm, prospect) -> Logement | None:
    try:
        return services.creer_logement(
            acteur=request.acteur,
            bailleur=form.cleaned_data["bailleur"],
            maintenant=timezone.now(),
            prospect=prospect,
            **form.donnees(),
        )
    except ValidationError as erreur:
        reporter(form, erreur)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def creer(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    if refus := perms.acces_parc(acteur):
        raise PermissionDenied(refus.message)
    prospect = _prospect(request)
    if prospect is not None and (
        prospect.statut != StatutProspect.CAPTE or prospect.logement_id is not None
    ):
        messages.error(
            request,
            "R-CAPTATION : seul un prospect capté, sans logement, en crée un ; saisissez "
            "le logement sans prospect.",
        )
        return redirect("parc:logement_creer")
    initial = initial_du_prospect(prospect) if prospect else {}
    form = LogementForm(request.POST or None, acteur=acteur, initial=initial)
    logement = None
    if request.method == "POST" and form.is_valid():
        logement = _enregistrer_creation(request, form, prospect)
    if logement is not None:
        messages.success(request, f"Logement enregistré : {logement}.")
        return redirect("parc:logement", pk=logement.pk)
    contexte = {"title": "Nouveau logement", "form": form, "prospect": prospect}
    return render(request, "parc/logements/formulaire.html", contexte)


def contexte_fiche(request: HttpRequest, logement: Logement, **formulaires) -> dict:
    acteur = request.acteur
    jour = timezone.localdate()
    gere = perms.acces_modifier_logement(acteur, logement) is None
    evenements = [
        {
            "e": e,
            "de": presentation.libelle_statut(e.de),
            "vers": presentation.libelle_statut(e.vers),
        }
        for e in logement.evenements.select_related("par").order_by("-le", "-pk")
    ]
    return {
        "title": f"Logement — {logement}",
        "logement": logement,
        "badge": presentation.badge_statut(logement.statut),
        "decence": presentation.controle_decence(logement, jour),
        "evenements": evenements,
        "contrats": presentation.contrats_presentes(list(logement.contrats.all()), jour),
        "gere": gere,
        "peut_gerer": perms.peut_gerer_parc(acteur),
        "transitions": presentation.transitions_permises(logement) if gere else (),
        "statut_form": formulaires.get("statut_form") or StatutLogementForm(),
        "prospect": getattr(logement, "prospect", None),
    }


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    logement = selectors.logement_ou_404(request.acteur, pk)
    _lecteur(request)
    journaliser_consultation(logement)
    return render(request, "parc/logements/detail.html", contexte_fiche(request, logement))


def logement_modifiable(request: HttpRequest, pk: int) -> tuple[Logement, HttpResponse | None]:
    """Le logement (404 hors périmètre) ; 403 sans droit d'écrire ; un logement restitué
    renvoie à sa fiche avec le motif."""
    logement = selectors.logement_ou_404(request.acteur, pk)
    refus = perms.acces_modifier_logement(request.acteur, logement)
    if refus and not refus.etat:
        raise PermissionDenied(refus.message)
    if refus:
        messages.error(request, refus.message)
        return logement, redirect("parc:logement", pk=logement.pk)
    return logement, None


@login_required
@require_http_methods(["GET", "POST"])
def modifier(request: HttpRequest, pk: int) -> HttpResponse:
    logement, renvoi = logement_modifiable(request, pk)
    if renvoi:
        return renvoi
    form = LogementForm(
        request.POST or None,
        acteur=request.acteur,
        avec_bailleur=False,
        initial=initial_du_logement(logement),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.modifier_logement(
                acteur=request.acteur,
                logement=logement,
                aujourd_hui=timezone.localdate(),
                **form.donnees(),
            )
        except ValidationError as erreur:
            reporter(form, erreur)
            logement.refresh_from_db()
        else:
            messages.success(request, "Fiche du logement enregistrée.")
            return redirect("parc:logement", pk=logement.pk)
    contexte = {"title": f"Modifier le logement — {logement}", "form": form, "logement": logement}
    return render(request, "parc/logements/formulaire.html", contexte)


@login_required
@require_POST
def statut(request: HttpRequest, pk: int) -> HttpResponse:
    """Un passage de la table R-PARC ; un refus (décence, note manquante, confirmation) est
    affiché sur la fiche, statut inchangé."""
    logement, renvoi = logement_modifiable(request, pk)
    if renvoi:
        return renvoi
    form = StatutLogementForm(request.POST)
    if form.is_valid():
        vers = form.cleaned_data["vers"]
        try:
            services.changer_statut_logement(
                acteur=request.acteur, logement=logement, vers=vers,
                maintenant=timezone.now(), note=form.cleaned_data["note"], manuel=True,
            )  # fmt: skip
        except ValidationError as erreur:
            reporter_statut(form, erreur)
            logement.refresh_from_db()
        else:
            libelle = presentation.libelle_statut(vers)
            messages.success(request, f"Le logement est désormais « {libelle} ».")
            return redirect("parc:logement", pk=logement.pk)
    contexte = contexte_fiche(request, logement, statut_form=form)
    return render(request, "parc/logements/detail.html", contexte)


def reporter_statut(form: StatutLogementForm, erreur: ValidationError) -> None:
    """Les refus du service : la note sous la note, le reste (décence, table) en tête."""
    if not hasattr(erreur, "error_dict"):
        form.add_error(None, erreur)
        return
    for champ, messages_champ in erreur.message_dict.items():
        form.add_error("note" if champ == "note" else None, messages_champ)
