"""Saisie d'une étape dans le navigateur : résumé des erreurs qui prend le focus, et saisie non
enregistrée jamais perdue sans avertissement (lien vers une autre étape, fermeture de page)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.appels.matrice_dossiers import appel_ouvert, dossier_de
from tests.navigateur.outils import attendre_dsfr, ouvrir_session, verifier_axe

pytestmark = pytest.mark.navigateur


def ouvrir_etape(page, demo, live_server, slug: str):
    appel = appel_ouvert(demo.claire, "Appel de test de la saisie")
    dossier = dossier_de(appel, demo.marc)
    ouvrir_session(page, demo.marc, live_server.url)
    page.goto(reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": slug}))
    attendre_dsfr(page)
    return dossier


def test_apres_un_envoi_refuse_le_focus_va_au_resume_des_erreurs(page, demo, live_server):
    ouvrir_etape(page, demo, live_server, "services")
    page.locator("[name=captation_cout]").fill("beaucoup")
    page.locator("[name=gestion_MANDAT_GESTION-0-cout]").fill("800")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer", exact=True).click()
    attendre_dsfr(page)
    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    expect(resume.get_by_role("heading")).to_have_text(
        "L'étape n'est pas enregistrée : 2 erreurs à corriger"
    )
    expect(resume.get_by_role("link")).to_have_count(2)
    resume.get_by_role("link").first.click()
    expect(page.locator("#id_captation_cout")).to_be_focused()
    verifier_axe(page, "étape refusée avec son résumé des erreurs")


def test_quitter_l_etape_sans_enregistrer_demande_confirmation(page, demo, live_server):
    ouvrir_etape(page, demo, live_server, "experience")
    depart = page.url
    # Sans saisie : on change d'étape sans question.
    page.get_by_role("link", name="Étape précédente : Identité du porteur").click()
    page.wait_for_url(lambda url: url != depart)
    page.go_back()
    attendre_dsfr(page)
    page.locator("[name=realisations]").click()
    page.locator("[name=realisations]").fill("Texte tapé, pas encore enregistré.")
    questions = []

    def refuser(dialogue):
        questions.append(dialogue.message)
        dialogue.dismiss()

    page.once("dialog", refuser)
    page.get_by_role("link", name="Étape précédente : Identité du porteur").click()
    assert questions and "ne sont pas enregistrées" in questions[0]
    assert page.url == depart
    expect(page.locator("[name=realisations]")).to_have_value("Texte tapé, pas encore enregistré.")
    # Fermer la page (ou la recharger) : le navigateur demande confirmation (beforeunload).
    with page.expect_event("dialog") as fermeture:
        page.close(run_before_unload=True)
    assert fermeture.value.type == "beforeunload"
    fermeture.value.dismiss()
    assert not page.is_closed()


def test_un_depot_refuse_porte_le_focus_sur_la_liste_des_manques(page, demo, live_server):
    """R-DOSSIER : la direction dépose un dossier incomplet ; la liste de tous les manques
    s'affiche en tête et prend le focus."""
    dossier = ouvrir_etape(page, demo, live_server, "identite")
    page.goto(reverse("appels:dossier_deposer", kwargs={"pk": dossier.pk}))
    with page.expect_navigation():
        page.get_by_role("button", name="Déposer la version 1").click()
    attendre_dsfr(page)
    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    expect(resume.get_by_role("heading")).to_contain_text("Dépôt refusé")
    expect(resume.get_by_role("listitem").first).to_contain_text("R-DOSSIER")


def test_ajouter_une_ligne_puis_entree_enregistre_l_etape(page, demo, live_server):
    """« Ajouter une ligne » (bouton d'envoi, sans script) ajoute une ligne vide sans rien
    enregistrer ; la touche Entrée dans un champ enregistre l'étape (premier bouton d'envoi :
    « Enregistrer et continuer »), elle n'ajoute pas de ligne."""
    dossier = ouvrir_etape(page, demo, live_server, "modele-financier")
    expect(page.locator("[name^=fin-][name$=-financeur]")).to_have_count(3)
    page.locator("[name=fin-0-financeur]").select_option(label="État (programme 177)")
    page.locator("[name=fin-0-montant]").fill("1000")
    with page.expect_navigation():
        page.get_by_role("button", name="Ajouter une ligne au tableau « Recettes du budget").click()
    attendre_dsfr(page)
    expect(page.locator("[name^=fin-][name$=-financeur]")).to_have_count(4)
    expect(page.locator("[name=fin-0-montant]")).to_have_value("1000")
    dossier.refresh_from_db()
    assert "financements" not in dossier.contenu
    page.locator("[name=fin-3-montant]").fill("250")
    page.locator("[name=fin-3-financeur]").select_option(value="FSL")
    with page.expect_navigation():
        page.locator("[name=fin-3-montant]").press("Enter")
    dossier.refresh_from_db()
    assert [f["montant"] for f in dossier.contenu["financements"]] == ["1000", "250"]
    assert "evaluation" in page.url
