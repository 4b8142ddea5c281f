"""Authentification de l'API : jeton porteur, session du site, commande `jeton_api`, OpenAPI."""

from __future__ import annotations

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core import signing
from django.core.management import CommandError, call_command
from django.test import Client

from iml.api.auth import acteur_du_jeton
from tests.api.outils import entetes, jeton, monde
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def test_sans_authentification_401_en_francais(client, distribution):
    reponse = client.get("/api/appels")
    assert reponse.status_code == 401
    assert reponse.json() == {
        "detail": "Authentification requise : jeton porteur (Authorization: Bearer …) ou session."
    }
    assert reponse["WWW-Authenticate"].startswith("Bearer")


def test_un_jeton_falsifie_est_refuse(client, distribution):
    faux = jeton(distribution.marc)[:-3] + "abc"
    reponse = client.get("/api/appels", HTTP_AUTHORIZATION=f"Bearer {faux}")
    assert reponse.status_code == 401
    assert reponse.json()["detail"] == "Le jeton d'accès est invalide."


def test_un_jeton_au_hasard_est_refuse(client, distribution):
    reponse = client.get("/api/dossiers", HTTP_AUTHORIZATION="Bearer nimportequoi")
    assert reponse.status_code == 401


def _jeton_emis_il_y_a(utilisateur, jours: int, monkeypatch) -> str:
    passe = int(time.time()) - jours * 86400
    with monkeypatch.context() as m:
        m.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(passe))
        return jeton(utilisateur)


def test_un_jeton_de_plus_de_30_jours_a_expire(client, distribution, monkeypatch):
    vieux = _jeton_emis_il_y_a(distribution.marc, 31, monkeypatch)
    reponse = client.get("/api/appels", HTTP_AUTHORIZATION=f"Bearer {vieux}")
    assert reponse.status_code == 401
    assert "expiré" in reponse.json()["detail"]


def test_la_duree_des_jetons_se_regle(client, distribution, monkeypatch, settings):
    settings.IML_API_JETON_DUREE = timedelta(days=90)
    ancien = _jeton_emis_il_y_a(distribution.marc, 60, monkeypatch)
    assert client.get("/api/appels", HTTP_AUTHORIZATION=f"Bearer {ancien}").status_code == 200


def test_un_jeton_valide_agit_pour_son_organisation(client, distribution):
    reponse = client.get("/api/appels", **entetes(distribution.marc))
    assert reponse.status_code == 200


def test_changer_de_mot_de_passe_revoque_les_jetons(client, distribution):
    ancien = entetes(distribution.marc)
    distribution.marc.set_password("un-tout-nouveau-mot-de-passe-42")
    distribution.marc.save()
    reponse = client.get("/api/appels", **ancien)
    assert reponse.status_code == 401
    assert "révoqué" in reponse.json()["detail"]


def test_une_adhesion_desactivee_revoque_les_jetons(client, distribution):
    ancien = entetes(distribution.marc)
    distribution.marc.adhesions.update(actif=False)
    assert client.get("/api/appels", **ancien).status_code == 401


def test_un_compte_desactive_ne_peut_plus_rien(client, distribution):
    ancien = entetes(distribution.marc)
    distribution.marc.is_active = False
    distribution.marc.save()
    assert client.get("/api/appels", **ancien).status_code == 401


def test_la_session_du_site_suffit_en_lecture(client, distribution):
    connecter(client, distribution.marc)
    assert client.get("/api/appels").status_code == 200


def test_une_ecriture_par_la_session_exige_le_jeton_csrf(distribution):
    m = monde(distribution)
    navigateur = Client(enforce_csrf_checks=True)
    connecter(navigateur, distribution.marc)
    reponse = navigateur.post(
        f"/api/appels/{m.appel35.pk}/dossiers", "{}", content_type="application/json"
    )
    assert reponse.status_code == 403
    assert "CSRF" in reponse.json()["detail"]


def test_un_jeton_porteur_n_a_pas_besoin_du_jeton_csrf(distribution):
    """Le dépôt est refusé pour la date limite (R-AAC), pas pour le CSRF."""
    m = monde(distribution)
    navigateur = Client(enforce_csrf_checks=True)
    reponse = navigateur.post(
        f"/api/appels/{m.appel35.pk}/dossiers",
        "{}",
        content_type="application/json",
        **entetes(distribution.marc),
    )
    assert reponse.status_code == 403
    assert reponse.json()["detail"].startswith("R-AAC")


# --- Commande jeton_api ----------------------------------------------------------------------


def test_la_commande_delivre_un_jeton_pour_l_organisation_demandee(distribution):
    sortie = StringIO()
    call_command(
        "jeton_api",
        "nadia.roux@ais35.demo",
        organisation=distribution.org.relais35.siret,
        stdout=sortie,
        stderr=StringIO(),
    )
    acteur = acteur_du_jeton(sortie.getvalue().strip())
    assert acteur.utilisateur == distribution.nadia
    assert acteur.organisation == distribution.org.relais35


def test_la_commande_prend_par_defaut_la_premiere_adhesion(distribution):
    sortie = StringIO()
    call_command("jeton_api", "MARC.BERNARD@ais35.demo", stdout=sortie, stderr=StringIO())
    assert acteur_du_jeton(sortie.getvalue().strip()).organisation == distribution.org.ais35


def test_un_jeton_d_administrateur_voit_toute_la_plateforme(distribution):
    sortie = StringIO()
    call_command("jeton_api", "admin@iml.demo", stdout=sortie, stderr=StringIO())
    acteur = acteur_du_jeton(sortie.getvalue().strip())
    assert acteur.est_administrateur and acteur.adhesion is None


@pytest.mark.parametrize(
    ("email", "options", "message"),
    [
        ("inconnu@exemple.fr", {}, "Aucun compte actif"),
        ("marc.bernard@ais35.demo", {"organisation": "44000000000057"}, "pas d'adhésion active"),
    ],
)
def test_la_commande_refuse_en_francais(distribution, email, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("jeton_api", email, stdout=StringIO(), stderr=StringIO(), **options)


# --- OpenAPI ---------------------------------------------------------------------------------


def test_le_document_openapi_est_publie_et_liste_les_chemins(client, db):
    reponse = client.get("/api/openapi.json")
    assert reponse.status_code == 200
    document = reponse.json()
    assert document["info"]["title"] == "API IML"
    assert document["info"]["version"] == "1"
    assert set(document["paths"]) == {
        "/api/appels",
        "/api/appels/{id}",
        "/api/dossiers",
        "/api/dossiers/{id}",
        "/api/appels/{id}/dossiers",
        "/api/parc/logements",
        "/api/parc/logements/{id}",
        "/api/parc/bailleurs",
        "/api/pilotage/tableau-de-bord",
        "/api/pilotage/tableaux/{nom}",
        "/api/pilotage/montee-en-charge",
        "/api/pilotage/statistiques",
    }
    depot = document["paths"]["/api/appels/{id}/dossiers"]["post"]
    assert "application/json" in depot["requestBody"]["content"]
    assert {"201", "403", "422"} <= set(depot["responses"])
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


def test_la_documentation_est_servie_sans_script_externe(client, db):
    reponse = client.get("/api/docs")
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert "API IML" in html
    assert "cdn." not in html


def test_le_corps_d_un_depot_est_documente_par_son_vrai_schema_avec_les_limites_du_site(client, db):
    document = client.get("/api/openapi.json").json()
    corps = document["paths"]["/api/appels/{id}/dossiers"]["post"]["requestBody"]
    schema = corps["content"]["application/json"]["schema"]
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert "$ref" not in str(schema)  # les définitions communes sont résolues
    assert schema["properties"]["experience"]["maxLength"] == 10_000
    assert schema["properties"]["porteur"]["properties"]["nom"]["maxLength"] == 200
    ligne = schema["properties"]["places"]["items"]["properties"]["trimestres"]["items"]
    assert ligne["maximum"] == 10_000
    montant = schema["properties"]["financements"]["items"]["properties"]["montant"]
    assert {"type": "string", "pattern": r"^\d{1,10}(\.\d{1,2})?$", "maxLength": 13} in (
        montant["anyOf"]
    )


def test_chaque_operation_documente_ses_erreurs_401_et_422(client, db):
    document = client.get("/api/openapi.json").json()
    for chemin, operations in document["paths"].items():
        for methode, operation in operations.items():
            assert {"401", "422"} <= set(operation["responses"]), (methode, chemin)
    depot = document["paths"]["/api/appels/{id}/dossiers"]["post"]["responses"]
    assert {"400", "403", "404", "413", "429"} <= set(depot)


# --- CSRF : ce que dit docs/api.md (issue 8, point 12) ----------------------------------------


def test_la_documentation_ne_fait_pas_lire_le_cookie_csrf_qui_est_httponly(settings):
    from pathlib import Path

    assert settings.CSRF_COOKIE_HTTPONLY
    doc = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    assert "valeur du cookie `csrftoken`" not in doc
    assert "csrfmiddlewaretoken" in doc


def test_une_ecriture_par_la_session_passe_avec_le_jeton_csrf_lu_dans_la_page(distribution):
    """Ce que dit la documentation : la valeur du champ caché `csrfmiddlewaretoken` d'une page
    du site, dans l'en-tête X-CSRFToken (le dépôt est refusé pour la date limite, pas le CSRF)."""
    import re

    m = monde(distribution)
    navigateur = Client(enforce_csrf_checks=True)
    connecter(navigateur, distribution.marc)
    page = navigateur.get("/").content.decode()
    (jeton_csrf,) = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    reponse = navigateur.post(
        f"/api/appels/{m.appel35.pk}/dossiers",
        "{}",
        content_type="application/json",
        HTTP_X_CSRFTOKEN=jeton_csrf,
    )
    assert reponse.status_code == 403
    assert reponse.json()["detail"].startswith("R-AAC")


def test_un_jeton_porteur_accompagne_d_une_session_n_a_pas_besoin_du_csrf(distribution):
    m = monde(distribution)
    navigateur = Client(enforce_csrf_checks=True)
    connecter(navigateur, distribution.marc)
    reponse = navigateur.post(
        f"/api/appels/{m.appel35.pk}/dossiers",
        "{}",
        content_type="application/json",
        **entetes(distribution.marc),
    )
    assert reponse.status_code == 403
    assert reponse.json()["detail"].startswith("R-AAC")
