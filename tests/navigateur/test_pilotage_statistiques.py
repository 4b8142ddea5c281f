"""Dans le navigateur, à 1280 px puis sur un téléphone (390 px) : les statistiques annuelles
(R-STATS, issue 13).

Claire (DDETS 35) ouvre la campagne de l'an dernier — d'abord avec une date limite dans
l'année : le résumé des erreurs prend le focus, le message est sous le champ, l'année saisie
reste —, puis Marc (AIS Rennes) ouvre ses statistiques par le menu, corrige un indicateur —
d'abord avec une valeur décimale pour un compte : refusée, rien n'est perdu — et les soumet ;
Claire consolide. Chaque page passe axe (aucune violation) et rien ne déborde horizontalement.

`IML_CAPTURES_GUIDE=docs/guide/images` enregistre les captures du guide
(docs/guide/pilotage-statistiques.md, fichiers `statistiques-*.png`).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from iml.pilotage.models import StatistiqueAnnuelle
from tests.navigateur.outils import connecter, envoyer, verifier_axe

pytestmark = pytest.mark.navigateur
CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")
TELEPHONE = {"width": 390, "height": 844}
ECRAN = {"width": 1280, "height": 900}


def _capture(page, nom: str, telephone: bool) -> None:
    if not CAPTURES or telephone != nom.endswith("-390"):
        return
    Path(CAPTURES).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{CAPTURES}/statistiques-{nom}.png", full_page=True)


def _verifier(page, contexte: str) -> None:
    largeur = page.viewport_size["width"]
    verifier_axe(page, f"{contexte} à {largeur} px")
    defilement = page.evaluate("document.documentElement.scrollWidth")
    assert defilement <= largeur, f"{contexte} déborde à {largeur} px ({defilement} px)"


def _menu(page, telephone: bool, entree: str) -> None:
    if telephone:
        page.get_by_role("button", name="Menu", exact=True).click()
        expect(page.get_by_role("dialog")).to_be_visible()
    menu = page.get_by_role("navigation", name="Menu principal")
    with page.expect_navigation():
        menu.get_by_role("link", name=entree).click()


def _ouvrir_la_campagne(page, telephone: bool, annee: int) -> None:
    _menu(page, telephone, "Statistiques annuelles")
    _verifier(page, "statistiques de la DDETS")
    with page.expect_navigation():
        page.get_by_role("link", name="Ouvrir une campagne").click()
    page.get_by_label("Année des statistiques").fill(str(annee))
    page.get_by_label("Date limite de soumission").fill(f"{annee}-12-15")
    envoyer(page, "Ouvrir la campagne")
    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    message = f"Date limite : elle suit la fin de l'année {annee} (31/12/{annee})."
    expect(resume).to_contain_text(message)
    expect(page.locator(".fr-input-group--error")).to_contain_text(message)
    expect(page.get_by_label("Année des statistiques")).to_have_value(str(annee))
    _verifier(page, "ouverture d'une campagne en erreur")
    _capture(page, "ouvrir-erreur", telephone)
    # Une date limite à venir (une date déjà passée est refusée, R-STATS).
    limite = timezone.localdate() + timedelta(days=30)
    page.get_by_label("Date limite de soumission").fill(limite.isoformat())
    envoyer(page, "Ouvrir la campagne")
    expect(page.get_by_text(f"La campagne {annee} est ouverte.")).to_be_visible()
    _verifier(page, "campagne")
    _capture(page, "campagne", telephone)


def _corriger_et_soumettre(page, telephone: bool, annee: int) -> None:
    _menu(page, telephone, "Statistiques annuelles")
    with page.expect_navigation():
        page.get_by_role("link", name="AIS Rennes Habitat Solidaire").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Statistiques {annee}")
    _verifier(page, "statistiques de l'opérateur")
    _capture(page, "operateur", telephone)
    with page.expect_navigation():
        page.get_by_role("link", name="Corriger un indicateur").click()
    page.get_by_label("Indicateur").select_option(label="Entrées et sorties — Entrées")
    page.get_by_label("Valeur corrigée").fill("2,5")
    page.get_by_label("Motif de la correction").fill("Une entrée saisie dans l'ancien logiciel")
    envoyer(page, "Enregistrer la correction")
    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    expect(resume).to_contain_text("« Entrées » est un nombre entier")
    expect(page.get_by_label("Motif de la correction")).to_have_value(
        "Une entrée saisie dans l'ancien logiciel"
    )
    _verifier(page, "correction en erreur")
    _capture(page, "corriger-erreur", telephone)
    page.get_by_label("Valeur corrigée").fill("1")
    envoyer(page, "Enregistrer la correction")
    expect(page.get_by_text("La correction est enregistrée")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Une entrée saisie")).to_be_visible()
    _verifier(page, "statistiques corrigées")
    with page.expect_navigation():
        page.get_by_role("link", name="Soumettre à l'État").click()
    _verifier(page, "soumission")
    envoyer(page, "Soumettre les statistiques")
    expect(page.get_by_text("Les statistiques sont soumises à l'État.")).to_be_visible()


@pytest.mark.parametrize("telephone", [False, True], ids=["1280", "390"])
def test_campagne_correction_soumission_consolidation(page, demo, telephone):
    page.set_viewport_size(TELEPHONE if telephone else ECRAN)
    annee = timezone.localdate().year - 1
    connecter(page, demo.claire)
    _ouvrir_la_campagne(page, telephone, annee)
    page.context.clear_cookies()
    connecter(page, demo.marc)
    _corriger_et_soumettre(page, telephone, annee)
    statistique = StatistiqueAnnuelle.objects.get(operateur=demo.org.ais35, annee=annee)
    assert statistique.statut == "SOUMISE" and statistique.corrections.count() == 1
    page.context.clear_cookies()
    connecter(page, demo.claire)
    page.goto(f"/pilotage/statistiques/{statistique.pk}/")
    envoyer(page, "Consolider")
    expect(page.get_by_text("Les statistiques sont consolidées.")).to_be_visible()
    _verifier(page, "statistiques consolidées")
