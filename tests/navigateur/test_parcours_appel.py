"""Parcours complet d'un appel à candidatures, dans le navigateur, par l'interface seulement.

Claire Moreau (DDETS 35) crée et publie un appel ; Marc Bernard (direction de l'AIS 35) remplit
les huit étapes du dossier, voit le panneau de conformité se mettre à jour (htmx) et dépose la
version 1 ; Claire note le dossier, clôt l'appel, le retient, établit la convention et en
télécharge le PDF. axe vérifie les pages principales (0 violation).

Captures du guide (docs/guide/appels.md) : seulement si IML_CAPTURES_GUIDE nomme un dossier.
    IML_CAPTURES_GUIDE=docs/guide/images/appels .venv/bin/pytest -p no:xdist \
        tests/navigateur/test_parcours_appel.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from iml.referentiel.services import charger_jeux_fichiers, jeu_courant
from tests.appels.matrice_dossiers import calendrier
from tests.navigateur.outils import connecter, envoyer, verifier_axe

pytestmark = pytest.mark.navigateur

NOM_APPEL = "Création de 28 places d'IML en Ille-et-Vilaine"
OPERATEUR = "AIS Rennes Habitat Solidaire"
CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")

#: (typologie, forme) → (logements, places) des deux premiers trimestres : 60 % des places au
#: premier (jalon de 50 % au 31 décembre), 50 % en mandat de gestion, 36 % de petits logements.
ECHEANCIER = {
    ("STUDIO", "MANDAT_GESTION"): ((3, 2), (3, 2)),
    ("T3", "MANDAT_GESTION"): ((2, 1), (6, 3)),
    ("T1", "SOUS_LOCATION"): ((3, 2), (3, 2)),
    ("T3", "SOUS_LOCATION"): ((2, 1), (6, 3)),
}
AGREMENTS = (
    "Agrément L 365-4",
    "Agrément L 365-3",
    "Carte professionnelle",
    "Garantie financière",
    "Assurance de responsabilité civile",
)


def pdf_minimal() -> bytes:
    """Un PDF d'une page, valide (table des références comprise), fabriqué ici."""
    objets = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    corps, positions = b"%PDF-1.4\n", []
    for n, objet in enumerate(objets, start=1):
        positions.append(len(corps))
        corps += b"%d 0 obj\n%s\nendobj\n" % (n, objet)
    xref = len(corps)
    corps += b"xref\n0 4\n0000000000 65535 f \n"
    corps += b"".join(b"%010d 00000 n \n" % p for p in positions)
    return corps + b"trailer << /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def capturer(page, nom: str, depuis=None, hauteur: int = 1300) -> None:
    """Capture pour le guide, seulement si IML_CAPTURES_GUIDE est posé : la zone principale
    (#content), de `depuis` (son haut par défaut) sur `hauteur` pixels au plus."""
    if not CAPTURES:
        return
    dossier = Path(CAPTURES)
    dossier.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    boite = page.locator("#content").evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {x: r.x, y: r.y + scrollY, w: r.width, bas: r.bottom + scrollY}; }"
    )
    haut = boite["y"]
    if depuis is not None:
        haut = depuis.evaluate("e => e.getBoundingClientRect().top + scrollY") - 16
    zone = {"x": boite["x"] - 16, "y": haut - 16, "width": boite["w"] + 32}
    zone["height"] = min(hauteur, boite["bas"] - haut + 32)
    page.screenshot(path=dossier / f"{nom}.png", full_page=True, clip=zone)


def champ(page, debut: str):
    """Le champ dont l'étiquette commence par `debut` (l'aide du DSFR suit dans l'étiquette)."""
    return page.get_by_label(re.compile(r"^\s*" + re.sub(r"([.*+?^${}()|[\]\\])", r"\\\1", debut)))


def cocher(page, libelle: str) -> None:
    """Le DSFR masque la case native derrière son libellé."""
    champ(page, libelle).check(force=True)


def titre(page):
    return page.get_by_role("heading", level=1)


def succes(page, texte: str) -> None:
    expect(page.get_by_role("status").filter(has_text=texte)).to_be_visible()


def menu(page, lien: str) -> None:
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=lien).click()


def changer_de_persona(page, utilisateur) -> None:
    page.context.clear_cookies()
    connecter(page, utilisateur)


# --- Claire publie l'appel ----------------------------------------------------------------------


def publier_l_appel(page, claire) -> None:
    connecter(page, claire)
    menu(page, "Appels à candidatures")
    page.get_by_role("link", name="Créer un appel à candidatures").click()
    champ(page, "Nom de l'appel").fill(NOM_APPEL)
    champ(page, "Jeu de paramètres de départ").select_option(
        label=str(jeu_courant("appel-35-2019-2020"))
    )
    envoyer(page, "Créer le brouillon")
    expect(titre(page)).to_have_text("Paramètres de l'appel")
    c = calendrier(jours_restants=60)
    champ(page, "Nombre de places ouvertes").fill("28")
    champ(page, "Exercices budgétaires").fill(", ".join(map(str, c["exercices"])))
    champ(page, "Date de lancement").fill(c["date_lancement"])
    champ(page, "Date limite de dépôt des dossiers").fill(c["date_limite_depot"])
    champ(page, "Date de sélection par le comité").fill(c["date_selection"])
    champ(page, "Ouverture des places possible").fill(c["date_debut_montee_en_charge"])
    champ(page, "Premier trimestre des échéanciers").fill(c["premier_trimestre"])
    for i, jalon in enumerate(c["jalons"], start=1):
        champ(page, f"Date du jalon {i}").fill(jalon["date"])
    envoyer(page, "Enregistrer les paramètres")
    succes(page, "Paramètres de l'appel enregistrés.")
    page.get_by_role("link", name="Publier l'appel…").click()
    cocher(page, "Je confirme ce changement de statut.")
    envoyer(page, "Publier l'appel")
    succes(page, "Appel « publié ».")
    expect(page.get_by_text("Dépôt ouvert jusqu'au")).to_be_visible()
    capturer(page, "01-appel-publie")


# --- Marc remplit et dépose le dossier ----------------------------------------------------------


def suivante(page, etape: str) -> None:
    """Enregistre l'étape et vérifie qu'on arrive à la suivante."""
    envoyer(page, "Enregistrer et continuer")
    succes(page, f"Étape « {etape} » enregistrée.")


def etape_identite(page) -> None:
    expect(page.locator(".fr-stepper__title")).to_contain_text("Étape 1 sur 9")
    expect(champ(page, "Dénomination sociale")).to_have_value(OPERATEUR)
    champ(page, "Statut de la personne morale").select_option(label="Association")
    champ(page, "Prénom du représentant habilité").fill("Marc")
    champ(page, "Nom du représentant habilité").fill("Bernard")
    champ(page, "Qualité du représentant").fill("Directeur")
    champ(page, "Adresse du siège").fill("4 rue de la Solidarité, 35000 Rennes")
    champ(page, "Adresse électronique de contact").fill("contact@ais35.demo")
    champ(page, "Téléphone").fill("02 99 00 00 35")
    verifier_axe(page, "étape Identité du porteur")
    suivante(page, "Identité du porteur")


def etape_experience(page) -> None:
    champ(page, "Réalisations antérieures").fill("Gestion de 60 logements d'insertion depuis 2012.")
    champ(page, "Expérience dans le secteur").fill("Agence immobilière à vocation sociale.")
    suivante(page, "Réalisations et expérience")


def etape_agrements(page) -> None:
    for agrement in AGREMENTS:
        champ(page, agrement).and_(page.locator("input[type=date][name$=_debut]")).fill(
            "2020-01-01"
        )
    champ(page, "Agrément L 365-4").and_(page.locator("input[type=file]")).set_input_files(
        files=[
            {"name": "agrement-l365-4.pdf", "mimeType": "application/pdf", "buffer": pdf_minimal()}
        ]
    )
    envoyer(page, "Enregistrer")
    succes(page, "Étape « Agréments et garanties » enregistrée.")
    expect(page.get_by_role("link", name="agrement-l365-4.pdf")).to_be_visible()
    suivante(page, "Agréments et garanties")


def etape_zone_et_public(page) -> None:
    champ(page, "Communes d'implantation").fill("35238\n35288")
    cocher(page, "Public prioritaire du PDALHPD")
    cocher(page, "Sortant d'hébergement")
    cocher(page, "Le projet porte une attention particulière")
    champ(page, "Catégorie d'IML").select_option(label="IML classique")
    champ(page, "Zone de marché du logement").select_option(label="Zone tendue")
    suivante(page, "Zone d'implantation et public")


def etape_echeancier(page) -> None:
    """Saisie des entrées trimestrielles ; le panneau (htmx) suit la saisie, sans enregistrer."""
    panneau = page.locator("#panneau-conformite")
    cellule = page.locator("[name='places__STUDIO__MANDAT_GESTION__0']")
    for (typologie, forme), (logements, places) in ECHEANCIER.items():
        for q in (0, 1):
            page.locator(f"[name='logements__{typologie}__{forme}__{q}']").fill(str(logements[q]))
            page.locator(f"[name='places__{typologie}__{forme}__{q}']").fill(str(places[q]))
    # Trop de places pour trois studios (une place par studio au plus) : constat immédiat.
    cellule.fill("5")
    cellule.blur()
    expect(panneau.get_by_text("R-SCHEDULE-CONSISTENCY").first).to_be_visible()
    expect(page.locator("#total-places")).to_have_text("30")
    capturer(
        page,
        "02-etape-echeancier",
        depuis=page.get_by_role("heading", name="Annexe 3 : places", exact=True),
        hauteur=1100,
    )
    cellule.fill("3")
    cellule.blur()
    expect(page.locator("#total-places")).to_have_text("28")
    expect(page.locator("#total-logements")).to_have_text("16")
    expect(panneau.get_by_text("R-SCHEDULE-CONSISTENCY")).to_have_count(0)
    expect(panneau.get_by_role("row", name="Places")).to_contain_text("28")
    verifier_axe(page, "étape Logements et places par trimestre")
    suivante(page, "Logements et places par trimestre")


def etape_services(page) -> None:
    champ(page, "Coût de captation par logement capté").fill("600")
    champ(page, "Prospection et captation : description").fill("Prospection des bailleurs privés.")
    for forme, cout in (("mandat de gestion", "800"), ("sous-location", "1200")):
        champ(page, f"Gestion en {forme}, poste 1 : libellé").fill("GLA et fonctionnement")
        champ(page, f"Gestion en {forme}, poste 1 : coût").fill(cout)
    champ(page, "Accompagnement en mandat de gestion : modalité").select_option(
        label="Dispositifs de droit commun"
    )
    champ(page, "Accompagnement en sous-location : modalité").select_option(
        label="En interne (agrément L 365-3)"
    )
    champ(page, "Accompagnement adapté").fill("Visites à domicile, aide budgétaire, relogement.")
    suivante(page, "Prestations prévues")


def etape_modele_financier(page) -> None:
    """Les recettes reprennent le total des charges calculé par le moteur (annexe 1)."""
    total = page.get_by_role("row", name="Total annuel").locator("td").last.inner_text()
    montant = re.sub(r"[^\d,]", "", total)
    champ(page, "Recette 1 : financeur").select_option(label="État (programme 177)")
    champ(page, "Recette 1 : montant annuel").fill(montant)
    capturer(page, "03-modele-financier", hauteur=1200)
    suivante(page, "Modèle financier")


def etape_evaluation(page) -> None:
    champ(page, "Modalités d'évaluation").fill("Bilan annuel, enquête IML.")
    champ(page, "Modalités de régulation").fill("Comité de suivi trimestriel avec le SIAO.")
    for case in ("Les places créées sont mises à disposition du SIAO", "Glissement de bail"):
        cocher(page, case)
    cocher(page, "Sous-location en bail glissant")
    champ(page, "Durée d'une période de sous-location").fill("6")
    champ(page, "Renouvellements de la sous-location").fill("2")
    champ(page, "Durée du financement de la gestion").fill("36")
    for i, (type_, nom) in enumerate((("CCAS / CIAS", "CCAS de Rennes"), ("SIAO", "SIAO 35")), 1):
        champ(page, f"Partenariat {i} : type").select_option(label=type_)
        champ(page, f"Partenariat {i} : partenaire").fill(nom)
    suivante(page, "Évaluation, régulation et engagements")


def deposer_le_dossier(page, marc) -> None:
    changer_de_persona(page, marc)
    menu(page, "Mes dossiers")
    page.get_by_role("link", name=NOM_APPEL).click()
    expect(titre(page)).to_have_text(NOM_APPEL)
    envoyer(page, "Déposer un dossier")
    for etape in (
        etape_identite,
        etape_experience,
        etape_agrements,
        etape_zone_et_public,
        etape_echeancier,
        etape_services,
        etape_modele_financier,
        etape_evaluation,
    ):
        etape(page)
    expect(page.get_by_role("heading", name="Récapitulatif et dépôt")).to_be_visible()
    conformite = page.locator("section").filter(has=page.get_by_role("heading", name="Conformité"))
    expect(conformite).to_contain_text(re.compile(r"0 erreurs?, 0 alertes?"))
    expect(conformite).to_contain_text("R-SMALL-UNITS")
    expect(page.get_by_role("link", name="agrement-l365-4.pdf")).to_be_visible()
    verifier_axe(page, "récapitulatif")
    capturer(page, "04-recapitulatif", hauteur=1200)
    envoyer(page, "Déposer la version 1")
    expect(titre(page)).to_have_text(f"{NOM_APPEL} — version 1")
    succes(page, "Version 1 déposée le")
    expect(page.get_by_text("Version figée : lecture seule.")).to_be_visible()
    verifier_axe(page, "version 1 figée")
    capturer(page, "05-version-deposee", hauteur=1100)


# --- Claire instruit, décide et conventionne ----------------------------------------------------


def noter_le_dossier(page) -> None:
    """Après la clôture (R-SELECTION : la notation porte sur des versions qui ne bougent plus)."""
    menu(page, "Appels à candidatures")
    page.get_by_role("link", name=f"Dossiers de {NOM_APPEL}").click()
    expect(titre(page)).to_have_text(f"Instruction — {NOM_APPEL}")
    ligne = page.get_by_role("row").filter(has_text=OPERATEUR)
    expect(ligne).to_contain_text("n° 1 du")
    expect(ligne).to_contain_text("à compléter")
    ligne.get_by_role("link", name=OPERATEUR).click()
    expect(titre(page)).to_have_text(f"Dossier d'{OPERATEUR}")
    cles = page.get_by_role("table", name="Chiffres clés de la version déposée")
    expect(cles.get_by_role("row").last).to_contain_text("28")
    expect(page.get_by_text("Dossier complet (R-DOSSIER).")).to_be_visible()
    verifier_axe(page, "fiche d'instruction")
    capturer(page, "07-instruction-dossier")
    notes = page.locator("form").filter(
        has=page.get_by_role("button", name="Enregistrer les notes")
    )
    criteres = notes.get_by_role("group")
    expect(criteres).to_have_count(8)
    for i in range(8):
        criteres.nth(i).get_by_label("Note").fill("4" if i % 2 else "3,5")
    criteres.first.get_by_label("Commentaire").fill("Dossier complet, pièces jointes.")
    envoyer(page, "Enregistrer les notes")
    succes(page, "Notes enregistrées. Note pondérée : 3,75 sur 5.")
    expect(page.get_by_text("Note pondérée : 3,75 sur 5", exact=True)).to_be_visible()
    grille = page.get_by_role("heading", name="Grille de sélection (R-SELECTION)")
    capturer(page, "08-grille-de-selection", depuis=grille, hauteur=1900)


def clore_l_appel(page, claire) -> None:
    """Avant la date limite : confirmation et justification écrite (R-AAC), affichée ensuite."""
    changer_de_persona(page, claire)
    menu(page, "Appels à candidatures")
    page.get_by_role("link", name=NOM_APPEL, exact=True).click()
    page.get_by_role("link", name="Clore l'appel…").click()
    expect(titre(page)).to_have_text(f"Clore l'appel — {NOM_APPEL}")
    cocher(page, "Je confirme ce changement de statut.")
    envoyer(page, "Clore l'appel")
    expect(page.locator("#resume-erreurs")).to_be_focused()
    lien = page.get_by_role("link", name="pour le clore avant, écrivez la justification")
    expect(lien).to_be_visible()
    verifier_axe(page, "confirmation de la clôture")
    champ(page, "Justification de la clôture").fill("Enveloppe atteinte par les dossiers reçus.")
    cocher(page, "Je confirme ce changement de statut.")
    envoyer(page, "Clore l'appel")
    succes(page, "Appel « clos ».")
    expect(page.get_by_text("Dépôt clos")).to_be_visible()
    expect(page.get_by_text("Enveloppe atteinte par les dossiers reçus.").first).to_be_visible()


def decider(page) -> None:
    """Décision du comité, puis le panneau de l'appel (R-MODE-SPLIT, R-SMALL-UNITS)."""
    page.get_by_role("link", name="Décider").click()
    expect(titre(page)).to_have_text(f"Décision du comité — {OPERATEUR}")
    verifier_axe(page, "décision du comité")
    page.get_by_label("Retenu", exact=True).check(force=True)
    champ(page, "Motifs").fill("Projet conforme, montée en charge rapide.")
    envoyer(page, "Enregistrer la décision")
    succes(page, "Décision du comité enregistrée.")
    expect(page.get_by_text("Retenu", exact=True)).to_be_visible()
    page.get_by_role("link", name="Dossiers de l'appel").click()
    panneau = page.get_by_role("table", name=re.compile("^Panneau de l'appel"))
    expect(panneau.get_by_role("row", name=re.compile("^Places en mandat"))).to_contain_text("50")
    expect(page.get_by_role("row").filter(has_text=OPERATEUR)).to_contain_text("Retenu (28 places)")
    capturer(page, "06-instruction-appel")
    page.get_by_role("link", name=OPERATEUR).click()


def conventionner(page) -> None:
    page.get_by_role("link", name="Préparer la convention").click()
    expect(titre(page)).to_have_text("Convention de financement")
    expect(
        page.get_by_role("table", name="Subvention calculée par exercice et par forme")
    ).to_be_visible()
    envoyer(page, "Établir la convention")
    succes(page, "Convention enregistrée.")
    entete = page.get_by_role("heading", name=re.compile(r"^Convention n° "))
    numero = entete.inner_text().removeprefix("Convention n° ").strip()
    verifier_axe(page, "convention")
    capturer(page, "09-convention")
    with page.expect_download() as attente:
        page.get_by_role("link", name="Télécharger la convention (PDF)").click()
    telechargement = attente.value
    assert telechargement.suggested_filename == f"convention-{numero}.pdf"
    contenu = Path(telechargement.path()).read_bytes()
    assert contenu.startswith(b"%PDF-"), contenu[:20]


@pytest.fixture
def baremes(demo):
    """Les jeux de paramètres des fichiers (dont celui de l'appel 35 2019-2020)."""
    charger_jeux_fichiers()
    return demo


def test_parcours_complet_d_un_appel(page, baremes):
    publier_l_appel(page, baremes.claire)
    deposer_le_dossier(page, baremes.marc)
    clore_l_appel(page, baremes.claire)
    noter_le_dossier(page)
    decider(page)
    conventionner(page)
