"""Liste des ménages : ce que voient la gestion locative (julie), la direction (marc) et le
travail social (nadia) ; recherche, filtres, pagination qui garde les filtres, état vide ;
nombre de requêtes indépendant du nombre de lignes ; refus aux autres."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import connecter
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode())


def page_de(client, utilisateur, **params) -> str:
    connecter(client, utilisateur)
    reponse = client.get(reverse("menages:liste"), params)
    assert reponse.status_code == 200
    return texte(reponse)


@pytest.mark.parametrize("persona", ["julie", "marc"])
def test_la_gestion_voit_les_menages_de_son_organisation(client, distribution, persona):
    MenageFactory(nom="Diallo", reference="AIS-1", dernier_contact_le=date(2026, 1, 5))
    MenageFactory(agent=distribution.thomas, nom="Relaisien", reference="REL-1")
    page = page_de(client, getattr(distribution, persona))
    assert "Diallo Awa" in page and "AIS-1" in page and "Relaisien" not in page
    assert "2 personnes" in page and "IML classique" in page
    assert "05/01/2026" in page
    assert "Nouveau ménage" in page


def test_colonnes_logement_actuel_et_referent(client, distribution):
    occupation = OccupationFactory(menage=MenageFactory(nom="Loge", suivi_par_nadia=True))
    MenageFactory(nom="Attente")
    page = page_de(client, distribution.julie)
    assert f"{occupation.logement.adresse} (mandat de gestion)" in page
    assert "Nadia" in page
    ligne_attente = page.split("Attente Awa")[1].split("</tr>")[0]
    assert "—" in ligne_attente and "aucun" in ligne_attente


def test_triee_par_nom(client, distribution):
    for nom in ("Zola", "Abadie", "Martin"):
        MenageFactory(nom=nom)
    page = page_de(client, distribution.julie)
    assert page.index("Abadie") < page.index("Martin") < page.index("Zola")


def test_recherche_par_nom_prenom_ou_reference(client, distribution):
    MenageFactory(nom="Diallo", prenom="Fatou", reference="AIS-0042")
    MenageFactory(nom="Bernard", prenom="Luc", reference="AIS-0007")
    connecter(client, distribution.julie)
    for recherche in ("diallo", "Fatou", "0042", "fatou dial"):
        page = texte(client.get(reverse("menages:liste"), {"q": recherche}))
        assert "Diallo" in page and "Bernard" not in page, recherche
    page = texte(client.get(reverse("menages:liste"), {"q": "Personne"}))
    assert "Aucun ménage ne correspond à cette recherche" in page


def test_filtres_referent_categorie_situation(client, distribution):
    MenageFactory(nom="Suivi", suivi_par_nadia=True)
    MenageFactory(nom="Psy", categorie="PSY")
    OccupationFactory(menage=MenageFactory(nom="Loge"))
    sortie = (timezone.localdate() - timedelta(days=10), "LOGEMENT_SOCIAL")
    OccupationFactory(menage=MenageFactory(nom="Sorti"), sortie=sortie)
    connecter(client, distribution.julie)

    def noms(**params) -> set[str]:
        page = texte(client.get(reverse("menages:liste"), params))
        return {n for n in ("Suivi", "Psy", "Loge", "Sorti") if f"{n} Awa" in page}

    assert noms(referent=distribution.nadia.pk) == {"Suivi"}
    assert noms(referent="aucun") == {"Psy", "Loge", "Sorti"}
    assert noms(categorie="PSY") == {"Psy"}
    assert noms(situation="LOGE") == {"Loge"}
    assert noms(situation="SANS") == {"Suivi", "Psy", "Sorti"}
    assert noms(situation="SORTI") == {"Sorti"}
    assert noms(categorie="INCONNUE") == {"Suivi", "Psy", "Loge", "Sorti"}


def test_pagination_garde_les_filtres_et_requetes_constantes(
    client, distribution, django_assert_max_num_queries
):
    for _ in range(3):
        OccupationFactory(menage=MenageFactory(suivi_par_nadia=True))
    connecter(client, distribution.julie)
    url = reverse("menages:liste")
    client.get(url)  # caches chauds
    with django_assert_max_num_queries(15) as peu:
        client.get(url)
    for _ in range(27):
        MenageFactory(categorie="CLASSIQUE", suivi_par_nadia=True)
    for _ in range(3):
        OccupationFactory(menage=MenageFactory())
    with django_assert_max_num_queries(len(peu.captured_queries)):
        reponse = client.get(url)
    assert texte(reponse).count("personnes</td>") == 25
    brute = client.get(url, {"categorie": "CLASSIQUE"}).content.decode()
    assert "?categorie=CLASSIQUE&amp;page=2" in brute
    page2 = texte(client.get(url, {"categorie": "CLASSIQUE", "page": 2}))
    assert "Ménages (33 ménages)" in page2 and "2 sur 2" in page2


def test_etat_vide(client, distribution):
    page = page_de(client, distribution.julie)
    assert "Aucun ménage n'est encore enregistré pour votre organisation" in page


def test_la_travailleuse_sociale_ne_voit_que_ses_menages(client, distribution):
    MenageFactory(nom="Suivi", suivi_par_nadia=True)
    MenageFactory(nom="Autre")
    page = page_de(client, distribution.nadia)
    assert "Suivi Awa" in page and "Autre Awa" not in page
    assert "Nouveau ménage" not in page and 'id="f-referent"' not in page


def test_la_travailleuse_sociale_sans_menage_a_un_etat_vide_explique(client, distribution):
    page = page_de(client, distribution.ines)
    assert "Aucun ménage ne vous est encore confié" in page


@pytest.mark.parametrize("persona", ["claire", "yves", "sophie", "anne", "admin"])
def test_etat_siao_cofinanceur_et_plateforme_n_ont_pas_la_liste(client, distribution, persona):
    MenageFactory(nom="Diallo")
    connecter(client, getattr(distribution, persona))
    reponse = client.get(reverse("menages:liste"))
    assert reponse.status_code == 403
    assert "Diallo" not in texte(reponse)


@pytest.mark.parametrize(
    ("persona", "visible"), [("julie", True), ("nadia", True), ("claire", False)]
)
def test_le_menu_mene_aux_menages_pour_l_operateur_seulement(
    client, distribution, persona, visible
):
    connecter(client, getattr(distribution, persona))
    page = texte(client.get(reverse("ui:accueil")))
    assert (f'href="{reverse("menages:liste")}"' in page) is visible
