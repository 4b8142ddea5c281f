"""Un seul encodage des montants en JSON : chaînes décimales exactes, écrites partout
(`Dossier.contenu`, paramètres d'un appel) ; les nombres des contenus anciens restent lus."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from iml.appels import moteur
from iml.appels.enums import StatutAppel
from regles.conversion import chaine_decimale
from tests.appels.matrice_dossiers import appel_ouvert, contenu_complet
from tests.appels.test_appels_fabriques import creer_appel, donnees_parametres
from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        ("1234.50", "1234.5"),
        ("800.00", "800"),
        ("0.75", "0.75"),
        ("1E+3", "1000"),
        (0, "0"),
        # « −0 » saisi dans un montant : 0, jamais « -0 » que le moteur ne relirait pas.
        ("-0", "0"),
        ("-0.00", "0"),
    ],
)
def test_chaine_decimale(valeur, attendu):
    assert chaine_decimale(Decimal(valeur)) == attendu


def test_les_parametres_d_un_appel_sont_ecrits_en_chaines(client, distribution):
    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    donnees = donnees_parametres(
        appel,
        budget="250 000,50",
        part_mg="60",
        part_sl="40",
        cout_moyen_max_par_place="2100",
        note_max="5",
        jalon_1_pct="40",
        critere_1_poids="0,5",
    )
    connecter(client, distribution.claire)
    reponse = client.post(reverse("appels:modifier", args=[appel.pk]), donnees)
    assert reponse.status_code == 302, reponse.context["form"].errors
    appel.refresh_from_db()
    p = appel.jeu.parametres
    assert p["appel"]["budget"] == "250000.5"
    assert p["appel"]["note_max"] == "5"
    assert p["appel"]["jalons"][0]["part_min_pct"] == "40"
    assert p["appel"]["criteres_selection"][0]["poids"] == "0.5"
    assert p["repartition_cible_pct"] == {"MANDAT_GESTION": "60", "SOUS_LOCATION": "40"}
    assert p["cout_moyen_max_par_place"] == "2100"
    assert appel.jeu.en_bareme().appel.budget == Decimal("250000.5")


def _en_nombres(contenu: dict) -> dict:
    """Le contenu d'exemple, ses montants en nombres JSON comme l'écrivaient les anciennes
    versions (flottants compris)."""
    services = contenu["services"]
    services["captation"]["cout_par_logement"] = 600
    services["gestion"]["SOUS_LOCATION"][0]["cout_par_logement"] = 1200.0
    for f in contenu["financements"]:
        f["montant"] = int(f["montant"])
    return contenu


def test_un_contenu_ancien_en_nombres_donne_le_meme_budget(distribution):
    appel = appel_ouvert(distribution.claire, "Appel IML 35 — dépôt ouvert")
    jour = appel.jeu.en_bareme().appel.date_lancement
    en_chaines = moteur.verifier(contenu_complet(), appel, jour)
    en_nombres = moteur.verifier(_en_nombres(contenu_complet()), appel, jour)
    assert en_chaines.invalide == [] and en_nombres.invalide == []
    assert en_chaines.chiffres["budget"] == en_nombres.chiffres["budget"]
    assert en_chaines.chiffres["budget"]["total"] == "85500.00"


@pytest.mark.parametrize("mauvais", ["12,5", "NaN", "1e5", "-3", "12.345"])
def test_un_montant_mal_ecrit_est_refuse_en_nommant_le_champ(distribution, mauvais):
    appel = appel_ouvert(distribution.claire, "Appel IML 35 — dépôt ouvert")
    contenu = contenu_complet()
    contenu["services"]["captation"]["cout_par_logement"] = mauvais
    resultat = moteur.verifier(contenu, appel, appel.jeu.en_bareme().appel.date_lancement)
    assert resultat.invalide == [
        "Champ « services.captation.cout_par_logement » : nombre attendu (par exemple "
        f"1234.50), reçu « {mauvais} »."
    ]
