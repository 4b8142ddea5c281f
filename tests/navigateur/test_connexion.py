"""Connexion, second facteur (vérification et enrôlement) et déconnexion, de bout en bout."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from iml.comptes.demo import MOT_DE_PASSE_DEMO
from tests.navigateur.outils import (
    code_appareil,
    code_depuis_cle_lisible,
    connecter,
    envoyer,
    lever_l_attente,
    saisir_code,
    saisir_identifiants,
    verifier_axe,
)

pytestmark = pytest.mark.navigateur


def chemin(page) -> str:
    return urlsplit(page.url).path


def confirmer_mot_de_passe(page) -> None:
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE_DEMO)
    envoyer(page, "Confirmer")
    expect(page.get_by_test_id("cle-totp")).to_be_visible()


def test_identifiants_refuses_message_en_francais(page, demo):
    page.goto("/compte/connexion/")
    saisir_identifiants(page, demo.marc.email, "pas-le-bon-mot-de-passe")

    assert chemin(page) == "/compte/connexion/"
    expect(page.get_by_role("alert")).to_have_text(
        "Adresse électronique ou mot de passe incorrect."
    )
    expect(page).to_have_title(re.compile(r"^Erreur — Connexion"))
    expect(page.get_by_test_id("acteur")).to_have_count(0)
    # Rien n'est ouvert : le tableau de bord renvoie toujours vers la connexion.
    page.goto("/")
    assert chemin(page) == "/compte/connexion/"


def test_deconnexion(page, demo):
    connecter(page, demo.julie)
    expect(page.get_by_test_id("acteur")).to_be_visible()

    envoyer(page, "Se déconnecter")

    assert chemin(page) == "/compte/connexion/"
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
    expect(page.get_by_test_id("acteur")).to_have_count(0)
    page.goto("/organisations/")
    assert chemin(page) == "/compte/connexion/"
    assert "next=/organisations/" in page.url


def test_un_agent_de_l_etat_saisit_son_code_apres_le_mot_de_passe(page, demo):
    page.goto("/compte/connexion/")
    saisir_identifiants(page, demo.claire.email)
    assert chemin(page) == "/compte/second-facteur/verifier/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérification en deux étapes")

    # Sans le code, l'application reste fermée.
    page.goto("/organisations/")
    assert chemin(page) == "/compte/second-facteur/verifier/"

    saisir_code(page, "000000")
    expect(page.get_by_text("Code incorrect ou expiré.")).to_be_visible()
    expect(page.get_by_label("Code à 6 chiffres")).to_have_attribute("aria-invalid", "true")

    saisir_code(page, code_appareil(TOTPDevice.objects.get(user=demo.claire)))
    assert chemin(page) == "/organisations/"
    expect(page.get_by_test_id("acteur")).to_have_text("DDETS d'Ille-et-Vilaine — Instruction")


def test_un_operateur_active_son_second_facteur(page, demo):
    assert not TOTPDevice.objects.filter(user=demo.marc).exists()
    connecter(page, demo.marc)
    page.get_by_role("link", name="Mon compte").click()
    expect(page.get_by_text("Second facteur : non activé")).to_be_visible()
    page.get_by_role("link", name="l'activer").click()

    # D'abord le mot de passe : la session seule ne suffit pas à lier une application.
    assert chemin(page) == "/compte/second-facteur/activer/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer votre mot de passe")
    expect(page.get_by_test_id("cle-totp")).to_have_count(0)
    page.get_by_label("Mot de passe").fill("pas-le-bon-mot-de-passe")
    envoyer(page, "Confirmer")
    expect(page.get_by_text("Mot de passe incorrect.")).to_be_visible()
    confirmer_mot_de_passe(page)

    assert chemin(page) == "/compte/second-facteur/activer/"
    expect(page.get_by_role("img", name="QR code TOTP")).to_be_visible()
    cle = page.get_by_test_id("cle-totp").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", cle), cle

    # Un code faux est refusé, sur la même page, avec la même clé.
    saisir_code(page, "000000", bouton="Activer")
    expect(page.get_by_text("Code incorrect ou expiré")).to_be_visible()
    expect(page.get_by_test_id("cle-totp")).to_have_text(cle)
    lever_l_attente(demo.marc)

    # Le code calculé depuis la clé affichée, comme le ferait l'application.
    saisir_code(page, code_depuis_cle_lisible(cle), bouton="Activer")
    assert chemin(page) == "/"
    expect(page.get_by_role("status")).to_have_text("Second facteur activé.")
    assert TOTPDevice.objects.get(user=demo.marc).confirmed

    # Désormais, la connexion demande le code (connecter() vérifie l'étape).
    envoyer(page, "Se déconnecter")
    connecter(page, demo.marc)
    page.get_by_role("link", name="Mon compte").click()
    expect(page.get_by_text("Second facteur : activé")).to_be_visible()


def test_le_second_facteur_est_impose_a_l_etat(page, demo):
    """Un agent de l'État sans appareil est conduit à l'enrôlement et n'en sort pas sans lui."""
    TOTPDevice.objects.filter(user=demo.paul).delete()
    page.goto("/compte/connexion/")
    saisir_identifiants(page, demo.paul.email)

    assert chemin(page) == "/compte/second-facteur/activer/"
    expect(page.get_by_text("Le second facteur est obligatoire pour votre rôle.")).to_be_visible()
    page.goto("/")
    assert chemin(page) == "/compte/second-facteur/activer/"
    verifier_axe(page, "enrôlement obligatoire")

    confirmer_mot_de_passe(page)
    saisir_code(
        page, code_depuis_cle_lisible(page.get_by_test_id("cle-totp").inner_text()), "Activer"
    )
    assert chemin(page) == "/"
    expect(page.get_by_test_id("acteur")).to_have_text("DREETS Nouvelle-Aquitaine — Instruction")
