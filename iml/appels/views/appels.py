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
from django.views.decorators.http import require_POST

from iml.appels import perms, selectors, services
from iml.appels.enums import StatutAppel
from iml.appels.forms_appels import CreationAppelForm, ParametresAppelForm, appel_par_defaut
from iml.appels.models import AppelACandidatures
from iml.comptes.acteur import Acteur
from regles.appel import verifier_calendrier_appel

#: Bouton et texte de confirmation de chaque changement de statut (R-AAC).
ACTIONS_STATUT: dict[str, tuple[str, str]] = {
    StatutAppel.PUBLIE: (
        "Publier l'appel",
        "Les opérateurs du département le verront et pourront déposer jusqu'à la date limite. "
        "Un appel publié est opposable : ses paramètres ne se modifient plus.",
    ),
    StatutAppel.CLOS: (
        "Clore l'appel",
        "Plus aucun dossier ne pourra être déposé ni modifié ; le comité pourra décider.",
    ),
    StatutAppel.DECIDE: (
        "Marquer l'appel comme décidé",
        "Les décisions du comité sont arrêtées ; l'appel passe dans l'historique.",
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


def _contexte_operateur(acteur: Acteur, appel: AppelACandidatures) -> dict[str, Any]:
    """Le dossier de l'opérateur et s'il peut l'ouvrir ou le continuer (dépôt ouvert, R-AAC)."""
    if not acteur.est_operateur:
        return {}
    aujourd_hui = timezone.localdate()
    dossier = selectors.dossiers_visibles(acteur).filter(appel=appel).first()
    peut = (
        perms.peut_rediger(acteur, dossier, aujourd_hui)
        if dossier
        else perms.peut_candidater(acteur, appel, aujourd_hui)
    )
    return {"dossier": dossier, "peut_candidater": peut}


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    appel = selectors.appel_ou_404(acteur, pk)
    bareme = appel.jeu.en_bareme()
    gere = perms.est_service_de(acteur, appel)
    contexte = {
        "title": appel.nom,
        "appel": appel,
        "bareme": bareme,
        "a": bareme.appel,
        "repartition": [(m.libelle, p) for m, p in bareme.repartition_cible_pct.items()],
        "depot_ouvert": perms.depot_ouvert(appel, timezone.localdate()),
        "peut_modifier": perms.peut_modifier_appel(acteur, appel),
        "actions": [
            (statut, *ACTIONS_STATUT[statut]) for statut in services.TRANSITIONS_APPEL[appel.statut]
        ]
        if gere
        else [],
        "constats_calendrier": verifier_calendrier_appel(bareme) if gere else (),
        "voit_instruction": perms.peut_consulter_instruction(acteur),
        **_contexte_operateur(acteur, appel),
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


@login_required
@require_POST
def changer_statut(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    appel = selectors.appel_ou_404(acteur, pk)
    if not perms.est_service_de(acteur, appel):
        raise PermissionDenied
    statut = request.POST.get("statut", "")
    if statut not in StatutAppel.values:
        messages.error(request, "R-AAC : statut demandé inconnu.")
        return redirect("appels:detail", pk=appel.pk)
    try:
        services.changer_statut_appel(acteur=acteur, appel=appel, statut=statut)
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        messages.success(request, f"Appel « {appel.get_statut_display().lower()} ».")
    return redirect("appels:detail", pk=appel.pk)
