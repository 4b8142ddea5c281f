"""Panorama régional (seed 000) : le tableau d'une année (déclaré, calculé, totaux R-UNKNOWN),
la saisie d'un indicateur et l'import d'un tableau par la DREETS, les exports. L'État lit
(DDETS : sa région), la plateforme choisit la région ; les autres : 403."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iml.occupations.imports.validation import ErreursImport
from iml.parc.imports.lecture import FichierIllisible
from iml.parc.views.exports import telechargement
from iml.pilotage import exports_panorama, imports_panorama, perms, selectors_panorama
from iml.pilotage.forms_panorama import DeclarationForm, DepotPanoramaForm
from iml.pilotage.services_panorama import Declaration, declarer_saisie, importer
from iml.ui.erreurs import resume_erreurs
from regles.format import euros
from regles.panorama import Indicateur
from regles.types import Zone


def _lecteur(request: HttpRequest) -> None:
    if refus := perms.acces_panorama(request.acteur):
        raise PermissionDenied(refus.message)


def _saisie(request: HttpRequest):
    if refus := perms.acces_saisie_panorama(request.acteur):
        raise PermissionDenied(refus.message)
    return selectors_panorama.region_de(request.acteur)


def _annee(request: HttpRequest, region) -> int:
    """L'année demandée (2000 à l'année en cours), sinon la plus récente déclarée qui n'est pas
    à venir, sinon l'année dernière."""
    en_cours = timezone.localdate().year
    brut = request.GET.get("annee", "")
    if brut.isascii() and brut.isdigit() and 2000 <= int(brut) <= en_cours:
        return int(brut)
    annees = [a for a in selectors_panorama.annees(region) if a <= en_cours]
    return annees[0] if annees else en_cours - 1


LIBELLES_FINANCEURS = {"ARS": "ARS", "ETAT_P177": "État"}


def _plafonds_lignes(plafonds) -> list[tuple[str, object, object]]:
    """R-CEILING-NA : une ligne par catégorie (sous-location) et par formule (mandat)."""
    if plafonds is None:
        return []
    lignes = []
    for titre, table in (("Sous-location", plafonds["sous_location"]),
                         ("Mandat de gestion", plafonds["mandat"])):  # fmt: skip
        for cle, zones in (table or {}).items():
            lignes.append((f"{titre}, {cle.libelle.lower()}", zones.get(Zone.TENDUE),
                           zones.get(Zone.DETENDUE)))  # fmt: skip
    return lignes


@login_required
@require_GET
def panorama(request: HttpRequest) -> HttpResponse:
    _lecteur(request)
    region = selectors_panorama.region_de(request.acteur, request.GET.get("region"))
    if region is None:
        contexte = {"title": "Panorama régional", "regions": selectors_panorama.regions()}
        return render(request, "pilotage/panorama/choix_region.html", contexte)
    annee = _annee(request, region)
    annee_max = timezone.localdate().year
    p = selectors_panorama.panorama(request.acteur, region, annee, timezone.localdate())
    plafonds = selectors_panorama.plafonds(region)
    indicateur = exports_panorama.indicateur_du_graphique(request.GET.get("indicateur"))
    plateforme = request.acteur.agit_pour_la_plateforme
    graphique = exports_panorama.graphique(p, indicateur, "region" if plateforme else "")
    contexte = {
        "title": f"Panorama régional {region.nom} {annee}",
        "p": p,
        "indicateur": indicateur,
        "graphique": graphique,
        "graphique_etroit": exports_panorama.attributs_etroits(graphique),
        "totaux": list(zip(p.indicateurs, p.totaux, strict=True)),
        "par_place_texte": " + ".join(
            f"{euros(m)} {LIBELLES_FINANCEURS.get(f, f)}" for f, m in p.par_place.items()
        ),
        "plafonds_lignes": _plafonds_lignes(plafonds),
        "annees": sorted(
            {annee, *(a for a in selectors_panorama.annees(region) if a <= annee_max)},
            reverse=True,
        ),
        "plafonds": plafonds,
        "peut_saisir": perms.acces_saisie_panorama(request.acteur) is None,
        "requete_region": f"region={region.code}&" if plateforme else "",
    }
    return render(request, "pilotage/panorama/page.html", contexte)


@login_required
@require_GET
def historique(request: HttpRequest) -> HttpResponse:
    """Le journal des déclarations d'une année ; `?departement=&indicateur=` : l'historique
    d'une case (chaque correction gardée, la plus récente fait foi)."""
    _lecteur(request)
    region = selectors_panorama.region_de(request.acteur, request.GET.get("region"))
    if region is None:
        raise Http404("Choisissez une région.")
    indicateur = request.GET.get("indicateur", "")
    if indicateur and indicateur not in Indicateur.__members__:
        raise Http404("Indicateur inconnu.")
    annee = _annee(request, region)
    departement, lignes = selectors_panorama.historique(
        region, annee, request.GET.get("departement", ""), indicateur
    )
    quoi = ", ".join(
        x
        for x in (indicateur and Indicateur(indicateur).libelle, departement and departement.nom)
        if x
    )
    contexte = {
        "title": f"Historique des déclarations {region.nom} {annee}"
        + (f" : {quoi}" if quoi else ""),
        "lignes": lignes,
        "annee": annee,
    }
    return render(request, "pilotage/panorama/historique.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def saisie(request: HttpRequest) -> HttpResponse:
    region = _saisie(request)
    initial = {k: request.GET[k] for k in ("annee", "indicateur") if k in request.GET}
    code = request.GET.get("departement")
    if code:
        deps = {d.code: d.pk for d in selectors_panorama.departements(region)}
        initial["departement"] = deps.get(code)
    form = DeclarationForm(
        request.POST or None, region=region, annee_max=timezone.localdate().year, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        valeur = None if c["etat"] == "NON_RENSEIGNE" else Decimal(c["valeur"])
        declaration = Declaration(
            c["departement"], c["annee"], c["indicateur"], valeur, c["source"], c["date_source"]
        )
        try:
            ligne = declarer_saisie(acteur=request.acteur, declaration=declaration)
        except ValidationError as refus:
            for champ, erreurs in refus.message_dict.items():
                for e in erreurs:
                    form.add_error(champ if champ in form.fields else None, e)
        else:
            messages.success(
                request,
                "Indicateur enregistré."
                if ligne
                else "Valeur identique à la déclaration en vigueur : rien n'a changé.",
            )
            return redirect(f"{reverse('pilotage:panorama')}?annee={c['annee']}")
    contexte = {
        "title": "Déclarer un indicateur du panorama",
        "form": form,
        "resume": resume_erreurs(form) if form.errors else [],
        "region": region,
    }
    return render(request, "pilotage/panorama/saisie.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def import_panorama(request: HttpRequest) -> HttpResponse:
    region = _saisie(request)
    form = DepotPanoramaForm(request.POST or None, request.FILES or None)
    erreurs: list = []
    if request.method == "POST" and form.is_valid():
        try:
            declarations = imports_panorama.lire(
                form.cleaned_data["contenu"], form.cleaned_data["fichier"].name, region,
                timezone.localdate(),
            )  # fmt: skip
            resultat = importer(acteur=request.acteur, declarations=declarations)
        except FichierIllisible as refus:
            form.add_error("fichier", f"Fichier : {refus}")
        except ErreursImport as refus:
            erreurs = refus.erreurs
        else:
            messages.success(
                request,
                f"Import terminé : {resultat.enregistrees} valeur(s) enregistrée(s), "
                f"{resultat.inchangees} inchangée(s).",
            )
            return redirect("pilotage:panorama")
    contexte = {
        "title": "Importer un tableau du panorama",
        "form": form,
        "resume": resume_erreurs(form) if form.errors else [],
        "erreurs": erreurs,
        "colonnes": imports_panorama.COLONNES,
        "region": region,
    }
    return render(request, "pilotage/panorama/import.html", contexte)


@login_required
@require_GET
def export(request: HttpRequest, format: str) -> HttpResponse:
    _lecteur(request)
    if format not in exports_panorama.FORMATS:
        raise Http404("Format inconnu.")
    region = selectors_panorama.region_de(request.acteur, request.GET.get("region"))
    if region is None:
        raise Http404("Choisissez une région.")
    annee = _annee(request, region)
    p = selectors_panorama.panorama(request.acteur, region, annee, timezone.localdate())
    contenu = exports_panorama.exporter(p, format)
    reponse = telechargement(
        contenu, "csv" if format == "csv" else format, f"panorama-{region.code}-{annee}.{format}"
    )
    reponse["Content-Type"] = exports_panorama.FORMATS[format]
    return reponse
