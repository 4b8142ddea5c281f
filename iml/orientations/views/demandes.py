"""Demandes (ménages en attente, côté SIAO) : liste, enregistrement, fiche (chaque lecture
journalisée), modification, proposition d'un logement vacant. Coordination du SIAO
seulement (403) ; la demande d'un autre SIAO : 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iml.appels.views.conventions import reporter
from iml.orientations import perms, selectors
from iml.orientations.forms.demandes import DemandeForm, initial_demande
from iml.orientations.forms.propositions import ProposerForm
from iml.orientations.services import demandes as services
from iml.orientations.services.propositions import proposer as proposer_service
from iml.orientations.views.propositions import confirmer
from regles.format import de
from regles.types_orientations import StatutDemande


def _exiger_siao(request: HttpRequest) -> None:
    if not perms.coordonne(request.acteur):
        raise PermissionDenied(perms.REFUS_SIAO.message)


@login_required
@require_GET
def demandes(request: HttpRequest) -> HttpResponse:
    _exiger_siao(request)
    qs = selectors.demandes_visibles(request.acteur).filter(statut="EN_ATTENTE")
    page = Paginator(qs.order_by("demande_le", "pk"), 50).get_page(request.GET.get("page"))
    contexte = {"title": "Demandes en attente", "page": page, "total": page.paginator.count}
    return render(request, "orientations/demandes.html", contexte)


def _formulaire(request: HttpRequest, demande) -> HttpResponse:
    initial = initial_demande(demande) if demande else None
    form = DemandeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        commun = {"acteur": request.acteur, "aujourd_hui": timezone.localdate()}
        try:
            if demande is None:
                demande = services.enregistrer_demande(**commun, **form.donnees())
            else:
                services.modifier_demande(**commun, demande=demande, **form.donnees())
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, f"Demande {de(str(demande))} enregistrée.")
            return redirect("orientations:demande", pk=demande.pk)
    titre = f"Modifier la demande {de(str(demande))}" if demande else "Nouvelle demande"
    return render(request, "orientations/demande_formulaire.html", {"title": titre, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def demande_creer(request: HttpRequest) -> HttpResponse:
    _exiger_siao(request)
    return _formulaire(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def demande_modifier(request: HttpRequest, pk: int) -> HttpResponse:
    _exiger_siao(request)
    return _formulaire(request, selectors.demande_ou_404(request.acteur, pk))


@login_required
@require_GET
def demande(request: HttpRequest, pk: int) -> HttpResponse:
    _exiger_siao(request)
    objet = selectors.demande_ou_404(request.acteur, pk)
    services.journaliser_consultation(
        acteur=request.acteur, demande=objet, page="demande", maintenant=timezone.now()
    )
    contexte = {
        "title": f"Demande {de(str(objet))}",
        "demande": objet,
        "propositions": objet.propositions.select_related("logement", "operateur"),
    }
    return render(request, "orientations/demande.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def proposer(request: HttpRequest, pk: int) -> HttpResponse:
    """Proposer un logement vacant déclaré du département pour cette demande."""
    _exiger_siao(request)
    objet = selectors.demande_ou_404(request.acteur, pk)
    logements = selectors.logements_a_proposer(request.acteur)
    form = ProposerForm(request.POST or None, logements=logements)
    if request.method == "POST" and form.is_valid():
        try:
            proposition = proposer_service(
                acteur=request.acteur, demande=objet, logement=form.cleaned_data["logement"],
                maintenant=timezone.now(),
            )  # fmt: skip
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, "Proposition envoyée à l'opérateur.")
            return redirect("orientations:proposition", pk=proposition.pk)
    contexte = {"title": f"Proposer un logement pour {objet}", "form": form, "demande": objet}
    return render(request, "orientations/proposer.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def demande_statut(request: HttpRequest, pk: int) -> HttpResponse:
    """Clore une demande en attente, ou rouvrir une demande close (R-SIAO, motif écrit) ;
    une demande logée ne change plus."""
    _exiger_siao(request)
    objet = selectors.demande_ou_404(request.acteur, pk)
    retour = reverse("orientations:demande", kwargs={"pk": objet.pk})
    if objet.statut == StatutDemande.LOGEE:
        messages.error(request, "R-SIAO : une demande logée ne se clôt ni ne se rouvre.")
        return redirect(retour)
    clore = objet.statut == StatutDemande.EN_ATTENTE
    vers = StatutDemande.CLOSE if clore else StatutDemande.EN_ATTENTE
    attendu = request.POST.get("vers") if request.method == "POST" else None
    if attendu and attendu != vers:
        # Un second envoi du même formulaire (double clic, retour arrière) : la demande a déjà
        # changé d'état, il ne la remet pas dans l'état d'avant.
        etat = "close" if attendu == StatutDemande.CLOSE else "en attente"
        messages.info(request, f"La demande est déjà {etat} : rien n'a changé.")
        return redirect(retour)
    contexte = {
        "vers": vers,
        "title": f"{'Clore' if clore else 'Rouvrir'} la demande {de(str(objet))}",
        "avertissement": (
            "La demande quitte la liste des demandes en attente : elle ne reçoit plus de "
            "proposition et le moteur ne la compte plus. Vous pourrez la rouvrir."
            if clore
            else "La demande revient dans la liste des demandes en attente."
        ),
        "bouton": "Clore la demande" if clore else "Rouvrir la demande",
        "retour": retour,
        "libelle_retour": "Retour à la demande",
    }

    def faire(motif: str) -> None:
        services.changer_statut_demande(
            acteur=request.acteur, demande=objet, vers=vers, motif=motif, maintenant=timezone.now()
        )

    succes = "Demande close." if clore else "Demande rouverte."
    return confirmer(request, faire, contexte, succes, retour)
