"""Entrées hostiles : chaque mauvaise entrée reçoit un 4xx JSON qui nomme le champ, jamais un 500
(issue 8, points 2 et 3). Les limites sont celles du site."""

from __future__ import annotations

import json

import pytest

from iml.api import dossiers as vues_dossiers
from iml.appels.models import Dossier, VersionDossier
from tests.api.outils import entetes, exemple, le, monde

pytestmark = pytest.mark.django_db


@pytest.fixture
def m(distribution, monkeypatch):
    """Le 20/02/2019 : l'appel d'Ille-et-Vilaine est ouvert aux dépôts."""
    monkeypatch.setattr(vues_dossiers, "maintenant", lambda: le("2019-02-20"))
    return monde(distribution)


@pytest.fixture
def client_sans_exception(client):
    """Une erreur 500 devient une réponse (pas une exception du test) : on lit son statut."""
    client.raise_request_exception = False
    return client


def deposer(client, utilisateur, appel_, corps: str | bytes):
    return client.post(
        f"/api/appels/{appel_.pk}/dossiers",
        corps,
        content_type="application/json",
        **entetes(utilisateur),
    )


def rien_n_est_enregistre(m) -> bool:
    return not VersionDossier.objects.filter(dossier__appel=m.appel35, numero__gt=1).exists() and (
        not m.dossier_relais.versions.exists()
    )


@pytest.mark.parametrize(
    ("litteral", "champ"),
    [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity")],
)
def test_nan_et_infinity_sont_refuses_en_nommant_le_champ(
    client_sans_exception, distribution, m, litteral, champ
):
    corps = json.dumps({**exemple(), "engagements": {"sl_duree_mois": 0}}).replace(
        '"sl_duree_mois": 0', f'"sl_duree_mois": {litteral}'
    )
    reponse = deposer(client_sans_exception, distribution.helene, m.appel35, corps)
    assert reponse.status_code == 422
    assert reponse["Content-Type"].startswith("application/json")
    assert reponse.json()["erreurs"] == [
        f"Champ « engagements.sl_duree_mois » : {champ} n'est pas un nombre permis "
        "(nombre fini attendu)."
    ]
    assert rien_n_est_enregistre(m)


def test_un_flottant_qui_deborde_est_refuse(client_sans_exception, distribution, m):
    corps = json.dumps({**exemple(), "engagements": {"sl_duree_mois": 0}}).replace(
        '"sl_duree_mois": 0', '"sl_duree_mois": 1e400'
    )
    reponse = deposer(client_sans_exception, distribution.helene, m.appel35, corps)
    assert reponse.status_code == 422
    assert "« engagements.sl_duree_mois »" in reponse.json()["detail"]


def test_cent_mille_tableaux_imbriques_donnent_un_400_json(client_sans_exception, distribution, m):
    corps = "[" * 100_000 + "]" * 100_000
    reponse = deposer(client_sans_exception, distribution.helene, m.appel35, corps)
    assert reponse.status_code == 400
    assert reponse.json() == {"detail": "Le corps de la requête est trop imbriqué."}


def test_une_imbrication_moderee_mais_hors_schema_est_nommee(
    client_sans_exception, distribution, m
):
    corps = json.dumps({**exemple(), "evaluation": json.loads("[" * 500 + "]" * 500)})
    reponse = deposer(client_sans_exception, distribution.helene, m.appel35, corps)
    assert reponse.status_code == 422
    assert "imbrication trop profonde" in reponse.json()["detail"]


def test_dix_puissance_4000_dans_un_trimestre_est_refuse(client_sans_exception, distribution, m):
    document = exemple()
    document["places"][0]["trimestres"][1] = 7
    corps = json.dumps(document).replace('"trimestres": [0, 7,', f'"trimestres": [0, {"9" * 4000},')
    reponse = deposer(client_sans_exception, distribution.helene, m.appel35, corps)
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        "Champ « places[0].trimestres[1] » : nombre de plus de 30 chiffres."
    ]


def test_un_trimestre_au_dela_de_la_borne_du_site_est_refuse(client, distribution, m):
    document = exemple()
    document["logements"][0]["trimestres"][2] = 10_001
    reponse = deposer(client, distribution.helene, m.appel35, json.dumps(document))
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        "Champ « logements[0].trimestres[2] » : valeur 10\u202f001 supérieure au maximum "
        "10\u202f000."
    ]


def test_un_corps_de_plus_de_2_5_mo_repond_en_json(client_sans_exception, distribution, m):
    corps = json.dumps({**exemple(), "experience": "x" * 2_700_000})
    reponse = deposer(client_sans_exception, distribution.helene, m.appel35, corps)
    assert reponse.status_code == 413
    assert reponse.json() == {
        "detail": "Le corps de la requête dépasse 2,5 Mo (limite du serveur)."
    }


@pytest.mark.parametrize("url", ["/api/dossiers?appel=", "/api/dossiers/", "/api/appels/"])
def test_un_identifiant_hors_des_entiers_64_bits_donne_un_422(
    client_sans_exception, distribution, m, url
):
    reponse = client_sans_exception.get(f"{url}9223372036854775808", **entetes(distribution.claire))
    assert reponse.status_code == 422
    assert (
        "inférieur ou égal à 9\u202f223\u202f372\u202f036\u202f854\u202f775\u202f807"
        in (reponse.json()["detail"])
    )


@pytest.mark.parametrize("url", ["/api/dossiers/", "/api/appels/"])
def test_un_identifiant_en_chiffres_arabes_orientaux_est_refuse(client, distribution, m, url):
    reponse = client.get(f"{url}\u0663", **entetes(distribution.claire))
    assert reponse.status_code == 422
    assert "« id »" in reponse.json()["detail"]


# --- Limites du site --------------------------------------------------------------------------


def test_un_texte_de_deux_millions_de_caracteres_est_refuse_comme_sur_le_site(
    client, distribution, m
):
    corps = json.dumps({**exemple(), "experience": "x" * 2_000_000})
    reponse = deposer(client, distribution.helene, m.appel35, corps)
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        "Champ « experience » : 10\u202f000 caractères au plus (reçu 2\u202f000\u202f000)."
    ]
    assert rien_n_est_enregistre(m)


def test_un_texte_de_dix_mille_caracteres_est_accepte(client, distribution, m):
    corps = json.dumps({**exemple(), "experience": "x" * 10_000})
    assert deposer(client, distribution.helene, m.appel35, corps).status_code == 201


def test_un_nom_de_partenaire_a_la_limite_d_un_nom(client, distribution, m):
    document = exemple()
    document["partenariats"] = [{"type": "CCAS", "nom": "n" * 201}]
    reponse = deposer(client, distribution.helene, m.appel35, json.dumps(document))
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        "Champ « partenariats[0].nom » : 200 caractères au plus (reçu 201)."
    ]


def test_les_depots_d_un_dossier_sont_plafonnes_par_heure(client, distribution, m, settings):
    settings.IML_DEPOTS_PAR_HEURE = 2
    corps = json.dumps(exemple())
    statuts = [deposer(client, distribution.helene, m.appel35, corps).status_code for _ in "123"]
    assert statuts == [201, 201, 429]
    refus = deposer(client, distribution.helene, m.appel35, corps)
    assert refus.json() == {
        "detail": "Trop de dépôts : 2 dépôts de ce dossier par heure au plus. Réessayez plus tard."
    }
    assert Dossier.objects.get(pk=m.dossier_relais.pk).versions.count() == 2


def test_les_versions_d_un_dossier_sont_plafonnees(client, distribution, m, settings):
    settings.IML_VERSIONS_MAX = 1
    corps = json.dumps(exemple())
    assert deposer(client, distribution.helene, m.appel35, corps).status_code == 201
    refus = deposer(client, distribution.helene, m.appel35, corps)
    assert refus.status_code == 429
    assert refus.json()["detail"].startswith(
        "Dépôt refusé : ce dossier compte déjà 1 version, le plafond."
    )


def test_un_siret_en_chiffres_arabes_orientaux_est_refuse_au_depot(client, distribution, m):
    """Le `\\d` du schéma (Python) accepte « ٣ » : l'API exige les chiffres 0 à 9."""
    document = exemple()
    document["porteur"]["siret"] = "42000000000034".translate(
        str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    )
    reponse = deposer(client, distribution.helene, m.appel35, json.dumps(document))
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        "Champ « porteur.siret » : chiffres 0 à 9 attendus (caractères non ASCII refusés)."
    ]


def test_une_liste_plus_longue_que_sur_le_site_est_refusee_sans_etre_lue(client, distribution, m):
    """400 000 éléments tenaient dans 2,5 Mo et occupaient le serveur une minute : refusés
    d'emblée, comme au-delà des 40 lignes du site."""
    document = exemple()
    document["publics"] = [[1]] * 400_000
    reponse = deposer(client, distribution.helene, m.appel35, json.dumps(document))
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        "Champ « publics » : 40 éléments au plus (reçu 400\u202f000)."
    ]


def test_une_zone_plus_longue_que_le_champ_du_site_est_refusee(client, distribution, m):
    document = exemple()
    document["zone"] = ["Rennes"] * 5_000  # 34 999 caractères, une commune par ligne
    reponse = deposer(client, distribution.helene, m.appel35, json.dumps(document))
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        "Champ « zone » : 20\u202f000 caractères au plus en tout, comme sur le site."
    ]


def test_un_corps_trop_lourd_par_la_session_repond_aussi_en_json(distribution, m):
    """Par la session du site, avec le jeton CSRF lu dans la page comme le dit docs/api.md."""
    import re

    from django.test import Client

    from tests.factories import connecter

    navigateur = Client(enforce_csrf_checks=True, raise_request_exception=False)
    connecter(navigateur, distribution.helene)
    page = navigateur.get("/").content.decode()
    jeton_csrf = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[0]
    reponse = navigateur.post(
        f"/api/appels/{m.appel35.pk}/dossiers",
        json.dumps({**exemple(), "experience": "x" * 2_700_000}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=jeton_csrf,
    )
    assert reponse.status_code == 413
    assert reponse.json()["detail"].startswith("Le corps de la requête dépasse 2,5 Mo")


def test_un_statut_inconnu_nomme_les_valeurs_permises_en_francais(client, distribution):
    reponse = client.get("/api/dossiers?statut=XYZ", **entetes(distribution.claire))
    assert reponse.status_code == 422
    detail = reponse.json()["detail"]
    assert "Le paramètre « statut » (dans la requête) n'est pas une valeur permise" in detail
    assert "PARTIELLEMENT_RETENU ou REFUSE" in detail
    assert " or " not in detail and "'REFUSE'" not in detail


@pytest.mark.parametrize(
    ("texte", "motif"),
    [
        ("Rennes\u0000", "caractère nul (\\u0000) refusé"),
        ("Rennes\ud800", "caractère Unicode invalide (demi-paire UTF-16 isolée)"),
    ],
)
def test_un_caractere_nul_ou_une_demi_paire_est_refuse_en_nommant_le_champ(
    client_sans_exception, distribution, m, texte, motif
):
    """PostgreSQL refuse \\u0000 dans un JSON (DataError, donc 500, trouvé par schemathesis) :
    le texte est refusé avant, avec le champ, sur toutes les bases ; rien n'est enregistré."""
    document = exemple()
    document["zone"] = [texte]
    reponse = deposer(client_sans_exception, distribution.helene, m.appel35, json.dumps(document))
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [f"Champ « zone[0] » : {motif}."]
    assert rien_n_est_enregistre(m)
