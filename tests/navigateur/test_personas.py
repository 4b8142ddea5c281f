"""Chaque persona de la démonstration se connecte par le vrai formulaire et arrive dans l'espace
de son organisation : en français, avec le DSFR chargé, sans erreur de console ni violation CSP
(vérifié par la fixture `page`), sans violation axe."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from iml.comptes.demo import ORGANISATIONS, PERSONAS, PersonaDemo
from iml.comptes.enums import Role
from iml.comptes.models import Utilisateur
from tests.navigateur.outils import attendre_dsfr, connecter, envoyer, verifier_axe

pytestmark = pytest.mark.navigateur

NOMS_ORGANISATIONS = {o.cle: o.nom for o in ORGANISATIONS}


def acteur_attendu(persona: PersonaDemo) -> str:
    """L'en-tête montre la première organisation par ordre alphabétique, et le rôle."""
    if not persona.adhesions:
        return "Administrateur de la plateforme"
    cle, role = min(persona.adhesions, key=lambda a: NOMS_ORGANISATIONS[a[0]])
    return f"{NOMS_ORGANISATIONS[cle]} — {Role(role).label}"


def verifier_dsfr_charge(page) -> None:
    """La feuille du DSFR et la police Marianne sont chargées et appliquées (pas une page brute)."""
    expect(page.locator("header.fr-header")).to_be_visible()
    etat = page.evaluate(
        """async () => {
        await document.fonts.ready;
        const feuille = [...document.styleSheets]
            .find(f => (f.href || "").includes("dsfr.min.css"));
        const entete = getComputedStyle(document.querySelector(".fr-header"));
        const bouton = getComputedStyle(document.querySelector(".fr-header .fr-btn"));
        return {
            regles: feuille ? feuille.cssRules.length : 0,
            police: getComputedStyle(document.body).fontFamily,
            marianne: [...document.fonts]
                .some(p => p.family.includes("Marianne") && p.status === "loaded"),
            ombre: entete.filter + " " + entete.boxShadow,
            bouton: bouton.display,
        };
    }"""
    )
    assert etat["regles"] > 1000, etat
    assert etat["police"].startswith("Marianne"), etat
    assert etat["marianne"], etat
    assert "drop-shadow" in etat["ombre"] or "rgba" in etat["ombre"], etat
    assert etat["bouton"] in {"inline-flex", "flex"}, etat


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.email.split("@")[0])
def test_chaque_persona_arrive_dans_son_espace(page, demo, persona):
    connecter(page, Utilisateur.objects.get(email=persona.email))

    assert urlsplit(page.url).path == "/"
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_title(re.compile(r"^Tableau de bord — IML"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")
    expect(page.get_by_test_id("acteur")).to_have_text(acteur_attendu(persona))
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(page.get_by_role("navigation", name="Menu principal")).to_be_visible()
    verifier_dsfr_charge(page)
    verifier_axe(page, f"tableau de bord de {persona.email}")


def test_la_page_de_connexion_est_en_francais_avec_le_dsfr(page, demo):
    page.goto("/")
    assert urlsplit(page.url).path == "/compte/connexion/"
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
    expect(page.get_by_label("Adresse électronique")).to_be_focused()
    verifier_dsfr_charge(page)


def test_nadia_change_d_organisation_dans_mon_compte(page, demo):
    connecter(page, demo.nadia)
    acteur = page.get_by_test_id("acteur")
    expect(acteur).to_have_text("AIS Rennes Habitat Solidaire — Travail social")

    page.get_by_role("link", name="Mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    relais = page.get_by_role("radio", name="Association Le Relais Logement 35 — Travail social")
    expect(relais).not_to_be_checked()
    attendre_dsfr(page)
    # Le DSFR masque le bouton radio natif derrière son libellé : on clique le libellé, comme
    # l'utilisateur, et on vérifie que le choix est pris avant d'envoyer.
    page.locator(f"label[for='{relais.get_attribute('id')}']").click()
    expect(relais).to_be_checked()
    with page.expect_request("**/compte/organisation/") as requete:
        envoyer(page, "Agir pour cette organisation")

    # En cas d'échec, ce qui a été envoyé et les adhésions de Nadia : c'est ainsi qu'est apparue
    # la valeur « 3 359 » (séparateur de milliers) d'un bouton radio, refusée par le serveur
    # (voir tests/comptes/test_identifiants_non_localises.py).
    diagnostic = (
        requete.value.post_data,
        list(demo.nadia.adhesions.values_list("pk", "actif", "organisation__active")),
    )
    assert urlsplit(page.url).path == "/", diagnostic
    expect(acteur).to_have_text("Association Le Relais Logement 35 — Travail social")
    expect(page.get_by_role("status")).to_have_text(
        "Vous agissez maintenant pour Association Le Relais Logement 35."
    )
    # Le choix est gardé en session, d'une page à l'autre.
    page.get_by_role("link", name="Mon compte").click()
    expect(acteur).to_have_text("Association Le Relais Logement 35 — Travail social")
    expect(relais).to_be_checked()


def test_l_administrateur_ouvre_le_journal_d_audit(page, demo):
    connecter(page, demo.admin)
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Journal d'audit"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Journal d'audit")
    expect(page.get_by_role("table", name="Entrées du journal")).to_be_visible()


def test_le_menu_mobile_reprend_les_liens_de_l_en_tete(page, demo):
    page.set_viewport_size({"width": 375, "height": 800})
    connecter(page, demo.julie)
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_hidden()
    page.get_by_role("button", name="Menu", exact=True).click()
    menu = page.get_by_role("dialog")
    expect(menu.get_by_role("link", name="Mon compte")).to_be_visible()
    expect(menu.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(menu.get_by_role("navigation", name="Menu principal")).to_be_visible()
    menu.get_by_role("button", name="Fermer").click()
    expect(menu).to_be_hidden()
