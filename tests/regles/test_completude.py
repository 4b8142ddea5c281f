"""Complétude, partenariats, SIAO (R-DOSSIER, R-PARTNERS, R-SIAO)."""

from __future__ import annotations

import pytest

from regles.bareme import Bareme
from regles.capacite import LigneEcheancier
from regles.completude import siret_valide, verifier_partenariats, verifier_siao
from regles.dossier import Dossier, Partenariat, Porteur
from regles.types import Mode, Niveau, Partenaire, Typologie

PORTEUR = Porteur("Asso", "77528400000012", None, None)


@pytest.mark.parametrize(
    ("siret", "valide"),
    [
        ("77528400000012", True),
        ("77528400000013", False),
        ("7752840000001", False),
        ("7752840000001A", False),
        ("35600000000001", True),
        ("35600000000002", False),
    ],
)
def test_r_dossier_siret(siret: str, valide: bool) -> None:
    assert siret_valide(siret) is valide


@pytest.mark.parametrize(
    ("partenariats", "niveau"),
    [((), Niveau.ALERTE), ((Partenariat(Partenaire.CCAS, "CCAS de Rennes"),), Niveau.INFO)],
)
def test_r_partners(partenariats: tuple[Partenariat, ...], niveau: Niveau) -> None:
    (c,) = verifier_partenariats(Dossier(PORTEUR, partenariats=partenariats))
    assert (c.regle, c.niveau) == ("R-PARTNERS", niveau)


@pytest.mark.parametrize(
    ("engagement", "niveau"), [(True, Niveau.INFO), (False, Niveau.ALERTE), (None, Niveau.ALERTE)]
)
def test_r_siao_places_a_disposition(
    bareme: Bareme, engagement: bool | None, niveau: Niveau
) -> None:
    places = (LigneEcheancier(Typologie.T1, Mode.SOUS_LOCATION, (1, 2)),)
    (c,) = verifier_siao(Dossier(PORTEUR, places=places, engagement_siao=engagement), bareme)
    assert (c.regle, c.niveau) == ("R-SIAO", niveau)
    assert "3\u00a0places" in c.message
