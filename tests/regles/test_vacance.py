"""R-VACANCE : jours vacants d'un logement en sous-location entre deux occupations, coût au
prorata du loyer dû au bailleur, mois par mois, plafond annuel."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.vacance import Intervalle, jours_occupes, loyer_du_mois, vacance

D = Decimal
LOYER = [(date.min, D("620.00"))]


def _vacance(annee, periode, occupations, plafond=None, loyers=LOYER):
    return vacance(annee, periode, occupations, loyers, plafond)


@pytest.mark.parametrize(
    ("annee", "periode", "occupations", "jours"),
    [
        # Une année sans occupation : tous les jours sont vacants (bissextile : 366).
        (2025, Intervalle(date(2020, 1, 1)), [], 365),
        (2024, Intervalle(date(2020, 1, 1)), [], 366),
        # Deux occupations bout à bout : aucun jour vacant.
        (
            2025,
            Intervalle(date(2020, 1, 1)),
            [Intervalle(date(2019, 6, 1), date(2025, 4, 30)), Intervalle(date(2025, 5, 1))],
            0,
        ),
        # Sortie le 30/04, entrée le 11/05 : 10 jours vacants (1er au 10 mai).
        (
            2025,
            Intervalle(date(2020, 1, 1)),
            [Intervalle(date(2019, 6, 1), date(2025, 4, 30)), Intervalle(date(2025, 5, 11))],
            10,
        ),
        # Mobilisé le 15/11, restitué jamais, jamais occupé : 15 + 31 jours.
        (2025, Intervalle(date(2025, 11, 15)), [], 47),
        # Restitué le 31/01 : janvier seulement.
        (2025, Intervalle(date(2020, 1, 1), date(2025, 1, 31)), [], 31),
        # Le jour du passage compté une fois quand sortie et entrée tombent le même jour.
        (
            2025,
            Intervalle(date(2020, 1, 1)),
            [Intervalle(date(2019, 1, 1), date(2025, 6, 1)), Intervalle(date(2025, 6, 1))],
            0,
        ),
    ],
)
def test_jours_vacants(annee, periode, occupations, jours):
    assert _vacance(annee, periode, occupations).jours == jours


def test_r_vacance_le_cout_est_le_loyer_du_bailleur_au_prorata_mois_par_mois():
    occupations = [Intervalle(date(2019, 6, 1), date(2025, 4, 30)), Intervalle(date(2025, 5, 11))]
    v = _vacance(2025, Intervalle(date(2020, 1, 1)), occupations)
    mai = v.mois[4]
    assert (mai.jours, mai.cout) == (10, D("200.00"))  # 620 × 10 ÷ 31
    assert v.cout == v.cout_plafonne == D("200.00")


def test_le_loyer_change_avec_le_contrat():
    loyers = [(date.min, D("600.00")), (date(2025, 7, 1), D("930.00"))]
    assert loyer_du_mois(loyers, date(2025, 6, 1)) == D("600.00")
    assert loyer_du_mois(loyers, date(2025, 7, 1)) == D("930.00")
    assert loyer_du_mois([], date(2025, 7, 1)) is None
    v = _vacance(
        2025,
        Intervalle(date(2025, 6, 1)),
        [Intervalle(date(2025, 6, 1), date(2025, 6, 20))],
        loyers=loyers,
    )  # noqa: E501
    assert v.mois[5].cout == D("200.00")  # 600 × 10 ÷ 30
    assert v.mois[6].cout == D("930.00")


def test_le_plafond_retient_les_premiers_jours_vacants_de_l_annee():
    v = _vacance(2025, Intervalle(date(2020, 1, 1)), [], plafond=40)
    assert v.jours == 365 and v.jours_pris_en_charge == 40
    assert v.cout == D("7440.00")
    assert v.cout_plafonne == D("620.00") + D("199.29")  # janvier + 620 × 9 ÷ 28
    assert _vacance(2025, Intervalle(date(2020, 1, 1)), [], plafond=0).cout_plafonne == 0
    sans = _vacance(2025, Intervalle(date(2020, 1, 1)), [], plafond=None)
    assert sans.cout_plafonne == sans.cout


def test_inconnu_reste_inconnu():
    assert _vacance(2025, None, []) is None
    v = _vacance(2025, Intervalle(date(2025, 1, 1)), [], loyers=[])
    assert v.jours == 365 and v.cout is None and v.cout_plafonne is None


def test_une_annee_entierement_occupee_ne_coute_rien_meme_sans_loyer_connu():
    v = _vacance(2025, Intervalle(date(2020, 1, 1)), [Intervalle(date(2020, 1, 1))], loyers=[])
    assert v.jours == 0 and v.cout == 0


jours_st = st.integers(min_value=0, max_value=800)


@given(
    st.lists(st.tuples(jours_st, st.integers(min_value=0, max_value=400)), max_size=6),
    st.integers(min_value=2023, max_value=2026),
)
def test_les_jours_vacants_et_occupes_font_la_periode(morceaux, annee):
    origine = date(2022, 6, 1)
    occupations = [
        Intervalle(origine + timedelta(days=a), origine + timedelta(days=a + n))
        for a, n in morceaux
    ]
    v = _vacance(annee, Intervalle(origine), occupations)
    debut, fin = date(annee, 1, 1), date(annee, 12, 31)
    total = (fin - debut).days + 1
    assert v.jours + jours_occupes(occupations, debut, fin) == total
    assert 0 <= v.jours <= total
    assert v.cout is not None and v.cout >= 0
