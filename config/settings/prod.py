"""Production : PostgreSQL, HTTPS, secrets et hôtes depuis l'environnement."""

import os

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import SECRET_KEY

#: Une clé de production : au moins 50 caractères, au moins 5 caractères distincts, jamais la clé
#: « django-insecure-… » qu'écrit startproject (mêmes seuils que le contrôle security.W009).
CLE_LONGUEUR_MIN = 50
CLE_CARACTERES_DISTINCTS_MIN = 5


def verifier_cle_secrete(cle: str) -> None:
    """Refuse au démarrage une clé absente ou faible, avec un message qui dit quoi corriger."""
    if not cle:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY doit être défini en production.")
    if cle.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY commence par « django-insecure » : c'est une clé de développement. "
            "Générez-en une (voir README, « Production »)."
        )
    if len(cle) < CLE_LONGUEUR_MIN:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY est trop courte ({len(cle)} caractères) : "
            f"il en faut au moins {CLE_LONGUEUR_MIN}."
        )
    if len(set(cle)) < CLE_CARACTERES_DISTINCTS_MIN:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY est trop peu variée ({len(set(cle))} caractères distincts) : "
            f"il en faut au moins {CLE_CARACTERES_DISTINCTS_MIN}."
        )


verifier_cle_secrete(SECRET_KEY)

DEBUG = False
IML_DEMO = False  # jamais de comptes de démonstration en production, quelle que soit IML_DEMO
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
