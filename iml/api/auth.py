"""Authentification de l'API : jeton porteur signé (scripts, logiciels) ou session (navigateur).

Le jeton est une signature horodatée (`django.core.signing.TimestampSigner`) de l'utilisateur,
de son adhésion (l'organisation pour laquelle il agit) et d'une empreinte de son mot de passe :
aucune table, aucune migration. Il expire après `IML_API_JETON_DUREE` (30 jours par défaut) ;
changer le mot de passe du compte, désactiver le compte ou l'adhésion le révoque.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from iml.comptes.acteur import Acteur, adhesions_actives
from iml.comptes.models import Adhesion, Utilisateur

SEL = "iml.api.jeton"
DUREE_PAR_DEFAUT = timedelta(days=30)
METHODES_SURES = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

#: Attribut de requête qui garde la raison d'un refus d'authentification (message du 401).
RAISON_REFUS = "_iml_api_refus"


def duree_jeton() -> timedelta:
    """`IML_API_JETON_DUREE` : un `timedelta` ou un nombre de secondes."""
    valeur = getattr(settings, "IML_API_JETON_DUREE", DUREE_PAR_DEFAUT)
    return valeur if isinstance(valeur, timedelta) else timedelta(seconds=int(valeur))


def _empreinte(utilisateur: Utilisateur) -> str:
    """Change avec le mot de passe : un nouveau mot de passe révoque les anciens jetons."""
    return salted_hmac(SEL, utilisateur.password).hexdigest()[:16]


def emettre_jeton(utilisateur: Utilisateur, adhesion: Adhesion | None) -> str:
    """Un jeton pour agir au nom de `adhesion` (None : administrateur sans organisation)."""
    contenu = {
        "u": utilisateur.pk,
        "a": adhesion.pk if adhesion else None,
        "e": _empreinte(utilisateur),
    }
    return signing.TimestampSigner(salt=SEL).sign_object(contenu, compress=True)


class JetonRefuse(Exception):
    """Le jeton ne permet pas d'agir ; le message (français) dit pourquoi."""


def _contenu(jeton: str) -> dict[str, Any]:
    signataire = signing.TimestampSigner(salt=SEL)
    try:
        contenu = signataire.unsign_object(jeton, max_age=duree_jeton())
    except signing.SignatureExpired as erreur:
        raise JetonRefuse("Le jeton d'accès a expiré : demandez-en un nouveau.") from erreur
    except (signing.BadSignature, ValueError) as erreur:
        raise JetonRefuse("Le jeton d'accès est invalide.") from erreur
    if not isinstance(contenu, dict) or not {"u", "a", "e"} <= contenu.keys():
        raise JetonRefuse("Le jeton d'accès est invalide.")
    return contenu


def acteur_du_jeton(jeton: str) -> Acteur:
    """L'acteur désigné par le jeton, si le compte et l'adhésion sont toujours actifs."""
    contenu = _contenu(jeton)
    utilisateur = Utilisateur.objects.filter(pk=contenu["u"], is_active=True).first()
    if utilisateur is None or contenu["e"] != _empreinte(utilisateur):
        raise JetonRefuse("Le jeton d'accès a été révoqué.")
    if contenu["a"] is None:
        if not utilisateur.is_superuser:
            raise JetonRefuse("Le jeton d'accès a été révoqué.")
        return Acteur(utilisateur=utilisateur, adhesion=None)
    adhesion = adhesions_actives(utilisateur).filter(pk=contenu["a"]).first()
    if adhesion is None:
        raise JetonRefuse("Le jeton d'accès a été révoqué : l'adhésion n'est plus active.")
    return Acteur(utilisateur=utilisateur, adhesion=adhesion)


class JetonPorteur(HttpBearer):
    """`Authorization: Bearer <jeton>` : pose `request.user` et `request.acteur`."""

    def authenticate(self, request: HttpRequest, token: str) -> Utilisateur | None:
        try:
            acteur = acteur_du_jeton(token.strip())
        except JetonRefuse as refus:
            setattr(request, RAISON_REFUS, str(refus))
            return None
        request.user = acteur.utilisateur
        request.acteur = acteur  # type: ignore[attr-defined]
        _auteur_au_journal(acteur.utilisateur)
        return acteur.utilisateur


def _auteur_au_journal(utilisateur: Utilisateur) -> None:
    """Le journal d'audit (AuditlogMiddleware) a lu l'auteur avant l'authentification par
    jeton : on le complète dans le contexte de la requête."""
    from auditlog.context import auditlog_value

    with contextlib.suppress(LookupError):
        auditlog_value.get()["actor"] = utilisateur


class SessionNavigateur(APIKeyCookie):
    """La session du site (cookie) ; le jeton CSRF est exigé pour les méthodes qui écrivent.

    Le second facteur des comptes qui en exigent un est imposé en amont par le middleware.
    `request.acteur` est celui de la session (organisation active).
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Utilisateur | None:
        utilisateur = request.user
        if not utilisateur.is_authenticated:
            return None
        if request.method not in METHODES_SURES and check_csrf(request) is not None:
            raise HttpError(
                403,
                "Jeton CSRF absent ou invalide : une écriture par la session du navigateur "
                "doit porter l'en-tête X-CSRFToken.",
            )
        return utilisateur  # type: ignore[return-value]
