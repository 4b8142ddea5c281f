"""Vues de l'instruction (État) : dossiers d'un appel et panneau, fiche d'instruction d'un
dossier, notation et décision du comité (R-SELECTION).

Hors périmètre : 404 (sélecteurs). Hors de l'État : 403. La DREETS lit, seul le service de
l'appel note et décide ; avant la clôture, la décision renvoie à la fiche avec le motif.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from iml.appels import perms, presentation, resume, selectors
from iml.appels.forms.instruction import DecisionForm, NotationForm
from iml.appels.models import Dossier
from iml.appels.services import decisions as services_decisions
from iml.appels.services import instruction as services_instruction
from iml.appels.services import statuts as services_statuts
from iml.comptes.acteur import Acteur
from iml.comptes.audit import journaliser_consultation
from regles.format import nombre


def _verifier_lecture(acteur: Acteur) -> None:
    if not perms.peut_consulter_instruction(acteur):
        raise PermissionDenied


@login_required
def instruction(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    appel = selectors.appel_ou_404(acteur, pk)
    _verifier_lecture(acteur)
    bareme = appel.jeu.en_bareme()
    dossiers = list(
        selectors.dossiers_de_l_appel(acteur, appel)
        .select_related("decision")
        .prefetch_related("notations")
    )
    lignes = []
    for dossier in dossiers:
        notes = {code: n.note for code, n in presentation.notes_du_dossier(dossier).items()}
        version = presentation.derniere_version(dossier)
        lignes.append(
            {
                "dossier": dossier,
                "version": version,
                "cles": presentation.chiffres_cles(version),
                "total": presentation.total_pondere(notes, bareme),
                "decision": getattr(dossier, "decision", None),
            }
        )
    contexte = {
        "title": f"Instruction — {appel.nom}",
        "appel": appel,
        "bareme": bareme,
        "lignes": lignes,
        "panneau": presentation.panneau_appel(dossiers, bareme),
    }
    return render(request, "appels/instruction/appel.html", contexte)


def _contexte_dossier(
    acteur: Acteur,
    dossier: Dossier,
    form_notation: NotationForm | None = None,
) -> dict[str, Any]:
    bareme = dossier.appel.jeu.en_bareme()
    version = presentation.derniere_version(dossier)
    constats = version.constats if version else []
    notations = presentation.notes_du_dossier(dossier)
    a = bareme.appel
    criteres = a.criteres_selection if a else ()
    refus_notation = perms.acces_noter(acteur, dossier)
    if form_notation is None and refus_notation is None and a:
        form_notation = NotationForm(criteres=criteres, note_max=a.note_max, notations=notations)
    return {
        "title": f"Instruction — {dossier.operateur}",
        "dossier": dossier,
        "appel": dossier.appel,
        "version": version,
        "versions": [
            (v, v.nombre("erreur"), v.nombre("alerte"))
            for v in sorted(dossier.versions.all(), key=lambda v: -v.numero)
        ],
        "cles": presentation.chiffres_cles(version),
        "groupes": presentation.constats_par_niveau(constats),
        "manques": presentation.completude(constats),
        "resume": resume.resume_contenu(version.contenu if version else {}),
        "grille": [(c, notations.get(c.code)) for c in criteres],
        "note_max": a.note_max if a else None,
        "total": presentation.total_pondere(
            {code: n.note for code, n in notations.items()}, bareme
        ),
        "form_notation": form_notation,
        "refus_notation": refus_notation if refus_notation and refus_notation.etat else None,
        "peut_instruire": perms.peut_instruire(acteur, dossier),
        "peut_conventionner": perms.peut_conventionner(acteur, dossier),
        "convention": selectors.convention_du_dossier(dossier),
        **_contexte_decision(acteur, dossier),
    }


def _contexte_decision(acteur: Acteur, dossier: Dossier) -> dict[str, Any]:
    """Décision en vigueur, décisions remplacées, historique du statut et refus motivé."""
    decision = getattr(dossier, "decision", None)
    refus = perms.acces_decider(acteur, dossier)
    return {
        "decision": decision,
        "decisions_remplacees": services_decisions.historique_decision(decision),
        "evenements": services_statuts.historique(dossier),
        "peut_decider": refus is None,
        "refus_decision": refus if refus and refus.etat else None,
    }


def _dossier(acteur: Acteur, pk: int) -> Dossier:
    dossier = selectors.dossier_ou_404(acteur, pk)
    _verifier_lecture(acteur)
    return dossier


@login_required
def dossier_instruction(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    dossier = _dossier(acteur, pk)
    journaliser_consultation(dossier)
    contexte = _contexte_dossier(acteur, dossier)
    return render(request, "appels/instruction/dossier.html", contexte)


@login_required
@require_POST
def noter(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    dossier = _dossier(acteur, pk)
    if refus := perms.acces_noter(acteur, dossier):
        return _refuser(request, dossier, refus)
    bareme = dossier.appel.jeu.en_bareme()
    a = bareme.appel
    form = NotationForm(
        request.POST,
        criteres=a.criteres_selection if a else (),
        note_max=a.note_max if a else 0,
        notations=presentation.notes_du_dossier(dossier),
        bareme=bareme,
    )
    if form.is_valid():
        try:
            total = services_instruction.noter(
                acteur=acteur,
                dossier=dossier,
                notes=form.notes(),
                commentaires=form.commentaires(),
            )
        except ValidationError as erreur:
            form.ajouter_erreurs_service(erreur.message_dict)
        else:
            texte = "Notes enregistrées."
            if total is not None and a:
                texte += f" Note pondérée : {nombre(total)} sur {nombre(a.note_max)}."
            messages.success(request, texte)
            return redirect("appels:dossier_instruction", pk=dossier.pk)
    contexte = _contexte_dossier(acteur, dossier, form_notation=form)
    return render(request, "appels/instruction/dossier.html", contexte)


def _refuser(request: HttpRequest, dossier: Dossier, refus: perms.Refus) -> HttpResponse:
    """Refus de droit : 403 ; refus d'état (appel pas encore clos, convention signée…) :
    retour à la fiche avec le motif."""
    if not refus.etat:
        raise PermissionDenied(refus.message)
    messages.error(request, refus.message)
    return redirect("appels:dossier_instruction", pk=dossier.pk)


@login_required
def decider(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    dossier = _dossier(acteur, pk)
    if refus := perms.acces_decider(acteur, dossier):
        return _refuser(request, dossier, refus)
    decision = getattr(dossier, "decision", None)
    version = dossier.derniere_version
    donnees = request.POST if request.method == "POST" else None
    form = DecisionForm.pour(donnees, decision, version)
    if request.method == "POST" and form.is_valid():
        try:
            services_decisions.decider(
                acteur=acteur, dossier=dossier, maintenant=timezone.now(), **form.arguments()
            )
        except ValidationError as erreur:
            form.ajouter_erreurs_service(erreur.message_dict)
        else:
            texte = "Amendement enregistré." if decision else "Décision du comité enregistrée."
            messages.success(request, texte)
            return redirect("appels:dossier_instruction", pk=dossier.pk)
    contexte = {
        "title": f"Décision — {dossier.operateur}",
        "dossier": dossier,
        "appel": dossier.appel,
        "version": version,
        "cles": presentation.chiffres_cles(version),
        "erreurs": services_decisions.erreurs_de_la_version(version),
        "decision": decision,
        "decisions_remplacees": services_decisions.historique_decision(decision),
        "form": form,
    }
    return render(request, "appels/instruction/decider.html", contexte)
