"""L'annuaire des partenaires de l'opérateur (R-PARTNERS) : liste filtrée par type et par
état, création, modification (la case « actif » retire un partenaire des choix sans effacer
ses orientations passées).

Tenu par la direction et le travail social de l'opérateur ; les autres (gestion locative,
État, SIAO, cofinanceurs, administration de la plateforme) : 403. Le partenaire d'un autre
opérateur : 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from iml.accompagnement import perms, selectors, selectors_suivi
from iml.accompagnement.forms.suivi_partenaires import FiltrePartenairesForm, PartenaireForm
from iml.accompagnement.models import Partenaire
from iml.accompagnement.services import suivi as services
from iml.menages.models import Menage
from iml.parc.presentation_captation import parametres_sans_page

PAR_PAGE = 50

REFUS_ANNUAIRE = (
    "L'annuaire des partenaires est tenu par la direction et le travail social de l'opérateur."
)
#: Le refus de la contrainte « un nom par annuaire », montré sous le champ « Nom ».
NOM_EN_DOUBLE = next(
    str(c.violation_error_message)
    for c in Partenaire._meta.constraints
    if c.name == "partenaire_nom_unique"
)


def _exiger_annuaire(request: HttpRequest) -> None:
    if not perms.tient_l_annuaire(request.acteur):
        raise PermissionDenied(REFUS_ANNUAIRE)


@login_required
@require_GET
def partenaires(request: HttpRequest) -> HttpResponse:
    _exiger_annuaire(request)
    filtres = FiltrePartenairesForm(request.GET or None)
    type_, etat = filtres.valeurs()
    qs = selectors_suivi.annuaire(request.acteur, type_, etat)
    page = Paginator(qs, PAR_PAGE).get_page(request.GET.get("page"))
    contexte = {
        "title": "Annuaire des partenaires",
        "filtres": filtres,
        "filtre_actif": bool(type_ or etat),
        "page": page,
        "total": page.paginator.count,
        "parametres": parametres_sans_page(request.GET),
    }
    return render(request, "accompagnement/partenaires.html", contexte)


def reporter_partenaire(form: PartenaireForm, erreur: ValidationError) -> None:
    """Les refus du service sous leurs champs ; le nom en double, sous « Nom »."""
    for champ, textes in erreur.message_dict.items():
        for texte in textes:
            if champ == NON_FIELD_ERRORS and texte == NOM_EN_DOUBLE:
                form.add_error("nom", texte)
            else:
                form.add_error(champ if champ in form.fields else None, texte)


def _pour_menage(request: HttpRequest) -> Menage | None:
    """Le ménage à orienter, quand on vient de son orientation (`?pour=`), s'il est suivi."""
    pour = request.GET.get("pour", "")
    if not (pour.isascii() and pour.isdigit()):
        return None
    return selectors.menages_accompagnes(request.acteur).filter(pk=int(pour)).first()


def _formulaire(request: HttpRequest, partenaire: Partenaire | None) -> HttpResponse:
    initial = (
        {c: getattr(partenaire, c) for c in services.CHAMPS_PARTENAIRE} if partenaire else None
    )
    form = PartenaireForm(request.POST if request.method == "POST" else None, initial=initial)
    menage = _pour_menage(request)
    if request.method == "POST" and form.is_valid():
        try:
            if partenaire is None:
                enregistre = services.creer_partenaire(acteur=request.acteur, **form.cleaned_data)
            else:
                enregistre = services.modifier_partenaire(
                    acteur=request.acteur, partenaire=partenaire, **form.cleaned_data
                )
        except ValidationError as erreur:
            reporter_partenaire(form, erreur)
            if partenaire is not None:
                partenaire.refresh_from_db()
        else:
            messages.success(request, f"Partenaire « {enregistre} » enregistré dans l'annuaire.")
            if menage is not None:
                return redirect("accompagnement:orientation_ajouter", pk=menage.pk)
            return redirect("accompagnement:partenaires")
    titre = f"Modifier le partenaire {partenaire}" if partenaire else "Nouveau partenaire"
    contexte = {"title": titre, "form": form, "partenaire": partenaire, "pour": menage}
    return render(request, "accompagnement/partenaire_formulaire.html", contexte)


@login_required
@require_http_methods(["GET", "POST"])
def partenaire_creer(request: HttpRequest) -> HttpResponse:
    _exiger_annuaire(request)
    return _formulaire(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def partenaire_modifier(request: HttpRequest, pk: int) -> HttpResponse:
    _exiger_annuaire(request)
    partenaire = selectors.partenaire_ou_404(request.acteur, pk)
    return _formulaire(request, partenaire)
