"""Pages transverses : tableau de bord, organisations, journal d'audit, pages légales du pied
de page (publiques)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from iml.comptes import selectors
from iml.comptes.perms import peut_lire_journal


@login_required
def accueil(request: HttpRequest) -> HttpResponse:
    """Le tableau de bord de l'acteur selon son rôle (État, opérateur, SIAO, cofinanceur :
    `iml.pilotage.views.tableaux`), avec sa file de travail ; les tuiles du menu pour tous."""
    from django.utils import timezone

    from iml.pilotage import files_de_travail
    from iml.pilotage.views.tableaux import tableau_de_bord

    acteur = request.acteur
    jour = timezone.localdate()
    contexte = {
        "title": "Tableau de bord",
        "organisations": selectors.organisations_visibles(acteur)[:10],
        "tableau_de_bord": tableau_de_bord(acteur, jour),
        # None : l'acteur n'a pas ce volet du pilotage, la section n'est pas affichée.
        "jalons_a_surveiller": files_de_travail.jalons(acteur, jour),
        "statistiques_attendues": files_de_travail.statistiques_attendues(acteur),
    }
    return render(request, "ui/accueil.html", contexte)


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    page = Paginator(selectors.organisations_visibles(acteur), 50).get_page(request.GET.get("page"))
    return render(request, "ui/organisations.html", {"title": "Organisations", "page": page})


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    acteur = request.acteur
    objet = selectors.organisation_ou_404(acteur, pk)
    contexte = {
        "title": objet.nom,
        "organisation": objet,
        "membres": selectors.membres_visibles(acteur, objet),
    }
    return render(request, "ui/organisation.html", contexte)


@login_required
def journal(request: HttpRequest) -> HttpResponse:
    if not peut_lire_journal(request.acteur):
        raise Http404
    page = Paginator(selectors.entrees_du_journal(request.acteur), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "ui/journal.html", {"title": "Journal d'audit", "page": page})


def _page_legale(request: HttpRequest, gabarit: str, titre: str) -> HttpResponse:
    """Page publique du pied de page ; l'exploitant renseigne éditeur, hébergeur et contact
    (variables d'environnement IML_EDITEUR, IML_DIRECTEUR_PUBLICATION, IML_HEBERGEUR,
    IML_CONTACT)."""
    contexte = {
        "title": titre,
        "editeur": settings.IML_EDITEUR,
        "directeur_publication": settings.IML_DIRECTEUR_PUBLICATION,
        "hebergeur": settings.IML_HEBERGEUR,
        "contact": settings.IML_CONTACT,
    }
    return render(request, gabarit, contexte)


def mentions_legales(request: HttpRequest) -> HttpResponse:
    return _page_legale(request, "ui/mentions_legales.html", "Mentions légales")


def donnees_personnelles(request: HttpRequest) -> HttpResponse:
    return _page_legale(request, "ui/donnees_personnelles.html", "Données personnelles")


def accessibilite(request: HttpRequest) -> HttpResponse:
    return _page_legale(
        request, "ui/accessibilite.html", "Déclaration d'accessibilité : partiellement conforme"
    )
