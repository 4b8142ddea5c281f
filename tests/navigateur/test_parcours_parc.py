"""Dans le navigateur : Julie (gestion locative de l'AIS Rennes) mène un prospect de « à
contacter » à « capté », crée le logement, le met en location, joint le mandat de gestion et le
voit compté dans les chiffres de sa convention ; chaque page nouvelle passe axe (aucune
violation), à 1280 px puis, pour les pages de travail, à 390 px.

`IML_CAPTURES_GUIDE=docs/guide/images/parc` enregistre les captures du guide (docs/guide/parc.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.navigateur.outils import envoyer, ouvrir_session, verifier_axe

pytestmark = pytest.mark.navigateur
CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")


def _capture(page, nom: str) -> None:
    if CAPTURES:
        Path(CAPTURES).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{CAPTURES}/{nom}.png", full_page=True)


def _avancer(page, verbe: str, note: str = "") -> None:
    formulaire = page.locator("form", has=page.get_by_role("button", name=verbe, exact=True))
    if note:
        formulaire.get_by_label("Note", exact=False).fill(note)
    with page.expect_navigation():
        formulaire.get_by_role("button", name=verbe, exact=True).click()


def _preparer(demo):
    from tests.appels.factories import DossierFactory
    from tests.parc.factories import BailleurFactory, ProspectFactory

    dossier = DossierFactory(conventionne=True, operateur=demo.org.ais35)
    bailleur = BailleurFactory(nom="Le Goff", prenom="Annick", agent=demo.julie)
    prospect = ProspectFactory(
        bailleur=bailleur, adresse="7 rue de Saint-Malo", typologie="T2", agent=demo.julie
    )
    return dossier.convention, prospect


def _capter(page, prospect) -> None:
    page.goto(reverse("parc:prospects"))
    expect(page.get_by_role("heading", name="À contacter (1)", exact=False)).to_be_visible()
    verifier_axe(page, "tableau de captation")
    _capture(page, "tableau-captation")
    page.get_by_role("link", name="7 rue de Saint-Malo", exact=False).first.click()
    verifier_axe(page, "prospect à contacter")
    _avancer(page, "Noter le contact", "Premier appel : intéressée par le mandat.")
    _avancer(page, "Planifier la visite")
    _avancer(page, "Négocier", "Loyer accepté à 560 €.")
    _avancer(page, "Capter le logement")
    expect(page.get_by_text("capté", exact=False).first).to_be_visible()
    verifier_axe(page, "prospect capté")
    _capture(page, "prospect-capte")


def _creer_logement(page, convention) -> None:
    page.get_by_role("link", name="Créer le logement").click()
    page.get_by_label("Code postal").fill("35000")
    page.get_by_label("Surface habitable (m²)").fill("41,5")
    page.get_by_label("Hauteur sous plafond (m)").fill("2,50")
    page.get_by_label("Forme d'IML").select_option("MANDAT_GESTION")
    page.get_by_label("Loyer hors charges (€ par mois)").fill("560")
    page.get_by_label("Classe DPE").select_option("D")
    page.get_by_label("Date du DPE").fill("2024-03-12")
    page.get_by_label("Convention de financement").select_option(str(convention.pk))
    verifier_axe(page, "formulaire du logement")
    envoyer(page, "Enregistrer le logement")
    expect(page.get_by_text("Rennes (35238)", exact=False).first).to_be_visible()
    expect(page.get_by_text("conforme", exact=False).first).to_be_visible()
    verifier_axe(page, "fiche du logement en captation")


def _mettre_en_location_et_contrat(page) -> None:
    page.get_by_role("button", name="Mettre en location").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Disponible", exact=False).first).to_be_visible()
    page.get_by_role("link", name="Ajouter un contrat avec le bailleur").click()
    page.get_by_label("Date de début").fill("2026-12-01")
    page.get_by_label("Durée (mois)").fill("36")
    page.get_by_label("Visale").check()
    verifier_axe(page, "formulaire du contrat")
    envoyer(page, "Enregistrer le contrat")
    expect(page.get_by_text("30/11/2029", exact=False).first).to_be_visible()
    verifier_axe(page, "fiche du logement disponible avec son mandat")
    _capture(page, "fiche-logement")


def test_julie_capte_un_logement_et_le_voit_compte_dans_sa_convention(page, demo, live_server):
    convention, prospect = _preparer(demo)
    ouvrir_session(page, demo.julie, live_server.url)
    _capter(page, prospect)
    _creer_logement(page, convention)
    _mettre_en_location_et_contrat(page)

    page.goto(reverse("parc:chiffres"))
    ligne = page.get_by_role("row", name=convention.numero, exact=False).first
    expect(ligne).to_contain_text("1")  # un logement mobilisé
    expect(ligne).to_contain_text("3")  # ses trois places (T2, R-CAPACITY) sont ouvertes
    verifier_axe(page, "chiffres des conventions")
    _capture(page, "chiffres-conventions")

    page.set_viewport_size({"width": 390, "height": 844})
    for nom in ("parc:prospects", "parc:logements", "parc:bailleurs", "parc:chiffres"):
        page.goto(reverse(nom))
        verifier_axe(page, f"{nom} à 390 px")
        largeur = page.evaluate("document.documentElement.scrollWidth")
        assert largeur <= 390, f"{nom} déborde à 390 px ({largeur} px)"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_un_logement_indecent_est_refuse_a_la_mise_en_location(page, demo, live_server):
    from tests.parc.factories import LogementFactory

    logement = LogementFactory(indecent=True, agent=demo.julie)
    ouvrir_session(page, demo.julie, live_server.url)
    page.goto(reverse("parc:logement", kwargs={"pk": logement.pk}))
    page.get_by_role("button", name="Mettre en location").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("R-DECENCE-SURFACE", exact=False).first).to_be_visible()
    expect(page.get_by_text("En captation", exact=False).first).to_be_visible()
    verifier_axe(page, "mise en location refusée")
    _capture(page, "decence-refusee")
