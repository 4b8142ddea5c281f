"""Dépôt d'un dossier par l'API (R-AAC, R-DOSSIER) : 201, 422, 403, 404, tout ou rien."""

from __future__ import annotations

import json

import pytest

from iml.api import dossiers as vues_dossiers
from iml.appels.enums import StatutAppel, StatutDossier
from iml.appels.models import Dossier, VersionDossier
from iml.comptes.enums import Role
from tests.api.outils import NOM_APPEL_35, appel, entetes, exemple, le, monde
from tests.factories import AdhesionFactory, OrganisationFactory, departement

pytestmark = pytest.mark.django_db

AVANT_LA_LIMITE = le("2019-02-20")


@pytest.fixture
def m(distribution):
    return monde(distribution)


@pytest.fixture
def nouvelle_direction(distribution):
    """La direction d'un opérateur d'Ille-et-Vilaine qui n'a pas encore de dossier."""
    operateur = OrganisationFactory(nom="AIS de Fougères", territoire=departement("35"))
    return AdhesionFactory(organisation=operateur, role=Role.DIRECTION).utilisateur


@pytest.fixture
def avant_la_limite(monkeypatch):
    """Le 20/02/2019 : l'appel d'Ille-et-Vilaine est ouvert (date limite le 04/03/2019)."""
    monkeypatch.setattr(vues_dossiers, "maintenant", lambda: AVANT_LA_LIMITE)


def deposer(client, utilisateur, appel_, document) -> object:
    corps = document if isinstance(document, str) else json.dumps(document)
    return client.post(
        f"/api/appels/{appel_.pk}/dossiers",
        corps,
        content_type="application/json",
        **entetes(utilisateur),
    )


# --- 201 -------------------------------------------------------------------------------------


def test_la_direction_depose_son_dossier_et_recoit_constats_et_chiffres(
    client, distribution, m, avant_la_limite
):
    reponse = deposer(client, distribution.helene, m.appel35, exemple())
    assert reponse.status_code == 201, reponse.content
    corps = reponse.json()
    dossier = Dossier.objects.get(pk=corps["dossier"])
    assert (dossier.operateur, dossier.statut) == (distribution.org.relais35, StatutDossier.DEPOSE)
    assert dossier.etape == "api"
    assert corps["version"] == 1
    assert corps["bareme"] == {"code": m.appel35.jeu.code, "version": m.appel35.jeu.version}
    assert all(c["message"].startswith(c["regle"]) for c in corps["constats"])
    assert "budget" in corps["chiffres"]
    version = dossier.versions.get()
    assert version.deposee_par == distribution.helene
    assert version.contenu["date_depot"] == "2019-02-20"


def test_un_second_depot_fige_une_nouvelle_version(client, distribution, m, avant_la_limite):
    assert deposer(client, distribution.helene, m.appel35, exemple()).status_code == 201
    reponse = deposer(client, distribution.helene, m.appel35, exemple())
    assert reponse.status_code == 201
    assert reponse.json()["version"] == 2
    lu = client.get(f"/api/dossiers/{reponse.json()['dossier']}", **entetes(distribution.helene))
    assert lu.json()["version"] == 2


def test_l_etat_voit_le_dossier_depose_par_l_api(client, distribution, m, avant_la_limite):
    depot = deposer(client, distribution.helene, m.appel35, exemple()).json()
    lu = client.get(f"/api/dossiers/{depot['dossier']}", **entetes(distribution.claire))
    assert lu.status_code == 200
    assert lu.json()["constats"] == depot["constats"]


# --- 422 -------------------------------------------------------------------------------------


def test_un_document_invalide_est_refuse_en_nommant_le_champ(
    client, distribution, m, avant_la_limite
):
    document = exemple()
    document["logements"][0]["typologie"] = "CHATEAU"
    reponse = deposer(client, distribution.helene, m.appel35, document)
    assert reponse.status_code == 422
    corps = reponse.json()
    assert "logements[0].typologie" in corps["detail"]
    assert corps["erreurs"]


def test_un_dossier_refuse_ne_change_rien(client, m, nouvelle_direction, avant_la_limite):
    """Tout ou rien : ni dossier ouvert, ni contenu enregistré, ni version."""
    document = exemple()
    document["cle_inconnue"] = 1
    avant = (Dossier.objects.count(), VersionDossier.objects.count())
    reponse = deposer(client, nouvelle_direction, m.appel35, document)
    assert reponse.status_code == 422
    assert "cle_inconnue" in reponse.json()["detail"]
    assert (Dossier.objects.count(), VersionDossier.objects.count()) == avant


def test_un_document_refuse_ne_modifie_pas_le_brouillon(client, distribution, m, avant_la_limite):
    reponse = deposer(client, distribution.helene, m.appel35, {"zone_marche": "TIEDE"})
    assert reponse.status_code == 422
    assert "zone_marche" in reponse.json()["detail"]
    assert Dossier.objects.get(pk=m.dossier_relais.pk).contenu == exemple()


def test_un_dossier_incomplet_est_refuse_r_dossier(client, m, nouvelle_direction, avant_la_limite):
    reponse = deposer(client, nouvelle_direction, m.appel35, {"places": exemple()["places"]})
    assert reponse.status_code == 422
    assert "R-DOSSIER" in reponse.json()["detail"]
    assert not Dossier.objects.filter(appel=m.appel35, operateur__nom="AIS de Fougères").exists()


def test_un_corps_qui_n_est_pas_un_objet_est_refuse(client, distribution, m, avant_la_limite):
    reponse = deposer(client, distribution.helene, m.appel35, [1, 2])
    assert reponse.status_code == 422
    assert reponse.json()["detail"].startswith("Le dossier doit être un objet JSON")


def test_un_corps_qui_n_est_pas_du_json_est_refuse(client, distribution, m, avant_la_limite):
    reponse = deposer(client, distribution.helene, m.appel35, "{pas du json")
    assert reponse.status_code == 400
    assert reponse.json() == {"detail": "Le corps de la requête n'est pas un JSON valide."}


# --- 403 / 404 -------------------------------------------------------------------------------


def test_apres_la_date_limite_le_depot_est_refuse_r_aac(client, distribution, m):
    reponse = deposer(client, distribution.helene, m.appel35, exemple())
    assert reponse.status_code == 403
    assert reponse.json() == {"detail": "R-AAC : la date limite de dépôt (04/03/2019) est passée."}
    assert not m.dossier_relais.versions.exists()


def test_le_jour_de_la_date_limite_le_depot_est_encore_permis(client, distribution, m, monkeypatch):
    """La date limite est incluse (R-AAC) : le refus ne vient pas de la date."""
    monkeypatch.setattr(vues_dossiers, "maintenant", lambda: le("2019-03-04"))
    reponse = deposer(client, distribution.helene, m.appel35, [])
    assert reponse.status_code == 422


def test_un_gestionnaire_ne_depose_pas(client, distribution, m, avant_la_limite):
    reponse = deposer(client, distribution.julie, m.appel35, exemple())
    assert reponse.status_code == 403
    assert reponse.json()["detail"].startswith("Seule la direction de l'opérateur")


@pytest.mark.parametrize("persona", ["claire", "sophie", "anne"])
def test_seul_un_operateur_depose(client, distribution, m, avant_la_limite, persona):
    reponse = deposer(client, getattr(distribution, persona), m.appel35, exemple())
    assert reponse.status_code == 403
    assert reponse.json()["detail"] == (
        "R-AAC : seul un opérateur du département de l'appel dépose un dossier."
    )


def test_un_appel_clos_ne_recoit_plus_de_depot(client, distribution, m, avant_la_limite):
    clos = appel(distribution, f"{NOM_APPEL_35} (clos)", distribution.org.ddets35, StatutAppel.CLOS)
    reponse = deposer(client, distribution.helene, clos, exemple())
    assert reponse.status_code == 403
    assert (
        reponse.json()["detail"] == "R-AAC : l'appel est « clos » : il n'est pas ouvert aux dépôts."
    )


def test_l_operateur_de_la_gironde_ne_trouve_pas_l_appel_d_ille_et_vilaine(
    client, distribution, m, avant_la_limite
):
    reponse = deposer(client, distribution.louis, m.appel35, exemple())
    assert reponse.status_code == 404


def test_un_dossier_decide_ne_se_redepose_pas(client, distribution, m, avant_la_limite):
    Dossier.objects.filter(pk=m.dossier_ais.pk).update(statut=StatutDossier.REFUSE)
    reponse = deposer(client, distribution.marc, m.appel35, exemple())
    assert reponse.status_code == 403
    assert reponse.json()["detail"] == (
        "R-SELECTION : le dossier est « refusé » : il ne se modifie plus."
    )
