"""Tâche quotidienne de la montée en charge (R-RAMPUP) : alertes à l'État et à l'opérateur
90 jours avant un jalon non atteint, puis quand il est manqué ; idempotente."""

from __future__ import annotations

from datetime import date

import pytest

from iml.alertes.models import Alerte
from iml.pilotage.taches_montee import alerter_montee
from tests.pilotage.test_montee import _convention, _logement

pytestmark = pytest.mark.django_db


@pytest.fixture
def convention(distribution):
    convention = _convention()
    _logement(convention, date(2019, 6, 15))
    _logement(convention, date(2019, 10, 1), typologie="STUDIO", capacite=1, sous_location=True)
    return convention


def _destinataires(convention) -> set[str]:
    return set(
        Alerte.objects.filter(
            regle="R-RAMPUP", lien__contains=f"/conventions/{convention.pk}/"
        ).values_list("destinataire__first_name", flat=True)
    )


def test_pas_d_alerte_plus_de_90_jours_avant(convention):
    assert alerter_montee.call("2019-10-01") == 0  # 91 jours avant le 31/12/2019


def test_a_risque_l_etat_et_l_operateur_sont_alertes_une_fois(distribution, convention):
    creees = alerter_montee.call("2019-10-02")
    assert creees > 0
    alertes = Alerte.objects.filter(regle="R-RAMPUP")
    destinataires = {a.destinataire for a in alertes}
    assert {distribution.claire, distribution.marc, distribution.julie} <= destinataires
    assert distribution.sophie not in destinataires and distribution.anne not in destinataires
    assert distribution.nadia not in destinataires  # le travail social n'est pas alerté
    alerte = alertes.get(destinataire=distribution.marc)
    assert alerte.message == (
        f"R-RAMPUP : jalon du 31/12/2019 à risque pour la convention {convention.numero} "
        f"(AIS Rennes Habitat Solidaire) : 4 places ouvertes, soit 8,0\u00a0% ; 25 exigées "
        "(50\u00a0% des places financées)."
    )
    assert alerte.echeance == date(2019, 12, 31)
    assert alerter_montee.call("2019-10-02") == 0  # rejouée : rien de plus
    assert alerter_montee.call("2019-12-15") == 0  # toujours à risque : la même clé


def test_un_jalon_manque_alerte_une_seconde_fois(distribution, convention):
    alerter_montee.call("2019-12-01")
    avant = Alerte.objects.filter(destinataire=distribution.claire, regle="R-RAMPUP").count()
    assert alerter_montee.call("2020-01-02") > 0
    dernieres = Alerte.objects.filter(destinataire=distribution.claire, regle="R-RAMPUP")
    assert dernieres.count() == avant + 1
    assert dernieres.filter(message__contains="31/12/2019 manqué").count() == 1


def test_un_jalon_atteint_n_alerte_pas(distribution):
    convention = _convention()
    for _ in range(9):  # 9 × 3 = 27 places sur 25 exigées
        _logement(convention, date(2019, 6, 15))
    assert alerter_montee.call("2019-11-01") == 0
    assert _destinataires(convention) == set()


def test_la_demo_remplit_la_boite_et_se_recharge_a_l_identique(distribution, convention):
    from io import StringIO

    from iml.pilotage.demo_montee import charger_demo

    organisations = vars(distribution.org)
    sortie = StringIO()
    charger_demo(organisations, sortie)
    nombre = Alerte.objects.filter(regle="R-RAMPUP").count()
    assert nombre > 0
    charger_demo(organisations, sortie)
    assert Alerte.objects.filter(regle="R-RAMPUP").count() == nombre
    premier, second = sortie.getvalue().splitlines()
    assert premier == second
    assert premier == (
        "Montée en charge : 1\u00a0convention suivie, jalons : 2 manqués ; 8\u00a0alertes R-RAMPUP."
    )
