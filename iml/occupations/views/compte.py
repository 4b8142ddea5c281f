"""Compte d'un ménage (lignes, solde, impayés par ancienneté, paiements, corrections, plans
d'apurement), impayés de l'opérateur, vacance des logements en sous-location et annexe 1a.

La direction et la gestion locative de l'opérateur écrivent ; la travailleuse sociale
référente lit le compte (sans formulaire) ; les autres ne trouvent pas le ménage (404).
Chaque lecture du compte est journalisée (page « compte »)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iml.appels.views.conventions import reporter
from iml.menages import perms
from iml.menages.services.menages import journaliser_consultation
from iml.occupations import presentation_compte as presentation
from iml.occupations import selectors_compte as selectors
from iml.occupations.forms.compte import (
    ConfirmationForm,
    CorrectionForm,
    EncaissementForm,
    PlanForm,
)
from iml.occupations.models import Occupation
from iml.occupations.parametres import parametres_occupations
from iml.occupations.services import compte as services
from regles.compte import ZERO, anciennete, echeancier
from regles.format import euros
from regles.types import Mode

PAGE = "compte"


def _lire(request: HttpRequest, pk: int) -> Occupation:
    occupation = selectors.occupation_ou_404(request.acteur, pk)
    if request.method == "GET":
        journaliser_consultation(
            acteur=request.acteur, menage=occupation.menage, page=PAGE, maintenant=timezone.now()
        )
    return occupation


def _gerer(request: HttpRequest, operateur_id: int) -> None:
    refus = perms.acces_gestion(request.acteur, operateur_id)
    if refus:
        raise PermissionDenied(refus.message)


def _donnees(request: HttpRequest) -> QueryDict | None:
    """Les données postées (même vides : le formulaire dit alors ce qui manque)."""
    return request.POST if request.method == "POST" else None


def _annee(valeur: str | None, annees: list[int], defaut: int) -> int | None:
    if valeur == "toutes":
        return None
    if valeur and valeur.isascii() and valeur.isdigit() and int(valeur) in annees:
        return int(valeur)
    return defaut if defaut in annees else None


@login_required
@require_GET
def compte(request: HttpRequest, pk: int) -> HttpResponse:
    occupation = _lire(request, pk)
    aujourd_hui = timezone.localdate()
    ecritures = selectors.ecritures(occupation)
    annees = sorted({e.le.year for e in ecritures}, reverse=True)
    annee = _annee(request.GET.get("annee"), annees, aujourd_hui.year)
    contexte = {
        "title": f"Compte — {occupation.menage}",
        "occupation": occupation,
        "compte": presentation.compte(ecritures, selectors.plans(occupation), annee, aujourd_hui),
        "peut_ecrire": perms.acces_gestion(request.acteur, occupation.operateur_id) is None,
        "aujourd_hui": aujourd_hui,
    }
    return render(request, "occupations/compte.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def encaisser(request: HttpRequest, pk: int) -> HttpResponse:
    occupation = _lire(request, pk)
    _gerer(request, occupation.operateur_id)
    form = EncaissementForm(_donnees(request), initial={"le": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            ecriture = services.encaisser(
                acteur=request.acteur, occupation=occupation, aujourd_hui=timezone.localdate(),
                **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, f"Paiement de {euros(-ecriture.montant)} enregistré.")
            return redirect("occupations:compte", pk=occupation.pk)
    contexte = {"title": f"Enregistrer un paiement — {occupation.menage}", "form": form}
    return render(request, "occupations/compte_encaisser.html", contexte | {"o": occupation})


@login_required
@require_http_methods(["GET", "POST"])
def corriger(request: HttpRequest, pk: int) -> HttpResponse:
    ecriture = selectors.ecriture_ou_404(request.acteur, pk)
    occupation = ecriture.occupation
    _gerer(request, occupation.operateur_id)
    if request.method == "GET":
        journaliser_consultation(
            acteur=request.acteur, menage=occupation.menage, page=PAGE, maintenant=timezone.now()
        )
    form = CorrectionForm(_donnees(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.corriger(
                acteur=request.acteur, ecriture=ecriture, montant=form.cleaned_data["montant"],
                motif=form.cleaned_data["motif"], aujourd_hui=timezone.localdate(),
            )  # fmt: skip
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, "Correction enregistrée : elle s'ajoute au compte.")
            return redirect("occupations:compte", pk=occupation.pk)
    contexte = {
        "title": f"Corriger une ligne du compte — {occupation.menage}",
        "form": form,
        "ecriture": ecriture,
        "corrections": list(ecriture.corrections.order_by("le", "pk")),
        "o": occupation,
    }
    return render(request, "occupations/compte_corriger.html", contexte)


def _echeancier_calcule(form: PlanForm) -> PlanForm:
    """Le formulaire réaffiché avec l'échéancier calculé, chaque ligne modifiable."""
    d = form.cleaned_data
    lignes = echeancier(d["montant"], d["nombre"], d["debut"])
    donnees = QueryDict(mutable=True)
    donnees.update(form.data)
    for i, ligne in enumerate(lignes, start=1):
        donnees[f"echeance_{i}"] = ligne.le.isoformat()
        donnees[f"versement_{i}"] = str(ligne.montant).replace(".", ",")
    return PlanForm(donnees, lignes=len(lignes))


def _lignes_postees(data: QueryDict) -> int:
    return sum(1 for cle in data if cle.startswith("echeance_"))


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    occupation = _lire(request, pk)
    _gerer(request, occupation.operateur_id)
    aujourd_hui = timezone.localdate()
    if request.method == "GET":
        lignes = selectors.lignes_par_occupation([occupation.pk], aujourd_hui)[occupation.pk]
        dette = anciennete(lignes, aujourd_hui).total
        form = PlanForm(initial={"montant": dette if dette > 0 else None, "nombre": 6})
    elif request.POST.get("action") == "enregistrer":
        form = PlanForm(request.POST, lignes=_lignes_postees(request.POST))
        if form.is_valid():
            try:
                services.creer_plan(
                    acteur=request.acteur, occupation=occupation,
                    montant=form.cleaned_data["montant"], versements=form.versements(),
                    note=form.cleaned_data["note"], aujourd_hui=aujourd_hui,
                )  # fmt: skip
            except ValidationError as erreur:
                reporter(form, erreur)
            else:
                messages.success(request, "Plan d'apurement enregistré.")
                return redirect("occupations:compte", pk=occupation.pk)
    else:
        form = PlanForm(request.POST)
        if form.is_valid():
            form = _echeancier_calcule(form)
            form.is_valid()
    contexte = {"title": f"Plan d'apurement — {occupation.menage}", "form": form, "o": occupation}
    return render(request, "occupations/compte_plan.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def clore_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan_ = selectors.plan_ou_404(request.acteur, pk)
    occupation = plan_.occupation
    _gerer(request, occupation.operateur_id)
    form = ConfirmationForm(_donnees(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.clore_plan(acteur=request.acteur, plan=plan_, aujourd_hui=timezone.localdate())
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, "Plan d'apurement clos.")
            return redirect("occupations:compte", pk=occupation.pk)
    contexte = {"title": "Clore le plan d'apurement", "form": form, "plan": plan_, "o": occupation}
    return render(request, "occupations/compte_clore.html", contexte)


def _operateur_gere(request: HttpRequest) -> int:
    if not perms.gere_les_menages(request.acteur):
        raise PermissionDenied(
            "Les impayés et la vacance sont suivis par la direction et la gestion locative."
        )
    return request.acteur.organisation.pk


@login_required
@require_GET
def impayes(request: HttpRequest) -> HttpResponse:
    operateur_id = _operateur_gere(request)
    aujourd_hui = timezone.localdate()
    rangs, total = presentation.impayes(*selectors.impayes(operateur_id, aujourd_hui), aujourd_hui)
    contexte = {
        "title": "Impayés",
        "rangs": rangs,
        "total": total,
        "solde_total": sum((r.solde for r in rangs), ZERO),
        "aujourd_hui": aujourd_hui,
    }
    return render(request, "occupations/impayes.html", contexte)


@login_required
@require_GET
def vacance(request: HttpRequest) -> HttpResponse:
    operateur_id = _operateur_gere(request)
    aujourd_hui = timezone.localdate()
    valeur = request.GET.get("annee", "")
    ok = valeur.isascii() and valeur.isdigit() and 2000 <= int(valeur) <= aujourd_hui.year + 1
    annee = int(valeur) if ok else aujourd_hui.year
    plafond = parametres_occupations().vacance_plafond_jours_an
    logements = selectors.logements_en_sous_location(operateur_id, annee)
    vacances = [
        presentation.vacance_du_logement(lg, annee, plafond, aujourd_hui) for lg in logements
    ]
    au = min(date(annee, 12, 31), aujourd_hui)
    # Annexe 1a : en mandat de gestion, l'impayé est au propriétaire ; la sous-location seule.
    rangs, total = presentation.impayes(
        *selectors.impayes(operateur_id, au, Mode.SOUS_LOCATION), au
    )
    contexte = {
        "title": f"Vacance et impayés {annee}",
        "annee": annee,
        "annees": list(range(aujourd_hui.year, aujourd_hui.year - 8, -1)),
        "au": au,
        "plafond": plafond,
        "vacances": vacances,
        "annexe": presentation.annexe_1a(vacances, rangs, total),
        "annee_invalide": bool(valeur) and not ok,
    }
    return render(request, "occupations/vacance.html", contexte)
