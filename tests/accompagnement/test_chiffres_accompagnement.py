"""Chiffres d'activité de l'accompagnement (R-STATS) contre un cas calculé à la main ; périmètres
(direction : les siens ; État : son territoire ; cofinanceur : les plans cofinancés de son
territoire ; jamais un nom) ; année choisie ; export CSV ; requêtes en nombre fixe."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from iml.accompagnement.services import plans, suivi
from tests.accompagnement.factories import (
    ContactFactory,
    OrientationFactory,
    PartenaireFactory,
    PlanFactory,
)
from tests.appels.factories import acteur, demo
from tests.factories import connecter

pytestmark = pytest.mark.django_db

URL = "/accompagnement/chiffres/"
URL_CSV = "/accompagnement/chiffres/export.csv"
A = timezone.localdate().year - 1  # une année écoulée : ses douze mois comptent


@pytest.fixture
def activite(distribution):
    """L'année A, calculée à la main.

    AIS Rennes (nadia) :
    - P1 ouvert le 01/06/(A-1), toujours ouvert, régulier, IML d'État : 12 mois en A ;
      6 visites à domicile et 3 appels en A, 1 visite en A-1 (hors de l'année) ;
    - P2 mesure du conseil départemental, légère, du 10/03/A au 20/08/A (relais pris par le
      droit commun) : 6 mois (mars à août) ; 2 rendez-vous au bureau pendant le plan, 1 après
      sa fin (hors plan) ; une orientation vers un CCAS le 01/04/A, prise en charge.
    Le Relais (ines) : P3 « un petit chez-soi » (ARS + État) ouvert le 01/12/A : 1 mois,
    4 visites à domicile.

    AIS : 2 ménages, 18 mois, 11 contacts ; visites 6/18 = 0,3 ; téléphone 3/18 = 0,2 ;
    bureau 2/18 = 0,1 ; tous canaux 11/18 = 0,6. Relais : 1 ménage, 1 mois, visites 4,0.
    Total : 3 ménages, 19 mois, visites 10/19 = 0,5."""
    p1 = PlanFactory(debut_le=date(A - 1, 6, 1))
    for mois in range(1, 7):
        ContactFactory(menage=p1.menage, le=date(A, mois, 12))
    for mois in (2, 5, 9):
        ContactFactory(menage=p1.menage, le=date(A, mois, 3), canal="TELEPHONE")
    ContactFactory(menage=p1.menage, le=date(A - 1, 12, 15))
    p2 = PlanFactory(mesure_cd=True, intensite="LEGERE", debut_le=date(A, 3, 10))
    for jour in (date(A, 3, 20), date(A, 7, 1), date(A, 10, 1)):
        ContactFactory(menage=p2.menage, le=jour, canal="BUREAU")
    orientation = OrientationFactory(
        menage=p2.menage, partenaire=PartenaireFactory(nom="CCAS de Rennes"), le=date(A, 4, 1)
    )
    aujourd_hui = timezone.localdate()
    suivi.noter_suite(
        acteur=acteur(demo("nadia")), orientation=orientation, issue="PRISE_EN_CHARGE",
        issue_le=date(A, 5, 1), aujourd_hui=aujourd_hui,
    )  # fmt: skip
    plans.clore_plan(
        acteur=acteur(demo("nadia")), plan=p2, fin_le=date(A, 8, 20),
        issue="RELAIS_DROIT_COMMUN", note_fin="", aujourd_hui=aujourd_hui,
    )  # fmt: skip
    ines = demo("ines")
    p3 = PlanFactory(agent=ines, gestion="thomas", petit_chez_soi=True, debut_le=date(A, 12, 1))
    for jour in (1, 8, 15, 22):
        ContactFactory(agent=ines, menage=p3.menage, le=date(A, 12, jour))
    return distribution


def _chiffres(client, utilisateur, annee=A):
    connecter(client, utilisateur)
    reponse = client.get(URL, {"annee": annee})
    assert reponse.status_code == 200
    return reponse.context["chiffres"], html.unescape(reponse.content.decode())


def _valeurs(chiffres, ident: str, libelle: str) -> list:
    tableau = next(t for t in chiffres.tableaux if t.ident == ident)
    return next(ligne.valeurs for ligne in tableau.lignes if ligne.libelle == libelle)


def test_r_stats_la_direction_lit_les_chiffres_de_son_operateur(client, activite):
    c, page = _chiffres(client, activite.marc)
    assert c.colonnes == [activite.org.ais35.nom]  # ni les autres opérateurs ni de total
    assert _valeurs(c, "activite", "Ménages accompagnés") == [2]
    assert _valeurs(c, "activite", "Mois d'accompagnement (ménages × mois)") == [18]
    assert _valeurs(c, "activite", "Contacts") == [11]
    assert _valeurs(c, "activite", "Orientations vers un partenaire") == [1]
    assert _valeurs(c, "activite", "Plans clos") == [1]
    assert _valeurs(c, "contacts", "Visite à domicile") == [Decimal("0.3")]
    assert _valeurs(c, "contacts", "Téléphone") == [Decimal("0.2")]
    assert _valeurs(c, "contacts", "Rendez-vous au bureau") == [Decimal("0.1")]
    assert _valeurs(c, "contacts", "Tous canaux") == [Decimal("0.6")]
    assert _valeurs(c, "contacts", "Visioconférence") == [Decimal("0")]
    assert _valeurs(c, "intensite", "Légère") == [1]
    assert _valeurs(c, "intensite", "Régulière") == [1]
    assert _valeurs(c, "dispositif", "Mesure du conseil départemental (médiation, GLA)") == [1]
    assert _valeurs(c, "orientations_type", "CCAS ou CIAS") == [1]
    assert _valeurs(c, "orientations_suite", "Prise en charge par le partenaire") == [1]
    assert _valeurs(c, "clos", "Relais pris par le droit commun") == [1]
    assert "Martin" not in page and "Awa" not in page and "MEN-" not in page


def test_r_stats_l_etat_voit_son_territoire_le_total_et_aucun_nom(client, activite):
    c, page = _chiffres(client, activite.claire)
    o = activite.org
    assert c.colonnes == [o.ais35.nom, o.relais35.nom, o.toit35.nom, "Total"]
    # Toit Partagé n'a aucun plan dans l'année : rien de déclaré, « non renseigné » et non 0
    # (R-UNKNOWN), hors du total.
    assert _valeurs(c, "activite", "Ménages accompagnés") == [2, 1, None, 3]
    assert _valeurs(c, "activite", "Mois d'accompagnement (ménages × mois)") == [18, 1, None, 19]
    visites = [Decimal("0.3"), Decimal("4.0"), None, Decimal("0.5")]
    assert _valeurs(c, "contacts", "Visite à domicile") == visites
    assert _valeurs(c, "dispositif", "Un petit chez-soi") == [0, 1, None, 1]
    assert c.non_renseignes == [o.toit35.nom]
    assert f"donc « non renseigné » et hors du total (R-UNKNOWN) : {o.toit35.nom}." in page
    assert "non renseigné" in page and "4,0" in page
    assert "Martin" not in page and "Awa" not in page and "MEN-" not in page
    assert "Gironde" not in page


def test_r_cofunding_le_cofinanceur_ne_voit_que_les_plans_du_departement(client, activite):
    c, page = _chiffres(client, activite.anne)
    assert "financés par le conseil départemental ou le FAPI" in page
    # P1 (IML d'État) et P3 (ARS + État) ne sont pas comptés ; seul P2 (CD) l'est. Pour le
    # cofinanceur, 0 plan financé par le département est un vrai 0.
    assert _valeurs(c, "activite", "Ménages accompagnés") == [1, 0, 0, 1]
    assert _valeurs(c, "activite", "Mois d'accompagnement (ménages × mois)") == [6, 0, 0, 6]
    assert _valeurs(c, "dispositif", "Un petit chez-soi") == [0, 0, 0, 0]
    assert _valeurs(c, "contacts", "Rendez-vous au bureau") == [
        Decimal("0.3"),
        None,
        None,
        Decimal("0.3"),
    ]
    assert _valeurs(c, "contacts", "Visite à domicile")[0] == 0
    assert c.non_renseignes == []
    assert "Martin" not in page and "Awa" not in page


def test_r_cd_measures_un_plan_finance_par_le_fapi_est_au_cofinanceur(client, activite):
    PlanFactory(financements=[("FAPI", Decimal("1200.00"))], debut_le=date(A, 11, 1))
    c, _ = _chiffres(client, activite.anne)
    assert _valeurs(c, "activite", "Ménages accompagnés") == [2, 0, 0, 2]


def test_la_dreets_voit_sa_region(client, activite):
    c, _ = _chiffres(client, activite.paul)
    assert c.colonnes == [activite.org.solidarite33.nom, "Total"]


def test_une_autre_annee_et_une_annee_hors_liste(client, activite):
    c, _ = _chiffres(client, activite.marc, annee=A - 1)
    # En A-1 : P1 de juin à décembre (7 mois), la visite du 15/12.
    assert _valeurs(c, "activite", "Mois d'accompagnement (ménages × mois)") == [7]
    assert _valeurs(c, "activite", "Contacts") == [1]
    connecter(client, activite.marc)
    reponse = client.get(URL, {"annee": "1990"})
    page = html.unescape(reponse.content.decode())
    assert reponse.status_code == 200
    assert page.count("« Année » : choisissez une année de la liste.") == 2
    assert reponse.context["chiffres"].annee == timezone.localdate().year
    # L'export ne change pas d'année en silence : il renvoie à l'écran qui explique.
    reponse = client.get(URL_CSV, {"annee": "deux-mille"})
    assert reponse.status_code == 302 and reponse["Location"] == f"{URL}?annee=deux-mille"


def test_l_export_csv_reprend_les_chiffres_de_l_ecran(client, activite):
    connecter(client, activite.claire)
    reponse = client.get(URL_CSV, {"annee": A})
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="accompagnement-chiffres-{A}.csv"' in reponse["Content-Disposition"]
    contenu = reponse.content.decode("utf-8")
    assert contenu.startswith("\ufeffAnnée;Opérateur;Rubrique;Indicateur;Valeur\r\n")
    lignes = contenu.splitlines()
    ais = activite.org.ais35.nom
    rubrique = "Contacts par ménage et par mois, par canal"
    assert f"{A};{ais};{rubrique};Visite à domicile;0,3" in lignes
    assert f"{A};{activite.org.toit35.nom};{rubrique};Visite à domicile;non renseigné" in lignes
    assert f"{A};Total;Accompagnement en {A};Ménages accompagnés;3" in lignes
    assert "Martin" not in contenu and "Awa" not in contenu


def _requetes(client) -> int:
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(URL, {"annee": A}).status_code == 200
    return len(requetes.captured_queries)


def test_le_nombre_de_requetes_ne_depend_pas_du_nombre_de_plans(
    client, activite, django_assert_max_num_queries
):
    connecter(client, activite.claire)
    une = _requetes(client)
    for _ in range(3):
        plan = PlanFactory(debut_le=date(A, 2, 1))
        ContactFactory(menage=plan.menage, le=date(A, 3, 1))
        OrientationFactory(menage=plan.menage, le=date(A, 3, 2))
    assert _requetes(client) == une
    with django_assert_max_num_queries(12):  # session, acteur, page : un nombre fixe
        _requetes(client)


@pytest.mark.parametrize("persona", ["nadia", "ines", "julie", "sophie"])
def test_ni_le_travail_social_ni_la_gestion_ni_le_siao(client, distribution, persona):
    connecter(client, getattr(distribution, persona))
    assert client.get(URL).status_code == 403
    assert client.get(URL_CSV).status_code == 403
