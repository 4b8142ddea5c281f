"""Import du parc depuis un tableur : ce que la gestionnaire voit après avoir déposé son fichier
(créations, mises à jour, erreurs ligne par ligne), tout ou rien, idempotent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from iml.parc.models import Logement
from iml.parc.models_imports import ImportParc
from tests.factories import connecter

pytestmark = pytest.mark.django_db

ECHANTILLONS = Path(__file__).parent / "echantillons_import"
VALIDE = (ECHANTILLONS / "valide_point_virgule.csv").read_bytes()


def deposer(client, nom: str, contenu: bytes):
    return client.post(reverse("parc:imports"), {"fichier": SimpleUploadedFile(nom, contenu)})


def importer(client, nom: str, contenu: bytes) -> ImportParc:
    reponse = deposer(client, nom, contenu)
    assert reponse.status_code == 302, reponse.content.decode()[:3000]
    return ImportParc.objects.get(pk=int(reponse.url.rstrip("/").split("/")[-1]))


def page(client, imp: ImportParc) -> str:
    return client.get(reverse("parc:import", kwargs={"pk": imp.pk})).content.decode()


@pytest.fixture
def julie(client, distribution):
    connecter(client, distribution.julie)
    return client


def test_un_csv_point_virgule_cree_bailleurs_et_logements_en_captation(julie, distribution):
    imp = importer(julie, "parc.csv", VALIDE)
    assert imp.etat == "TERMINE", imp.erreurs
    assert imp.resultat["logements_crees"] == 3
    assert imp.resultat["bailleurs_crees"] == 2
    log1 = Logement.objects.get(reference="LOG-1")
    assert log1.operateur == distribution.org.ais35
    assert (log1.loyer, log1.surface_m2, log1.commune) == (
        Decimal("520.50"),
        Decimal("32.50"),
        "35238",
    )
    assert log1.statut == "EN_CAPTATION"
    assert Logement.objects.get(reference="LOG-2").capacite == 1  # vide : le maximum du studio
    assert Logement.objects.get(reference="LOG-3").typologie == "T6_PLUS"
    texte = page(julie, imp)
    assert "3 créés" in texte.replace("\u202f", " ").replace("\xa0", " ")
