"""Dans le navigateur, sur un téléphone (390 px) puis à 1280 px : le parcours de l'issue 11.

Inès (travail social, Le Relais) se connecte, ouvre « Mes ménages », ouvre le dossier d'un
ménage qu'elle suit (logé en sous-location, plan ouvert), note une visite à domicile en
quelques touches — une fois avec une date dans le futur d'abord : le résumé des erreurs prend le
focus, le message est sous le champ et la note saisie reste —, coche une étape d'entrée
(« Prise en main technique du logement ») qui n'est plus « à faire », crée un partenaire dans
l'annuaire (vide) de son organisation, y oriente le ménage, puis note la suite de l'orientation
et retrouve le partenaire dans l'annuaire. Chaque page passe axe (aucune violation) et rien ne
déborde horizontalement.

`IML_CAPTURES_GUIDE=docs/guide/images/accompagnement` enregistre les captures du guide
(docs/guide/accompagnement.md).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from iml.accompagnement.models import Contact, OrientationPartenaire, Partenaire
from regles.format import date_fr
from tests.navigateur.outils import connecter, envoyer, verifier_axe

pytestmark = pytest.mark.navigateur
CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")
TELEPHONE = {"width": 390, "height": 844}
ECRAN = {"width": 1280, "height": 900}
PRISE_EN_MAIN = (
    "Prise en main technique du logement : compteurs, tableau électrique, appareils, ventilation"
)
NOTE = "Compteurs relevés avec Mme Keita ; le chauffe-eau fonctionne."


def _capture(page, nom: str, section: str | None = None) -> None:
    """La page entière, ou une section du dossier (`#contacts`, `#orientations`)."""
    if not CAPTURES:
        return
    Path(CAPTURES).mkdir(parents=True, exist_ok=True)
    if section:
        page.locator(section).screenshot(path=f"{CAPTURES}/{nom}.png")
    else:
        page.screenshot(path=f"{CAPTURES}/{nom}.png", full_page=True)


def _verifier(page, contexte: str) -> None:
    """axe (aucune violation) et aucun débordement horizontal à la largeur affichée."""
    largeur = page.viewport_size["width"]
    verifier_axe(page, f"{contexte} à {largeur} px")
    defilement = page.evaluate("document.documentElement.scrollWidth")
    assert defilement <= largeur, f"{contexte} déborde à {largeur} px ({defilement} px)"


def _preparer(demo):
    """Deux ménages d'Inès logés en sous-location par le Relais, avec un plan ouvert ; Mariam
    Keita a déjà deux contacts (le mois dernier et ce mois-ci). L'annuaire du Relais est vide."""
    from tests.accompagnement.factories import ContactFactory, PlanFactory, jours
    from tests.menages.factories import MenageFactory, OccupationFactory

    menage = MenageFactory(agent=demo.thomas, referent=demo.ines, nom="Keita", prenom="Mariam")
    OccupationFactory(agent=demo.thomas, menage=menage, sous_location=True)
    PlanFactory(agent=demo.ines, gestion="thomas", menage=menage, debut_le=jours(45))
    ContactFactory(
        agent=demo.ines, menage=menage, le=jours(40), canal="BUREAU", duree_minutes=60,
        note="Signature du contrat d'occupation, explication des engagements.",
    )  # fmt: skip
    ContactFactory(
        agent=demo.ines, menage=menage, le=jours(12), canal="TELEPHONE", duree_minutes=15,
        note="Rendez-vous pris pour la visite du logement.",
    )  # fmt: skip
    PlanFactory(agent=demo.ines, gestion="thomas")
    assert not Partenaire.objects.filter(operateur=demo.org.relais35).exists()
    return menage


def _ouvrir_mes_menages(page, telephone: bool) -> None:
    """Par le menu principal (au téléphone, derrière le bouton « Menu »)."""
    if telephone:
        page.get_by_role("button", name="Menu", exact=True).click()
        expect(page.get_by_role("dialog")).to_be_visible()
    menu = page.get_by_role("navigation", name="Menu principal")
    with page.expect_navigation():
        menu.get_by_role("link", name="Accompagnement").click()
    expect(page.get_by_role("heading", name="Mes ménages", level=1)).to_be_visible()


def _noter_une_visite(page, telephone: bool) -> None:
    """La saisie rapide : une tuile pour le canal, une pour la durée, la note ; une date dans
    le futur d'abord."""
    page.locator("#contacts").get_by_role("link", name="Noter un contact", exact=True).click()
    page.wait_for_load_state("load")
    expect(page.get_by_label("Date du contact")).to_have_value(timezone.localdate().isoformat())
    _verifier(page, "saisie d'un contact")
    page.get_by_text("Visite à domicile", exact=True).click()
    page.get_by_text("45\u00a0min", exact=True).click()
    demain = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Date du contact").fill(demain.isoformat())
    page.get_by_role("textbox", name="Note").fill(NOTE)
    expect(page.locator("#compteur-note")).to_contain_text(f"{len(NOTE)}\u00a0/\u00a0500")
    if telephone:
        _capture(page, "contact-telephone")
    envoyer(page, "Enregistrer le contact")
    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    message = "Date du contact : la date ne peut pas être dans le futur."
    expect(resume).to_contain_text(message)
    expect(page.locator(".fr-input-group--error")).to_contain_text(message)
    # Rien n'est perdu : canal, durée, date et note sont encore là.
    expect(page.get_by_label("Visite à domicile")).to_be_checked()
    expect(page.get_by_label("45\u00a0min")).to_be_checked()
    expect(page.get_by_label("Date du contact")).to_have_value(demain.isoformat())
    expect(page.get_by_role("textbox", name="Note")).to_have_value(NOTE)
    _verifier(page, "saisie d'un contact en erreur")
    if telephone:
        _capture(page, "contact-telephone-erreur")
    page.get_by_label("Date du contact").fill(timezone.localdate().isoformat())
    envoyer(page, "Enregistrer le contact")
    aujourd_hui = date_fr(timezone.localdate())
    expect(
        page.get_by_text(f"Contact enregistré : visite à domicile du {aujourd_hui}.")
    ).to_be_visible()
    contacts = page.locator("#contacts")
    expect(contacts).to_contain_text(f"Dernier contact : {aujourd_hui}")
    expect(contacts).to_contain_text(
        f"{aujourd_hui} · Visite à domicile · 45\u00a0min · Inès Blanc"
    )
    expect(contacts).to_contain_text(NOTE)


def _cocher_la_prise_en_main(page) -> None:
    etape = page.locator("#etapes li").filter(has_text=PRISE_EN_MAIN)
    expect(etape).to_contain_text("reste à faire")
    with page.expect_navigation():
        etape.get_by_role("button", name=f"Fait aujourd'hui : {PRISE_EN_MAIN}").click()
    expect(page.get_by_text("Étape cochée.")).to_be_visible()
    etape = page.locator("#etapes li").filter(has_text=PRISE_EN_MAIN)
    expect(etape).to_contain_text(f"Faite le {date_fr(timezone.localdate())} par Inès Blanc")
    expect(etape).not_to_contain_text("reste à faire")
    expect(page.locator("#etapes")).to_contain_text("1 sur 4 faite, 3 restantes")


def _creer_le_partenaire(page) -> None:
    """L'annuaire du Relais est vide : le dossier mène à la fiche d'un nouveau partenaire, qui
    ramène à l'orientation du ménage."""
    orientations = page.locator("#orientations")
    orientations.get_by_role("link", name="ajouter un partenaire à l'annuaire").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Nouveau partenaire", level=1)).to_be_visible()
    _verifier(page, "nouveau partenaire")
    page.get_by_role("textbox", name="Nom").fill("CCAS de Rennes")
    page.get_by_label("Type de partenaire").select_option(label="CCAS ou CIAS")
    page.get_by_label("Commune").fill("Rennes")
    page.get_by_label("Téléphone").fill("02 99 12 34 56")
    envoyer(page, "Enregistrer le partenaire")
    expect(
        page.get_by_text("Partenaire « CCAS de Rennes » enregistré dans l'annuaire.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Orienter vers un partenaire", level=1)).to_be_visible()


def _orienter_puis_noter_la_suite(page, telephone: bool) -> None:
    _verifier(page, "orientation")
    page.get_by_role("combobox", name="Partenaire").select_option(
        label="CCAS de Rennes (CCAS ou CIAS, Rennes)"
    )
    page.get_by_label("Motif").select_option(label="Accès aux droits")
    expect(page.get_by_label("Orienté le")).to_have_value(timezone.localdate().isoformat())
    envoyer(page, "Enregistrer l'orientation")
    aujourd_hui = date_fr(timezone.localdate())
    expect(
        page.get_by_text(f"Orientation vers CCAS de Rennes enregistrée (le {aujourd_hui}).")
    ).to_be_visible()
    orientations = page.locator("#orientations")
    expect(orientations).to_contain_text("1 orientation en attente de réponse")
    _verifier(page, "dossier avec une orientation")
    orientations.get_by_role(
        "link", name=f"Noter la suite : CCAS de Rennes, orienté le {aujourd_hui}"
    ).click()
    page.wait_for_load_state("load")
    expect(
        page.get_by_role("heading", name="Noter la suite d'une orientation", level=1)
    ).to_be_visible()
    _verifier(page, "suite d'une orientation")
    page.get_by_text("Prise en charge par le partenaire", exact=True).click()
    expect(page.get_by_label("Suite connue le")).to_have_value(timezone.localdate().isoformat())
    if telephone:
        _capture(page, "orientation-suite-telephone")
    envoyer(page, "Enregistrer la suite")
    suite = f"Prise en charge par le partenaire le {aujourd_hui}"
    expect(page.get_by_text(f"Suite notée : {suite}.")).to_be_visible()
    orientations = page.locator("#orientations")
    expect(orientations).to_contain_text("0 orientation en attente de réponse")
    expect(orientations).to_contain_text(suite)
    _verifier(page, "dossier avec la suite de l'orientation")


def _annuaire(page, telephone: bool) -> None:
    """L'annuaire, depuis « Mes ménages » : le partenaire créé, sa commune, une orientation."""
    _ouvrir_mes_menages(page, telephone)
    page.get_by_role("link", name="Annuaire des partenaires").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Annuaire des partenaires", level=1)).to_be_visible()
    ligne = page.get_by_role("row").filter(has_text="CCAS de Rennes")
    expect(ligne).to_contain_text("CCAS ou CIAS")
    expect(ligne).to_contain_text("Rennes")
    expect(ligne.get_by_role("cell").nth(5)).to_have_text("1")
    _verifier(page, "annuaire des partenaires")
    if not telephone:
        _capture(page, "annuaire")


@pytest.mark.parametrize("taille", [TELEPHONE, ECRAN], ids=["390px", "1280px"])
def test_ines_note_une_visite_coche_une_etape_et_oriente_le_menage(page, demo, taille):
    menage = _preparer(demo)
    telephone = taille == TELEPHONE
    # La première page charge à froid les fichiers du DSFR : sur une machine chargée, plus que
    # les 10 s par défaut (ce n'est pas une mesure de vitesse : seule l'attente s'allonge).
    page.set_default_navigation_timeout(30_000)
    page.set_viewport_size(taille)
    connecter(page, demo.ines)
    _ouvrir_mes_menages(page, telephone)
    _verifier(page, "Mes ménages")
    page.get_by_role("link", name="Keita Mariam", exact=True).click()
    page.wait_for_load_state("load")
    expect(
        page.get_by_role("heading", name="Accompagnement de Mariam Keita", level=1)
    ).to_be_visible()
    _verifier(page, "dossier d'accompagnement")

    _noter_une_visite(page, telephone)
    _verifier(page, "dossier après le contact")
    if not telephone:
        _capture(page, "chronologie", section="#contacts")
    contact = Contact.objects.get(menage=menage, le=timezone.localdate())
    assert (contact.canal, contact.duree_minutes, contact.par) == ("VISITE_DOMICILE", 45, demo.ines)

    _cocher_la_prise_en_main(page)
    _verifier(page, "dossier après la coche")

    _creer_le_partenaire(page)
    _orienter_puis_noter_la_suite(page, telephone)
    if not telephone:
        _capture(page, "orientations", section="#orientations")
    orientation = OrientationPartenaire.objects.get(menage=menage)
    assert (orientation.motif, orientation.issue) == ("DROITS", "PRISE_EN_CHARGE")
    assert orientation.partenaire.operateur == demo.org.relais35

    _annuaire(page, telephone)
