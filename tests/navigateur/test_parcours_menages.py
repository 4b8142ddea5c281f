"""Dans le navigateur : Julie (gestion locative de l'AIS Rennes) crée la fiche d'un ménage (une
saisie fausse d'abord : le résumé des erreurs s'affiche et la saisie reste), ajoute ses
ressources, l'admet dans un logement disponible en sous-location — le contrôle du taux d'effort
est montré avec ses chiffres et sa règle avant la confirmation —, enregistre un paiement au
compte, renouvelle la sous-location et note la sortie. Chaque page nouvelle passe axe (aucune
violation), à 1280 px puis, pour les pages de travail, à 390 px.

L'entrée est datée de quatre mois plus tôt : le renouvellement se décide avant la fin de la
première période et jamais dans le futur (R-SL-DURATION). Les appels de redevance des mois
passés sont créés par la tâche quotidienne, lancée ici comme le ferait le cron.

`IML_CAPTURES_GUIDE=docs/guide/images/menages` enregistre les captures des guides
(docs/guide/menages.md, occupations.md, compte.md).
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from iml.occupations.models import Occupation
from regles.format import date_fr
from tests.navigateur.outils import envoyer, ouvrir_session, verifier_axe

pytestmark = pytest.mark.navigateur
CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")
ADRESSE = "12 rue de Fougères"


def _capture(page, nom: str) -> None:
    if CAPTURES:
        Path(CAPTURES).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{CAPTURES}/{nom}.png", full_page=True)


def _a_390_px(page, contexte: str) -> None:
    """La page telle qu'affichée, relue à 390 px : axe, et rien ne déborde."""
    page.set_viewport_size({"width": 390, "height": 844})
    verifier_axe(page, f"{contexte} à 390 px")
    largeur = page.evaluate("document.documentElement.scrollWidth")
    assert largeur <= 390, f"{contexte} déborde à 390 px ({largeur} px)"
    page.set_viewport_size({"width": 1280, "height": 900})


def _preparer(demo):
    """Un T2 disponible en sous-location, rattaché à une convention de l'AIS Rennes."""
    from tests.appels.factories import DossierFactory
    from tests.parc.factories import LogementFactory

    convention = DossierFactory(conventionne=True, operateur=demo.org.ais35).convention
    return LogementFactory(
        adresse=ADRESSE, statut="DISPONIBLE", sous_location=True, convention=convention,
        agent=demo.julie,
    )  # fmt: skip


def _creer_le_menage(page) -> None:
    page.goto(reverse("menages:liste"))
    verifier_axe(page, "liste des ménages")
    page.get_by_role("link", name="Nouveau ménage").click()
    page.wait_for_load_state("load")
    verifier_axe(page, "formulaire du ménage")
    page.get_by_label("Prénom").fill("Awa")
    page.get_by_label("Date de naissance").fill("1991-04-09")
    page.get_by_label("Catégorie d'IML").select_option("CLASSIQUE")
    # Le nom est oublié : le résumé des erreurs le dit, et rien de ce qui est saisi ne se perd.
    envoyer(page, "Enregistrer la fiche")
    resume = page.get_by_role("heading", name="La fiche du ménage n'est pas enregistrée")
    expect(resume).to_be_visible()
    expect(page.locator("#resume-erreurs")).to_be_focused()
    page.get_by_role("link", name="« Nom » : ce champ est obligatoire.").click()
    expect(page.get_by_label("Nom", exact=True)).to_be_focused()
    expect(page.get_by_text("« Nom » : ce champ est obligatoire.").first).to_be_visible()
    expect(page.get_by_label("Prénom")).to_have_value("Awa")
    expect(page.get_by_label("Date de naissance")).to_have_value("1991-04-09")
    expect(page).to_have_title(re.compile(r"^Erreur"))
    verifier_axe(page, "formulaire du ménage en erreur")
    _capture(page, "menage-erreur")
    _a_390_px(page, "formulaire du ménage en erreur")
    page.get_by_label("Nom", exact=True).fill("Diallo")
    envoyer(page, "Enregistrer la fiche")
    expect(page.get_by_role("heading", name="Awa Diallo", level=1)).to_be_visible()
    expect(page.get_by_text("Ménage enregistré : référence", exact=False)).to_be_visible()


def _completer_la_fiche(page) -> None:
    page.get_by_label("Lien avec la personne de référence").select_option("ENFANT")
    page.get_by_label("Année de naissance").fill("2016")
    envoyer(page, "Ajouter le membre")
    expect(page.get_by_text("2 personnes", exact=False).first).to_be_visible()
    il_y_a_un_mois = (timezone.localdate() - timedelta(days=30)).isoformat()
    for nature, montant in (("SALAIRE", "1 150"), ("PRESTATIONS_FAMILIALES", "240,50")):
        page.get_by_label("Nature").select_option(nature)
        page.get_by_label("Montant mensuel (€)").fill(montant)
        page.get_by_label("Connue le").fill(il_y_a_un_mois)
        envoyer(page, "Enregistrer")
    expect(page.get_by_text("Ressources mensuelles : 1 390,50 €", exact=False)).to_be_visible()
    verifier_axe(page, "fiche du ménage avec ses ressources")
    _capture(page, "fiche-menage")
    _a_390_px(page, "fiche du ménage")


def _admettre(page, logement, entree) -> str:
    page.get_by_role("link", name="Admettre dans un logement").click()
    page.wait_for_load_state("load")
    verifier_axe(page, "saisie de l'admission")
    page.get_by_role("combobox", name=re.compile(r"^Logement")).select_option(str(logement.pk))
    page.get_by_label("Date d'entrée").fill(entree.isoformat())
    page.get_by_label("Loyer ou redevance (€ par mois)").fill("")
    page.get_by_label("Charges (€ par mois)").fill("")
    page.get_by_label("Suite du parcours prévue").select_option("BAIL_GLISSANT")
    envoyer(page, "Vérifier")
    expect(page.get_by_role("heading", name="Vérifier l'admission", level=1)).to_be_visible()
    expect(page.get_by_text("rien n'est encore enregistré", exact=False)).to_be_visible()
    # (320 + 40) ÷ 1 390,50 = 25,9 % pour un plafond de 30 % : la règle et les chiffres.
    controles = page.get_by_role("table", name="Contrôles de l'admission")
    ligne = controles.get_by_role("row").filter(has_text="R-EFFORT-SL").filter(has_text="25,9 %")
    expect(ligne).to_contain_text("dans le plafond de 30 %")
    expect(ligne).to_contain_text("conforme")
    expect(controles).to_contain_text("2 personnes pour 3 places")
    chiffres = page.get_by_role("table", name="Les chiffres de l'admission")
    expect(chiffres).to_contain_text("1 390,50 €")
    expect(chiffres).to_contain_text("logement financé en IML classique")
    # À 1280 px, le tableau des contrôles tient dans sa largeur : le verdict se lit sans défiler.
    cadre = page.locator(".fr-table__container", has=controles)
    assert cadre.evaluate("e => e.scrollWidth <= e.clientWidth"), "contrôles à faire défiler"
    assert not Occupation.objects.exists()  # rien n'est écrit avant la confirmation
    verifier_axe(page, "aperçu de l'admission")
    _capture(page, "admission-controles")
    _a_390_px(page, "aperçu de l'admission")
    envoyer(page, "Confirmer l'admission")
    expect(page.get_by_text(f"admis le {date_fr(entree)}", exact=False)).to_be_visible()
    verifier_axe(page, "fiche de l'occupation")
    return page.url


def _appeler_les_redevances() -> None:
    """La tâche quotidienne (cron) : les appels de redevance dus depuis l'entrée."""
    from iml.occupations.taches_compte import appeler_loyers_du_jour

    assert appeler_loyers_du_jour.call() >= 4


def _encaisser(page) -> None:
    page.get_by_role("link", name="Compte du ménage").click()
    page.wait_for_load_state("load")
    verifier_axe(page, "compte du ménage")
    page.get_by_role("link", name="Enregistrer un paiement").click()
    page.wait_for_load_state("load")
    verifier_axe(page, "formulaire du paiement")
    _a_390_px(page, "formulaire du paiement")
    page.get_by_label("Le ménage").check()
    page.get_by_label("Montant reçu (€)").fill("360")
    page.get_by_label("Libellé").fill("Virement du ménage")
    _capture(page, "paiement")
    envoyer(page, "Enregistrer le paiement")
    expect(page.get_by_text("Paiement de 360 € enregistré.")).to_be_visible()
    lignes = page.get_by_role("table", name="Lignes du compte", exact=False)
    expect(lignes.get_by_role("row").filter(has_text="Virement du ménage")).to_contain_text("360 €")
    verifier_axe(page, "compte du ménage après le paiement")
    _capture(page, "compte")
    _a_390_px(page, "compte du ménage")


def _renouveler(page, url_occupation: str) -> None:
    page.goto(url_occupation)
    expect(page.get_by_role("heading", name="Durée de la sous-location")).to_be_visible()
    page.get_by_label("Motif du renouvellement").fill(
        "Demande de logement social en cours ; bail glissant envisagé avec le bailleur."
    )
    envoyer(page, "Renouveler la sous-location")
    expect(page.get_by_text("Sous-location renouvelée.")).to_be_visible()
    periodes = page.get_by_role("table", name="Périodes de la sous-location")
    expect(periodes.get_by_role("row")).to_have_count(3)  # en-tête, entrée, renouvellement
    expect(periodes).to_contain_text("Demande de logement social en cours")
    verifier_axe(page, "fiche de l'occupation renouvelée")
    _capture(page, "occupation-renouvelee")
    _a_390_px(page, "fiche de l'occupation")


def _sortir(page) -> None:
    page.get_by_role("link", name="Noter la sortie").click()
    page.wait_for_load_state("load")
    verifier_axe(page, "saisie de la sortie")
    page.get_by_label("Destination à la sortie").select_option("LOGEMENT_SOCIAL")
    page.get_by_label("Note de sortie").fill("Attribution d'un T3 par Archipel Habitat.")
    envoyer(page, "Continuer")
    expect(page.get_by_role("heading", name="Confirmer la sortie")).to_be_visible()
    expect(page.get_by_text("La sortie ne peut pas être annulée.")).to_be_visible()
    expect(page.get_by_text("destination : logement social", exact=False)).to_be_visible()
    verifier_axe(page, "confirmation de la sortie")
    _capture(page, "sortie-confirmation")
    _a_390_px(page, "confirmation de la sortie")
    envoyer(page, "Confirmer la sortie")
    expect(page.get_by_text("Sortie notée le", exact=False)).to_be_visible()
    occupation = page.get_by_role("table", name="L'occupation", exact=True)
    expect(occupation).to_contain_text("Logement social")
    expect(occupation.get_by_role("row").filter(has_text="Durée du séjour")).to_be_visible()
    expect(page.get_by_role("link", name="Noter la sortie")).to_have_count(0)
    verifier_axe(page, "fiche de l'occupation terminée")


def test_julie_admet_un_menage_encaisse_renouvelle_et_note_sa_sortie(page, demo, live_server):
    logement = _preparer(demo)
    entree = timezone.localdate() - timedelta(days=120)
    ouvrir_session(page, demo.julie, live_server.url)
    _creer_le_menage(page)
    _completer_la_fiche(page)
    url_occupation = _admettre(page, logement, entree)
    _appeler_les_redevances()
    _encaisser(page)
    _renouveler(page, url_occupation)
    _sortir(page)
