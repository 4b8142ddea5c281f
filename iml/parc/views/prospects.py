"""Vues des prospects de la captation : tableau par statut (ou liste paginée d'un statut),
fiche avec historique et transitions permises (R-CAPTATION, R-CONTACT), création,
modification, changement de statut. Réservées à la direction et à la gestion locative de
l'opérateur (R-PARC) ; le prospect d'une autre organisation est une 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from iml.parc import perms, selectors
from iml.parc.forms.prospects import FiltreTableauForm, ProspectForm, TransitionForm
from iml.parc.models import Prospect
from iml.parc.presentation_captation import (
    carte_prospect,
    colonnes,
    en_retard,
    libelle_statut,
    parametres_sans_page,
    reporter_erreurs,
    saisie_commune,
)
from iml.parc.services import prospects as services
from iml.ui.erreurs import requis_selon_le_cas
from regles.transitions import TRANSITIONS_PROSPECT
from regles.types import StatutProspect

PAR_PAGE = 25


def _exiger_parc(request: HttpRequest) -> None:
    if refus := perms.acces_parc(request.acteur):
        raise PermissionDenied(refus.message)


def _departement(request: HttpRequest) -> str:
    return request.acteur.territoire.code


def _filtrer(request: HttpRequest, qs, filtres: FiltreTableauForm):
    if not filtres.is_valid():
        return qs
    donnees = filtres.cleaned_data
    if donnees["mes"]:
        qs = qs.filter(charge=request.acteur.utilisateur)
    if donnees["commune"]:
        qs = qs.filter(commune=donnees["commune"])
    if donnees["en_retard"]:
        qs = en_retard(qs, timezone.localdate())
    return qs


@login_required
def tableau(request: HttpRequest) -> HttpResponse:
    """Le tableau par statut ; avec `?statut=X`, la liste paginée de ce statut."""
    _exiger_parc(request)
    filtres = FiltreTableauForm(request.GET or None, departement=_departement(request))
    qs = _filtrer(request, selectors.prospects_visibles(request.acteur), filtres)
    statut = filtres.cleaned_data.get("statut") if filtres.is_valid() else ""
    aujourd_hui = timezone.localdate()
    contexte: dict[str, Any] = {"title": "Prospects de la captation", "filtres": filtres}
    if statut:
        page = Paginator(qs.filter(statut=statut).prefetch_related("freins"), PAR_PAGE)
        page = page.get_page(request.GET.get("page"))
        contexte |= {
            "title": f"Prospects « {libelle_statut(statut)} »",
            "page": page,
            "cartes": [carte_prospect(p, aujourd_hui) for p in page],
            "parametres": parametres_sans_page(request.GET),
        }
        return render(request, "parc/prospects/liste_statut.html", contexte)
    contexte["colonnes"] = colonnes(qs, aujourd_hui)
    contexte["parametres"] = parametres_sans_page(request.GET)
    return render(request, "parc/prospects/tableau.html", contexte)


def _form_prospect(request: HttpRequest, prospect: Prospect | None, **kwargs: Any):
    acteur = request.acteur
    return ProspectForm(
        request.POST if request.method == "POST" else None,
        bailleurs=None if prospect else selectors.bailleurs_visibles(acteur),
        gestionnaires=selectors.gestionnaires_du_parc(acteur),
        motifs=selectors.motifs_actifs(),
        departement=_departement(request),
        **kwargs,
    )


def _enregistrer(request: HttpRequest, form: ProspectForm, prospect: Prospect | None):
    try:
        if prospect is None:
            return services.creer_prospect(
                acteur=request.acteur,
                bailleur=form.cleaned_data["bailleur"],
                maintenant=timezone.now(),
                **form.donnees_service(),
            )
        return services.modifier_prospect(
            acteur=request.acteur, prospect=prospect, **form.donnees_service()
        )
    except ValidationError as erreur:
        reporter_erreurs(form, erreur)
        return None


def _page_formulaire(request, form, prospect: Prospect | None) -> HttpResponse:
    if (
        request.method == "POST"
        and form.is_valid()
        and (enregistre := _enregistrer(request, form, prospect))
    ):
        messages.success(request, f"Prospect « {enregistre.adresse} » enregistré.")
        return redirect("parc:prospect", pk=enregistre.pk)
    titre = f"Modifier le prospect {prospect.adresse}" if prospect else "Nouveau prospect"
    contexte = {"title": titre, "form": form, "prospect": prospect}
    return render(request, "parc/prospects/formulaire.html", contexte)


@login_required
def creer(request: HttpRequest) -> HttpResponse:
    _exiger_parc(request)
    initial = {}
    choisi = request.GET.get("bailleur", "")
    if choisi.isascii() and choisi.isdigit():
        trouve = selectors.bailleurs_visibles(request.acteur).filter(pk=int(choisi)).first()
        initial["bailleur"] = trouve
    form = _form_prospect(request, None, initial=initial)
    return _page_formulaire(request, form, None)


@login_required
def modifier(request: HttpRequest, pk: int) -> HttpResponse:
    prospect = selectors.prospect_ou_404(request.acteur, pk)
    _exiger_parc(request)
    champs = ("adresse", "typologie", "prochaine_action", "prochaine_action_le", "charge")
    initial = {c: getattr(prospect, c) for c in champs}
    initial["commune"] = saisie_commune(prospect.commune)
    initial["freins"] = list(prospect.freins.all())
    form = _form_prospect(request, prospect, initial=initial)
    return _page_formulaire(request, form, prospect)


def _lien(nom: str, **kwargs: Any) -> str:
    """L'adresse d'une page d'un autre volet du parc, ou "" tant qu'elle n'existe pas."""
    try:
        return reverse(nom, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def _liens_logement(prospect: Prospect) -> dict[str, str]:
    if prospect.logement_id:
        return {"lien_logement": _lien("parc:logement", pk=prospect.logement_id)}
    if prospect.statut == StatutProspect.CAPTE:
        adresse = _lien("parc:logement_creer")
        return {"lien_creer_logement": f"{adresse}?prospect={prospect.pk}" if adresse else ""}
    return {}


def _actions(acteur, prospect: Prospect, motifs, soumis: TransitionForm | None) -> list[dict]:
    """Une action par transition permise (R-CAPTATION) ; le formulaire soumis et refusé
    garde ce qui a été saisi."""
    actions = []
    for t in TRANSITIONS_PROSPECT.suivants(prospect.statut):
        form = TransitionForm(initial={"vers": t.vers}, motifs=motifs, auto_id=f"id_{t.vers}_%s")
        if soumis is not None and soumis.data.get("vers") == t.vers:
            form = soumis
        if t.motif_requis:
            requis_selon_le_cas(form.fields["note"], f"obligatoire pour {t.verbe}")
            form._bound_fields_cache.clear()
        refus = perms.acces_transition_prospect(acteur, prospect, t.vers)
        actions.append(
            {"vers": t.vers, "verbe": t.verbe, "form": form, "refus": refus, "note": t.motif_requis}
        )
    return actions


def _page_fiche(request, prospect: Prospect, soumis: TransitionForm | None = None):
    acteur = request.acteur
    motifs = selectors.motifs_actifs()
    contexte = {
        "title": f"Prospect {prospect.adresse}",
        "prospect": prospect,
        "carte": carte_prospect(prospect, timezone.localdate()),
        "historique": [
            {"e": e, "de": libelle_statut(e.de) if e.de else "", "vers": libelle_statut(e.vers)}
            for e in selectors.historique_prospect(prospect)
        ],
        "actions": _actions(acteur, prospect, motifs, soumis)
        if perms.peut_gerer_parc(acteur)
        else [],
        "soumis": soumis,
        **_liens_logement(prospect),
    }
    return render(request, "parc/prospects/detail.html", contexte)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    prospect = selectors.prospect_ou_404(request.acteur, pk)
    _exiger_parc(request)
    return _page_fiche(request, prospect)


@login_required
@require_POST
def changer_statut(request: HttpRequest, pk: int) -> HttpResponse:
    prospect = selectors.prospect_ou_404(request.acteur, pk)
    _exiger_parc(request)
    vers = request.POST.get("vers", "")
    form = TransitionForm(request.POST, motifs=selectors.motifs_actifs(), auto_id=f"id_{vers}_%s")
    if form.is_valid():
        try:
            services.changer_statut_prospect(
                acteur=request.acteur,
                prospect=prospect,
                vers=form.cleaned_data["vers"],
                maintenant=timezone.now(),
                note=form.cleaned_data["note"],
                motif_abandon=form.cleaned_data["motif_abandon"],
            )
        except ValidationError as erreur:
            reporter_erreurs(form, erreur)
            prospect.refresh_from_db()
        else:
            messages.success(request, f"Prospect « {libelle_statut(vers)} ».")
            return redirect("parc:prospect", pk=prospect.pk)
    return _page_fiche(request, prospect, form)
