"""Revue d'usage : le SIRET s'écrit partout comme dans la convention (« 430 000 000 00041 »),
par un seul assistant (`regles.format.siret`, filtre `siret`)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regles.format import siret
from tests.appels.matrice_documents import preparer
from tests.appels.test_exports import _xlsx
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def _lisible(valeur: str) -> str:
    return f"{valeur[:3]}\u00a0{valeur[3:6]}\u00a0{valeur[6:9]}\u00a0{valeur[9:]}"


def test_l_assistant_groupe_siren_et_nic():
    assert siret("43000000000041") == "430\u00a0000\u00a0000\u00a000041"
    assert siret("4300") == "4300"


def test_les_ecrans_et_le_classeur_du_comite_ecrivent_le_siret_lisible(client, distribution):
    preparer(distribution)
    docs = distribution.documents
    operateur = docs.dossier.operateur
    attendu = _lisible(operateur.siret)
    connecter(client, distribution.claire)
    for url in (
        reverse("ui:organisation", args=[operateur.pk]),
        reverse("ui:organisations"),
        reverse("appels:dossier_instruction", args=[docs.dossier.pk]),
    ):
        page = client.get(url).content.decode()
        assert attendu in page, url
        assert operateur.siret not in page, url
    ws = _xlsx(client, distribution.claire, "appels:appel_synthese_xlsx", docs.appel.pk).active
    valeurs = [c.value for ligne in ws.iter_rows() for c in ligne]
    assert attendu in valeurs
    assert operateur.siret not in valeurs
