"""R-ELIGIBILITY : un SIRET de porteur déclaré différent de celui de l'organisation qui dépose
est signalé à l'étape « Identité du porteur » et gardé pour l'instruction."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.appels.services import appels as services
from tests.appels.matrice_dossiers import acteur, appel_ouvert, contenu_complet, dossier_de
from tests.factories import connecter

pytestmark = pytest.mark.django_db

AUTRE_ENTREPRISE = "77528400000012"


def _porteur(siret: str) -> dict:
    return {"porteur": {**contenu_complet()["porteur"], "siret": siret}}


def _bloc_siret(page: str) -> str:
    bloc = page[page.index('id="id_siret-constats"') :][:800]
    return re.sub(r"[\s\u00a0\u202f]+", " ", unescape(bloc))


@pytest.fixture
def appel(distribution):
    return appel_ouvert(distribution.claire, "Appel IML 35 — dépôt ouvert")


def test_l_etape_identite_signale_un_siret_d_une_autre_entreprise(client, distribution, appel):
    assert distribution.org.ais35.siret != AUTRE_ENTREPRISE
    dossier = dossier_de(appel, distribution.marc, _porteur(AUTRE_ENTREPRISE))
    connecter(client, distribution.marc)
    url = reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": "identite"})
    bloc = _bloc_siret(client.get(url).content.decode())
    assert "R-ELIGIBILITY" in bloc
    assert "SIRET déclaré 775 284 000 00012 différent de celui de l'organisation" in bloc
    assert "AIS Rennes Habitat Solidaire" in bloc


def test_le_siret_de_l_organisation_n_est_pas_signale(client, distribution, appel):
    siret = distribution.org.ais35.siret
    dossier = dossier_de(appel, distribution.marc, _porteur(siret))
    connecter(client, distribution.marc)
    url = reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": "identite"})
    page = client.get(url).content.decode()
    assert "SIRET déclaré" not in page


def test_le_depot_garde_le_constat_pour_l_instruction(distribution, appel):
    dossier = dossier_de(appel, distribution.marc, contenu_complet(**_porteur(AUTRE_ENTREPRISE)))
    version = services.deposer_dossier(
        acteur=acteur(distribution.marc), dossier=dossier, maintenant=timezone.now()
    )
    constats = [c for c in version.constats if c["champ"] == "porteur.siret"]
    assert [(c["regle"], c["niveau"]) for c in constats] == [("R-ELIGIBILITY", "erreur")]
