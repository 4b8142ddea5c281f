"""Dans le navigateur, à 390 px (un téléphone) : Inès (travail social du Relais) ouvre le
dossier d'accompagnement d'un ménage qu'elle suit, en sous-location ; elle ouvre un plan (une
saisie sans besoin d'abord : le résumé des erreurs prend le focus, le message R-ACCOMP-PLAN est
sous le groupe des besoins et rien n'est perdu), coche une étape d'entrée d'un geste, ajoute un
objectif. À 1280 px, la direction lit le même dossier puis la page de clôture. Chaque page passe
axe (aucune violation) et rien ne déborde à 390 px.

`IML_CAPTURES_GUIDE=docs/guide/images/accompagnement` enregistre les captures du guide.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from iml.accompagnement.models import Plan
from regles.format import date_fr
from tests.navigateur.outils import envoyer, ouvrir_session, verifier_axe

pytestmark = pytest.mark.navigateur
CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")
TELEPHONE = {"width": 390, "height": 844}
ENTREE = "Contrat d'occupation et état des lieux entrant"


def _capture(page, nom: str) -> None:
    if CAPTURES:
        Path(CAPTURES).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{CAPTURES}/{nom}.png", full_page=True)


def _sans_debordement(page, contexte: str) -> None:
    verifier_axe(page, contexte)
    largeur = page.evaluate("document.documentElement.scrollWidth")
    assert largeur <= page.viewport_size["width"], f"{contexte} déborde ({largeur} px)"


def _menage_d_ines(demo):
    from tests.menages.factories import MenageFactory, OccupationFactory

    menage = MenageFactory(agent=demo.thomas, referent=demo.ines, nom="Keita", prenom="Mariam")
    OccupationFactory(agent=demo.thomas, menage=menage, sous_location=True)
    return menage


def _ouvrir_le_plan(page) -> None:
    page.get_by_role("link", name="Ouvrir un plan").click()
    page.wait_for_load_state("load")
    _sans_debordement(page, "formulaire du plan à 390 px")
    envoyer(page, "Ouvrir le plan")  # aucun besoin évalué
    expect(page.locator("#resume-erreurs")).to_be_focused()
    message = "R-ACCOMP-PLAN : évaluez au moins un besoin"
    expect(page.locator("#groupe-besoins .fr-message--error")).to_contain_text(message)
    _sans_debordement(page, "formulaire du plan en erreur à 390 px")
    _capture(page, "plan-formulaire-erreur")
    expect(page.get_by_label("Durée prévue (mois)")).to_have_value("12")
    page.locator("#groupe-besoins").get_by_role("group", name="Budget").get_by_label(
        "Besoin important"
    ).check()
    page.get_by_label("Financeur (ligne 1)").select_option("ETAT_P177")
    page.get_by_label("Montant annuel (€) (ligne 1)").fill("2 100")
    envoyer(page, "Ouvrir le plan")
    expect(page.get_by_text("Plan d'accompagnement ouvert.")).to_be_visible()


def test_ines_ouvre_un_plan_et_coche_une_etape_depuis_son_telephone(page, live_server, demo):
    menage = _menage_d_ines(demo)
    ouvrir_session(page, demo.ines, live_server.url)
    page.set_viewport_size(TELEPHONE)
    page.goto(reverse("accompagnement:dossier", args=[menage.pk]))
    _sans_debordement(page, "dossier sans plan à 390 px")
    _ouvrir_le_plan(page)
    plan = Plan.objects.get(menage=menage)
    assert plan.besoins.get(domaine="BUDGET").niveau == "IMPORTANT"
    _sans_debordement(page, "dossier avec plan à 390 px")
    # Une étape d'entrée, d'un geste : faite aujourd'hui, par Inès.
    with page.expect_navigation():
        page.get_by_role("button", name=f"Fait aujourd'hui : {ENTREE}").click()
    expect(page.get_by_text("Étape cochée.")).to_be_visible()
    faite = f"Faite le {date_fr(timezone.localdate())} par Inès Blanc"
    expect(page.locator("#etapes")).to_contain_text(faite)
    expect(page.locator("#etapes")).to_contain_text("1 sur 4 faite, 3 restantes")
    assert plan.etapes.get().code == "CONTRAT_OCCUPATION_ETAT_DES_LIEUX"
    # Un objectif, avec sa date de revue proposée.
    page.get_by_label("Domaine").select_option("BUDGET")
    page.locator("#id_objectif-libelle").fill("Ouvrir un compte bancaire")
    envoyer(page, "Ajouter l'objectif")
    expect(page.locator("#objectifs")).to_contain_text("Ouvrir un compte bancaire")
    _sans_debordement(page, "dossier avec étape et objectif à 390 px")
    _capture(page, "plan-dossier-telephone")
    page.get_by_role("link", name=f"Décocher : {ENTREE}").click()
    page.wait_for_load_state("load")
    _sans_debordement(page, "confirmation du décochage à 390 px")


def test_la_direction_lit_le_dossier_et_la_cloture(page, live_server, demo):
    from tests.accompagnement.factories import PlanFactory

    plan = PlanFactory(agent=demo.ines, gestion="thomas", petit_chez_soi=True)
    ouvrir_session(page, demo.helene, live_server.url)
    page.goto(reverse("accompagnement:dossier", args=[plan.menage.pk]))
    verifier_axe(page, "dossier à 1280 px")
    expect(page.locator("#plan")).to_contain_text("Dispositif : Un petit chez-soi")
    _capture(page, "plan-dossier")
    page.get_by_role("link", name="Clore le plan").click()
    page.wait_for_load_state("load")
    envoyer(page, "Confirmer la clôture")  # sans issue
    expect(page.locator("#resume-erreurs")).to_be_focused()
    _capture(page, "plan-cloture-erreur")
    verifier_axe(page, "clôture en erreur à 1280 px")
    page.set_viewport_size(TELEPHONE)
    _sans_debordement(page, "clôture en erreur à 390 px")
