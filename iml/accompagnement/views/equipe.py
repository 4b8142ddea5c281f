"""« Mes ménages » (travail social : les siens ; direction : toute l'organisation, filtre par
référent), vue d'équipe de la direction (charge de chacun au ratio R-SW-RATIO, ménages sans
contact R-ACCOMP-CONTACT, ménages logés sans plan ou sans référent) et temps de travail (ETP).

La gestion locative, l'État, le SIAO, les cofinanceurs et l'administration de la plateforme
n'ont pas ces écrans (403) : ils nomment des ménages.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iml.accompagnement import perms
from iml.accompagnement import presentation_equipe as p
from iml.accompagnement import selectors_equipe as selectors
from iml.accompagnement.forms.equipe import TempsTravailForm
from iml.accompagnement.parametres import bareme
from iml.accompagnement.selectors import etp_au
from iml.accompagnement.services import suivi
from iml.appels.views.conventions import reporter
from iml.comptes.acteur import Acteur
from regles.accompagnement import jours_sans_contact
from regles.format import date_fr, de

PAR_PAGE = 25


def _exiger_equipe(acteur: Acteur) -> None:
    if refus := perms.acces_equipe(acteur):
        raise PermissionDenied(refus.message)


def _charge(acteur: Acteur, utilisateur_id: int) -> p.ChargeAffichee:
    b = bareme()
    jour = timezone.localdate()
    suivis, etp = selectors.charge_de(acteur.organisation.pk, utilisateur_id, jour)
    return p.charge_affichee(suivis, etp, b.menages_par_etp)


@login_required
@require_GET
def accueil(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    if not perms.accompagne(acteur):
        raise PermissionDenied(perms.REFUS_ACCOMPAGNEMENT.message)
    aujourd_hui = timezone.localdate()
    direction = perms.acces_equipe(acteur) is None
    referents = list(selectors.travailleurs_sociaux(acteur)) if direction else []
    referent = p.lire_referent(request.GET.get("referent", ""), referents) if direction else ""
    depuis = p.lundi_de(aujourd_hui) - timedelta(weeks=1)
    qs = selectors.menages_de_l_accueil(acteur, referent, depuis)
    page = Paginator(qs, PAR_PAGE).get_page(request.GET.get("page"))
    b = bareme()
    assert b.accompagnement is not None  # `bareme()` le garantit
    suivi_par = acteur.utilisateur.pk if not direction else None
    if referent and referent != p.SANS_REFERENT:
        suivi_par = int(referent)
    contexte = {
        "title": "Mes ménages" if not direction else "Ménages accompagnés",
        "direction": direction,
        "page": page,
        "lignes": [p.ligne_accueil(m, aujourd_hui, b) for m in page.object_list],
        "referents": referents,
        "referent": referent,
        "sans_referent": p.SANS_REFERENT,
        "parametres": f"referent={referent}" if referent else "",
        "charge": _charge(acteur, suivi_par) if suivi_par else None,
        "charge_de": next((u for u in referents if u.pk == suivi_par), None),
        "seuil": b.accompagnement.sans_contact_jours,
        "peut_voir_chiffres": perms.peut_voir_chiffres(acteur),
    }
    return render(request, "accompagnement/accueil.html", contexte)


@login_required
@require_GET
def equipe(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    _exiger_equipe(acteur)
    aujourd_hui = timezone.localdate()
    b = bareme()
    assert b.accompagnement is not None  # `bareme()` le garantit
    seuil = b.accompagnement.sans_contact_jours
    operateur = acteur.organisation.pk
    travailleurs = list(selectors.travailleurs_sociaux(acteur))
    ids = [u.pk for u in travailleurs]
    suivis = selectors.menages_suivis(operateur, ids)
    etp = etp_au(operateur, ids, aujourd_hui)
    lignes = p.lignes_equipe(travailleurs, suivis, etp, b.menages_par_etp)
    sans_contact = Paginator(selectors.sans_contact(operateur, aujourd_hui, seuil), PAR_PAGE)
    sans_plan = Paginator(selectors.sans_plan_ou_sans_referent(operateur), PAR_PAGE)
    page_sans_plan = sans_plan.get_page(request.GET.get("page_plan"))
    page_sans_contact = sans_contact.get_page(request.GET.get("page_contact"))
    contexte = {
        "title": "Vue d'équipe de l'accompagnement",
        "lignes": lignes,
        "total": p.total_equipe(lignes),
        "ratio": f"{p.R_SW_RATIO} : {p.nombre_court(b.menages_par_etp)} ménages par ETP",
        "seuil": seuil,
        "aujourd_hui": aujourd_hui,
        "sans_contact": page_sans_contact,
        "sans_contact_lignes": [
            (plan, jours_sans_contact(plan.dernier_contact, plan.debut_le, aujourd_hui))
            for plan in page_sans_contact.object_list
        ],
        "sans_plan": page_sans_plan,
        "sans_plan_lignes": [(m, p.raisons_sans_plan(m)) for m in page_sans_plan.object_list],
    }
    return render(request, "accompagnement/equipe.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def temps_travail(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    _exiger_equipe(acteur)
    travailleurs = list(selectors.travailleurs_sociaux(acteur))
    choisi = selectors.travailleur_social_ou_none(acteur, request.GET.get("utilisateur"))
    initial = {"depuis_le": timezone.localdate(), "utilisateur": choisi.pk if choisi else ""}
    donnees = request.POST if request.method == "POST" else None
    form = TempsTravailForm(donnees, travailleurs=travailleurs, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ligne = suivi.fixer_temps_travail(acteur=acteur, **form.cleaned_data)
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(
                request,
                f"Temps de travail {de(str(ligne.utilisateur))} : {p.nombre_court(ligne.etp)} ETP "
                f"depuis le {date_fr(ligne.depuis_le)}.",
            )
            return redirect("accompagnement:equipe")
    contexte = {
        "title": "Temps de travail des travailleurs sociaux",
        "form": form,
        "travailleurs": travailleurs,
        "historique": selectors.historique_temps_travail(acteur.organisation.pk),
    }
    return render(request, "accompagnement/temps_travail.html", contexte)
