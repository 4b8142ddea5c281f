"""Admission d'un ménage dans un logement, en deux temps : la saisie, puis l'aperçu de chaque
contrôle (règle, chiffres, verdict) AVANT toute écriture ; « Confirmer l'admission » si rien
ne bloque, ou la dérogation écrite de la direction là où la règle la permet.

L'aperçu est une page GET (`?verifier=1` et les valeurs saisies) : l'estimation de l'aide au
logement y revient (`next`). Direction et gestion locative seulement (403 sinon) ; un ménage
ou un logement présélectionné hors périmètre : 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from iml.appels.views.conventions import reporter
from iml.menages import perms
from iml.menages.selectors import menage_ou_404
from iml.menages.services.menages import journaliser_consultation
from iml.occupations import presentation_occupations as presentation
from iml.occupations.enums import SourceAide
from iml.occupations.forms.admission import AdmissionForm, initial_admission, libelle_tarif
from iml.occupations.selectors_estimations import derniere_demande
from iml.occupations.services.admission import Preparation, admettre, preparer_admission
from iml.parc.selectors import logement_ou_404
from regles.admission import DEROGEABLES
from regles.format import date_fr
from regles.types import Mode, SuiteParcours

GABARIT_SAISIE = "occupations/admission.html"
GABARIT_APERCU = "occupations/admission_apercu.html"


def _pk(request: HttpRequest, cle: str) -> int | None:
    valeur = request.GET.get(cle, "")
    if not valeur:
        return None
    if not (valeur.isascii() and valeur.isdigit()):
        raise Http404
    return int(valeur)


def _saisie(request: HttpRequest, form: AdmissionForm) -> HttpResponse:
    return render(request, GABARIT_SAISIE, {"title": "Admettre un ménage", "form": form})


def _preselection(request: HttpRequest) -> AdmissionForm:
    """`?menage=` et `?logement=` (404 hors périmètre) ; `?modifier=1` : les valeurs de
    l'aperçu reviennent dans la saisie."""
    acteur = request.acteur
    if "modifier" in request.GET:
        return AdmissionForm(initial=request.GET.dict(), acteur=acteur)
    menage_pk, logement_pk = _pk(request, "menage"), _pk(request, "logement")
    menage = menage_ou_404(acteur, menage_pk) if menage_pk is not None else None
    logement = logement_ou_404(acteur, logement_pk) if logement_pk is not None else None
    return AdmissionForm(initial=initial_admission(logement, menage), acteur=acteur)


def _preparer(request: HttpRequest, form: AdmissionForm) -> Preparation | None:
    try:
        return preparer_admission(
            acteur=request.acteur, aujourd_hui=timezone.localdate(), **form.donnees()
        )
    except ValidationError as erreur:
        reporter(form, erreur)
        return None


def _chiffres(preparation: Preparation, menage, logement) -> list[tuple[str, str]]:
    """Ressources, aide retenue, coût net, taux et plafond, reste à vivre et minimum,
    capacité, catégorie et convention."""
    estimation = preparation.estimation
    convention = logement.convention
    financee = (convention.dossier.contenu or {}).get("categorie") if convention else None
    return [
        *presentation.lignes_chiffres(
            preparation.chiffres(),
            preparation.source_aide,
            estimation.calculee_le if estimation else None,
            preparation.bareme.reste_a_vivre_min_jour_personne,
            avec_minimum=logement.forme == Mode.SOUS_LOCATION,
        ),
        presentation.ligne_capacite(1 + menage.personnes.count(), logement.capacite),
        presentation.ligne_categorie(menage.categorie, financee, convention is not None),
    ]


def _apercu(request: HttpRequest, form: AdmissionForm, preparation: Preparation) -> HttpResponse:
    donnees = form.donnees()
    menage, logement = donnees["menage"], donnees["logement"]
    chiffres = _chiffres(preparation, menage, logement)
    valeurs = form.valeurs()
    lignes = presentation.lignes_controle(preparation.constats)
    suite = donnees["suite_parcours"]
    contexte = {
        "title": "Vérifier l'admission",
        "form": form,
        "menage": menage,
        "logement": logement,
        "forme": Mode(logement.forme).libelle,
        "date_entree": donnees["date_entree"],
        "tarif": donnees,
        "preparation": preparation,
        "lignes": lignes,
        "non_levables": [
            ligne
            for ligne in lignes
            if ligne["verdict"] == "bloquant" and ligne["regle"] not in DEROGEABLES
        ],
        "suite": SuiteParcours(suite).libelle if suite else "",
        "chiffres": chiffres,
        "valeurs": valeurs,
        "direction": perms.acces_derogation(request.acteur, menage.operateur_id) is None,
        "aide_connue": preparation.source_aide == SourceAide.REELLE,
        "estimation_demandee": derniere_demande(
            menage, logement, donnees["loyer"], donnees["charges"]
        ),
        "url_apercu": request.get_full_path() if request.method == "GET" else "",
        "modifier": urlencode({k: v for k, v in valeurs.items() if v} | {"modifier": "1"}),
        "tarif_logement": libelle_tarif(logement),
    }
    journaliser_consultation(
        acteur=request.acteur, menage=menage, page="admission", maintenant=timezone.now()
    )
    return render(request, GABARIT_APERCU, contexte)


@login_required
@require_http_methods(["GET", "POST"])
def admission(request: HttpRequest) -> HttpResponse:
    if refus := perms.acces_gestion(request.acteur):
        raise PermissionDenied(refus.message)
    if request.method == "POST":
        return _confirmer(request)
    if "verifier" not in request.GET:
        return _saisie(request, _preselection(request))
    form = AdmissionForm(request.GET, acteur=request.acteur)
    if form.is_valid() and (preparation := _preparer(request, form)) is not None:
        return _apercu(request, form, preparation)
    return _saisie(request, form)


def _confirmer(request: HttpRequest) -> HttpResponse:
    """Admet (tout ou rien) ; un refus revient sur l'aperçu, sous son champ, valeurs gardées."""
    form = AdmissionForm(request.POST, acteur=request.acteur)
    if not form.is_valid():
        return _saisie(request, form)
    try:
        occupation = admettre(
            acteur=request.acteur,
            derogation=form.cleaned_data["derogation"],
            maintenant=timezone.now(),
            **form.donnees(),
        )
    except (ValidationError, PermissionDenied) as erreur:
        if isinstance(erreur, PermissionDenied):
            erreur = ValidationError({"derogation": [str(erreur)]})
        preparation = _preparer(request, form)
        reporter(form, erreur)
        if preparation is None:
            return _saisie(request, form)
        return _apercu(request, form, preparation)
    menage = occupation.menage
    messages.success(
        request,
        f"Ménage {menage.reference} admis le {date_fr(occupation.date_entree)} : "
        f"{occupation.logement.adresse}.",
    )
    return redirect("occupations:occupation", pk=occupation.pk)
