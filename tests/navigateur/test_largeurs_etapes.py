"""Les huit étapes du dossier tiennent dans la largeur de l'écran, à 1280 px et à 390 px.

Aucune page ne défile horizontalement (`scrollWidth <= clientWidth`) ; chaque champ et chaque
message d'erreur est dans la fenêtre, ou dans le cadre d'un tableau qui défile seul (la grille
des 8 trimestres sur un téléphone). Le dossier porte des erreurs du moteur (échéancier
incohérent) et une saisie refusée, pour que les messages soient affichés.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from iml.appels.forms import dossier as formulaires
from tests.appels.matrice_dossiers import appel_ouvert, contenu_complet, dossier_de
from tests.navigateur.outils import attendre_dsfr, ouvrir_session, verifier_axe

pytestmark = pytest.mark.navigateur

#: Mesure faite dans la page : largeur de la page et éléments hors de la fenêtre (hors des
#: tableaux qui défilent dans leur cadre).
MESURE = """() => {
  const largeur = document.documentElement.clientWidth;
  const hors = [];
  const cibles = "input:not([type=hidden]), select, textarea, .fr-error-text, .fr-message--error";
  for (const e of document.querySelectorAll(cibles)) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || e.closest(".fr-table__container")) continue;
    if (r.left < -1 || r.right > largeur + 1) hors.push(`${e.tagName} ${e.name || e.textContent}`);
  }
  return {page: document.documentElement.scrollWidth, fenetre: largeur, hors: hors};
}"""


def contenu_avec_erreurs() -> dict:
    """Le dossier d'exemple, avec trois lignes de places au-delà des logements (28 constats
    avant correction, 3 après) : les messages s'affichent dans la grille et au-dessus."""
    contenu = contenu_complet()
    for ligne, trimestre in ((0, 1), (1, 0), (2, 2)):
        contenu["places"][ligne]["trimestres"][trimestre] = 40
    return contenu


def verifier_largeur(page, contexte: str) -> None:
    attendre_dsfr(page)
    mesure = page.evaluate(MESURE)
    assert mesure["page"] <= mesure["fenetre"], (
        f"{contexte} : la page défile horizontalement ({mesure['page']} px pour une fenêtre de "
        f"{mesure['fenetre']} px)"
    )
    assert mesure["hors"] == [], f"{contexte} : hors de la fenêtre : {mesure['hors']}"
    # Un tableau qui défile doit rester utilisable au clavier (axe : scrollable-region-focusable).
    verifier_axe(page, contexte)


@pytest.mark.parametrize("largeur", [1280, 390])
def test_aucune_etape_ne_deborde_de_l_ecran(page, demo, live_server, largeur):
    appel = appel_ouvert(demo.claire, "Appel de test des largeurs d'écran")
    dossier = dossier_de(appel, demo.marc, contenu_avec_erreurs())
    ouvrir_session(page, demo.marc, live_server.url)
    page.set_viewport_size({"width": largeur, "height": 900})
    for slug in formulaires.SLUGS:
        url = reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": slug})
        page.goto(url)
        verifier_largeur(page, f"{slug} à {largeur} px")
    page.goto(reverse("appels:dossier_deposer", kwargs={"pk": dossier.pk}))
    verifier_largeur(page, f"récapitulatif à {largeur} px")
    # Saisie refusée : les messages d'erreur des montants restent visibles.
    page.goto(reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": "services"}))
    page.locator("[name=captation_cout]").fill("beaucoup")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer", exact=True).click()
    assert page.get_by_text("saisissez un nombre").count() > 0
    verifier_largeur(page, f"services refusé à {largeur} px")
