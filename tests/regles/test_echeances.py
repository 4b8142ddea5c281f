"""Échéances des occupations (regles/echeances.py) : jours d'alerte, messages, clés."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.echeances import (
    alerte_fin_financement,
    alerte_revue,
    alerte_sous_location,
    cle_mois,
)

FIN = date(2026, 6, 30)


@pytest.mark.parametrize(
    ("avant", "cle"),
    [(31, None), (30, "fin-2026-06-30:J-30"), (20, "fin-2026-06-30:J-30"),
     (15, "fin-2026-06-30:J-15"), (0, "fin-2026-06-30:J-15"),
     (-1, "fin-2026-06-30:echue")],
)  # fmt: skip
def test_sous_location_aux_seuils(avant, cle):
    due = alerte_sous_location("M-1", FIN, 1, 2, None, (30, 15), FIN - timedelta(days=avant))
    assert (due.cle if due else None) == cle


def test_sous_location_messages():
    due = alerte_sous_location("M-1", FIN, 1, 2, None, (30, 15), date(2026, 6, 1))
    assert due.constat.message == (
        "R-SL-DURATION : renouvellement de la sous-location de M-1 à décider avant le "
        "30/06/2026 (1\u00a0renouvellement encore possible)."
    )
    fin = alerte_sous_location("M-1", FIN, 2, 2, "Glissement de bail", (30,), date(2026, 6, 1))
    assert fin.constat.message.endswith(
        "aucun renouvellement possible : suite prévue : glissement de bail."
    )


def test_fin_du_financement_et_revue():
    due = alerte_fin_financement("M-2", FIN, (90, 30), FIN - timedelta(days=90))
    assert due.cle == "fin-financement-2026-06-30:J-90"
    assert "(dans 90\u00a0jours)" in due.constat.message
    assert alerte_revue("M-2", None, 30, FIN) is None
    assert alerte_revue("M-2", FIN, 30, FIN - timedelta(days=31)) is None
    assert alerte_revue("M-2", FIN, 30, FIN - timedelta(days=30)).cle == "revue-2026-06-30"
    assert alerte_revue("M-2", FIN, 30, FIN + timedelta(days=1)).cle == "revue-2026-06-30:retard"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 400))
def test_une_alerte_seulement_dans_la_fenetre(fin, avant):
    due = alerte_sous_location("M", fin, 0, 2, None, (30, 15), fin - timedelta(days=avant))
    assert (due is not None) == (avant <= 30)
    if due is not None:
        assert due.echeance == fin and due.constat.regle == "R-SL-DURATION"


def test_cle_du_mois():
    assert cle_mois(date(2026, 3, 5)) == "2026-03"


def test_r_sl_duration_une_periode_echue_sans_decision_est_signalee_une_fois():
    from regles.echeances import alerte_sous_location

    due = alerte_sous_location("M-1", date(2026, 10, 31), 0, 2, None, (30, 15), date(2026, 11, 30))
    assert due is not None and due.cle == "fin-2026-10-31:echue"
    assert "a pris fin le 31/10/2026 sans renouvellement ni sortie" in due.constat.message


def test_r_mg_gls_duration_pas_de_revue_apres_la_fin_du_financement():
    from regles.echeances import alerte_revue

    assert alerte_revue("M-1", date(2026, 12, 10), 30, date(2026, 11, 30), date(2026, 6, 1)) is None
    assert alerte_revue("M-1", date(2026, 12, 10), 30, date(2026, 11, 30), None) is not None
