"""Horloge de la sous-location (R-SL-DURATION) et fenêtre du mandat de gestion
(R-MG-GLS-DURATION) : dates d'alerte, renouvellements, maximum de 18 mois, fins de mois."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.occupations import (
    alerte_due,
    dates_alerte,
    fin_financement_mandat,
    periodes_permises,
    prochaine_revue,
    revues_mandat,
    verifier_renouvellement,
)

# (entrée, fins des trois périodes) : la veille de l'échéance, au dernier jour du mois au besoin.
PERIODES = [
    (date(2025, 1, 1), [date(2025, 6, 30), date(2025, 12, 31), date(2026, 6, 30)]),
    (date(2025, 8, 31), [date(2026, 2, 27), date(2026, 8, 30), date(2027, 2, 27)]),
    (date(2024, 2, 29), [date(2024, 8, 28), date(2025, 2, 27), date(2025, 8, 28)]),
]


@pytest.mark.parametrize(("entree", "fins"), PERIODES)
def test_les_periodes_et_le_maximum_de_18_mois(bareme_national, entree, fins):
    assert [p.fin for p in periodes_permises(entree, bareme_national)] == fins


def test_les_alertes_a_30_et_15_jours():
    fin = date(2026, 6, 30)
    assert [e.le for e in dates_alerte(fin, (15, 30))] == [date(2026, 5, 31), date(2026, 6, 15)]
    assert alerte_due(fin, (30, 15), date(2026, 5, 30)) is None
    assert alerte_due(fin, (30, 15), date(2026, 6, 10)).jours == 30
    assert alerte_due(fin, (30, 15), date(2026, 6, 20)).jours == 15
    assert alerte_due(fin, (30, 15), date(2026, 7, 1)) is None


RENOUVELLEMENTS = [
    (1, date(2025, 6, 30), None),
    (1, date(2025, 7, 1), "decide_le"),
    (2, date(2025, 12, 31), None),
    (3, date(2026, 1, 5), "rang"),
]


@pytest.mark.parametrize(("rang", "decide_le", "champ"), RENOUVELLEMENTS)
def test_un_renouvellement_avant_la_fin_deux_au_plus(bareme_national, rang, decide_le, champ):
    constat = verifier_renouvellement(date(2025, 1, 1), rang, decide_le, bareme_national)
    assert (constat.champ if constat else None) == champ
    if constat:
        assert constat.message.startswith("R-SL-DURATION : ")


@pytest.mark.parametrize(
    ("entree", "fin"),
    [(date(2025, 1, 1), date(2027, 12, 31)), (date(2024, 2, 29), date(2027, 2, 27))],
)
def test_le_financement_du_mandat_trois_ans_moins_un_jour(bareme_national, entree, fin):
    assert fin_financement_mandat(entree, bareme_national) == fin


def test_les_revues_annuelles_du_mandat(bareme_national):
    entree = date(2025, 3, 10)
    assert revues_mandat(entree, bareme_national) == (
        date(2026, 3, 10), date(2027, 3, 10),
    )  # fmt: skip
    assert prochaine_revue(entree, 1, bareme_national) == date(2027, 3, 10)
    assert prochaine_revue(entree, 2, bareme_national) is None


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_les_periodes_se_suivent_sans_trou_ni_chevauchement(bareme_national, entree):
    periodes = periodes_permises(entree, bareme_national)
    assert periodes[0].debut == entree and len(periodes) == 3
    for avant, apres in zip(periodes, periodes[1:], strict=False):
        assert avant.fin + timedelta(days=1) == apres.debut
    assert periodes[-1].fin < fin_financement_mandat(entree, bareme_national)
