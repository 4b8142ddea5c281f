"""Montée en charge des conventions (R-RAMPUP) : la liste du périmètre avec ses agrégats
(appel, département, région), le détail d'une convention, le détail d'un appel. Vues minces :
le périmètre est `selectors_montee`, le calcul `regles.montee_en_charge`."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from iml.appels.selectors import appel_ou_404
from iml.comptes.acteur import Acteur
from iml.pilotage import perms, presentation_montee, selectors_montee
from iml.pilotage.exports_tableaux import enregistrer
from iml.pilotage.graphiques import Tableau


def _exiger_acces(acteur: Acteur) -> None:
    if refus := perms.acces_montee(acteur):
        raise PermissionDenied(refus.message)


def _exiger(request: HttpRequest) -> None:
    _exiger_acces(request.acteur)


def _pk(parametres: Mapping[str, str], cle: str) -> int:
    try:
        return int(parametres.get(cle, ""))
    except ValueError as erreur:
        raise Http404("Identifiant attendu.") from erreur


def _tableau_convention(acteur: Acteur, parametres: Mapping[str, str]) -> Tableau:
    """Export du graphique d'une convention du périmètre (`?convention=<pk>`)."""
    _exiger_acces(acteur)
    pk = _pk(parametres, "convention")
    ligne = selectors_montee.montee_de(
        selectors_montee.convention_ou_404(acteur, pk), timezone.localdate()
    )
    return presentation_montee.tableau_trimestres(
        f"Places prévues, ouvertes et occupées de la convention {ligne.numero}",
        ligne.montee,
        "montee-convention",
        {"convention": str(pk)},
    )


def _tableau_appel(acteur: Acteur, parametres: Mapping[str, str]) -> Tableau:
    """Export du graphique d'un appel, pour les conventions du périmètre (`?appel=<pk>`)."""
    _exiger_acces(acteur)
    pk = _pk(parametres, "appel")
    appel = appel_ou_404(acteur, pk)
    conventions = selectors_montee.conventions_du_perimetre(acteur).filter(dossier__appel=appel)
    groupe = selectors_montee.total(conventions, timezone.localdate(), appel.nom)
    if groupe is None:
        raise Http404("Aucune convention de votre périmètre dans cet appel.")
    return presentation_montee.tableau_trimestres(
        f"Places prévues, ouvertes et occupées de l'appel {appel.nom}",
        groupe.montee,
        "montee-appel",
        {"appel": str(pk)},
    )


def enregistrer_tableaux() -> None:
    """Déclare les tableaux exportables du volet (idempotent ; appelé à l'import)."""
    enregistrer("montee-convention", _tableau_convention)
    enregistrer("montee-appel", _tableau_appel)


enregistrer_tableaux()


@login_required
@require_GET
def montee(request: HttpRequest) -> HttpResponse:
    _exiger(request)
    jour = timezone.localdate()
    conventions = selectors_montee.conventions_du_perimetre(request.acteur)
    agregats = [
        (niveau, titre, selectors_montee.groupes(conventions, jour, niveau))
        for niveau, titre in presentation_montee.niveaux(request.acteur)
    ]
    lignes = presentation_montee.lignes(selectors_montee.montees(conventions, jour))
    contexte = {
        "title": "Montée en charge des conventions",
        "jour": jour,
        "trimestre": presentation_montee.trimestre_en_cours(jour),
        "lignes": lignes,
        "agregats": [
            (niveau, titre, [presentation_montee.groupe(g) for g in groupes])
            for niveau, titre, groupes in agregats
        ],
    }
    return render(request, "pilotage/montee/liste.html", contexte)


@login_required
@require_GET
def montee_convention(request: HttpRequest, pk: int) -> HttpResponse:
    _exiger(request)
    jour = timezone.localdate()
    convention = selectors_montee.convention_ou_404(request.acteur, pk)
    ligne = selectors_montee.montee_de(convention, jour)
    contexte = {
        "title": f"Montée en charge de la convention {ligne.numero}",
        "jour": jour,
        "trimestre": presentation_montee.trimestre_en_cours(jour),
        "ligne": ligne,
        "montee": ligne.montee,
        "jalons": presentation_montee.resume_etats(ligne.montee),
        "graphique": presentation_montee.tableau_trimestres(
            "Places prévues, ouvertes et occupées par trimestre",
            ligne.montee,
            "montee-convention",
            {"convention": str(pk)},
        ),
    }
    return render(request, "pilotage/montee/convention.html", contexte)


@login_required
@require_GET
def montee_appel(request: HttpRequest, pk: int) -> HttpResponse:
    _exiger(request)
    jour = timezone.localdate()
    appel = appel_ou_404(request.acteur, pk)
    conventions = selectors_montee.conventions_du_perimetre(request.acteur).filter(
        dossier__appel=appel
    )
    groupe = selectors_montee.total(conventions, jour, appel.nom)
    contexte = {
        "title": f"Montée en charge de l'appel {appel.nom}",
        "jour": jour,
        "trimestre": presentation_montee.trimestre_en_cours(jour),
        "appel": appel,
        "groupe": groupe,
        "montee": groupe.montee if groupe else None,
        "jalons": presentation_montee.resume_etats(groupe.montee) if groupe else [],
        "lignes": presentation_montee.lignes(selectors_montee.montees(conventions, jour)),
        "graphique": presentation_montee.tableau_trimestres(
            "Places prévues, ouvertes et occupées par trimestre",
            groupe.montee,
            "montee-appel",
            {"appel": str(pk)},
        )
        if groupe
        else None,
    }
    return render(request, "pilotage/montee/appel.html", contexte)
