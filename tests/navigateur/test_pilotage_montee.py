"""Dans le navigateur, à 1280 px puis sur un téléphone (390 px) : la montée en charge
(R-RAMPUP) vue par Claire (DDETS 35) puis par Marc (direction de l'AIS Rennes).

La liste (agrégat par appel, conventions et leurs jalons), la fiche d'une convention (jalons,
graphique DSFR Chart et sa table de données, trimestres, typologies et formes) et la page de
l'appel passent axe (aucune violation, graphique compris) sans débordement horizontal ; aucune
erreur de console ni violation CSP (fixture `page`).

`IML_CAPTURES_GUIDE=docs/guide/images` enregistre les captures du guide
(docs/guide/pilotage-montee.md, fichiers `montee-*.png`).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.navigateur.outils import ouvrir_session, verifier_axe

pytestmark = pytest.mark.navigateur
CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")
TELEPHONE = {"width": 390, "height": 844}
ECRAN = {"width": 1280, "height": 900}


def _capture(page, nom: str) -> None:
    if CAPTURES:
        Path(CAPTURES).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{CAPTURES}/montee-{nom}.png", full_page=True)


def _verifier(page, contexte: str) -> None:
    largeur = page.viewport_size["width"]
    verifier_axe(page, f"{contexte} à {largeur} px")
    defilement = page.evaluate("document.documentElement.scrollWidth")
    assert defilement <= largeur, f"{contexte} déborde à {largeur} px ({defilement} px)"


def _convention():
    """Une convention de l'AIS (50 places financées) : un T2 mobilisé en juin 2019, un studio
    en sous-location en octobre 2019."""
    from tests.pilotage.test_montee import _convention as convention
    from tests.pilotage.test_montee import _logement

    c = convention()
    _logement(c, date(2019, 6, 15))
    _logement(c, date(2019, 10, 1), typologie="STUDIO", capacite=1, sous_location=True)
    return c


@pytest.mark.parametrize(
    "taille",
    [ECRAN, TELEPHONE],
    ids=["1280", "390"],
)
def test_la_montee_en_charge_a_l_ecran(page, live_server, demo, taille):
    convention = _convention()
    page.set_viewport_size(taille)
    suffixe = "" if taille is ECRAN else "-390"
    # La liste à 390 px : test_la_liste_sur_un_telephone (sans graphique).
    ouvrir_session(page, demo.claire, live_server.url)

    page.goto(reverse("pilotage:montee"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Montée en charge des conventions")
    expect(page.get_by_role("link", name=convention.numero)).to_be_visible()
    _verifier(page, "liste de la montée en charge")
    _capture(page, f"liste{suffixe}")

    page.get_by_role("link", name=convention.numero).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(convention.numero)
    expect(page.get_by_role("table", name="Jalons de montée en charge (R-RAMPUP)")).to_contain_text(
        "Manqué"
    )
    expect(page.locator("line-chart")).to_have_count(1)
    page.locator("line-chart canvas").first.wait_for()
    _verifier(page, "fiche de la convention")
    _capture(page, f"convention{suffixe}")

    page.get_by_role("link", name=convention.dossier.appel.nom).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(convention.dossier.appel.nom)
    _verifier(page, "page de l'appel")
    _capture(page, f"appel{suffixe}")


def test_la_liste_sur_un_telephone(page, live_server, demo):
    convention = _convention()
    page.set_viewport_size(TELEPHONE)
    ouvrir_session(page, demo.claire, live_server.url)
    page.goto(reverse("pilotage:montee"))
    expect(page.get_by_role("link", name=convention.numero)).to_be_visible()
    _verifier(page, "liste de la montée en charge")
    _capture(page, "liste-390")


def test_l_operateur_voit_ses_conventions(page, live_server, demo):
    convention = _convention()
    ouvrir_session(page, demo.marc, live_server.url)
    page.goto(reverse("pilotage:montee"))
    page.get_by_role("link", name="Montée en charge").first.wait_for()
    expect(page.get_by_role("link", name=convention.numero)).to_be_visible()
    _verifier(page, "liste de l'opérateur")
