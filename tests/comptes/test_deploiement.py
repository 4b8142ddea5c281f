"""Déploiement : CSP à nonce, en-têtes de sécurité, pages d'erreur, réglages de production."""

from __future__ import annotations

import io
import re
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import reverse

from tests.comptes.reglages import importer_reglages
from tests.factories import connecter

CONNEXION = reverse("comptes:connexion")
ACCUEIL = reverse("ui:accueil")


# --- En-têtes : CSP -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [None, "marc"])
def test_csp_avec_nonce_porte_par_les_scripts(client, distribution, persona):
    if persona:
        connecter(client, getattr(distribution, persona))
    reponse = client.get(CONNEXION if persona is None else ACCUEIL)
    assert reponse.status_code == 200
    politique = reponse["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in politique.split(";") if d.strip())
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    assert "'unsafe-inline'" not in politique
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"

    scripts = re.findall(r"<script\b[^>]*>", reponse.content.decode())
    assert any("dsfr.module.min.js" in s for s in scripts)
    assert any("dsfr.nomodule.min.js" in s for s in scripts)
    assert scripts and all(f'nonce="{nonce}"' in s for s in scripts), scripts


def test_le_nonce_change_a_chaque_reponse(client, db):
    premier = client.get(CONNEXION)["Content-Security-Policy"]
    second = client.get(CONNEXION)["Content-Security-Policy"]
    assert premier != second


def test_un_formulaire_sans_jeton_csrf_est_refuse_en_francais(db):
    client = Client(enforce_csrf_checks=True)
    reponse = client.post(CONNEXION, {"username": "marc.bernard@ais35.demo", "password": "x"})
    assert reponse.status_code == 403
    assert "<h1>Formulaire expiré</h1>" in reponse.content.decode()


def test_erreur_serveur_en_francais():
    page = render_to_string("500.html")
    assert "<h1>Erreur du serveur</h1>" in page and 'lang="fr"' in page


def test_en_tetes_de_securite(client, db):
    reponse = client.get(CONNEXION)
    assert reponse["X-Frame-Options"] == "DENY"
    assert reponse["X-Content-Type-Options"] == "nosniff"
    assert reponse["Referrer-Policy"] == "same-origin"


# --- Réglages de production -----------------------------------------------------------------

PROD = "config.settings.prod"


def _importer_prod():
    """Importe config.settings.prod (et base) à neuf, sans toucher aux modules déjà chargés."""
    return importer_reglages(PROD)


@pytest.fixture
def env_prod(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "DJANGO_SECRET_KEY", "x" * 20 + "-cle-de-production-assez-longue-et-variee-42"
    )
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "iml.example.gouv.fr")
    monkeypatch.setenv("IML_VAR_DIR", str(tmp_path))
    # Les tests navigateur posent DJANGO_ALLOW_ASYNC_UNSAFE (voir tests/navigateur/conftest.py) :
    # la production ne l'a jamais, et `check --deploy` le refuse (async.E001).
    for variable in (
        "DJANGO_SECURE_SSL_REDIRECT",
        "DJANGO_HSTS_SECONDS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_la_production_exige_la_cle_secrete(env_prod):
    env_prod.delenv("DJANGO_SECRET_KEY")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        _importer_prod()
    assert "config.settings.base" in sys.modules  # les réglages en cours sont intacts


@pytest.mark.parametrize(
    ("cle", "message"),
    [
        ("django-insecure-" + "k7#Qz9!pL2@xW4$vB6^nM8&cR1*tY3(u" * 2, "django-insecure"),
        ("Kx7#pq2Lm9zW-courte-mais-variee-0123456789", "trop courte (42 caractères)"),
        ("ab" * 30, "trop peu variée (2 caractères distincts)"),
    ],
)
def test_la_production_refuse_une_cle_secrete_faible(env_prod, cle, message):
    env_prod.setenv("DJANGO_SECRET_KEY", cle)
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        _importer_prod()


def test_la_cle_de_make_quality_est_acceptee(env_prod):
    """Le Makefile passe à `check --deploy` une clé générée : elle doit rester acceptée."""
    env_prod.setenv(
        "DJANGO_SECRET_KEY",
        "verification-deploiement-1764500000-0123456789abcdefghijklmnopqrstuvwxyz",
    )
    assert _importer_prod().SECRET_KEY.startswith("verification-deploiement-")


def test_les_reglages_de_production_sont_durcis(env_prod):
    prod = _importer_prod()
    assert prod.DEBUG is False
    assert prod.ALLOWED_HOSTS == ["iml.example.gouv.fr"]
    assert prod.SECURE_SSL_REDIRECT is True
    assert prod.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE
    assert prod.SESSION_COOKIE_HTTPONLY
    assert prod.SECURE_HSTS_SECONDS >= 31536000
    assert prod.SECURE_HSTS_INCLUDE_SUBDOMAINS and prod.SECURE_HSTS_PRELOAD
    assert "axes.middleware.AxesMiddleware" in prod.MIDDLEWARE
    assert "csp.middleware.CSPMiddleware" in prod.MIDDLEWARE


def test_check_deploy_passe_sur_les_reglages_de_production(env_prod):
    """L'équivalent de `check --deploy --fail-level WARNING` sur les réglages de sécurité."""
    prod = _importer_prod()
    noms = [
        n
        for n in dir(prod)
        if n.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_"))
        or n in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "X_FRAME_OPTIONS", "MIDDLEWARE"}
    ]
    with override_settings(**{n: getattr(prod, n) for n in noms}):
        call_command("check", "--deploy", "--fail-level", "WARNING", stdout=io.StringIO())


def test_check_deploy_echoue_sur_les_reglages_de_test():
    """Le test précédent peut échouer : les réglages de test, eux, ne passent pas."""
    with pytest.raises(SystemCheckError):
        call_command("check", "--deploy", "--fail-level", "WARNING", stdout=io.StringIO())
