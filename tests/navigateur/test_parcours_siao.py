"""Dans le navigateur, à 1280 px puis sur un téléphone (390 px) : une proposition du SIAO, de
la vacance à l'admission (R-SIAO, issue 12).

Marc (direction de l'AIS Rennes) déclare au SIAO un logement disponible — d'abord « bientôt
vacant » avec la date du jour : le résumé des erreurs prend le focus et le message est sous le
champ —, puis Sophie (coordination du SIAO 35) ouvre une demande en attente et propose ce
logement ; Marc accepte la proposition et admet le ménage — d'abord sans l'année de naissance
de l'enfant : l'admission est refusée, rien n'est perdu —, puis le ménage est admis, la vacance
pourvue. Chaque page passe axe (aucune violation) et rien ne déborde horizontalement.

`IML_CAPTURES_GUIDE=docs/guide/images` enregistre les captures du guide (docs/guide/siao.md,
fichiers `siao-*.png`).
"""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from iml.orientations.models import DeclarationVacance, Proposition
from tests.navigateur.outils import connecter, envoyer, verifier_axe

pytestmark = pytest.mark.navigateur
CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")
TELEPHONE = {"width": 390, "height": 844}
ECRAN = {"width": 1280, "height": 900}
ADRESSE = "12 rue de Brest"


def _capture(page, nom: str, telephone: bool) -> None:
    """Les captures du guide : à 1280 px, sauf celles dont le nom finit par « -390 »."""
    if not CAPTURES or telephone != nom.endswith("-390"):
        return
    Path(CAPTURES).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{CAPTURES}/siao-{nom}.png", full_page=True)


def _verifier(page, contexte: str) -> None:
    """axe (aucune violation) et aucun débordement horizontal à la largeur affichée."""
    largeur = page.viewport_size["width"]
    verifier_axe(page, f"{contexte} à {largeur} px")
    defilement = page.evaluate("document.documentElement.scrollWidth")
    assert defilement <= largeur, f"{contexte} déborde à {largeur} px ({defilement} px)"


def _preparer(demo):
    """Un T2 de Rennes de l'AIS, disponible (son brouillon de déclaration est ouvert) ; deux
    demandes en attente au SIAO 35, dont celle d'Annick Le Goff et de son fils (aide connue)."""
    from tests.orientations.factories import DemandeFactory, jours
    from tests.parc.factories import LogementFactory

    logement = LogementFactory(agent=demo.marc, statut="DISPONIBLE", adresse=ADRESSE)
    assert DeclarationVacance.objects.get(logement=logement).statut == "BROUILLON"
    DemandeFactory(
        agent=demo.sophie, nom="Hamon", prenom="Yann", adultes=2, enfants=2,
        ressources=Decimal("2100.00"), demande_le=jours(90), communes=["35047"],
    )  # fmt: skip
    demande = DemandeFactory(
        agent=demo.sophie, nom="Le Goff", prenom="Annick", aide_connue=True,
        reference_siao="SIAO35-2026-0412", demande_le=jours(240), dalo=True,
    )  # fmt: skip
    return logement, demande


def _menu(page, telephone: bool, entree: str) -> None:
    """Par le menu principal (au téléphone, derrière le bouton « Menu »)."""
    if telephone:
        page.get_by_role("button", name="Menu", exact=True).click()
        expect(page.get_by_role("dialog")).to_be_visible()
    menu = page.get_by_role("navigation", name="Menu principal")
    with page.expect_navigation():
        menu.get_by_role("link", name=entree).click()


def _changer_de_persona(page, utilisateur) -> None:
    page.context.clear_cookies()
    connecter(page, utilisateur)


def _declarer_la_vacance(page, telephone: bool) -> None:
    """Marc déclare le logement : « bientôt vacant » à la date du jour est refusé."""
    _menu(page, telephone, "Propositions du SIAO")
    expect(page.get_by_role("heading", name="Orientations du SIAO", level=1)).to_be_visible()
    _verifier(page, "orientations de l'opérateur")
    _capture(page, "operateur-accueil", telephone)
    page.get_by_role("link", name=f"Déclarer au SIAO {ADRESSE}").click()
    page.wait_for_load_state("load")
    _verifier(page, "déclaration de vacance")
    page.get_by_text("Bientôt vacant", exact=True).click()
    page.get_by_label("Disponible le").fill(timezone.localdate().isoformat())
    page.get_by_label("Note pour le SIAO").fill("Clés à l'agence, visite possible le matin.")
    envoyer(page, "Enregistrer")
    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    message = "Disponible le : un logement bientôt vacant se libère après aujourd'hui."
    expect(resume).to_contain_text(message)
    expect(page.locator(".fr-input-group--error")).to_contain_text(message)
    expect(page.get_by_label("Note pour le SIAO")).to_have_value(
        "Clés à l'agence, visite possible le matin."
    )
    _verifier(page, "déclaration de vacance en erreur")
    _capture(page, "vacance-erreur", telephone)
    page.get_by_text("Vacant", exact=True).click()
    envoyer(page, "Enregistrer")
    expect(page.get_by_text("Vacance déclarée au SIAO.")).to_be_visible()
    ligne = page.get_by_role("row").filter(has_text=ADRESSE)
    expect(ligne).to_contain_text("déclarée au SIAO")


def _proposer(page, telephone: bool) -> None:
    """Sophie ouvre la demande d'Annick Le Goff et lui propose le logement déclaré."""
    _menu(page, telephone, "Orientations")
    expect(page.get_by_role("heading", name="Orientations du SIAO", level=1)).to_be_visible()
    _verifier(page, "orientations du SIAO")
    _capture(page, "accueil", telephone)
    with page.expect_navigation():
        page.get_by_role("link", name="Demandes en attente (2)").click()
    _verifier(page, "demandes en attente")
    _capture(page, "demandes", telephone)
    page.get_by_role("link", name="Annick Le Goff", exact=True).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Demande d'Annick Le Goff", level=1)).to_be_visible()
    expect(page.locator("dl")).to_contain_text("DALO : sans domicile")
    _verifier(page, "fiche d'une demande")
    _capture(page, "demande", telephone)
    page.get_by_role("link", name="Proposer un logement", exact=True).click()
    page.wait_for_load_state("load")
    page.get_by_label("Logement vacant").select_option(index=1)
    expect(page.get_by_label("Logement vacant")).to_contain_text(ADRESSE)
    _verifier(page, "proposer un logement")
    _capture(page, "proposer", telephone)
    envoyer(page, "Proposer ce logement")
    expect(page.get_by_text("Proposition envoyée à l'opérateur.")).to_be_visible()
    expect(page.locator("dl")).to_contain_text("en attente de réponse")
    echeance = (timezone.localdate() + timedelta(days=10)).strftime("%d/%m/%Y")
    expect(page.locator("dl")).to_contain_text(f"réponse attendue le {echeance}")
    _verifier(page, "proposition envoyée")


def _accepter(page, telephone: bool) -> None:
    """Marc retrouve la proposition dans ses propositions en cours et l'accepte."""
    _menu(page, telephone, "Propositions du SIAO")
    page.get_by_role("link", name="Annick Le Goff", exact=True).click()
    page.wait_for_load_state("load")
    _verifier(page, "proposition à l'opérateur")
    _capture(page, "proposition", telephone)
    page.get_by_role("link", name="Répondre", exact=True).click()
    page.wait_for_load_state("load")
    _verifier(page, "réponse à la proposition")
    page.get_by_text("J'accepte la proposition", exact=True).click()
    _capture(page, "reponse", telephone)
    envoyer(page, "Enregistrer")
    expect(page.get_by_text("Réponse enregistrée : le SIAO la voit.")).to_be_visible()
    expect(page.locator("dl")).to_contain_text("acceptée")


def _admettre(page, telephone: bool) -> None:
    """L'admission sans l'année de naissance de l'enfant est refusée, puis acceptée."""
    page.get_by_role("link", name="Admettre le ménage", exact=True).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Admettre Annick Le Goff", level=1)).to_be_visible()
    _verifier(page, "admission")
    page.get_by_label("Date de naissance de la personne de référence").fill("1988-06-02")
    expect(page.get_by_label("Date d'entrée")).to_be_visible()
    page.get_by_label("Date d'entrée").fill(timezone.localdate().isoformat())
    envoyer(page, "Enregistrer")
    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    message = "« Membre 1 : année de naissance » : obligatoire."
    expect(resume).to_contain_text(message)
    expect(page.locator(".fr-input-group--error")).to_contain_text(message)
    expect(page.get_by_label("Date de naissance de la personne de référence")).to_have_value(
        "1988-06-02"
    )
    _verifier(page, "admission en erreur")
    _capture(page, "admission-erreur", telephone)
    _capture(page, "admission-erreur-390", telephone)
    page.get_by_label("Membre 1 : année de naissance").fill("2018")
    envoyer(page, "Enregistrer")
    expect(page.get_by_text("Ménage admis : il rejoint vos ménages.")).to_be_visible()
    expect(page.locator("dl")).to_contain_text("ménage admis")
    _verifier(page, "proposition admise")
    _capture(page, "proposition-admise", telephone)


def _registre(page, telephone: bool) -> None:
    """Sophie voit le logement occupé dans le registre des places."""
    page.goto("/orientations/registre/")
    ligne = page.get_by_role("row").filter(has_text="AIS Rennes Habitat Solidaire")
    expect(ligne).to_have_count(1)
    expect(ligne).to_contain_text("Rennes (35238)")
    expect(ligne).to_contain_text("occupé")
    _verifier(page, "registre des places")
    _capture(page, "registre", telephone)


@pytest.mark.parametrize("taille", [ECRAN, TELEPHONE], ids=["1280px", "390px"])
def test_une_proposition_de_la_vacance_a_l_admission(page, demo, taille):
    logement, demande = _preparer(demo)
    telephone = taille == TELEPHONE
    # La première page charge à froid les fichiers du DSFR : sur une machine chargée, plus que
    # les 10 s par défaut (ce n'est pas une mesure de vitesse : seule l'attente s'allonge).
    page.set_default_navigation_timeout(30_000)
    page.set_viewport_size(taille)
    connecter(page, demo.marc)
    _declarer_la_vacance(page, telephone)
    _changer_de_persona(page, demo.sophie)
    _proposer(page, telephone)
    _changer_de_persona(page, demo.marc)
    _accepter(page, telephone)
    _admettre(page, telephone)

    proposition = Proposition.objects.get(demande=demande)
    assert proposition.statut == "ADMISE" and proposition.logement == logement
    assert proposition.occupation.menage.personnes.count() == 1  # l'enfant, né en 2018
    assert proposition.declaration.statut == "POURVUE"
    assert [e.vers for e in proposition.evenements.all()] == ["PROPOSEE", "ACCEPTEE", "ADMISE"]
    demande.refresh_from_db()
    assert demande.statut == "LOGEE"

    _changer_de_persona(page, demo.sophie)
    _registre(page, telephone)
