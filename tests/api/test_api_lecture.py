"""API en lecture : chaque persona ne voit que son périmètre (hors périmètre = 404)."""

from __future__ import annotations

import pytest

from iml.appels.enums import StatutDossier
from tests.api.outils import entetes, monde

pytestmark = pytest.mark.django_db


@pytest.fixture
def m(distribution):
    return monde(distribution)


def lire(client, utilisateur, url: str):
    return client.get(url, **entetes(utilisateur))


def ids(reponse) -> set[int]:
    assert reponse.status_code == 200, reponse.content
    return {x["id"] for x in reponse.json()}


# --- Appels ----------------------------------------------------------------------------------


def test_un_appel_donne_ses_dates_ses_places_et_son_bareme(client, distribution, m):
    reponse = lire(client, distribution.marc, f"/api/appels/{m.appel35.pk}")
    assert reponse.status_code == 200
    appel = reponse.json()
    assert appel["territoire"] == "35"
    assert appel["statut"] == "PUBLIE"
    assert appel["places"] == 140
    assert appel["date_limite_depot"] == "2019-03-04"
    assert appel["date_lancement"] == "2018-12-12"
    assert appel["bareme"] == {"code": m.appel35.jeu.code, "version": 1}
    assert appel["service"] == "DDETS d'Ille-et-Vilaine"
    assert [j["part_min_pct"] for j in appel["jalons"]] == ["50", "100"]
    assert len(appel["criteres_selection"]) == 8


def test_l_operateur_de_la_gironde_ne_voit_pas_l_appel_d_ille_et_vilaine(client, distribution, m):
    reponse = lire(client, distribution.louis, f"/api/appels/{m.appel35.pk}")
    assert reponse.status_code == 404
    assert "périmètre" in reponse.json()["detail"]
    assert "périmètre".encode() in reponse.content  # UTF-8, accents non échappés
    assert ids(lire(client, distribution.louis, "/api/appels")) >= {m.appel33.pk}
    assert m.appel35.pk not in ids(lire(client, distribution.louis, "/api/appels"))


def test_la_ddets_35_voit_ses_appels_et_pas_ceux_de_la_gironde(client, distribution, m):
    vus = ids(lire(client, distribution.claire, "/api/appels"))
    assert m.appel35.pk in vus and m.appel33.pk not in vus


def test_la_dreets_voit_les_appels_de_sa_region(client, distribution, m):
    vus = ids(lire(client, distribution.paul, "/api/appels"))
    assert m.appel33.pk in vus and m.appel35.pk not in vus


def test_le_filtre_de_statut_des_appels(client, distribution, m):
    assert m.appel35.pk in ids(lire(client, distribution.marc, "/api/appels?statut=PUBLIE"))
    assert ids(lire(client, distribution.marc, "/api/appels?statut=CLOS")) == set()


def test_un_statut_inconnu_est_refuse_en_francais(client, distribution, m):
    reponse = lire(client, distribution.marc, "/api/appels?statut=OUVERT")
    assert reponse.status_code == 422
    assert "« statut »" in reponse.json()["detail"]


def test_un_identifiant_non_numerique_est_refuse_en_francais(client, distribution, m):
    reponse = lire(client, distribution.marc, "/api/appels/abc")
    assert reponse.status_code == 422
    assert reponse.json()["detail"] == (
        "Le paramètre « id » (dans le chemin) doit être un nombre entier."
    )


# --- Dossiers --------------------------------------------------------------------------------


def test_l_operateur_ne_voit_que_ses_dossiers(client, distribution, m):
    assert ids(lire(client, distribution.marc, "/api/dossiers")) == {m.dossier_ais.pk}
    assert (
        lire(client, distribution.marc, f"/api/dossiers/{m.dossier_relais.pk}").status_code == 404
    )


def test_l_operateur_voit_son_brouillon(client, distribution, m):
    vus = lire(client, distribution.helene, "/api/dossiers").json()
    assert [(d["id"], d["statut"], d["version"]) for d in vus] == [
        (m.dossier_relais.pk, StatutDossier.BROUILLON, None)
    ]


def test_un_brouillon_jamais_verifie_n_a_pas_zero_erreur_mais_des_constats_inconnus(
    client, distribution, m
):
    """R-UNKNOWN : sans version déposée, le moteur n'a rien vérifié ; « 0 erreur » serait faux."""
    (brouillon,) = lire(client, distribution.helene, "/api/dossiers").json()
    assert (brouillon["erreurs"], brouillon["alertes"]) == (None, None)
    assert brouillon["chiffres_cles"]["places"] is None


def test_la_ddets_35_voit_les_dossiers_deposes_de_ses_appels(client, distribution, m):
    """Ni les brouillons des opérateurs, ni les dossiers de la Gironde."""
    assert ids(lire(client, distribution.claire, "/api/dossiers")) == {m.dossier_ais.pk}
    assert (
        lire(client, distribution.claire, f"/api/dossiers/{m.dossier_relais.pk}").status_code == 404
    )
    assert (
        lire(client, distribution.claire, f"/api/dossiers/{m.dossier_gironde.pk}").status_code
        == 404
    )


def test_la_dreets_nouvelle_aquitaine_voit_les_dossiers_de_sa_region(client, distribution, m):
    assert ids(lire(client, distribution.paul, "/api/dossiers")) == {m.dossier_gironde.pk}
    assert lire(client, distribution.paul, f"/api/dossiers/{m.dossier_ais.pk}").status_code == 404


@pytest.mark.parametrize("persona", ["sophie", "anne"])
def test_siao_et_cofinanceur_ne_voient_pas_les_dossiers(client, distribution, m, persona):
    utilisateur = getattr(distribution, persona)
    assert ids(lire(client, utilisateur, "/api/dossiers")) == set()
    assert lire(client, utilisateur, f"/api/dossiers/{m.dossier_ais.pk}").status_code == 404


def test_la_liste_des_dossiers_donne_les_chiffres_cles_et_les_constats(client, distribution, m):
    (dossier,) = lire(client, distribution.claire, "/api/dossiers").json()
    assert dossier["appel"] == m.appel35.pk
    assert dossier["operateur"] == {
        "nom": "AIS Rennes Habitat Solidaire",
        "siret": "42000000000034",
    }
    assert dossier["statut"] == "DEPOSE"
    assert dossier["version"] == 1
    assert dossier["chiffres_cles"] == {
        "places": 50,
        "logements": 30,
        "budget_total": "85500.00",
        "cout_par_place": "1710.00",
        "petits_logements_pct": "56.0",
    }
    assert (dossier["erreurs"], dossier["alertes"]) == (1, 1)


def test_la_liste_des_dossiers_se_filtre_par_appel(client, distribution, m):
    url = f"/api/dossiers?appel={m.appel33.pk}"
    assert ids(lire(client, distribution.admin, url)) == {m.dossier_gironde.pk}


def test_un_dossier_donne_le_contenu_et_les_constats_de_sa_derniere_version(
    client, distribution, m
):
    reponse = lire(client, distribution.claire, f"/api/dossiers/{m.dossier_ais.pk}")
    assert reponse.status_code == 200
    dossier = reponse.json()
    assert dossier["contenu"]["porteur"]["statut"] == "ASSOCIATION"
    assert [c["regle"] for c in dossier["constats"]] == [
        "R-COST-PLACE-MAX",
        "R-SMALL-UNITS",
        "R-MODE-SPLIT",
    ]
    assert dossier["bareme"] == {"code": m.appel35.jeu.code, "version": 1}
    assert dossier["chiffres"]["budget"]["total"] == "85500.00"


def test_un_brouillon_n_a_ni_contenu_depose_ni_constats(client, distribution, m):
    dossier = lire(client, distribution.helene, f"/api/dossiers/{m.dossier_relais.pk}").json()
    assert (dossier["contenu"], dossier["constats"], dossier["bareme"]) == (None, [], None)


def test_l_administrateur_voit_tout(client, distribution, m):
    vus = ids(lire(client, distribution.admin, "/api/dossiers"))
    assert {m.dossier_ais.pk, m.dossier_relais.pk, m.dossier_gironde.pk} <= vus


# --- R-UNKNOWN et journal des consultations (issue 8) ----------------------------------------


def _chiffres_places(dossier, places: dict) -> None:
    version = dossier.versions.get()
    version.chiffres = {**version.chiffres, "budget": {**version.chiffres["budget"], **places}}
    version.save(update_fields=["chiffres"])


@pytest.mark.parametrize("inconnue", [None, "25", 12.5])
def test_un_total_de_places_dont_une_part_est_inconnue_reste_inconnu(
    client, distribution, m, inconnue
):
    """R-UNKNOWN : 25 places en mandat de gestion et un nombre inconnu (ou illisible) en
    sous-location ne font pas « 25 places » : le total est null."""
    _chiffres_places(m.dossier_ais, {"places": {"MANDAT_GESTION": 25, "SOUS_LOCATION": inconnue}})
    (dossier,) = lire(client, distribution.claire, "/api/dossiers").json()
    assert dossier["chiffres_cles"]["places"] is None
    assert dossier["chiffres_cles"]["logements"] == 30


def test_la_lecture_d_un_dossier_par_l_api_est_journalisee(client, distribution, m):
    from auditlog.models import LogEntry

    assert lire(client, distribution.claire, f"/api/dossiers/{m.dossier_ais.pk}").status_code == 200
    assert LogEntry.objects.filter(
        object_pk=str(m.dossier_ais.pk), action=LogEntry.Action.ACCESS, actor=distribution.claire
    ).exists()


@pytest.fixture
def appels_au_journal():
    """Le modèle des appels inscrit au journal d'audit le temps du test (s'il ne l'est pas)."""
    from auditlog.registry import auditlog

    from iml.appels.models import AppelACandidatures

    deja = auditlog.contains(AppelACandidatures)
    if not deja:
        auditlog.register(AppelACandidatures)
    yield
    if not deja:
        auditlog.unregister(AppelACandidatures)


def test_la_lecture_d_un_appel_par_l_api_est_journalisee(
    client, distribution, m, appels_au_journal
):
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    assert lire(client, distribution.marc, f"/api/appels/{m.appel35.pk}").status_code == 200
    assert LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(m.appel35),
        object_pk=str(m.appel35.pk),
        action=LogEntry.Action.ACCESS,
        actor=distribution.marc,
    ).exists()
