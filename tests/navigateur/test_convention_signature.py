"""Dans le navigateur : Claire enregistre la signature d'une convention (exemplaire signé joint),
prépare puis signe l'avenant n° 1 ; chaque état de la page passe axe (aucune violation)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.appels import matrice_conventions
from tests.appels.echantillons import PDF as PDF_REEL
from tests.navigateur.outils import envoyer, ouvrir_session, verifier_axe

pytestmark = pytest.mark.navigateur
PDF = {
    "name": "convention-signee.pdf",
    "mimeType": "application/pdf",
    "buffer": PDF_REEL,
}


def _signer(page, bouton: str) -> None:
    page.get_by_label("Date de signature").fill(timezone.localdate().isoformat())
    page.get_by_label("Signataire pour l'État").fill("Claire Moreau, directrice adjointe")
    page.get_by_label("Signataire pour l'opérateur").fill("Marc Bernard, directeur")
    page.get_by_label("Exemplaire signé").set_input_files(PDF)
    envoyer(page, bouton)


def test_signer_la_convention_puis_un_avenant(page, demo, live_server):
    matrice_conventions.preparer(demo)
    matrice_conventions._conventions(demo)  # établies, non signées
    dossier = demo.documents.dossier
    ouvrir_session(page, demo.claire, live_server.url)
    page.goto(reverse("appels:convention", kwargs={"pk": dossier.pk}))

    # Envoi vide : chaque champ manquant est nommé, dans le résumé en tête (qui reçoit le
    # focus, avec un lien vers le champ) et sous le champ.
    envoyer(page, "Enregistrer la signature")
    expect(page.locator("#resume-erreurs")).to_be_focused()
    lien = page.get_by_role("link", name="Date de signature : à renseigner.")
    expect(lien).to_be_visible()
    scan = page.get_by_role("link", name="Exemplaire signé : joignez le scan", exact=False)
    expect(scan).to_be_visible()
    expect(page.get_by_text("Date de signature : à renseigner.")).to_have_count(2)
    verifier_axe(page, "signature refusée")

    _signer(page, "Enregistrer la signature")
    expect(page.get_by_text("Ses montants sont figés", exact=False).first).to_be_visible()
    expect(page.get_by_role("button", name="Mettre à jour la convention")).to_have_count(0)
    verifier_axe(page, "convention signée")

    page.get_by_label("Montant 2019 (€)").fill("30 000,00")
    page.get_by_label("Motif de l'avenant").fill("Montée en charge plus lente.")
    envoyer(page, "Préparer l'avenant")
    expect(page.get_by_text("Avenant n° 1 préparé", exact=False)).to_be_visible()
    verifier_axe(page, "avenant préparé")

    _signer(page, "Enregistrer la signature de l'avenant")
    expect(page.get_by_text("Signature de l'avenant n° 1 enregistrée", exact=False)).to_be_visible()
    expect(page.get_by_role("cell", name="30 000 €").first).to_be_visible()
    verifier_axe(page, "avenant signé")
