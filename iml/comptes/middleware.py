"""Intergiciels des comptes : acteur, second facteur, réponses jamais mises en cache."""

from collections.abc import Callable

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

from iml.comptes.acteur import SESSION_ADHESION, acteur_pour


class ActeurMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        def charger():
            if not request.user.is_authenticated:
                return None
            return acteur_pour(request.user, request.session.get(SESSION_ADHESION))

        request.acteur = SimpleLazyObject(charger)  # type: ignore[attr-defined]
        return self.get_response(request)


#: Pages accessibles sans second facteur vérifié (connexion, enrôlement, mot de passe).
PAGES_SANS_SECOND_FACTEUR = frozenset(
    {
        "connexion",
        "deconnexion",
        "second_facteur_enrolement",
        "second_facteur_verification",
        "mot_de_passe_oublie",
        "mot_de_passe_envoye",
        "nouveau_mot_de_passe",
        "mot_de_passe_modifie",
    }
)


class SecondFacteurMiddleware:
    """Impose le second facteur : vérification si l'utilisateur en a un, enrôlement s'il est
    obligatoire pour lui (État, administrateurs)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        from django.shortcuts import redirect
        from django.urls import reverse

        from iml.comptes.second_facteur import appareil_confirme

        utilisateur = request.user
        if not utilisateur.is_authenticated or utilisateur.is_verified():
            return None
        correspondance = request.resolver_match
        if (
            correspondance
            and correspondance.namespace == "comptes"
            and (correspondance.url_name in PAGES_SANS_SECOND_FACTEUR)
        ):
            return None
        suite = "?" + urlencode({"next": request.get_full_path()})
        if appareil_confirme(utilisateur):
            return redirect(reverse("comptes:second_facteur_verification") + suite)
        if utilisateur.doit_avoir_second_facteur:
            return redirect(reverse("comptes:second_facteur_enrolement") + suite)
        return None


class PasDeCacheMiddleware:
    """`Cache-Control: no-store, private` sur toute réponse à une requête authentifiée, sur
    l'API (authentifiée par jeton, sans session) et sur les pages des comptes (liens de
    réinitialisation) : ni le navigateur ni un proxy ne gardent une page, une pièce ou un
    export après la déconnexion. Les fichiers statiques (WhiteNoise, plus haut) n'y passent pas.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reponse = self.get_response(request)
        if _reponse_privee(request):
            add_never_cache_headers(reponse)
        return reponse


ESPACES_PRIVES = frozenset({"api", "comptes"})


def _reponse_privee(request: HttpRequest) -> bool:
    utilisateur = getattr(request, "user", None)
    if utilisateur is not None and utilisateur.is_authenticated:
        return True
    correspondance = getattr(request, "resolver_match", None)
    if correspondance is not None:
        return bool(ESPACES_PRIVES & set(correspondance.namespaces))
    return request.path_info.startswith("/api/")


class JournalMiddleware(AuditlogMiddleware):
    """Le journal d'audit (django-auditlog) avec l'adresse du client prise comme pour le
    verrouillage : X-Forwarded-For n'est lu que derrière un proxy de confiance. L'intergiciel
    d'origine en prend la première entrée, que n'importe quel client peut écrire."""

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        from iml.comptes.verrouillage import adresse_client

        return None if settings.AUDITLOG_DISABLE_REMOTE_ADDR else adresse_client(request)

    @staticmethod
    def _get_remote_port(request: HttpRequest) -> int | None:
        return None
