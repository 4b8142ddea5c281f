"""Dépôt d'un dossier : versions numérotées et figées avec le barème, nouvelle version avant la
date limite, refus après la date limite et pour un autre rôle que la direction (R-AAC,
R-DOSSIER)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.appels.enums import StatutDossier
from iml.appels.models import Dossier, VersionDossier
from regles.format import date_fr
from tests.appels.matrice_dossiers import (
    appel_ouvert,
    contenu_complet,
    dossier_de,
    fermer_le_depot,
)
from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.fixture
def appel(distribution):
    return appel_ouvert(distribution.claire, "Appel IML 35 — dépôt ouvert")


@pytest.fixture
def dossier(distribution, appel):
    return dossier_de(appel, distribution.marc, contenu_complet())


def url_depot(dossier: Dossier) -> str:
    return reverse("appels:dossier_deposer", kwargs={"pk": dossier.pk})


def url_version(dossier: Dossier, numero: int) -> str:
    return reverse("appels:dossier_version", kwargs={"pk": dossier.pk, "numero": numero})


def texte(reponse) -> str:
    brut = re.sub(r"<[^>]+>", " ", reponse.content.decode())
    brut = brut.replace("&#x27;", "'").replace("&quot;", '"')
    return re.sub(r"[\s\u00a0\u202f]+", " ", brut)


def test_deposer_fige_la_version_1_puis_une_modification_prepare_la_version_2(
    client, distribution, appel, dossier
):
    connecter(client, distribution.marc)
    recapitulatif = texte(client.get(url_depot(dossier)))
    assert "Déposer la version 1" in recapitulatif

    reponse = client.post(url_depot(dossier))
    assert reponse.status_code == 302
    assert reponse["Location"] == url_version(dossier, 1)
    v1 = VersionDossier.objects.get(dossier=dossier, numero=1)
    assert (v1.bareme_code, v1.bareme_version) == (appel.jeu.code, appel.jeu.version)
    assert v1.deposee_par == distribution.marc
    assert v1.constats and all("regle" in c for c in v1.constats)
    assert v1.chiffres["budget"]["total"] == "85500.00"
    dossier.refresh_from_db()
    assert dossier.statut == StatutDossier.DEPOSE

    # Modifier avant la date limite prépare la version 2 ; la version 1 reste figée.
    etape = reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": "experience"})
    client.post(etape, {"realisations": "Nouvelles réalisations.", "experience": "Douze ans."})
    assert "Version 2 en préparation" in texte(client.get(etape))
    assert "Déposer la version 2" in texte(client.get(url_depot(dossier)))
    v1.refresh_from_db()
    assert v1.contenu["realisations"] == contenu_complet()["realisations"]

    reponse = client.post(url_depot(dossier))
    assert reponse["Location"] == url_version(dossier, 2)
    v2 = VersionDossier.objects.get(dossier=dossier, numero=2)
    assert v2.contenu["realisations"] == "Nouvelles réalisations."
    assert (v2.bareme_code, v2.bareme_version) == (appel.jeu.code, appel.jeu.version)
    assert dossier.versions.count() == 2


def test_la_version_figee_se_lit_sans_formulaire(client, distribution, dossier):
    connecter(client, distribution.marc)
    client.post(url_depot(dossier))
    page = client.get(url_version(dossier, 1))
    assert page.status_code == 200
    contenu = page.content.decode()
    assert "Version figée : lecture seule" in texte(page)
    principal = contenu[contenu.index("<main") : contenu.index("</main>")]
    assert "<input" not in principal and "<form" not in principal
    assert "Association Toit d'Abord 35" in texte(page)
    assert "Total annuel 85 500 €" in texte(page)


def test_l_etat_du_territoire_lit_la_version_deposee(client, distribution, dossier):
    connecter(client, distribution.marc)
    client.post(url_depot(dossier))
    client.logout()
    connecter(client, distribution.claire)
    assert client.get(url_version(dossier, 1)).status_code == 200
    assert client.get(url_depot(dossier)).status_code == 404


def test_le_depot_est_refuse_apres_la_date_limite(client, distribution, appel, dossier):
    """R-AAC : plus de dépôt après la date limite."""
    fermer_le_depot(appel)
    connecter(client, distribution.marc)
    page = client.get(url_depot(dossier))
    assert page.status_code == 200
    limite = date_fr(timezone.localdate() - timedelta(days=1))
    assert f"la date limite de dépôt ({limite}) est passée" in texte(page)
    assert "Le dépôt n'est plus possible." in texte(page)
    assert client.post(url_depot(dossier)).status_code == 403
    assert not dossier.versions.exists()


def test_seule_la_direction_depose(client, distribution, dossier):
    """Julie (gestionnaire locative) rédige le dossier de l'AIS mais ne le dépose pas."""
    connecter(client, distribution.julie)
    page = client.get(url_depot(dossier))
    assert page.status_code == 200
    assert (
        "Seule la direction de l'opérateur dépose un dossier : elle engage la structure."
        in texte(page)
    )
    assert "Déposer la version" not in texte(page)
    assert client.post(url_depot(dossier)).status_code == 403
    assert not dossier.versions.exists()


def test_un_dossier_incomplet_n_est_pas_depose(client, distribution, appel):
    """R-DOSSIER : les pièces manquantes bloquent le dépôt, avec leur liste."""
    dossier = dossier_de(appel, distribution.marc)
    connecter(client, distribution.marc)
    reponse = client.post(url_depot(dossier))
    assert reponse.status_code == 200
    page = texte(reponse)
    assert "Dépôt refusé" in page
    assert "R-DOSSIER : dossier incomplet" in page
    assert not dossier.versions.exists()
    dossier.refresh_from_db()
    assert dossier.statut == StatutDossier.BROUILLON


def test_le_recapitulatif_montre_les_constats_avec_leur_regle(client, distribution, dossier):
    connecter(client, distribution.marc)
    page = texte(client.get(url_depot(dossier)))
    assert "R-ELIGIBILITY" in page
    assert "Identité du porteur" in page and "Annexe 3 : places" in page


def test_le_site_applique_le_plafond_de_depots_par_heure_comme_l_api(
    client, distribution, dossier, settings
):
    """Le plafond est dans le service de dépôt, partagé par le site et l'API."""
    settings.IML_DEPOTS_PAR_HEURE = 1
    connecter(client, distribution.marc)
    assert client.post(url_depot(dossier)).status_code == 302
    reponse = client.post(url_depot(dossier))
    assert reponse.status_code == 200
    assert (
        "Trop de dépôts : 1 dépôt de ce dossier par heure au plus. Réessayez plus tard."
        in texte(reponse)
    )
    assert dossier.versions.count() == 1


def test_le_site_applique_le_plafond_de_versions(client, distribution, dossier, settings):
    settings.IML_VERSIONS_MAX = 1
    connecter(client, distribution.marc)
    client.post(url_depot(dossier))
    reponse = client.post(url_depot(dossier))
    assert "Dépôt refusé : ce dossier compte déjà 1 version, le plafond." in texte(reponse)
    assert dossier.versions.count() == 1


def test_les_plafonds_de_depot_sont_des_reglages_documentes():
    from pathlib import Path

    from django.conf import settings as reglages

    assert (reglages.IML_DEPOTS_PAR_HEURE, reglages.IML_VERSIONS_MAX) == (10, 50)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "| `IML_DEPOTS_PAR_HEURE` | 10 |" in readme
    assert "| `IML_VERSIONS_MAX` | 50 |" in readme
