"""Tableaux de bord du pilotage : le tableau de bord de l'acteur (page d'accueil) et l'export
générique d'un tableau (csv, xlsx, ods).

Un tableau exportable est construit par le volet qui l'a enregistré
(`exports_tableaux.enregistrer`), pour l'acteur connecté : son périmètre, ses refus (403), les
objets d'une autre organisation (404). Un nom de tableau ou un format inconnu : 404. Les
tableaux des tableaux de bord sont enregistrés ici (places, formes, typologies, coûts,
propositions, cofinancements, mesures).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from iml.comptes.acteur import Acteur
from iml.pilotage import exports_tableaux
from iml.pilotage import presentation_tableaux as bord
from iml.pilotage import presentation_tableaux_partenaires as partenaires
from iml.pilotage import selectors_tableaux as sel
from iml.pilotage.graphiques import Tableau
from iml.pilotage.perms import acces_tableau, exiger

CONSTRUCTEURS: dict[str, Callable[[Acteur, date], bord.TableauDeBord]] = {
    sel.ETAT: bord.tableau_de_bord_etat,
    sel.OPERATEUR: bord.tableau_de_bord_operateur,
    sel.SIAO: partenaires.tableau_de_bord_siao,
    sel.COFINANCEUR: partenaires.tableau_de_bord_cofinanceur,
}


def tableau_de_bord(acteur: Acteur, jour: date) -> bord.TableauDeBord | None:
    """Le tableau de bord de l'acteur, ou `None` s'il n'en a pas (travail social…)."""
    profil = sel.profil(acteur)
    return None if profil is None else CONSTRUCTEURS[profil](acteur, jour)


def _exiger(acteur: Acteur, *profils: str) -> None:
    exiger(acces_tableau(acteur, *profils))


def _places(rang: int) -> Callable[[Acteur, Mapping[str, str]], Tableau]:
    def construire(acteur: Acteur, parametres: Mapping[str, str]) -> Tableau:
        _exiger(acteur, sel.ETAT, sel.OPERATEUR)
        _, tableaux = bord.tableaux_places(acteur, timezone.localdate())
        return tableaux[rang]

    return construire


def _propositions(acteur: Acteur, parametres: Mapping[str, str]) -> Tableau:
    _exiger(acteur, sel.SIAO)
    jour = timezone.localdate()
    return partenaires.tableau_propositions(
        acteur, jour, sel.file_siao(acteur).propositions_par_statut
    )


def _cofinancements(acteur: Acteur, parametres: Mapping[str, str]) -> Tableau:
    _exiger(acteur, sel.COFINANCEUR)
    return partenaires.tableau_cofinancements(acteur, timezone.localdate())


def _mesures(acteur: Acteur, parametres: Mapping[str, str]) -> Tableau:
    _exiger(acteur, sel.COFINANCEUR)
    return partenaires.tableau_mesures(acteur, timezone.localdate())[0]


for _rang, _nom in enumerate(("places", "formes", "typologies", "couts")):
    exports_tableaux.enregistrer(_nom, _places(_rang))
exports_tableaux.enregistrer("propositions", _propositions)
exports_tableaux.enregistrer("cofinancements", _cofinancements)
exports_tableaux.enregistrer("mesures", _mesures)


@login_required
@require_GET
def export_tableau(request: HttpRequest, nom: str, format: str) -> HttpResponse:
    exportable = exports_tableaux.exportable(nom)
    if exportable is None or format not in exports_tableaux.FORMATS:
        raise Http404("Tableau ou format inconnu.")
    tableau = exportable.construire(request.acteur, request.GET.dict())
    contenu = exports_tableaux.exporter(tableau, format)
    reponse = HttpResponse(contenu, content_type=exports_tableaux.FORMATS[format])
    nom_fichier = exports_tableaux.nom_de_fichier(tableau, format)
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    reponse["Cache-Control"] = "no-store"
    return reponse
