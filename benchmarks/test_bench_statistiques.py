"""Mesures (make bench) des statistiques annuelles (R-STATS) sur les données de `iml generer`
(graine 1, jour de référence aujourd'hui), générées une fois pour le module puis supprimées.

- un opérateur (celui qui a le plus d'occupations) : `calculer_lot([op], année)`, lecture des
  instantanés figés puis `regles.statistiques.calculer` — objectif ≤ 1 s, **8 requêtes** ;
- le pays (tous les opérateurs générés) : le même calcul pour tous, toujours 8 requêtes —
  objectif ≤ 5 s ;
- l'ouverture d'une campagne nationale n'est pas mesurée : c'est ce calcul plus un
  `bulk_create`.

Année mesurée : l'an dernier (les entrées du générateur s'étalent sur 8 ans). Échelle :
`IML_BENCH_ECHELLE=region` ou `national` devant la commande. Résultats : docs/performance.md
et docs/adr/0014-statistiques-annuelles.md.
"""

from __future__ import annotations

import pytest
from django.db.models import Count
from django.utils import timezone

from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Organisation
from iml.occupations.models import Occupation
from iml.pilotage.statistiques.instantanes import calculer_lot

pytestmark = pytest.mark.django_db
REQUETES = 8


def _annee() -> int:
    return timezone.localdate().year - 1


def _valeurs(lignes) -> dict:
    return {ligne.cle: ligne.valeur for ligne in lignes}


def test_bench_statistiques_d_un_operateur(benchmark, generees, django_assert_max_num_queries):
    plus_grand = (
        Occupation.objects.filter(operateur__siret__startswith="99")
        .values("operateur")
        .annotate(n=Count("pk"))
        .order_by("-n", "operateur")
        .first()["operateur"]
    )
    with django_assert_max_num_queries(REQUETES):
        calculer_lot([plus_grand], _annee())
    resultat = benchmark(lambda: calculer_lot([plus_grand], _annee()))
    v = _valeurs(resultat[plus_grand])
    assert v["menages_loges"] > 0 and v["entrees"] + v["sorties"] > 0
    assert v["presents_debut"] + v["entrees"] - v["sorties"] == v["presents_fin"]


def test_bench_statistiques_du_pays(benchmark, generees, django_assert_max_num_queries):
    operateurs = list(
        Organisation.objects.filter(
            type=TypeOrganisation.OPERATEUR, siret__startswith="99"
        ).values_list("pk", flat=True)
    )
    with django_assert_max_num_queries(REQUETES):
        calculer_lot(operateurs, _annee())
    resultat = benchmark.pedantic(
        lambda: calculer_lot(operateurs, _annee()), rounds=3, warmup_rounds=0
    )
    assert len(resultat) == len(operateurs) > 1
    loges = sum(_valeurs(lignes)["menages_loges"] for lignes in resultat.values())
    assert loges > 0
