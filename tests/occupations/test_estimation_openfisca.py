"""Le vrai moteur, OpenFisca-France, deux calculs seulement (≈ 3 s d'initialisation une fois par
processus, puis 1 à 2 s par calcul ; les mesures sont dans benchmarks/test_bench_estimation.py) :
une personne seule au salaire modeste louant à Rennes a une aide, un haut revenu n'en a pas ; une
situation que le moteur refuse donne un échec expliqué en français."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from iml.occupations import openfisca
from iml.occupations.services import estimations
from iml.occupations.taches_estimation import estimer_aide
from tests.appels.factories import acteur, demo
from tests.menages.factories import MenageFactory
from tests.parc.factories import LogementFactory

pytest.importorskip("openfisca_france")
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("openfisca")]


def estimer(salaire: str):
    menage = MenageFactory(membres=[], ressources={"SALAIRE": Decimal(salaire)})
    estimation = estimations.demander_estimation(
        acteur=acteur(demo("julie")), menage=menage, logement=LogementFactory(),
        loyer=Decimal("520.00"), charges=Decimal("40.00"), maintenant=timezone.now(),
    )  # fmt: skip
    assert estimer_aide.call(estimation.pk) == "FAITE", estimation.motif
    estimation.refresh_from_db()
    return estimation


def test_un_salaire_modeste_a_rennes_ouvre_une_aide_un_haut_revenu_aucune():
    modeste = estimer("900.00")
    assert modeste.montant > Decimal("0.00")
    assert modeste.montant == modeste.montant.quantize(Decimal("0.01"))
    assert modeste.moteur == "OpenFisca-France 176.1.8"
    assert estimer("5000.00").montant == Decimal("0.00")


def test_une_situation_refusee_par_le_moteur_est_un_echec_explique(monkeypatch):
    vraie = openfisca.situation

    def cassee(donnees):
        situation = vraie(donnees)
        situation["menages"]["menage"]["variable_inconnue"] = {"2026-11": 1}
        return situation

    monkeypatch.setattr(openfisca, "situation", cassee)
    estimation = estimations.demander_estimation(
        acteur=acteur(demo("julie")), menage=MenageFactory(), logement=LogementFactory(),
        loyer=Decimal("520.00"), charges=Decimal("40.00"), maintenant=timezone.now(),
    )  # fmt: skip
    assert estimer_aide.call(estimation.pk) == "ECHEC"
    estimation.refresh_from_db()
    assert estimation.montant is None
    assert estimation.motif.startswith("Le moteur de calcul a refusé la situation du ménage")
