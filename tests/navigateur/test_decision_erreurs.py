"""Dans le navigateur (revue d'usage) : la décision du comité refusée signale toutes ses
erreurs au premier envoi, dans un résumé en tête qui reçoit le focus et mène aux champs ; les
deux colonnes de places gardent la même largeur quand une seule est en erreur."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from iml.appels.enums import StatutAppel
from tests.appels.test_appels_fabriques import dossier_fige
from tests.appels.test_decisions_erreurs import ERREURS
from tests.navigateur.outils import envoyer, ouvrir_session, verifier_axe

pytestmark = pytest.mark.navigateur


def test_la_decision_refusee_montre_toutes_ses_erreurs_en_tete(page, demo, live_server):
    dossier = dossier_fige(demo, StatutAppel.CLOS, constats=ERREURS)
    ouvrir_session(page, demo.claire, live_server.url)
    page.goto(reverse("appels:decider", args=[dossier.pk]))
    page.locator("label[for=id_resultat_1]").click()  # « Partiellement retenu » (DSFR)
    page.get_by_label("Places retenues en mandat de gestion").fill("999")
    envoyer(page, "Enregistrer la décision")

    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    expect(resume.get_by_role("link")).to_have_count(2)
    resume.get_by_role("link", name="justification écrite", exact=False).click()
    assert page.url.endswith("#id_justification_erreurs")
    mg = page.get_by_label("Places retenues en mandat de gestion")
    sl = page.get_by_label("Places retenues en sous-location")
    largeur_mg, largeur_sl = mg.bounding_box()["width"], sl.bounding_box()["width"]
    assert abs(largeur_mg - largeur_sl) < 2, (largeur_mg, largeur_sl)
    verifier_axe(page, "décision refusée")
