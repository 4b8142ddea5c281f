"""Mesures (make bench) : les orientations générées par `iml generer` (`iml.generateur.
orientations`) à l'échelle département (10 opérateurs : ≈ 60 demandes, ≈ 300 logements au
registre), une fois pour le module puis supprimées ; le SIAO mesuré est celui du département
qui a le plus de logements au registre.

- le registre des places du SIAO (`selectors.registre` : opérateur et convention joints,
  vacances ouvertes préchargées) avec sa présentation (`lignes_registre`) : **2 requêtes**,
  quel que soit le nombre de logements ;
- la première page (50) des demandes en attente, critères préchargés : **3 requêtes** (compte,
  page, critères) ;
- le nombre de demandes proposables du tableau de bord (`demandes_en_attente`) : **1 requête** ;
- les vues `orientations:registre` et `orientations:demandes` (temps serveur complet), leur
  nombre de requêtes vérifié constant (le même pour une page de 50 et pour la base entière).

Échelle nationale : `IML_BENCH_ECHELLE=national` devant la commande. Résultats et machine :
docs/performance.md (section « Orientations »).
"""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iml.comptes.acteur import acteur_pour
from iml.comptes.models import Adhesion
from iml.orientations import selectors
from iml.orientations.presentation import lignes_registre
from iml.parc.models import Logement

pytestmark = pytest.mark.django_db
PAR_PAGE = 50


@pytest.fixture
def siao(generees):
    """La coordination générée du SIAO du département qui a le plus de logements."""
    plus = (
        Logement.objects.filter(operateur__siret__startswith="99")
        .values("operateur__territoire")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    adhesion = Adhesion.objects.select_related("utilisateur").get(
        organisation__siret__startswith="99",
        organisation__type="SIAO",
        organisation__territoire=plus["operateur__territoire"],
    )
    return acteur_pour(adhesion.utilisateur, adhesion.pk)


def test_bench_registre(benchmark, siao, django_assert_num_queries):
    def registre():
        return lignes_registre(selectors.registre(siao))

    with django_assert_num_queries(2):  # logements (opérateur, convention), vacances
        lignes = registre()
    assert len(lignes) >= 100
    assert any(ligne.etat.startswith("vacant depuis") for ligne in lignes)
    assert len(benchmark(registre)) == len(lignes)


def test_bench_demandes_en_attente(benchmark, siao, django_assert_num_queries):
    def page():
        qs = selectors.demandes_visibles(siao).filter(statut="EN_ATTENTE")
        return list(Paginator(qs.order_by("demande_le", "pk"), PAR_PAGE).page(1).object_list)

    with django_assert_num_queries(3):  # compte, page, critères
        demandes = page()
    assert demandes and all(d.siao_id == siao.organisation.pk for d in demandes)
    benchmark(page)


def test_bench_demandes_proposables(benchmark, siao, django_assert_num_queries):
    with django_assert_num_queries(1):
        n = selectors.demandes_en_attente(siao).count()
    assert n > 0 and benchmark(lambda: selectors.demandes_en_attente(siao).count()) == n


def _requetes(client: Client, url: str) -> int:
    from django.db import connection

    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


@pytest.mark.parametrize("vue", ["orientations:registre", "orientations:demandes"])
def test_bench_vues(benchmark, siao, vue):
    """Temps serveur complet ; le nombre de requêtes ne dépend pas du nombre de lignes : la
    seconde requête (session en cache) en fait autant que la troisième."""
    client = Client()
    client.force_login(siao.utilisateur)
    url = reverse(vue)
    _requetes(client, url)
    assert _requetes(client, url) == _requetes(client, url) <= 20
    assert benchmark(client.get, url).status_code == 200
