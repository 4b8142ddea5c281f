"""API du pilotage : les indicateurs de l'État dans son périmètre, « non renseigné » en null
(R-UNKNOWN), les jalons (R-RAMPUP) et les statistiques (R-STATS) ; 403 hors de l'État."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.api.outils import entetes
from tests.pilotage.test_montee import _convention, _logement
from tests.pilotage.test_statistiques_services import ANNEE, ouvrir

pytestmark = pytest.mark.django_db


def _get(client, utilisateur, nom: str, kwargs=None, **params):
    return client.get(reverse(f"api:{nom}", kwargs=kwargs), params, **entetes(utilisateur))


def test_le_tableau_de_bord_de_la_ddets_par_jeton(client, distribution):
    _logement(_convention(), date(2019, 6, 15))
    reponse = _get(client, distribution.claire, "pilotage_tableau_de_bord")
    assert reponse.status_code == 200, reponse.content
    corps = reponse.json()
    assert corps["indicateurs"] and all(isinstance(i["valeur"], str) for i in corps["indicateurs"])
    places = next(t for t in corps["tableaux"] if t["nom"] == "places")
    assert places["colonnes"][0]["libelle"] == "Places financées"
    assert any(ligne["valeurs"][1] == 1 for ligne in places["lignes"])  # 1 logement mobilisé


def test_un_operateur_recoit_403_en_francais(client, distribution):
    reponse = _get(client, distribution.marc, "pilotage_montee")
    assert reponse.status_code == 403
    assert "services de l'État" in reponse.json()["detail"]


def test_les_jalons_de_la_montee_en_charge(client, distribution):
    convention = _convention()
    _logement(convention, date(2019, 6, 15))
    corps = _get(client, distribution.claire, "pilotage_montee").json()
    (ligne,) = [m for m in corps if m["convention"] == convention.pk]
    premier = ligne["jalons"][0]
    assert (premier["date"], premier["part_min_pct"], premier["etat"]) == (
        "2019-12-31",
        "50",
        "MANQUE",
    )
    assert premier["places_ouvertes"] == 3


def test_un_tableau_inconnu_ou_d_un_autre_perimetre(client, distribution):
    assert (
        _get(client, distribution.claire, "pilotage_tableau", {"nom": "inconnu"}).status_code == 404
    )
    convention = _convention()
    paul = _get(
        client, distribution.paul, "pilotage_tableau", {"nom": "montee-convention"},
        convention=convention.pk,
    )  # fmt: skip
    assert paul.status_code == 404  # la DREETS Nouvelle-Aquitaine ne voit pas l'Ille-et-Vilaine
    claire = _get(
        client, distribution.claire, "pilotage_tableau", {"nom": "montee-convention"},
        convention=convention.pk,
    )  # fmt: skip
    assert claire.status_code == 200 and claire.json()["nom"] == "montee-convention"
    mauvais = _get(
        client, distribution.claire, "pilotage_tableau", {"nom": "montee-convention"},
        convention="x" * 5000,
    )  # fmt: skip
    assert mauvais.status_code == 404


def test_les_statistiques_de_l_annee_et_l_inconnu_en_null(client, distribution):
    ouvrir(distribution)
    reponse = _get(client, distribution.claire, "pilotage_statistiques", annee=ANNEE)
    assert reponse.status_code == 200
    corps = reponse.json()
    assert {s["operateur"] for s in corps} >= {distribution.org.ais35.nom}
    ais = next(s for s in corps if s["operateur"] == distribution.org.ais35.nom)
    assert ais["statut"] == "A_REVOIR" and ais["date_limite"] == f"{ANNEE + 1}-03-31"
    entrees = next(ligne for ligne in ais["lignes"] if ligne["cle"] == "entrees")
    assert entrees["calculee"] == entrees["retenue"] == 0 and not entrees["corrigee"]
    assert _get(client, distribution.claire, "pilotage_statistiques", annee=1).status_code == 422
    sans = _get(client, distribution.claire, "pilotage_statistiques")
    assert sans.status_code == 422 and "annee" in sans.json()["detail"]
