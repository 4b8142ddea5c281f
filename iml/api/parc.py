"""API du parc : logements (liste paginée, fiche, création, modification partielle) et bailleurs
(liste paginée), dans le périmètre de l'acteur (hors périmètre = 404).

Lire : `selectors.logements_visibles` / `bailleurs_visibles` (direction et gestion locative :
leur organisation ; les autres rôles : une liste vide). Écrire : les services du parc, seuls
écrivains ; la direction et la gestion locative seules (R-PARC, 403 avant toute lecture du
corps). Les statuts ne changent pas par l'API (transitions sur le site).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Status
from ninja.errors import HttpError

from iml.api import schemas, schemas_parc
from iml.api.appels import decimal_texte
from iml.api.auth import JetonPorteur, SessionNavigateur
from iml.comptes.audit import journaliser_consultation
from iml.comptes.communes import commune as commune_du_cog
from iml.parc import perms, selectors
from iml.parc.models import Bailleur, Logement
from iml.parc.services import logements as services

router = Router(tags=["Parc"])

#: Taille d'une page : 50 par défaut, 200 au plus.
LIMITE_DEFAUT = 50
LIMITE_MAX = 200
Limite = Annotated[int, Field(ge=1, le=LIMITE_MAX, description=f"1 à {LIMITE_MAX}")]
Decalage = Annotated[int, Field(ge=0, le=10**9, description="Éléments sautés")]
CodeCommune = Annotated[str, Field(pattern=r"^[0-9][0-9AB][0-9]{3}$", max_length=5)]

ERREURS_LISTE: dict[int, type[schemas.Schema]] = {401: schemas.Erreur, 422: schemas.Erreur}
ERREURS_ECRITURE: dict[int, type[schemas.Schema]] = {
    400: schemas.Erreur,
    401: schemas.Erreur,
    403: schemas.Erreur,
    404: schemas.Erreur,
    413: schemas.Erreur,
    422: schemas.Erreur,
}

#: Les champs de mesure et de montant : chaînes décimales dans l'API, `Decimal` en base.
DECIMAUX = ("surface_m2", "hauteur_sous_plafond_m", "loyer", "charges", "redevance")


def _gestion_du_parc(classe: type) -> type:
    """L'authentification de l'API, puis R-PARC : une écriture du parc est refusée (403) à qui
    ne tient pas le parc, avant même la lecture du corps. Même nom de classe : même schéma de
    sécurité publié dans l'OpenAPI."""

    class Gardee(classe):  # type: ignore[valid-type,misc]
        def authenticate(self, request: HttpRequest, cle: Any) -> Any:
            utilisateur = super().authenticate(request, cle)
            if utilisateur is not None and (refus := perms.acces_parc(request.acteur)):  # type: ignore[attr-defined]
                raise HttpError(403, refus.message)
            return utilisateur

    Gardee.__name__ = Gardee.__qualname__ = classe.__name__
    return Gardee


ECRITURE = [_gestion_du_parc(JetonPorteur)(), _gestion_du_parc(SessionNavigateur)()]


def vue_logement(logement: Logement) -> dict[str, Any]:
    """La fiche d'un logement pour l'API : sans l'identité du bailleur."""
    commune = commune_du_cog(logement.commune)
    donnees = {
        champ: getattr(logement, champ)
        for champ in (
            "reference", "adresse", "complement", "code_postal", "typologie", "capacite",
            "etage", "ascenseur", "plain_pied", "meuble", "forme", "bail_glissant_possible",
            "zone", "zone_forcee", "date_dpe", "conventionnement", "logement_social",
            "justification_social", "justification_social_le", "date_mobilisation",
            "date_restitution", "statut",
        )
    }  # fmt: skip
    return {
        **donnees,
        **{champ: decimal_texte(getattr(logement, champ), 2) for champ in DECIMAUX},
        "id": logement.pk,
        "commune": {"code": logement.commune, "nom": commune.nom if commune else None},
        "classe_dpe": logement.classe_dpe or None,
        "convention": logement.convention.numero if logement.convention_id else None,
        "bailleur": logement.bailleur_id,
    }


@router.get(
    "/parc/logements",
    response={200: schemas_parc.PageLogements, **ERREURS_LISTE},
    url_name="logements",
    summary="Logements du parc visibles",
)
def logements(
    request: HttpRequest,
    statut: schemas_parc.StatutLogement | None = None,
    forme: schemas_parc.Mode | None = None,
    commune: CodeCommune | None = None,
    convention: schemas.Identifiant | None = None,
    limit: Limite = LIMITE_DEFAUT,
    offset: Decalage = 0,
):
    """Direction et gestion locative d'un opérateur : les logements de leur organisation.
    Travail social : ceux de ses ménages (aucun pour l'instant). État, SIAO, cofinanceurs :
    une liste vide (l'État lit les chiffres agrégés des conventions sur le site)."""
    qs = selectors.logements_visibles(request.acteur)
    filtres = {"statut": statut, "forme": forme, "commune": commune, "convention_id": convention}
    qs = qs.filter(**{cle: valeur for cle, valeur in filtres.items() if valeur is not None})
    page = [
        vue_logement(x) for x in qs.order_by("commune", "adresse", "pk")[offset : offset + limit]
    ]
    return {"nombre": qs.count(), "limit": limit, "offset": offset, "resultats": page}


@router.get(
    "/parc/logements/{id}",
    response={200: schemas_parc.Logement, **schemas.ERREURS_LECTURE},
    url_name="logement",
    summary="Un logement du parc",
)
def logement(request: HttpRequest, id: schemas.Identifiant):
    """La fiche d'un logement du périmètre (404 sinon) ; la lecture est journalisée."""
    trouve = selectors.logement_ou_404(request.acteur, id)
    journaliser_consultation(trouve)
    return vue_logement(trouve)


def _refus_champ(champ: str, message: str) -> HttpError:
    return HttpError(422, f"Le paramètre « {champ} » (dans le corps) : {message}")


def _donnees_service(request: HttpRequest, saisie: dict[str, Any]) -> dict[str, Any]:
    """Le corps validé, prêt pour le service : énumérations en valeurs, décimaux en `Decimal`,
    convention cherchée parmi celles de l'organisation."""
    donnees = {k: v.value if isinstance(v, Enum) else v for k, v in saisie.items()}
    for champ in DECIMAUX:
        if donnees.get(champ) is not None:
            donnees[champ] = Decimal(donnees[champ])
    if donnees.get("convention") is not None:
        convention = (
            selectors.conventions_rattachables(request.acteur)
            .filter(pk=donnees["convention"])
            .first()
        )
        if convention is None:
            raise _refus_champ(
                "convention", "aucune convention de votre organisation n'a cet identifiant."
            )
        donnees["convention"] = convention
    return donnees


def _refus_du_service(refus: ValidationError) -> Status:
    """Les erreurs du service (règles R-…) : 422, chacune sous son champ."""
    if hasattr(refus, "error_dict"):
        messages = [
            m if champ == NON_FIELD_ERRORS else f"Champ « {champ} » : {m}"
            for champ, liste in refus.message_dict.items()
            for m in liste
        ]
    else:
        messages = list(refus.messages)
    return Status(422, {"detail": "Logement refusé : " + " ; ".join(messages), "erreurs": messages})


@router.post(
    "/parc/logements",
    auth=ECRITURE,
    response={201: schemas_parc.Logement, **ERREURS_ECRITURE},
    url_name="creer_logement",
    summary="Ajouter un logement au parc (en captation)",
)
def creer_logement(request: HttpRequest, logement: schemas_parc.LogementCreation):
    """Direction ou gestion locative : un logement de l'un de ses bailleurs entre au parc
    « en captation ». Les règles de la fiche (R-CAPACITY, R-MODE, R-PUBLIC-STOCK, commune du
    département, zone dérivée) refusent en 422, chacune sous son champ ; rien n'est écrit."""
    donnees = _donnees_service(request, logement.model_dump(exclude_unset=True))
    bailleur = (
        selectors.bailleurs_visibles(request.acteur).filter(pk=donnees.pop("bailleur")).first()
    )
    if bailleur is None:
        raise _refus_champ("bailleur", "aucun bailleur de votre organisation n'a cet identifiant.")
    try:
        cree = services.creer_logement(
            acteur=request.acteur, bailleur=bailleur, maintenant=timezone.now(), **donnees
        )
    except ValidationError as refus:
        return _refus_du_service(refus)
    except PermissionDenied as refus:
        raise HttpError(403, "Vous ne pouvez pas ajouter de logement à ce parc.") from refus
    return Status(201, vue_logement(cree))


@router.patch(
    "/parc/logements/{id}",
    auth=ECRITURE,
    response={200: schemas_parc.Logement, **ERREURS_ECRITURE},
    url_name="modifier_logement",
    summary="Modifier un logement du parc (champs envoyés seulement)",
)
def modifier_logement(
    request: HttpRequest, id: schemas.Identifiant, logement: schemas_parc.LogementModification
):
    """Seuls les champs envoyés changent ; null efface une valeur facultative (non renseigné).
    Le statut ne change pas ici. Un logement restitué ne change plus (422)."""
    trouve = selectors.logement_ou_404(request.acteur, id)
    donnees = _donnees_service(request, logement.model_dump(exclude_unset=True))
    try:
        modifie = services.modifier_logement(
            acteur=request.acteur, logement=trouve, aujourd_hui=timezone.localdate(), **donnees
        )
    except ValidationError as refus:
        return _refus_du_service(refus)
    except PermissionDenied as refus:
        raise HttpError(403, "Vous ne pouvez pas modifier ce logement.") from refus
    return vue_logement(modifie)


def vue_bailleur(bailleur: Bailleur) -> dict[str, Any]:
    champs = (
        "reference", "type", "nom", "prenom", "telephone", "courriel", "adresse", "origine",
        "consentement_contact", "consentement_le", "ne_pas_contacter",
    )  # fmt: skip
    return {
        "id": bailleur.pk,
        **{c: getattr(bailleur, c) for c in champs},
        "logements": bailleur.nb_logements,  # type: ignore[attr-defined]
    }


@router.get(
    "/parc/bailleurs",
    response={200: schemas_parc.PageBailleurs, **ERREURS_LISTE},
    url_name="bailleurs",
    summary="Bailleurs de son organisation",
)
def bailleurs(request: HttpRequest, limit: Limite = LIMITE_DEFAUT, offset: Decalage = 0):
    """Direction et gestion locative d'un opérateur : les bailleurs de leur organisation
    (données personnelles). Tous les autres rôles, État compris : une liste vide."""
    qs = selectors.bailleurs_visibles(request.acteur)
    page = qs.annotate(nb_logements=Count("logements")).order_by("nom", "prenom", "pk")
    resultats = [vue_bailleur(b) for b in page[offset : offset + limit]]
    return {"nombre": qs.count(), "limit": limit, "offset": offset, "resultats": resultats}
