"""Dans le navigateur, à 1280 px puis sur un téléphone (390 px) : le panorama régional de la
Nouvelle-Aquitaine (seed 000, R-UNKNOWN).

Paul (DREETS Nouvelle-Aquitaine) ouvre le panorama de la démonstration : le total « un
chez-soi d'abord » se lit « 106 places connues, 3 départements non renseignés » dans la page,
la table et le graphique (DSFR Chart, Landes marquée « non renseigné ») ; il déclare une valeur
connue sans la donner — le résumé des erreurs prend le focus, rien n'est perdu —, puis la
déclare ; il dépose un fichier dont une ligne vise un département d'une autre région — rien
n'est importé, l'erreur nomme sa ligne. Chaque page passe axe (aucune violation, graphique
compris) et rien ne déborde horizontalement.

`IML_CAPTURES_GUIDE=docs/guide/images` enregistre les captures du guide
(docs/guide/pilotage-panorama.md, fichiers `panorama-*.png`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.navigateur.outils import connecter, envoyer, verifier_axe

pytestmark = pytest.mark.navigateur
CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")
TELEPHONE = {"width": 390, "height": 844}
ECRAN = {"width": 1280, "height": 900}
TOTAL = "106\u00a0places connues, 3\u00a0départements non renseignés"


class _Sortie:
    def write(self, texte: str) -> None:
        pass


def _capture(page, nom: str, telephone: bool) -> None:
    if not CAPTURES or telephone != nom.endswith("-390"):
        return
    Path(CAPTURES).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{CAPTURES}/panorama-{nom}.png", full_page=True)


def _verifier(page, contexte: str) -> None:
    largeur = page.viewport_size["width"]
    verifier_axe(page, f"{contexte} à {largeur} px")
    defilement = page.evaluate("document.documentElement.scrollWidth")
    assert defilement <= largeur, f"{contexte} déborde à {largeur} px ({defilement} px)"


def _panorama(page, telephone: bool) -> None:
    if telephone:
        page.get_by_role("button", name="Menu", exact=True).click()
    menu = page.get_by_role("navigation", name="Menu principal")
    with page.expect_navigation():
        menu.get_by_role("link", name="Panorama régional").click()
    page.get_by_label("Année").select_option("2019")
    with page.expect_navigation():
        page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nouvelle-Aquitaine 2019")
    expect(page.locator("#totaux")).to_contain_text(TOTAL)
    expect(page.locator("#tableau-dispositifs tfoot")).to_contain_text(TOTAL)
    donnees = page.locator("#tableau-panorama-donnees")
    expect(donnees).to_contain_text("non renseigné")
    # Un graphique visible par largeur : barres verticales à 1280 px, horizontales à 390 px
    # (les 12 départements nommés, « (?) » : non renseigné) ; la table reste la référence.
    visible = page.locator("bar-chart:visible")
    expect(visible).to_have_count(1)
    x = visible.get_attribute("x") or ""
    assert ("Landes (?)" if telephone else "Landes (non renseigné)") in x
    assert (visible.get_attribute("horizontal") == "true") == telephone
    _verifier(page, "panorama")
    _capture(page, "page" + ("-390" if telephone else ""), telephone)


def _saisir(page, telephone: bool) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name="Déclarer un indicateur").click()
    page.get_by_label("Département", exact=True).select_option(label="Landes (40)")
    page.get_by_label("Indicateur", exact=True).select_option("PLACES_PETIT_CHEZ_SOI")
    page.get_by_text("Valeur connue", exact=True).click()
    page.locator("#id_source").fill("Cahier départemental des Landes")
    page.get_by_label("Date de la source").fill("31/12/2019")
    envoyer(page, "Enregistrer")
    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    expect(resume).to_contain_text("Valeur : requise quand elle est connue.")
    expect(page.locator("#id_source")).to_have_value("Cahier départemental des Landes")
    _verifier(page, "saisie en erreur")
    _capture(page, "saisie-erreur" + ("-390" if telephone else ""), telephone)
    page.get_by_label("Valeur (requise si elle est connue)").fill("8")
    envoyer(page, "Enregistrer")
    expect(page.get_by_text("Indicateur enregistré.")).to_be_visible()


def _importer(page, telephone: bool, fichier: Path) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name="Importer un tableau").click()
    page.get_by_label("Tableau du panorama (CSV ou XLSX)").set_input_files(str(fichier))
    envoyer(page, "Importer")
    expect(page.locator("#erreurs-import")).to_contain_text("Ligne 3, département")
    _verifier(page, "import refusé")
    _capture(page, "import-erreur" + ("-390" if telephone else ""), telephone)


@pytest.mark.parametrize("telephone", [False, True], ids=["1280", "390"])
def test_panorama_nouvelle_aquitaine(page, demo, tmp_path, telephone):
    from iml.pilotage.demo_panorama import charger_demo

    charger_demo(demo.org.__dict__, _Sortie())
    fichier = tmp_path / "panorama.csv"
    fichier.write_text(
        "Département;Année;Source;Date de la source;places_chez_soi\n"
        "Landes;2020;Cahier;31/12/2020;7\n"
        "Ille-et-Vilaine;2020;Cahier;31/12/2020;3\n",
        encoding="utf-8",
    )
    page.set_viewport_size(TELEPHONE if telephone else ECRAN)
    connecter(page, demo.paul)
    _panorama(page, telephone)
    _saisir(page, telephone)
    _importer(page, telephone, fichier)
