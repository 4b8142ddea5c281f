"""API du parc : ce qu'un logiciel de l'opérateur voit, crée et modifie — et ce qui lui est
refusé, en JSON qui nomme le champ ou la règle (jamais un 500, rien d'écrit)."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry

from iml.parc.models import Logement
from tests.api.outils import entetes
from tests.appels.factories import DossierFactory
from tests.parc.factories import BailleurFactory, LogementFactory

pytestmark = pytest.mark.django_db

LISTE = "/api/parc/logements"


@pytest.fixture
def client_sans_exception(client):
    """Une erreur 500 devient une réponse (pas une exception du test) : on lit son statut."""
    client.raise_request_exception = False
    return client


def lire(client, utilisateur, chemin: str, **params):
    return client.get(chemin, params, **entetes(utilisateur))


def ecrire(client, utilisateur, methode: str, chemin: str, corps):
    texte = corps if isinstance(corps, str) else json.dumps(corps)
    envoyer = getattr(client, methode)
    return envoyer(chemin, texte, content_type="application/json", **entetes(utilisateur))


@pytest.fixture
def parc(distribution):
    """Un logement de l'AIS (julie) et un du Relais (thomas)."""
    ais = LogementFactory(agent=distribution.julie, adresse="3 rue de Brest")
    relais = LogementFactory(agent=distribution.thomas, sous_location=True, adresse="9 quai")
    return ais, relais


def corps_valide(bailleur, **autres):
    return {
        "bailleur": bailleur.pk,
        "adresse": "12 rue Saint-Malo",
        "code_postal": "35000",
        "commune": "Rennes",
        "typologie": "T3",
        "forme": "SOUS_LOCATION",
        **autres,
    }


# --- Périmètre et rôles -------------------------------------------------------------------------


def test_chaque_gestionnaire_ne_voit_que_le_parc_de_son_organisation(client, distribution, parc):
    ais, relais = parc
    vus_julie = lire(client, distribution.julie, LISTE).json()
    vus_thomas = lire(client, distribution.thomas, LISTE).json()
    assert [x["id"] for x in vus_julie["resultats"]] == [ais.pk]
    assert [x["id"] for x in vus_thomas["resultats"]] == [relais.pk]
    assert lire(client, distribution.julie, f"{LISTE}/{relais.pk}").status_code == 404
    assert lire(client, distribution.thomas, f"{LISTE}/{relais.pk}").status_code == 200


def test_modifier_le_logement_d_un_autre_operateur_repond_404_sans_rien_changer(
    client, distribution, parc
):
    _, relais = parc
    reponse = ecrire(client, distribution.julie, "patch", f"{LISTE}/{relais.pk}", {"loyer": "1"})
    assert reponse.status_code == 404
    assert reponse.json()["detail"].startswith("Introuvable")
    relais.refresh_from_db()
    assert str(relais.loyer) == "520.00"


@pytest.mark.parametrize("persona", ["claire", "sophie", "anne", "nadia"])
def test_hors_de_la_gestion_du_parc_les_listes_sont_vides_et_les_fiches_introuvables(
    client, distribution, parc, persona
):
    utilisateur = getattr(distribution, persona)
    assert lire(client, utilisateur, LISTE).json()["resultats"] == []
    assert lire(client, utilisateur, "/api/parc/bailleurs").json()["resultats"] == []
    assert lire(client, utilisateur, f"{LISTE}/{parc[0].pk}").status_code == 404


@pytest.mark.parametrize("persona", ["claire", "nadia", "sophie"])
def test_hors_de_la_gestion_du_parc_une_ecriture_est_refusee_en_nommant_r_parc(
    client, distribution, parc, persona
):
    utilisateur = getattr(distribution, persona)
    reponse = ecrire(client, utilisateur, "post", LISTE, corps_valide(parc[0].bailleur))
    assert reponse.status_code == 403
    assert reponse.json()["detail"].startswith("R-PARC : le parc d'un opérateur")
    assert Logement.objects.count() == 2


def test_la_fiche_ne_donne_pas_l_identite_du_bailleur_et_sa_lecture_est_journalisee(
    client, distribution, parc
):
    ais, _ = parc
    avant = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    reponse = lire(client, distribution.julie, f"{LISTE}/{ais.pk}")
    assert reponse.json()["bailleur"] == ais.bailleur_id
    assert ais.bailleur.nom not in reponse.content.decode()
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == avant + 1


def test_les_bailleurs_de_l_organisation_avec_leur_nombre_de_logements(client, distribution, parc):
    BailleurFactory(agent=distribution.julie, nom="Zola")
    page = lire(client, distribution.marc, "/api/parc/bailleurs").json()
    assert page["nombre"] == 2
    assert [(b["nom"], b["logements"]) for b in page["resultats"]] == [
        (parc[0].bailleur.nom, 1),
        ("Zola", 0),
    ]
    assert parc[1].bailleur.nom not in json.dumps(page)


# --- Création, lecture, modification ------------------------------------------------------------


def test_creer_puis_relire_un_logement_avec_ses_decimaux_en_chaines(client, distribution, parc):
    bailleur = parc[0].bailleur
    corps = corps_valide(bailleur, loyer="612.5", redevance="330", surface_m2="54.20")
    cree = ecrire(client, distribution.julie, "post", LISTE, corps)
    assert cree.status_code == 201, cree.json()
    relu = lire(client, distribution.julie, f"{LISTE}/{cree.json()['id']}").json()
    assert relu == cree.json()
    assert (relu["loyer"], relu["redevance"], relu["surface_m2"]) == ("612.50", "330.00", "54.20")
    assert relu["charges"] is None  # non renseigné, jamais « 0.00 » (R-UNKNOWN)
    assert relu["commune"] == {"code": "35238", "nom": "Rennes"}
    assert (relu["statut"], relu["capacite"], relu["zone"]) == ("EN_CAPTATION", 4, "TENDUE")


def test_un_patch_ne_change_que_les_champs_envoyes_et_null_efface(client, distribution, parc):
    ais, _ = parc
    chemin = f"{LISTE}/{ais.pk}"
    reponse = ecrire(client, distribution.julie, "patch", chemin, {"charges": None, "etage": 2})
    assert reponse.status_code == 200, reponse.json()
    apres = reponse.json()
    assert (apres["charges"], apres["etage"], apres["loyer"]) == (None, 2, "520.00")
    assert apres["adresse"] == "3 rue de Brest"
    ais.refresh_from_db()
    assert ais.charges is None and ais.etage == 2


def test_le_statut_ne_se_change_pas_par_l_api(client, distribution, parc):
    chemin = f"{LISTE}/{parc[0].pk}"
    reponse = ecrire(client, distribution.julie, "patch", chemin, {"statut": "DISPONIBLE"})
    assert reponse.status_code == 422
    assert (
        "« logement.statut » (dans le corps) n'est pas un champ permis" in reponse.json()["detail"]
    )


def test_un_logement_restitue_ne_change_plus(client, distribution):
    restitue = LogementFactory(statut="RESTITUE")
    reponse = ecrire(client, distribution.julie, "patch", f"{LISTE}/{restitue.pk}", {"etage": 1})
    assert reponse.status_code == 422
    assert "R-PARC : ce logement est restitué" in reponse.json()["detail"]


# --- Entrées refusées : un 4xx JSON qui nomme le champ, rien d'écrit ------------------------------

MAUVAISES_ENTREES = [
    ({"capacite": "trois"}, "« logement.capacite » (dans le corps) doit être un nombre entier"),
    ({"capacite": 1e100}, "« logement.capacite » (dans le corps) doit être un nombre entier"),
    ({"capacite": 8}, "« logement.capacite » (dans le corps) doit être inférieur ou égal à 7"),
    ({"capacite": 0}, "« logement.capacite » (dans le corps) doit être supérieur ou égal à 1"),
    ({"etage": -100}, "« logement.etage » (dans le corps) doit être supérieur ou égal à −5"),
    ({"adresse": "x" * 10_000}, "« logement.adresse » (dans le corps) dépasse la longueur"),
    ({"adresse": "1 rue\x00"}, "« logement.adresse » (dans le corps) est invalide"),
    ({"loyer": "520,5"}, "« logement.loyer » (dans le corps) n'a pas le format attendu"),
    ({"loyer": "-5.00"}, "« logement.loyer » (dans le corps) n'a pas le format attendu"),
    ({"loyer": "1e100"}, "« logement.loyer » (dans le corps) n'a pas le format attendu"),
    ({"loyer": "520.555"}, "« logement.loyer » (dans le corps) n'a pas le format attendu"),
    ({"loyer": 520.5}, "« logement.loyer » (dans le corps) doit être un texte entre guillemets"),
    ({"surface_m2": "10000"}, "« logement.surface_m2 » (dans le corps) n'a pas le format"),
    ({"surface_m2": "10000.00"}, "« logement.surface_m2 » (dans le corps) dépasse la longueur"),
    ({"typologie": "T9"}, "« logement.typologie » (dans le corps) n'est pas une valeur permise"),
    ({"forme": "COLOCATION"}, "« logement.forme » (dans le corps) n'est pas une valeur permise"),
    ({"classe_dpe": "H"}, "« logement.classe_dpe » (dans le corps) n'est pas une valeur permise"),
    ({"meuble": "peut-être"}, "« logement.meuble » (dans le corps) doit valoir true ou false"),
    ({"date_dpe": "05/03/2026"}, "« logement.date_dpe » (dans le corps) doit être une date"),
    ({"proprietaire": "Dupont"}, "« logement.proprietaire » (dans le corps) n'est pas un champ"),
    ({"commune": "33063"}, "Champ « commune » : Commune : « 33063 » n'est pas une commune"),
    ({"capacite": 5, "typologie": "T2"}, "Champ « capacite » : R-CAPACITY : 5 places dépassent"),
    ({"convention": 999_999}, "« convention » (dans le corps) : aucune convention de votre"),
    (
        {"logement_social": True},
        "Champ « justification_social » : R-PUBLIC-STOCK : l'IML mobilise le parc privé",
    ),
]


@pytest.mark.parametrize(("remplace", "message"), MAUVAISES_ENTREES)
def test_une_mauvaise_entree_est_un_422_json_qui_nomme_le_champ(
    client_sans_exception, distribution, parc, remplace, message
):
    corps = corps_valide(parc[0].bailleur, **remplace)
    reponse = ecrire(client_sans_exception, distribution.julie, "post", LISTE, corps)
    assert reponse.status_code == 422, reponse.content
    assert reponse["Content-Type"].startswith("application/json")
    assert message in reponse.json()["detail"]
    assert Logement.objects.count() == 2


def test_la_redevance_d_un_mandat_de_gestion_est_refusee_par_r_mode(client, distribution, parc):
    chemin = f"{LISTE}/{parc[0].pk}"
    reponse = ecrire(client, distribution.julie, "patch", chemin, {"redevance": "300.00"})
    assert reponse.status_code == 422
    assert reponse.json()["erreurs"] == [
        "Champ « redevance » : R-MODE : la redevance ne concerne que la sous-location."
    ]
    parc[0].refresh_from_db()
    assert parc[0].redevance is None


def test_le_bailleur_d_un_autre_operateur_est_refuse_en_nommant_le_champ(
    client, distribution, parc
):
    corps = corps_valide(parc[1].bailleur)  # bailleur du Relais
    reponse = ecrire(client, distribution.julie, "post", LISTE, corps)
    assert reponse.status_code == 422
    assert reponse.json()["detail"] == (
        "Le paramètre « bailleur » (dans le corps) : aucun bailleur de votre organisation "
        "n'a cet identifiant."
    )


def test_un_champ_obligatoire_ne_s_efface_pas_par_null(client, distribution, parc):
    reponse = ecrire(
        client, distribution.julie, "patch", f"{LISTE}/{parc[0].pk}", {"adresse": None}
    )
    assert reponse.status_code == 422
    assert "« logement.adresse »" in reponse.json()["detail"]


@pytest.mark.parametrize("corps", ["{", "[]", "null", '"texte"', "1e400"])
def test_un_corps_qui_n_est_pas_un_objet_json_est_un_4xx_json(
    client_sans_exception, distribution, parc, corps
):
    reponse = ecrire(client_sans_exception, distribution.julie, "post", LISTE, corps)
    assert reponse.status_code in (400, 422)
    assert reponse.json()["detail"]


# --- Convention, filtres et pages ---------------------------------------------------------------


@pytest.fixture
def convention_ais(distribution):
    return DossierFactory(conventionne=True).convention


def test_une_convention_se_rattache_et_filtre_la_liste(client, distribution, parc, convention_ais):
    ais, relais = parc
    chemin = f"{LISTE}/{ais.pk}"
    reponse = ecrire(client, distribution.julie, "patch", chemin, {"convention": convention_ais.pk})
    assert reponse.json()["convention"] == convention_ais.numero
    page = lire(client, distribution.julie, LISTE, convention=convention_ais.pk).json()
    assert [x["id"] for x in page["resultats"]] == [ais.pk]
    chez_thomas = f"{LISTE}/{relais.pk}"
    refus = ecrire(
        client, distribution.thomas, "patch", chez_thomas, {"convention": convention_ais.pk}
    )
    assert refus.status_code == 422
    assert "« convention »" in refus.json()["detail"]


def test_les_filtres_statut_forme_et_commune(client, distribution, parc):
    LogementFactory(agent=distribution.julie, sous_location=True, commune="35288")  # Saint-Malo
    LogementFactory(agent=distribution.julie, statut="DISPONIBLE")

    def ids(**filtres):
        return len(lire(client, distribution.julie, LISTE, **filtres).json()["resultats"])

    assert ids() == 3
    assert ids(forme="SOUS_LOCATION") == 1
    assert ids(statut="DISPONIBLE") == 1
    assert ids(commune="35288") == 1
    reponse = lire(client, distribution.julie, LISTE, statut="LOUE")
    assert reponse.status_code == 422
    assert "« statut » (dans la requête) n'est pas une valeur permise" in reponse.json()["detail"]


def test_les_pages_sont_bornees(client, distribution, parc):
    for _ in range(3):
        LogementFactory(agent=distribution.julie)
    page = lire(client, distribution.julie, LISTE, limit=2, offset=2).json()
    assert (page["nombre"], page["limit"], page["offset"], len(page["resultats"])) == (4, 2, 2, 2)
    trop = lire(client, distribution.julie, LISTE, limit=10_000)
    assert trop.status_code == 422
    assert "« limit » (dans la requête) doit être inférieur ou égal à 200" in trop.json()["detail"]


@pytest.mark.parametrize("chemin", [LISTE, "/api/parc/bailleurs"])
def test_le_nombre_de_requetes_ne_croit_pas_avec_le_nombre_de_lignes(
    client, distribution, django_assert_max_num_queries, chemin
):
    LogementFactory(agent=distribution.julie)
    with django_assert_max_num_queries(10) as peu:
        assert lire(client, distribution.julie, chemin).status_code == 200
    for _ in range(12):
        LogementFactory(agent=distribution.julie)
    with django_assert_max_num_queries(len(peu.captured_queries)):
        page = lire(client, distribution.julie, chemin).json()
    assert page["nombre"] == 13


# --- Authentification ---------------------------------------------------------------------------


def test_sans_authentification_401_et_par_la_session_sans_csrf_403(client, distribution, parc):
    from django.test import Client

    from tests.factories import connecter

    assert client.get(LISTE).status_code == 401
    navigateur = Client(enforce_csrf_checks=True)
    connecter(navigateur, distribution.julie)
    assert navigateur.get(LISTE).json()["nombre"] == 1
    chemin = f"{LISTE}/{parc[0].pk}"
    reponse = navigateur.patch(chemin, '{"etage": 1}', content_type="application/json")
    assert reponse.status_code == 403
    assert reponse.json()["detail"].startswith("Jeton CSRF absent ou invalide")


def test_les_ecritures_publient_les_memes_schemas_de_securite(client, db):
    document = client.get("/api/openapi.json").json()
    assert set(document["components"]["securitySchemes"]) == {"JetonPorteur", "SessionNavigateur"}
    creation = document["paths"]["/api/parc/logements"]["post"]
    assert creation["security"] == [{"JetonPorteur": []}, {"SessionNavigateur": []}]
    corps = creation["requestBody"]["content"]["application/json"]["schema"]
    assert corps["$ref"].endswith("/LogementCreation")
    proprietes = document["components"]["schemas"]["LogementCreation"]["properties"]
    assert proprietes["adresse"]["maxLength"] == 250
    assert (
        proprietes["capacite"]["anyOf"][0]["minimum"],
        proprietes["capacite"]["anyOf"][0]["maximum"],
    ) == (1, 7)
