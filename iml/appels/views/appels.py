"""Vues des appels à candidatures : liste, fiche, création, paramètres, statut (R-AAC).

Hors périmètre : 404 (sélecteur). Visible mais interdit (lecture seule de la DREETS, d'un
opérateur…) : 403. Un appel publié ne se modifie plus : retour à sa fiche avec le motif.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from iml.appels import perms, selectors
from iml.appels.enums import StatutAppel
from iml.appels.forms.appels import CreationAppelForm, ParametresAppelForm, appel_par_defaut
from iml.appels.forms.statut import ChangementStatutForm
from iml.appels.models import AppelACandidatures
from iml.appels.services import appels as services
from iml.appels.services import statuts as services_statuts
from iml.comptes.acteur import Acteur
from regles.appel import verifier_calendrier_appel
from regles.format import date_fr
from regles.transitions import TRANSITIONS_APPEL, verifier_cloture, verifier_transition

#: Bouton et texte de confirmation de chaque changement de statut (R-AAC), par (de, vers).
ACTIONS_STATUT: dict[tuple[str, str], tuple[str, str]] = {
    (StatutAppel.BROUILLON, StatutAppel.PUBLIE): (
        "Publier l'appel",
        "Les opérateurs du département le verront et pourront déposer jusqu'à la date limite. "
        "Un appel publié est opposable : ses paramètres ne se modifient plus.",
    ),
    (StatutAppel.PUBLIE, StatutAppel.CLOS): (
        "Clore l'appel",
        "Plus aucun dossier ne pourra être déposé ni modifié ; le comité pourra noter et "
        "décider. Seul le ou la responsable du service pourra rouvrir l'appel, avec un motif.",
    ),
    (StatutAppel.CLOS, StatutAppel.PUBLIE): (
        "Rouvrir l'appel",
        "Les opérateurs pourront de nouveau déposer jusqu'à la date limite. Le motif est "
        "conservé dans l'historique de l'appel.",
    ),
    (StatutAppel.CLOS, StatutAppel.DECIDE): (
        "Arrêter les décisions",
        "Les décisions du comité sont arrêtées : elles ne changeront plus que par un "
        "amendement motivé, et plus du tout une fois la convention signée.",
    ),
}


@login_required
def liste(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    aujourd_hui = timezone.localdate()
    lignes = [
        {
            "appel": appel,
            "p": appel.parametres_appel,
            "depot_ouvert": perms.depot_ouvert(appel, aujourd_hui),
        }
        for appel in selectors.appels_visibles(acteur)
    ]
    contexte = {
        "title": "Appels à candidatures",
        "lignes": lignes,
        "peut_creer": perms.peut_creer_appel(acteur),
        "voit_instruction": perms.peut_consulter_instruction(acteur),
    }
    return render(request, "appels/appels/liste.html", contexte)


def _contexte_operateur(
    acteur: Acteur, appel: AppelACandidatures, refus_depot: perms.Refus | None
) -> dict[str, Any]:
    """Le dossier de l'opérateur et s'il peut l'ouvrir ou le continuer (dépôt ouvert, R-AAC) ;
    le motif d'un refus, s'il n'est pas déjà celui du bandeau du dépôt."""
    if not acteur.est_operateur:
        return {}
    aujourd_hui = timezone.localdate()
    dossier = selectors.dossiers_visibles(acteur).filter(appel=appel).first()
    refus = (
        perms.acces_rediger(acteur, dossier, aujourd_hui)
        if dossier
        else perms.acces_candidater(acteur, appel, aujourd_hui)
    )
    return {
        "dossier": dossier,
        "peut_candidater": refus is None,
        "refus_candidature": refus if refus != refus_depot else None,
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    appel = selectors.appel_ou_404(acteur, pk)
    bareme = appel.jeu.en_bareme()
    gere = perms.est_service_de(acteur, appel)
    refus_depot = perms.acces_depot_ouvert(appel, timezone.localdate())
    contexte = {
        "title": appel.nom,
        "appel": appel,
        "bareme": bareme,
        "a": bareme.appel,
        "repartition": [(m.libelle, p) for m, p in bareme.repartition_cible_pct.items()],
        "refus_depot": refus_depot,
        "peut_modifier": perms.peut_modifier_appel(acteur, appel),
        "actions": _actions(acteur, appel) if gere else [],
        "evenements": services_statuts.historique(appel),
        "cloture_justifiee": (cloture := services_statuts.justification_cloture(appel)),
        "reouverture": services_statuts.reouverture_apres(appel, cloture),
        "constats_calendrier": verifier_calendrier_appel(bareme) if gere else (),
        "voit_instruction": perms.peut_consulter_instruction(acteur),
        **_contexte_operateur(acteur, appel, refus_depot),
    }
    return render(request, "appels/appels/detail.html", contexte)


@login_required
def creer(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    if not perms.peut_creer_appel(acteur):
        raise PermissionDenied
    form = CreationAppelForm(request.POST if request.method == "POST" else None, acteur=acteur)
    if request.method == "POST" and form.is_valid():
        try:
            appel = services.creer_appel(
                acteur=acteur,
                nom=form.cleaned_data["nom"],
                source=form.cleaned_data["source"],
                appel_defaut=appel_par_defaut(timezone.localdate(), form.cleaned_data["source"]),
            )
        except ValidationError as erreur:
            form.add_error("source", erreur.messages)
        else:
            messages.success(request, "Appel créé en brouillon : complétez ses paramètres.")
            return redirect("appels:modifier", pk=appel.pk)
    return render(
        request,
        "appels/appels/creer.html",
        {"title": "Créer un appel à candidatures", "form": form},
    )


@login_required
def modifier(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    appel = selectors.appel_ou_404(acteur, pk)
    if not perms.est_service_de(acteur, appel):
        raise PermissionDenied
    if not perms.peut_modifier_appel(acteur, appel):
        messages.error(
            request,
            f"R-AAC : un appel « {appel.get_statut_display().lower()} » est opposable, "
            "ses paramètres ne se modifient plus.",
        )
        return redirect("appels:detail", pk=appel.pk)
    donnees = request.POST if request.method == "POST" else None
    form = ParametresAppelForm(donnees, bareme=appel.jeu.en_bareme(), nom=appel.nom)
    if request.method == "POST" and form.is_valid():
        try:
            services.modifier_appel(
                acteur=acteur,
                appel=appel,
                nom=form.cleaned_data["nom"],
                parametres=form.parametres(),
            )
        except ValidationError as erreur:
            form.ajouter_erreurs_moteur(erreur)
        else:
            messages.success(request, "Paramètres de l'appel enregistrés.")
            return redirect("appels:detail", pk=appel.pk)
    contexte = {"title": f"Paramètres — {appel.nom}", "appel": appel, "form": form}
    return render(request, "appels/appels/modifier.html", contexte)


def _actions(acteur: Acteur, appel: AppelACandidatures) -> list[tuple[str, str, str]]:
    """(statut visé, bouton, texte) des transitions permises à l'acteur (R-AAC)."""
    return [
        (t.vers, *ACTIONS_STATUT[(t.de, t.vers)])
        for t in TRANSITIONS_APPEL.suivants(appel.statut)
        if perms.acces_changer_statut(acteur, appel, t.vers) is None
    ]


def _form_statut(appel: AppelACandidatures, vers: str, donnees=None) -> ChangementStatutForm:
    """Le motif est demandé pour rouvrir (R-AAC) et pour clore avant la date limite."""
    libelle, aide, refus = "", "", None
    limite = perms.date_limite(appel)
    if appel.statut == StatutAppel.CLOS and vers == StatutAppel.PUBLIE:
        libelle, aide = "Motif de la réouverture", "Obligatoire ; conservé dans l'historique."
        refus = verifier_transition(TRANSITIONS_APPEL, appel.statut, vers)
    elif vers == StatutAppel.CLOS and limite and timezone.localdate() <= limite:
        libelle = "Justification de la clôture avant la date limite"
        aide = (
            f"Obligatoire : le dépôt est ouvert jusqu'au {date_fr(limite)} inclus. "
            "La justification sera affichée sur la fiche de l'appel."
        )
        refus = verifier_cloture(timezone.localdate(), limite, "")
    return ChangementStatutForm(
        donnees,
        initial={"statut": vers},
        libelle_motif=libelle,
        aide_motif=aide,
        refus_motif=refus.message if refus else "",
    )


def _transition_ou_refus(
    request: HttpRequest, appel: AppelACandidatures, vers: str
) -> HttpResponse | None:
    """403 pour qui ne gère pas l'appel ; retour à la fiche avec le motif si la table des
    transitions (ou le rôle, pour rouvrir) refuse le changement."""
    if vers not in StatutAppel.values:
        messages.error(request, "R-AAC : statut demandé inconnu.")
        return redirect("appels:detail", pk=appel.pk)
    refus = perms.acces_changer_statut(request.acteur, appel, vers)
    if refus and not refus.etat:
        raise PermissionDenied(refus.message)
    message = refus.message if refus else ""
    if TRANSITIONS_APPEL.transition(appel.statut, vers) is None:
        constat = verifier_transition(TRANSITIONS_APPEL, appel.statut, vers)
        message = constat.message if constat else ""
    if message:
        messages.error(request, message)
        return redirect("appels:detail", pk=appel.pk)
    return None


def _page_statut(request, appel, form: ChangementStatutForm, vers: str) -> HttpResponse:
    bouton, texte = ACTIONS_STATUT[(appel.statut, vers)]
    contexte = {"title": f"{bouton} — {appel.nom}", "appel": appel, "form": form}
    contexte |= {"bouton": bouton, "texte": texte}
    if vers == StatutAppel.DECIDE:
        contexte["sans_decision"] = list(selectors.dossiers_sans_decision(request.acteur, appel))
    return render(request, "appels/appels/statut_confirmer.html", contexte)


@login_required
@require_GET
def confirmer_statut(request: HttpRequest, pk: int, vers: str) -> HttpResponse:
    appel = selectors.appel_ou_404(request.acteur, pk)
    if refus := _transition_ou_refus(request, appel, vers):
        return refus
    return _page_statut(request, appel, _form_statut(appel, vers), vers)


@login_required
@require_POST
def changer_statut(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    appel = selectors.appel_ou_404(acteur, pk)
    vers = request.POST.get("statut", "")
    if refus := _transition_ou_refus(request, appel, vers):
        return refus
    form = _form_statut(appel, vers, request.POST)
    if form.is_valid():
        try:
            services.changer_statut_appel(
                acteur=acteur, appel=appel, statut=vers, motif=form.cleaned_data["motif"]
            )
        except ValidationError as erreur:
            for champ, textes in erreur.message_dict.items():
                form.add_error("motif" if champ == "motif" else None, textes)
        else:
            appel.refresh_from_db()
            messages.success(request, f"Appel « {appel.get_statut_display().lower()} ».")
            return redirect("appels:detail", pk=appel.pk)
    return _page_statut(request, appel, form, vers)
