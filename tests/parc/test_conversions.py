"""Conversions des cellules d'un tableur importé (parc et ménages)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from iml.parc.imports.conversions import decimal


@pytest.mark.parametrize("brut", ["1e100", "99999999999", "1E+30"])
def test_un_nombre_immense_est_refuse_en_clair(brut):
    with pytest.raises(ValueError, match="nombre trop grand"):
        decimal(brut)


def test_un_montant_francais_est_lu_au_centime():
    assert decimal("1 234,50 €") == Decimal("1234.50")
