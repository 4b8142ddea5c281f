"""Pied de page : les liens « Accessibilité », « Mentions légales » et « Données personnelles »
mènent à des pages publiques au contenu réel (éditeur, hébergeur, finalités, base légale,
conservation, droits, état de conformité RGAA)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse


def texte(reponse) -> str:
    brut = re.sub(r"<[^>]+>", " ", reponse.content.decode())
    brut = brut.replace("&#x27;", "'").replace("&quot;", '"')
    return re.sub(r"[\s\u00a0\u202f]+", " ", brut)


@pytest.mark.django_db
def test_le_pied_de_page_mene_aux_trois_pages_legales(client):
    page = client.get(reverse("comptes:connexion")).content.decode()
    pied = page[page.index('id="pied-de-page"') :].replace("\u00a0", " ")
    for nom, libelle in (
        ("ui:accessibilite", "Accessibilité : partiellement conforme"),
        ("ui:mentions_legales", "Mentions légales"),
        ("ui:donnees_personnelles", "Données personnelles"),
    ):
        assert f'href="{reverse(nom)}">{libelle}</a>' in pied


@pytest.mark.django_db
def test_mentions_legales_nomment_editeur_et_hebergeur(client, settings):
    settings.IML_HEBERGEUR = "Hébergeur Exemple SAS, 1 rue de la Paix, 75002 Paris"
    page = texte(client.get(reverse("ui:mentions_legales")))
    assert "Éditeur" in page and settings.IML_EDITEUR in page
    assert "Hébergeur Exemple SAS, 1 rue de la Paix, 75002 Paris" in page


@pytest.mark.django_db
def test_donnees_personnelles_finalites_base_legale_conservation_droits(client):
    page = texte(client.get(reverse("ui:donnees_personnelles")))
    for attendu in (
        "Finalités",
        "mission d'intérêt public",
        "article 6, paragraphe 1, point e",
        "Durées de conservation",
        "droits d'accès, de rectification, de limitation et d'opposition",
        "CNIL",
    ):
        assert attendu in page


@pytest.mark.django_db
def test_declaration_d_accessibilite_partiellement_conforme_methode_axe(client):
    page = texte(client.get(reverse("ui:accessibilite")))
    assert "partiellement conforme" in page
    assert "RGAA" in page and "axe-core" in page
    assert "Défenseur des droits" in page
