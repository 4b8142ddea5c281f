"""Le moteur d'appariement côté SIAO (R-APPARIEMENT) : lancer (confirmation), suivre
l'exécution (avancement en JSON), revoir les paires (score décomposé, ménages non logés et
logements non pourvus avec la raison, objectif et preuve d'optimalité), cocher celles à
proposer, demander pourquoi une paire est exclue ; historique des exécutions.

Coordination du SIAO seulement (403) ; l'exécution d'un autre SIAO : 404. Rien n'est proposé
sans le clic « Créer les propositions ».
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iml.orientations import perms, selectors
from iml.orientations import presentation_appariement as pres
from iml.orientations.models import ExecutionAppariement
from iml.orientations.services import appariement as services
from iml.orientations.services.demandes import journaliser_consultations
from regles.types_orientations import StatutExecution

FINIS = (StatutExecution.TERMINEE, StatutExecution.ECHEC)


def _exiger_siao(request: HttpRequest) -> None:
    if not perms.coordonne(request.acteur):
        raise PermissionDenied(perms.REFUS_SIAO.message)


def _execution(request: HttpRequest, pk: int) -> ExecutionAppariement:
    _exiger_siao(request)
    return get_object_or_404(
        selectors.executions(request.acteur).select_related("lancee_par"), pk=pk
    )


@login_required
@require_GET
def appariements(request: HttpRequest) -> HttpResponse:
    """Historique des exécutions du SIAO (instantané et barème gardés)."""
    _exiger_siao(request)
    qs = selectors.executions(request.acteur).select_related("lancee_par")
    page = Paginator(qs.defer("entree", "resultat"), 30).get_page(request.GET.get("page"))
    contexte = {"title": "Exécutions du moteur d'appariement", "page": page}
    return render(request, "orientations/appariements.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def appariement_lancer(request: HttpRequest) -> HttpResponse:
    """Confirmation, puis lancement en tâche de fond."""
    _exiger_siao(request)
    if request.method == "POST":
        execution = services.lancer(acteur=request.acteur, maintenant=timezone.now())
        return redirect("orientations:appariement", pk=execution.pk)
    contexte = {
        "title": "Lancer l'appariement",
        "vacances": selectors.vacances_a_pourvoir(request.acteur).count(),
        "demandes": selectors.demandes_en_attente(request.acteur).count(),
        "en_cours": services.en_cours(request.acteur.organisation, timezone.now()).first(),
    }
    return render(request, "orientations/appariement_lancer.html", contexte)


@login_required
@require_GET
def appariement(request: HttpRequest, pk: int) -> HttpResponse:
    """L'exécution : avancement tant qu'elle tourne, puis la revue des paires."""
    execution = _execution(request, pk)
    contexte: dict = {
        "title": f"Appariement du {timezone.localtime(execution.lancee_le):%d/%m/%Y à %H:%M}",
        "execution": execution,
        "fini": execution.statut in FINIS,
        "url_progression": reverse("orientations:appariement_progression", kwargs={"pk": pk}),
    }
    if execution.statut == StatutExecution.TERMINEE:
        libelles = pres.Libelles(execution)
        journaliser_consultations(
            acteur=request.acteur, demandes=libelles.demandes.values(), page="appariement",
            maintenant=timezone.now(),
        )  # fmt: skip
        contexte |= {
            "paires": pres.paires(execution, libelles),
            "preuve": pres.preuve(execution),
            "choix_menages": libelles.choix_menages(),
            "choix_logements": libelles.choix_logements(),
            **pres.manques(execution, libelles),
        }
    return render(request, "orientations/appariement.html", contexte)


@login_required
@require_GET
def appariement_progression(request: HttpRequest, pk: int) -> JsonResponse:
    execution = _execution(request, pk)
    reponse = JsonResponse(
        {
            "etat": execution.statut,
            "libelle": execution.get_statut_display(),
            "progression": execution.progression,
            "fini": execution.statut in FINIS,
        }
    )
    reponse["Cache-Control"] = "no-store"
    return reponse


@login_required
@require_POST
def appariement_proposer(request: HttpRequest, pk: int) -> HttpResponse:
    """Les paires cochées deviennent des propositions ; les impossibles sont dites."""
    execution = _execution(request, pk)
    paires = [tuple(c.split(":", 1)) for c in request.POST.getlist("paire") if ":" in c]
    try:
        bilan = services.proposer_paires(
            acteur=request.acteur,
            execution=execution,
            paires=[(m, lg) for m, lg in paires],
            maintenant=timezone.now(),
        )
    except ValidationError as refus:
        for message in refus.messages:
            messages.error(request, message)
        return redirect("orientations:appariement", pk=pk)
    if n := len(bilan.creees):
        messages.success(
            request,
            f"{n} proposition{'s' if n > 1 else ''} créée{'s' if n > 1 else ''} : les "
            "opérateurs ont à répondre dans le délai du barème (R-SIAO).",
        )
    for message in bilan.refusees:
        messages.error(request, f"Non proposée — {message}")
    return redirect("orientations:appariement", pk=pk)


@login_required
@require_GET
def appariement_pourquoi(request: HttpRequest, pk: int) -> HttpResponse:
    """« Pourquoi pas ce ménage pour ce logement ? » : les règles qui excluent la paire."""
    execution = _execution(request, pk)
    if execution.statut != StatutExecution.TERMINEE:
        return redirect("orientations:appariement", pk=pk)
    libelles = pres.Libelles(execution)
    menage, logement = request.GET.get("menage", ""), request.GET.get("logement", "")
    contexte: dict = {
        "title": "Pourquoi pas ce ménage pour ce logement ?",
        "execution": execution,
        "choix_menages": libelles.choix_menages(),
        "choix_logements": libelles.choix_logements(),
        "menage": menage,
        "logement": logement,
    }
    statut = 200
    if menage in libelles.menages_entree and logement in libelles.logements_entree:
        try:
            exclusion = services.exclusions_paire(execution, menage, logement)
        except ValidationError as refus:
            contexte["erreur"] = " ".join(refus.messages)
            statut = 400
        else:
            contexte |= {
                "exclusion": exclusion,
                "libelle_menage": libelles.menage(menage),
                "libelle_logement": libelles.logement(logement),
                "affectee": _affectee(execution, menage, logement),
            }
    elif menage or logement:
        contexte["erreur"] = "Choisissez un ménage et un logement de cette exécution."
        statut = 400
    return render(request, "orientations/appariement_pourquoi.html", contexte, status=statut)


def _affectee(execution: ExecutionAppariement, menage: str, logement: str) -> bool:
    return any(
        a["menage"] == menage and a["logement"] == logement
        for a in (execution.resultat or {}).get("affectations", [])
    )
