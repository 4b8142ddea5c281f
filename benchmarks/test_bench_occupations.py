"""Mesures (make bench) : ménages, occupations et comptes générés par `iml generer` à
l'échelle département (10 opérateurs, ≈ 450 occupations, ≈ 18 000 lignes de compte), une
fois pour le module puis supprimés (le parc massif de `test_bench_parc.py` réutilise les
mêmes SIRET générés).

- La tâche quotidienne des appels (`services.compte.appeler_loyers` sur toutes les occupations
  en cours) : le jour de la génération, elle ne crée rien (second passage) ; le mois suivant,
  elle crée un appel par occupation en cours (passage annulé par un point de sauvegarde après
  chaque tour, pour mesurer toujours la même création).
- Le sélecteur cadré de la liste des ménages d'un opérateur (compte et première page).
- Les soldes des comptes d'un opérateur : une seule agrégation SQL.

Les pages des autres lots (liste des ménages, compte) seront mesurées après la fusion.

Échelle nationale (≈ 100 fois plus ; plusieurs minutes de génération) :
`IML_BENCH_ECHELLE=national DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/pytest
benchmarks/test_bench_occupations.py --benchmark-only -p no:xdist`.
Résultats et machine : docs/performance.md.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from iml.comptes.acteur import acteur_pour
from iml.comptes.models import Utilisateur
from iml.menages.selectors import menages_visibles
from iml.occupations.models import Ecriture, Occupation
from iml.occupations.services.compte import appeler_loyers
from regles.calendrier import ajouter_mois

pytestmark = pytest.mark.django_db
PAR_PAGE = 50


@pytest.fixture
def acteur(generees):
    """La gestion locative de l'opérateur généré qui a le plus d'occupations."""
    plus_grand = (
        Occupation.objects.filter(operateur__siret__startswith="99")
        .values("operateur")
        .annotate(n=Count("pk"))
        .order_by("-n", "operateur")
        .first()
    )
    gestion = Utilisateur.objects.get(
        adhesions__organisation=plus_grand["operateur"], email__startswith="gestion."
    )
    return acteur_pour(gestion, None)


def _en_cours() -> list[Occupation]:
    return list(Occupation.objects.filter(statut="EN_COURS", operateur__siret__startswith="99"))


def _appeler(occupations: list[Occupation], jour) -> int:
    return sum(appeler_loyers(o, jour) for o in occupations)


def test_bench_appels_du_jour_second_passage(benchmark, generees):
    """Le jour de la génération, les appels sont déjà là : le passage ne crée rien."""
    occupations = _en_cours()
    aujourd_hui = timezone.localdate()
    avant = Ecriture.objects.count()
    crees = benchmark.pedantic(
        lambda: _appeler(_en_cours(), aujourd_hui), rounds=5, warmup_rounds=1
    )
    assert crees == 0 and Ecriture.objects.count() == avant and occupations


def test_bench_appels_du_mois_suivant(benchmark, generees):
    """Un mois plus tard : un appel par occupation en cours (annulé après chaque tour)."""
    plus_un_mois = ajouter_mois(timezone.localdate(), 1) + timedelta(days=1)
    occupations = _en_cours()

    def passage() -> tuple[int, int]:
        with transaction.atomic():
            premier = _appeler(_en_cours(), plus_un_mois)
            second = _appeler(_en_cours(), plus_un_mois)
            transaction.set_rollback(True)
        return premier, second

    premier, second = benchmark.pedantic(passage, rounds=5, warmup_rounds=1)
    assert len(occupations) <= premier <= 2 * len(occupations) and second == 0


def test_bench_liste_des_menages(benchmark, acteur, django_assert_max_num_queries):
    def page():
        qs = menages_visibles(acteur)
        return list(Paginator(qs, PAR_PAGE).page(1).object_list)

    with django_assert_max_num_queries(2):  # le compte, puis la page
        page()
    menages = benchmark(page)
    assert menages and all(m.operateur_id == acteur.organisation.pk for m in menages)


def test_bench_soldes_de_l_operateur(benchmark, acteur, django_assert_num_queries):
    def soldes():
        return dict(
            Ecriture.objects.filter(occupation__operateur=acteur.organisation)
            .values_list("occupation")
            .annotate(solde=Sum("montant"))
            .order_by()
        )

    with django_assert_num_queries(1):
        resultat = soldes()
    assert len(resultat) == Occupation.objects.filter(operateur=acteur.organisation).count()
    assert benchmark(soldes) == resultat
