"""Dans le navigateur, à 1280 px puis à 390 px : « Mes ménages » de Nadia (travail social) et de
Marc (direction, filtre par référent), la vue d'équipe, le temps de travail (une saisie fausse
d'abord : le résumé des erreurs prend le focus et la saisie reste), les chiffres d'activité
de la direction et du cofinanceur. Chaque page passe axe (aucune violation) et rien ne déborde
à 390 px (les tableaux défilent dans leur cadre).

`IML_CAPTURES_GUIDE=docs/guide/images/accompagnement` enregistre les captures du guide.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.navigateur.outils import envoyer, ouvrir_session, verifier_axe

pytestmark = pytest.mark.navigateur

CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")


def _capture(page, nom: str) -> None:
    if CAPTURES:
        Path(CAPTURES).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{CAPTURES}/{nom}.png", full_page=True)


def _verifier(page, contexte: str, capture: str | None = None, etroit: bool = False) -> None:
    """axe à 1280 px, puis à 390 px : axe et aucun débordement horizontal de la page ; la
    capture du guide à 1280 px (et à 390 px si `etroit`)."""
    verifier_axe(page, contexte)
    if capture:
        _capture(page, capture)
    page.set_viewport_size({"width": 390, "height": 844})
    verifier_axe(page, f"{contexte} à 390 px")
    largeur = page.evaluate("document.documentElement.scrollWidth")
    assert largeur <= 390, f"{contexte} déborde à 390 px ({largeur} px)"
    if capture and etroit:
        _capture(page, f"{capture}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def _preparer() -> None:
    """Trois ménages de Nadia : un « petit chez-soi » sans visite la semaine dernière, un plan
    au dernier contact ancien, un plan récent ; un ménage logé sans plan."""
    from iml.accompagnement.services import impayes, plans
    from tests.accompagnement.factories import ContactFactory, PlanFactory, jours
    from tests.appels.factories import acteur
    from tests.appels.factories import demo as demo_
    from tests.menages.factories import MenageFactory, OccupationFactory

    aujourd_hui = timezone.localdate()
    lundi = aujourd_hui - timedelta(days=aujourd_hui.weekday())
    chez_soi = OccupationFactory(
        sous_location=True, menage=MenageFactory(nom="Lemoine", suivi_par_nadia=True)
    ).menage
    plan = PlanFactory(petit_chez_soi=True, menage=chez_soi, debut_le=lundi - timedelta(weeks=3))
    ContactFactory(menage=plan.menage, le=lundi - timedelta(weeks=2))
    ancien = PlanFactory(menage=MenageFactory(nom="Garnier", suivi_par_nadia=True),
                         sans_logement=True, debut_le=jours(80))  # fmt: skip
    ContactFactory(menage=ancien.menage, le=jours(41), canal="TELEPHONE")
    benali = MenageFactory(nom="Benali", suivi_par_nadia=True)
    plan = PlanFactory(menage=OccupationFactory(sous_location=True, menage=benali).menage)
    ContactFactory(menage=plan.menage, le=jours(3), canal="BUREAU")
    plans.ajouter_objectif(
        acteur=acteur(demo_("nadia")), plan=plan, domaine="DEMARCHES_DROITS",
        libelle="Ouvrir les droits à l'aide au logement", revue_le=jours(-12),
        aujourd_hui=aujourd_hui,
    )  # fmt: skip
    impayes.ouvrir_action_impayes(plan=plan, aujourd_hui=aujourd_hui)
    OccupationFactory(menage=MenageFactory(nom="Sansplan"))


def test_mes_menages_equipe_temps_de_travail_et_chiffres(page, live_server, demo):
    _preparer()
    ouvrir_session(page, demo.nadia, live_server.url)
    page.goto("/accompagnement/")
    expect(page.get_by_role("heading", name="Mes ménages", level=1)).to_be_visible()
    expect(page.get_by_text("ETP non renseigné : capacité non calculable")).to_be_visible()
    tableau = page.locator("#table-mes-menages")
    expect(tableau.get_by_text("Semaine dernière manquée")).to_be_visible()
    _verifier(page, "Mes ménages (travail social)", "mes-menages", etroit=True)
    # Au téléphone : une carte par ménage, le bouton « Noter un contact » à portée de pouce.
    page.set_viewport_size({"width": 390, "height": 844})
    expect(tableau).to_be_hidden()
    carte = page.locator(".iml-carte-menage").filter(has_text="Lemoine")
    expect(carte.get_by_text("Semaine dernière manquée")).to_be_visible()
    expect(carte.get_by_role("link", name="Noter un contact avec Lemoine Awa")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})

    page.context.clear_cookies()
    ouvrir_session(page, demo.marc, live_server.url)
    page.goto("/accompagnement/")
    page.get_by_label("Référent", exact=True).select_option(label="Nadia Roux")
    envoyer(page, "Filtrer")
    expect(page.get_by_text("Charge de Nadia Roux")).to_be_visible()
    _verifier(page, "Ménages accompagnés (direction)")

    page.get_by_role("link", name="Vue d'équipe").click()
    expect(page.get_by_role("heading", name="Charge des travailleurs sociaux")).to_be_visible()
    _verifier(page, "Vue d'équipe", "equipe")

    page.get_by_role("link", name="Fixer l'ETP de Nadia Roux").click()
    page.get_by_label("Temps de travail (ETP)").fill("1,5")
    envoyer(page, "Enregistrer le temps de travail")
    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    expect(resume).to_contain_text("la valeur dépasse le maximum de 1")
    expect(page.get_by_label("Temps de travail (ETP)")).to_have_value("1,5")
    _verifier(page, "Temps de travail (erreur)", "temps-de-travail-erreur")
    page.get_by_label("Temps de travail (ETP)").fill("0,8")
    envoyer(page, "Enregistrer le temps de travail")
    expect(page.get_by_text("Temps de travail de Nadia Roux : 0,8 ETP")).to_be_visible()
    expect(page.get_by_text("Dans le ratio")).to_be_visible()

    page.get_by_role("link", name="Chiffres d'activité").first.click()
    expect(
        page.get_by_role("heading", name="Contacts par ménage et par mois, par canal")
    ).to_be_visible()
    _verifier(page, "Chiffres d'activité (direction)", "chiffres")


def test_le_cofinanceur_trouve_les_chiffres_dans_son_menu(page, live_server, demo):
    _preparer()
    ouvrir_session(page, demo.anne, live_server.url)
    page.goto("/")
    page.get_by_role("link", name="Accompagnement").first.click()
    expect(
        page.get_by_role("heading", name="Chiffres d'activité de l'accompagnement")
    ).to_be_visible()
    expect(page.get_by_text("financés par le conseil départemental ou le FAPI")).to_be_visible()
    assert "Lemoine" not in page.content()
    _verifier(page, "Chiffres d'activité (cofinanceur)")
