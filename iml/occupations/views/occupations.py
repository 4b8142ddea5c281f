"""Fiche d'une occupation : ménage, logement, contrôle d'admission figé, horloge de la
sous-location (R-SL-DURATION), fenêtre du mandat de gestion (R-MG-GLS-DURATION), tarifs,
suite du parcours, sortie (avec confirmation), historique.

Lecture : direction et gestion locative de l'opérateur, le travail social référent du ménage
(sans formulaires) ; chaque lecture est journalisée. Hors périmètre : 404 ; les actions sont
réservées à la gestion (403 pour le travail social référent).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iml.appels.views.conventions import reporter
from iml.menages import perms
from iml.menages.services.menages import journaliser_consultation
from iml.occupations import presentation_occupations as presentation
from iml.occupations.forms.occupations import (
    RenouvellementForm,
    RevueForm,
    SortieForm,
    SuiteForm,
    TarifForm,
)
from iml.occupations.models import ControleAdmission, Occupation
from iml.occupations.parametres import bareme, parametres_occupations
from iml.occupations.selectors import occupation_ou_404
from iml.occupations.services import horloge, sorties
from regles.format import date_fr
from regles.types import DestinationSortie, Mode, StatutOccupation

GABARIT = "occupations/occupation.html"


def _geree(request: HttpRequest, pk: int) -> Occupation:
    """L'occupation (404 hors périmètre) ; 403 sans droit de gestion (travail social)."""
    occupation = occupation_ou_404(request.acteur, pk)
    if refus := perms.acces_gestion(request.acteur, occupation.operateur_id):
        raise PermissionDenied(refus.message)
    return occupation


def _controle(occupation: Occupation) -> dict | None:
    try:
        controle = occupation.controle
    except ControleAdmission.DoesNotExist:
        return None
    return {
        "c": controle,
        "lignes": presentation.lignes_controle(controle.constats),
        "chiffres": presentation.lignes_chiffres(
            controle.chiffres, controle.source_aide, controle.aide_estimee_le, None, False
        ),
    }


def _suivante(occupation: Occupation) -> Occupation | None:
    """Le mandat de gestion qui suit le glissement du bail, s'il y en a un."""
    try:
        return occupation.suivante
    except Occupation.DoesNotExist:
        return None


def _horloge(occupation: Occupation, jour) -> dict:
    b = bareme()
    contexte: dict = {}
    if occupation.forme == Mode.SOUS_LOCATION:
        periodes = list(occupation.periodes.select_related("decide_par"))
        contexte["horloge"] = presentation.horloge_sous_location(
            occupation.date_entree, periodes, parametres_occupations().sl_alertes_jours, jour, b
        )
    else:
        revues = list(occupation.revues.select_related("par"))
        contexte["revues"] = revues
        contexte["fenetre"] = presentation.fenetre_mandat(
            occupation.date_entree, occupation.fin_financement, len(revues), jour, b
        )
    return contexte


def contexte_fiche(request: HttpRequest, occupation: Occupation, **formulaires) -> dict:
    jour = timezone.localdate()
    gere = perms.acces_gestion(request.acteur, occupation.operateur_id) is None
    en_cours = occupation.statut == StatutOccupation.EN_COURS
    tarifs = list(occupation.tarifs.select_related("cree_par"))
    dernier = tarifs[-1] if tarifs else None
    contexte = {
        "title": f"Occupation — ménage {occupation.menage.reference}",
        "occupation": occupation,
        "menage": occupation.menage,
        "logement": occupation.logement,
        "controle": _controle(occupation),
        "tarifs": tarifs,
        "evenements": list(occupation.evenements.select_related("par").order_by("-le", "-pk")),
        "gere": gere and en_cours,
        "en_cours": en_cours,
        "precedente": occupation.precedente,
        "suivante": _suivante(occupation),
        "duree": presentation.duree_sejour(occupation.date_entree, occupation.date_sortie)
        if occupation.date_sortie
        else "",
        "renouvellement_form": formulaires.get("renouvellement_form")
        or RenouvellementForm(initial={"decide_le": jour}),
        "revue_form": formulaires.get("revue_form") or RevueForm(initial={"le": jour}),
        "tarif_form": formulaires.get("tarif_form")
        or TarifForm(
            initial={"loyer": dernier.loyer, "charges": dernier.charges} if dernier else {}
        ),
        "suite_form": formulaires.get("suite_form")
        or SuiteForm(initial={"suite_parcours": occupation.suite_parcours}),
        **_horloge(occupation, jour),
    }
    return contexte


@login_required
@require_GET
def occupation(request: HttpRequest, pk: int) -> HttpResponse:
    occupation = occupation_ou_404(request.acteur, pk)
    journaliser_consultation(
        acteur=request.acteur, menage=occupation.menage, page="occupation",
        maintenant=timezone.now(),
    )  # fmt: skip
    return render(request, GABARIT, contexte_fiche(request, occupation))


def _action(request: HttpRequest, pk: int, classe, nom: str, service, succes: str):
    """Une action de la fiche : formulaire valide → service → retour à la fiche ; sinon la
    fiche avec le formulaire et ses erreurs (valeurs gardées)."""
    occupation = _geree(request, pk)
    form = classe(request.POST)
    if form.is_valid():
        try:
            service(occupation, form.cleaned_data)
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, succes)
            return redirect("occupations:occupation", pk=occupation.pk)
    occupation.refresh_from_db()
    journaliser_consultation(
        acteur=request.acteur,
        menage=occupation.menage,
        page="occupation",
        maintenant=timezone.now(),
    )
    return render(request, GABARIT, contexte_fiche(request, occupation, **{nom: form}))


@login_required
@require_POST
def renouveler(request: HttpRequest, pk: int) -> HttpResponse:
    def service(occupation: Occupation, d: dict) -> None:
        horloge.renouveler(
            acteur=request.acteur, occupation=occupation, decide_le=d["decide_le"],
            motif=d["motif"], maintenant=timezone.now(),
        )  # fmt: skip

    return _action(
        request, pk, RenouvellementForm, "renouvellement_form", service,
        "Sous-location renouvelée.",
    )  # fmt: skip


@login_required
@require_POST
def revue(request: HttpRequest, pk: int) -> HttpResponse:
    def service(occupation: Occupation, d: dict) -> None:
        horloge.revoir_mandat(
            acteur=request.acteur, occupation=occupation, le=d["le"], poursuite=d["poursuite"],
            note=d["note"], maintenant=timezone.now(),
        )  # fmt: skip

    return _action(request, pk, RevueForm, "revue_form", service, "Revue du mandat enregistrée.")


@login_required
@require_POST
def tarif(request: HttpRequest, pk: int) -> HttpResponse:
    def service(occupation: Occupation, d: dict) -> None:
        horloge.reviser_tarif(
            acteur=request.acteur, occupation=occupation, date_effet=d["date_effet"],
            loyer=d["loyer"], charges=d["charges"],
        )  # fmt: skip

    return _action(request, pk, TarifForm, "tarif_form", service, "Nouveau tarif enregistré.")


@login_required
@require_POST
def suite(request: HttpRequest, pk: int) -> HttpResponse:
    def service(occupation: Occupation, d: dict) -> None:
        horloge.prevoir_suite(
            acteur=request.acteur, occupation=occupation, suite_parcours=d["suite_parcours"],
            maintenant=timezone.now(),
        )  # fmt: skip

    return _action(request, pk, SuiteForm, "suite_form", service, "Suite du parcours enregistrée.")


def _sortir(request: HttpRequest, occupation: Occupation, form: SortieForm) -> bool:
    d = form.cleaned_data
    try:
        sorties.sortir(
            acteur=request.acteur, occupation=occupation, date_sortie=d["date_sortie"],
            destination=d["destination"], note=d["note"],
            mandat_suit=d.get("mandat_suit", False), maintenant=timezone.now(),
        )  # fmt: skip
    except ValidationError as erreur:
        reporter(form, erreur)
        return False
    messages.success(
        request,
        f"Sortie notée le {date_fr(d['date_sortie'])} : "
        f"{DestinationSortie(d['destination']).libelle.lower()}.",
    )
    return True


@login_required
@require_http_methods(["GET", "POST"])
def sortie(request: HttpRequest, pk: int) -> HttpResponse:
    """Saisie, puis confirmation (la sortie ne s'annule pas), puis la fiche."""
    occupation = _geree(request, pk)
    if occupation.statut != StatutOccupation.EN_COURS:
        messages.error(request, "Cette occupation est terminée : la sortie est déjà notée.")
        return redirect("occupations:occupation", pk=occupation.pk)
    glissement = occupation.forme == Mode.SOUS_LOCATION
    form = SortieForm(
        request.POST or None,
        glissement_possible=glissement,
        initial={"date_sortie": timezone.localdate()},
    )
    confirmation = False
    if request.method == "POST" and form.is_valid():
        donnees = form.cleaned_data
        try:
            sorties.verifier_sortie(
                occupation, donnees["date_sortie"], donnees["destination"], timezone.localdate()
            )
        except ValidationError as erreur:
            reporter(form, erreur)  # refusée avant la confirmation, saisie gardée
        else:
            confirmation = not donnees["confirme"]
            if not confirmation and _sortir(request, occupation, form):
                return redirect("occupations:occupation", pk=occupation.pk)
    return _page_sortie(request, occupation, form, confirmation)


def _page_sortie(
    request: HttpRequest, occupation: Occupation, form: SortieForm, confirmation: bool
) -> HttpResponse:
    d = form.cleaned_data if confirmation else {}
    contexte = {
        "title": f"Noter la sortie — ménage {occupation.menage.reference}",
        "occupation": occupation,
        "form": form,
        "confirmation": confirmation,
        "valeurs": form.valeurs() if confirmation else {},
        "destination": DestinationSortie(d["destination"]).libelle if confirmation else "",
        "duree": presentation.duree_sejour(occupation.date_entree, d["date_sortie"])
        if confirmation
        else "",
    }
    return render(request, "occupations/occupation_sortie.html", contexte)
