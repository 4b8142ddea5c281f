"""L'API IML (django-ninja) : OpenAPI publié sous /api/docs et /api/openapi.json.

Chaque réponse d'erreur est `{"detail": "…"}` en français. Hors périmètre = 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from iml.api import appels, dossiers, parc, pilotage
from iml.api.auth import RAISON_REFUS, JetonPorteur, SessionNavigateur
from iml.api.document import taille_max_lisible
from regles.format import nombre

DESCRIPTION = """API du système d'information de l'intermédiation locative.

**Authentification** : un jeton porteur (`Authorization: Bearer <jeton>`, délivré par un
administrateur : `iml manage jeton_api ADRESSE`) ou la session du site (cookie ; les écritures
portent alors l'en-tête `X-CSRFToken`, valeur du champ caché `csrfmiddlewaretoken` d'une page
du site : le cookie `csrftoken` est HttpOnly). Le jeton porteur n'a pas besoin de CSRF.
Chaque requête agit pour une organisation et ne voit que son périmètre : ce qui en sort
répond 404.

**Erreurs** : `{"detail": "message en français"}` (400, 401, 403, 404, 413, 422, 429), qui nomme
le champ ou la règle. **Montants** : chaînes décimales (« 85500.00 »), en entrée comme en sortie.
**Limites** : celles du site (longueur des textes, bornes des nombres), publiées dans le schéma.
"""


class RenduJSON(JSONRenderer):
    """JSON en UTF-8 : les accents restent lisibles (« déposé », pas « d\\u00e9pos\\u00e9 »)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="API IML",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=[JetonPorteur(), SessionNavigateur()],
    renderer=RenduJSON(),
)
api.add_router("", appels.router)
api.add_router("", dossiers.router)
api.add_router("", parc.router)
api.add_router("", pilotage.router)


def _erreur(request: HttpRequest, statut: int, detail: str, **extra: Any) -> HttpResponse:
    reponse = api.create_response(request, {"detail": detail, **extra}, status=statut)
    if statut == 401:
        reponse["WWW-Authenticate"] = 'Bearer realm="iml"'
    return reponse


@api.exception_handler(AuthenticationError)
def authentification(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = getattr(request, RAISON_REFUS, None) or (
        "Authentification requise : jeton porteur (Authorization: Bearer …) ou session."
    )
    return _erreur(request, 401, detail)


@api.exception_handler(Http404)
def introuvable(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _erreur(request, 404, "Introuvable : cet objet n'existe pas ou sort de votre périmètre.")


@api.exception_handler(RequestDataTooBig)
def trop_lourd(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    detail = f"Le corps de la requête dépasse {taille_max_lisible()} (limite du serveur)."
    return _erreur(request, 413, detail)


#: Messages des erreurs de validation des paramètres (types pydantic), en français.
MESSAGES_VALIDATION = {
    "missing": "est obligatoire",
    "int_parsing": "doit être un nombre entier",
    "int_type": "doit être un nombre entier",
    "enum": "n'est pas une valeur permise",
    "literal_error": "n'est pas une valeur permise",
    "greater_than_equal": "doit être supérieur ou égal à {ge}",
    "less_than_equal": "doit être inférieur ou égal à {le}",
    # Corps JSON validé par un schéma (API du parc) : les bornes sont publiées dans l'OpenAPI.
    "int_from_float": "doit être un nombre entier",
    "int_parsing_size": "doit être un nombre entier",
    "finite_number": "doit être un nombre fini",
    "string_type": "doit être un texte entre guillemets (un nombre décimal s'écrit « 520.50 »)",
    "string_too_short": "ne peut pas être vide",
    "string_too_long": "dépasse la longueur permise (maxLength du schéma)",
    "string_pattern_mismatch": (
        "n'a pas le format attendu (motif du schéma ; un nombre décimal s'écrit avec un point "
        "et 2 décimales au plus : « 520.50 »)"
    ),
    "bool_type": "doit valoir true ou false",
    "bool_parsing": "doit valoir true ou false",
    "date_type": "doit être une date AAAA-MM-JJ",
    "date_parsing": "doit être une date AAAA-MM-JJ",
    "date_from_datetime_parsing": "doit être une date AAAA-MM-JJ",
    "date_from_datetime_inexact": "doit être une date AAAA-MM-JJ, sans heure",
    "extra_forbidden": "n'est pas un champ permis",
    "model_attributes_type": "doit être un objet JSON",
}
EMPLACEMENTS = {"path": "le chemin", "query": "la requête", "body": "le corps"}


def _nombre(valeur: Any) -> str:
    return nombre(valeur) if isinstance(valeur, int) else str(valeur)


def message_validation(erreur: dict[str, Any]) -> str:
    """« Le paramètre « id » (dans le chemin) doit être un nombre entier. »"""
    emplacement, *chemin = [str(x) for x in erreur.get("loc", ())] or ["requête"]
    champ = ".".join(chemin) or emplacement
    ou = EMPLACEMENTS.get(emplacement, emplacement)
    contexte = erreur.get("ctx") or {}
    quoi = MESSAGES_VALIDATION.get(erreur.get("type", ""), "est invalide")
    quoi = quoi.format(**{k: _nombre(v) for k, v in contexte.items() if k in ("ge", "le")})
    if erreur.get("type") == "enum" and (permises := contexte.get("expected")):
        # pydantic écrit « 'A', 'B' or 'C' » : les codes de l'API, à la française.
        quoi += f" (attendu : {permises.replace(chr(39), '').replace(' or ', ' ou ')})"
    return f"Le paramètre « {champ} » (dans {ou}) {quoi}."


@api.exception_handler(ValidationError)
def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    messages = [message_validation(e) for e in exc.errors]
    return _erreur(request, 422, " ".join(messages), erreurs=messages)


#: Messages anglais de django-ninja remplacés par leur équivalent français.
TRADUCTIONS = {
    "Cannot parse request body": "Le corps de la requête n'est pas un JSON valide.",
    "Forbidden": "Accès refusé.",
    "Too many requests.": "Trop de requêtes : réessayez plus tard.",
}


@api.exception_handler(HttpError)
def erreur_http(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    return _erreur(request, exc.status_code, TRADUCTIONS.get(message.split(" (")[0], message))
