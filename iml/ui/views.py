"""Pages transverses : tableau de bord, organisations, journal d'audit."""

from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from iml.comptes import selectors
from iml.comptes.perms import peut_lire_journal


@login_required
def accueil(request: HttpRequest) -> HttpResponse:
    acteur = request.acteur
    contexte = {
        "title": "Tableau de bord",
        "organisations": selectors.organisations_visibles(acteur)[:10],
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
    entrees = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    page = Paginator(entrees, 50).get_page(request.GET.get("page"))
    return render(request, "ui/journal.html", {"title": "Journal d'audit", "page": page})
