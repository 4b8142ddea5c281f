"""Le dossier d'accompagnement d'un ménage : plan ouvert (ou « Ouvrir un plan »), besoins,
objectifs, revues, dispositif et financeurs, étapes par moment avec ce qui reste
(R-ACCOMP-ETAPES), contacts et orientations (volet suivi), plans clos.

Lecture : le travailleur social référent du ménage et la direction de son opérateur ; hors
périmètre (gestion locative, autre opérateur, autre référent, État, SIAO, cofinanceurs) : 404.
Chaque affichage est inscrit au journal des consultations (page « accompagnement »).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from iml.accompagnement import presentation_plan as p
from iml.accompagnement import selectors, selectors_plan, selectors_suivi
from iml.accompagnement.forms.plan_actions import EtapeForm, ObjectifForm, RevueForm
from iml.accompagnement.models import Plan
from iml.accompagnement.parametres import parametres_accompagnement
from iml.menages.forms.menage import RAPPEL_NOTES
from iml.menages.models import Menage
from iml.menages.services.menages import journaliser_consultation
from regles.calendrier import ajouter_mois
from regles.types import Mode

PAGE_JOURNAL = "accompagnement"


def journaliser(request: HttpRequest, menage: Menage) -> None:
    journaliser_consultation(
        acteur=request.acteur, menage=menage, page=PAGE_JOURNAL, maintenant=timezone.now()
    )


def _contexte_plan(plan: Plan, menage: Menage, formulaires: dict[str, Any]) -> dict[str, Any]:
    jour = timezone.localdate()
    forme, _ = selectors.forme_du_menage(menage, plan)
    etapes, cochees = parametres_accompagnement().etapes, list(plan.etapes.all())
    moments = p.etapes(etapes, forme, cochees)
    return {
        "resume": p.resume(plan, menage, jour),
        "besoins": p.besoins(plan),
        "chez_soi": p.chez_soi(plan),
        "financements": p.financements(plan),
        "objectifs": p.objectifs(plan, jour),
        "revues": p.revues(plan),
        "moments": moments,
        "hors_liste": p.etapes_hors_liste(etapes, forme, cochees),
        "sans_logement": p.SANS_LOGEMENT if moments is None else "",
        "mg_sans_sortie": p.MG_SANS_SORTIE if forme is Mode.MANDAT_GESTION else "",
        "objectif_form": formulaires.get("objectif_form")
        or ObjectifForm(initial={"revue_le": ajouter_mois(jour, 3)}),
        "revue_form": formulaires.get("revue_form")
        or RevueForm(initial={"le": jour, "intensite": plan.intensite}),
        "etape_form": formulaires.get("etape_form") or EtapeForm(restantes=p.restantes(moments)),
    }


def contexte_dossier(menage: Menage, **formulaires: Any) -> dict[str, Any]:
    plan = selectors_plan.plan_du_dossier(menage)
    contexte: dict[str, Any] = {
        "title": f"Accompagnement — {menage.prenom} {menage.nom}",
        "menage": menage,
        "plan": plan,
        "plans_clos": p.plans_clos(selectors_plan.plans_clos(menage)),
        "chronologie": selectors_suivi.chronologie(menage),
        "orientations": selectors_suivi.orientations(menage),
        "rappel_notes": RAPPEL_NOTES,
    }
    if plan is not None:
        contexte |= _contexte_plan(plan, menage, formulaires)
    return contexte


def rendre_dossier(request: HttpRequest, menage: Menage, **formulaires: Any) -> HttpResponse:
    """Le dossier (avec les formulaires liés d'un geste refusé), inscrit au journal."""
    journaliser(request, menage)
    return render(request, "accompagnement/dossier.html", contexte_dossier(menage, **formulaires))


@login_required
@require_GET
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    menage = selectors.menage_accompagne_ou_404(request.acteur, pk)
    return rendre_dossier(request, menage)
