"""Un seul codage des montants en JSON : chaînes décimales, en entrée comme en sortie
(issue 8). Un nombre JSON n'est accepté que s'il est exact (deux décimales au plus)."""

from __future__ import annotations

import json

import pytest

from iml.api import dossiers as vues_dossiers
from iml.appels.models import Dossier
from tests.api.outils import entetes, exemple, le, monde

pytestmark = pytest.mark.django_db


@pytest.fixture
def m(distribution, monkeypatch):
    monkeypatch.setattr(vues_dossiers, "maintenant", lambda: le("2019-02-20"))
    return monde(distribution)


def deposer(client, utilisateur, appel_, document):
    return client.post(
        f"/api/appels/{appel_.pk}/dossiers",
        json.dumps(document),
        content_type="application/json",
        **entetes(utilisateur),
    )


def test_les_nombres_d_un_appel_sont_des_chaines_decimales(client, distribution, m):
    appel = client.get(f"/api/appels/{m.appel35.pk}", **entetes(distribution.marc)).json()
    assert appel["note_max"] == "5"
    assert [j["part_min_pct"] for j in appel["jalons"]] == ["50", "100"]
    assert {type(c["poids"]) for c in appel["criteres_selection"]} == {str}


def test_un_depot_accepte_les_montants_en_chaines_et_les_rend_en_chaines(client, distribution, m):
    document = exemple()
    document["services"]["captation"]["cout_par_logement"] = "612.50"
    document["financements"][0]["montant"] = "18000"
    depot = deposer(client, distribution.helene, m.appel35, document)
    assert depot.status_code == 201, depot.content
    lu = client.get(f"/api/dossiers/{depot.json()['dossier']}", **entetes(distribution.helene))
    contenu = lu.json()["contenu"]
    assert contenu["services"]["captation"]["cout_par_logement"] == "612.50"
    assert contenu["financements"][0]["montant"] == "18000.00"
    assert contenu["services"]["gestion"]["SOUS_LOCATION"][1]["cout_par_logement"] == "300.00"
    # Le site relit le même montant, au centime.
    stocke = Dossier.objects.get(pk=depot.json()["dossier"]).contenu
    assert str(stocke["services"]["captation"]["cout_par_logement"]) == "612.5"


def test_un_montant_en_nombre_exact_est_accepte(client, distribution, m):
    document = exemple()
    document["services"]["captation"]["cout_par_logement"] = 612.5
    assert deposer(client, distribution.helene, m.appel35, document).status_code == 201


@pytest.mark.parametrize(
    ("valeur", "motif"),
    [
        (612.505, "2 décimales au plus"),
        ("612,50", "montant attendu en chaîne décimale, par exemple « 1234.50 »"),
        ("1e3", "montant attendu en chaîne décimale, par exemple « 1234.50 »"),
        ("10000000000", "montant supérieur au maximum 9\u202f999\u202f999\u202f999"),
    ],
)
def test_un_montant_inexact_ou_mal_ecrit_est_refuse_en_nommant_le_champ(
    client, distribution, m, valeur, motif
):
    document = exemple()
    document["services"]["captation"]["cout_par_logement"] = valeur
    reponse = deposer(client, distribution.helene, m.appel35, document)
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        f"Champ « services.captation.cout_par_logement » : {motif}."
    ]
