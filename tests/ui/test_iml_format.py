"""Filtres d'affichage à la française (iml_format) : montants, dates, pluriels, constats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template


def rendre(gabarit: str, **contexte) -> str:
    return Template("{% load iml_format %}" + gabarit).render(Context(contexte))


@pytest.mark.parametrize(
    ("n", "attendu"),
    [(0, "0 erreur"), (1, "1 erreur"), (Decimal("1.5"), "1,5 erreur"), (2, "2 erreurs")],
)
def test_le_pluriel_francais_laisse_zero_et_un_au_singulier(n, attendu):
    assert rendre("{{ n }} erreur{{ n|pluriel }}", n=n) == attendu


def test_le_message_d_un_constat_perd_son_prefixe_quand_la_regle_est_affichee():
    message = "R-SMALL-UNITS : 21,4 % de petits logements, moins que les 30 % demandés."
    assert rendre("{{ m|sans_regle:'R-SMALL-UNITS' }}", m=message).startswith("21,4 %")
    assert rendre("{{ m|sans_regle:'R-DOSSIER' }}", m=message) == message


def test_montants_et_dates_a_la_francaise():
    assert rendre("{{ m|euros }}", m=Decimal("1234.5")) == "1\u202f234,50\u00a0€"
    assert rendre("{{ d|date_fr }}", d=date(2026, 3, 5)) == "05/03/2026"
