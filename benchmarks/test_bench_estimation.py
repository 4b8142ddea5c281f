"""Mesures (make bench) : OpenFisca-France, le système socio-fiscal construit une fois par
processus, puis l'estimation de l'aide au logement d'un ménage (une personne seule, 900 € de
salaire, 520 € de loyer à Rennes). Sans base de données : la situation est celle que le worker
construit (`iml.occupations.openfisca`). Lancer une fois, jamais en boucle (≈ 10 s au total).

Mesuré le 30/11/2026 sur la machine de développement (2 cœurs partagés, chargée) : voir l'ADR
0009 pour les chiffres retenus.
"""

from datetime import date
from decimal import Decimal

import pytest

from iml.occupations import openfisca

pytest.importorskip("openfisca_france")

MOIS = date(2026, 11, 1)
DONNEES = {
    "naissance": date(1990, 5, 17),
    "membres": [],
    "ressources": {"SALAIRE": Decimal("900.00")},
    "commune": "35238",
    "meuble": False,
    "loyer": Decimal("520.00"),
    "charges": Decimal("40.00"),
    "mois": MOIS,
}


def test_bench_construction_du_systeme(benchmark):
    def construire():
        openfisca._systeme = None
        return openfisca.systeme()

    assert benchmark.pedantic(construire, rounds=1, iterations=1) is not None


def test_bench_estimation(benchmark):
    openfisca.systeme()
    situation = openfisca.situation(DONNEES)
    # Trois estimations : la première après la construction (plus lente : le moteur charge les
    # paramètres et formules qu'elle touche), puis deux autres.
    montant = benchmark.pedantic(
        openfisca.calculer_aide, args=(situation, MOIS), rounds=3, iterations=1
    )
    assert montant > Decimal("0.00")
