"""Formes de l'IML et parc mobilisé (R-MODE, R-PUBLIC-STOCK)."""

from __future__ import annotations

from datetime import date

import pytest

from regles.formes import ParcSocial, verifier_forme, verifier_parc_social
from regles.types import Mode, Niveau

JOUR = date(2019, 3, 1)


@pytest.mark.parametrize(
    ("mode", "bail_glissant", "bloque"),
    [
        (Mode.SOUS_LOCATION, True, False),
        (Mode.SOUS_LOCATION, False, False),
        (Mode.MANDAT_GESTION, False, False),
        (Mode.MANDAT_GESTION, True, True),
    ],
)
def test_r_mode_bail_glissant_en_sous_location_seulement(
    mode: Mode, bail_glissant: bool, bloque: bool
) -> None:
    constats = verifier_forme(mode, bail_glissant, "bail_glissant")
    assert bool(constats) is bloque
    assert all((c.regle, c.champ) == ("R-MODE", "bail_glissant") for c in constats)


@pytest.mark.parametrize(
    ("parc", "niveaux"),
    [
        (None, []),
        (ParcSocial(0, None, None), []),
        (
            ParcSocial(2, "Attente d'ouverture de droits", date(2019, 12, 31)),
            [Niveau.ALERTE, Niveau.INFO],
        ),
        (
            ParcSocial(2, "Attente d'ouverture de droits", date(2019, 3, 1)),
            [Niveau.ALERTE, Niveau.INFO],
        ),
        (ParcSocial(2, "Attente", date(2019, 2, 28)), [Niveau.ALERTE, Niveau.ERREUR]),
        (ParcSocial(2, None, None), [Niveau.ALERTE, Niveau.ERREUR, Niveau.ERREUR]),
    ],
)
def test_r_public_stock_exception_motivee_et_datee(
    parc: ParcSocial | None, niveaux: list[Niveau]
) -> None:
    constats = verifier_parc_social(parc, JOUR)
    assert [c.niveau for c in constats] == niveaux
    assert all(c.regle == "R-PUBLIC-STOCK" for c in constats)
