"""Verrouillage après échecs (django-axes) : adresse du client prise derrière le proxy de
confiance seulement, plafond par compte toutes adresses confondues, messages qui disent ce qui
est bloqué."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from iml.comptes.demo import MOT_DE_PASSE_DEMO
from iml.comptes.verrouillage import adresse_client, duree_lisible

pytestmark = pytest.mark.django_db

CONNEXION = reverse("comptes:connexion")
ACCUEIL = reverse("ui:accueil")
PROXY = "127.0.0.1"


def se_connecter(client, email, mot_de_passe=MOT_DE_PASSE_DEMO, ip=PROXY, transmis=None):
    extra = {"REMOTE_ADDR": ip}
    if transmis is not None:
        extra["HTTP_X_FORWARDED_FOR"] = transmis
    return client.post(CONNEXION, {"username": email, "password": mot_de_passe}, **extra)


def echouer(client, email, fois, **extra):
    for _ in range(fois):
        assert se_connecter(client, email, "mauvais-mot-de-passe", **extra).status_code in (
            200,
            429,
        )


# --- Adresse du client ------------------------------------------------------------------------


def _adresse(remote, transmis=None):
    meta = {"REMOTE_ADDR": remote}
    if transmis is not None:
        meta["HTTP_X_FORWARDED_FOR"] = transmis
    return adresse_client(RequestFactory().get("/", **meta))


@override_settings(IML_PROXYS_DE_CONFIANCE=["127.0.0.1", "10.0.0.0/8"])
@pytest.mark.parametrize(
    ("remote", "transmis", "attendue"),
    [
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),  # derrière le proxy
        ("127.0.0.1", "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # 1.2.3.4 écrit par le client
        ("127.0.0.1", "203.0.113.7, 10.1.2.3", "203.0.113.7"),  # deux proxys de confiance
        ("127.0.0.1", "pas-une-ip", "127.0.0.1"),  # illisible : le dernier saut sûr
        ("127.0.0.1", None, "127.0.0.1"),
        ("198.51.100.9", "203.0.113.7", "198.51.100.9"),  # hors proxy : en-tête ignoré
    ],
)
def test_l_adresse_du_client_ne_vient_que_du_proxy_de_confiance(remote, transmis, attendue):
    assert _adresse(remote, transmis) == attendue


def test_sans_proxy_de_confiance_x_forwarded_for_est_ignore():
    assert _adresse("127.0.0.1", "203.0.113.7") == "127.0.0.1"


def test_une_adresse_de_proxy_invalide_est_refusee_au_demarrage(monkeypatch, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    from tests.comptes.reglages import importer_reglages

    monkeypatch.setenv("IML_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("IML_PROXYS_DE_CONFIANCE", "127.0.0.1, proxy.local")
    with pytest.raises(ImproperlyConfigured, match="« proxy.local » n'est ni une adresse IP"):
        importer_reglages("config.settings.dev")


# --- Derrière le proxy : chacun son compteur ---------------------------------------------------


@override_settings(IML_PROXYS_DE_CONFIANCE=[PROXY])
def test_derriere_le_proxy_un_attaquant_ne_bloque_pas_les_autres_postes(client, distribution):
    email = distribution.claire.email
    echouer(client, email, 5, transmis="203.0.113.66")
    assert se_connecter(client, email, transmis="203.0.113.66").status_code == 429
    # Claire, depuis son poste (autre adresse derrière le même proxy), entre.
    assert se_connecter(client, email, transmis="198.51.100.20").status_code == 302


@override_settings(IML_PROXYS_DE_CONFIANCE=[PROXY])
def test_changer_x_forwarded_for_a_gauche_ne_contourne_pas_le_blocage(client, distribution):
    email = distribution.marc.email
    for i in range(5):
        se_connecter(client, email, "mauvais", transmis=f"10.66.0.{i}, 203.0.113.66")
    assert se_connecter(client, email, transmis="10.66.0.99, 203.0.113.66").status_code == 429


# --- Plafond par compte, toutes adresses confondues ---------------------------------------------


def test_vingt_echecs_depuis_cinq_adresses_bloquent_le_compte_et_le_disent(client, distribution):
    email = distribution.marc.email
    for i in range(5):
        echouer(client, email, 4, ip=f"192.0.2.{i + 1}")  # 4 par adresse : aucune n'est bloquée
    reponse = se_connecter(client, email, ip="192.0.2.200")  # le bon mot de passe, adresse neuve
    assert reponse.status_code == 429
    page = reponse.content.decode()
    assert "<h1>Compte temporairement bloqué</h1>" in page
    assert "Ce compte est temporairement bloqué" in page
    assert "pendant une heure, même avec le bon mot de passe" in page
    assert "_auth_user_id" not in client.session
    # Les autres comptes ne sont pas touchés.
    assert se_connecter(client, distribution.julie.email, ip="192.0.2.1").status_code == 302


def test_insister_depuis_un_seul_poste_ne_bloque_pas_le_compte(client, distribution):
    """Les essais refusés pendant le blocage d'un poste ne comptent pas pour le plafond."""
    email = distribution.marc.email
    echouer(client, email, 30, ip="192.0.2.66")
    assert se_connecter(client, email, ip="192.0.2.66").status_code == 429
    assert se_connecter(client, email, ip="192.0.2.200").url == ACCUEIL


def test_sous_le_plafond_le_compte_reste_ouvert_depuis_une_autre_adresse(client, distribution):
    email = distribution.marc.email
    for i in range(4):
        echouer(client, email, 4, ip=f"192.0.2.{i + 1}")
    assert se_connecter(client, email, ip="192.0.2.200").url == ACCUEIL


def test_le_blocage_d_un_poste_ne_se_dit_pas_blocage_du_compte(client, distribution):
    email = distribution.marc.email
    echouer(client, email, 5, ip="192.0.2.1")
    page = se_connecter(client, email, ip="192.0.2.1").content.decode()
    assert "<h1>Connexion bloquée</h1>" in page
    assert "depuis cette adresse réseau" in page
    assert "Le compte lui-même n'est pas bloqué." in page
    assert "le compte est bloqué" not in page
    assert "Ce compte est temporairement bloqué" not in page


def test_lever_le_blocage_du_compte_rouvre_la_connexion(client, distribution):
    from axes.models import AccessAttempt

    email = distribution.marc.email
    for i in range(5):
        echouer(client, email, 4, ip=f"192.0.2.{i + 1}")
    assert se_connecter(client, email, ip="192.0.2.200").status_code == 429
    AccessAttempt.objects.filter(username=email).delete()  # l'action de l'administration
    assert se_connecter(client, email, ip="192.0.2.200").url == ACCUEIL


def test_duree_lisible():
    from datetime import timedelta

    assert duree_lisible(timedelta(hours=1)) == "une heure"
    assert duree_lisible(timedelta(hours=2)) == "2 heures"
    assert duree_lisible(timedelta(minutes=30)) == "30 minutes"
