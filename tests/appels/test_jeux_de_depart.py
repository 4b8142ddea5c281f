"""Section 2, item 11 : le « jeu de paramètres de départ » d'un nouvel appel ne propose que ce
que l'acteur peut lire (jamais le brouillon d'un autre département)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iml.appels.enums import StatutAppel
from iml.appels.forms.appels import CreationAppelForm
from iml.appels.models import AppelACandidatures
from iml.appels.selectors import jeux_de_depart
from iml.referentiel.models import JeuParametres
from tests.appels.test_appels_fabriques import acteur, agent_ddets33, creer_appel, jeu
from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.fixture
def appels(distribution):
    """Un brouillon et un appel publié de la Gironde, un brouillon du service de Claire (35)."""
    return {
        "brouillon33": creer_appel(agent_ddets33(), "Brouillon Gironde", StatutAppel.BROUILLON),
        "publie33": creer_appel(agent_ddets33(), "Publié Gironde", StatutAppel.PUBLIE),
        "brouillon35": creer_appel(distribution.claire, "Brouillon 35", StatutAppel.BROUILLON),
        "publie35": creer_appel(distribution.claire, "Publié 35", StatutAppel.PUBLIE),
    }


def test_les_jeux_de_depart_de_la_ddets_35(distribution, appels):
    codes = set(jeux_de_depart(acteur(distribution.claire)).values_list("code", flat=True))
    assert {"national-2018", "appel-35-2019-2020"} <= codes
    assert {appels["brouillon35"].jeu.code, appels["publie35"].jeu.code} <= codes
    assert appels["brouillon33"].jeu.code not in codes
    assert appels["publie33"].jeu.code not in codes
    assert "region-75-nouvelle-aquitaine" not in codes  # la Bretagne n'est pas sa région


def test_la_gironde_voit_son_jeu_regional_pas_le_brouillon_d_ille_et_vilaine(distribution, appels):
    jeu("region-75-nouvelle-aquitaine")
    codes = set(jeux_de_depart(acteur(agent_ddets33())).values_list("code", flat=True))
    assert "region-75-nouvelle-aquitaine" in codes
    assert appels["brouillon35"].jeu.code not in codes
    assert "appel-35-2019-2020" not in codes


def test_la_page_ne_liste_pas_le_brouillon_d_un_autre_departement(client, distribution, appels):
    connecter(client, distribution.claire)
    page = client.get(reverse("appels:creer")).content.decode()
    assert "Brouillon 35" in page
    assert "Brouillon Gironde" not in page and "Publié Gironde" not in page


def test_un_jeu_hors_perimetre_poste_a_la_main_est_refuse(client, distribution, appels):
    connecter(client, distribution.claire)
    autre = appels["brouillon33"].jeu
    reponse = client.post(reverse("appels:creer"), {"nom": "Copie", "source": autre.pk})
    assert reponse.status_code == 200
    assert reponse.context["form"].errors["source"] == [
        "« Jeu de paramètres de départ » : choisissez un jeu de la liste."
    ]
    assert not AppelACandidatures.objects.filter(nom="Copie").exists()
    assert JeuParametres.objects.filter(code__startswith="appel-35-copie").count() == 0


def test_le_formulaire_exige_l_acteur(distribution):
    jeu("national-2018")
    form = CreationAppelForm(acteur=acteur(distribution.claire))
    assert form.fields["source"].queryset.filter(code="national-2018").exists()
