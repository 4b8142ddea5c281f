"""Taux d'effort et reste à vivre (R-EFFORT-MG, R-EFFORT-SL), avec R-MODE et R-CAPACITY."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.bareme import Bareme
from regles.effort import SituationMenage, taux_effort, verifier_effort
from regles.types import Mode, Niveau, Typologie

D = Decimal
MG, SL = Mode.MANDAT_GESTION, Mode.SOUS_LOCATION


def situation(mode: Mode, loyer: str, ressources: str = "1000", **kw: object) -> SituationMenage:
    s = SituationMenage(mode, D(loyer), D(0), D(0), D(ressources), personnes=1)
    return dataclasses.replace(s, **kw)  # type: ignore[arg-type]


def _niveaux(r: object, regle: str) -> list[Niveau]:
    return [c.niveau for c in r.constats if c.regle == regle]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("loyer", "taux", "bloque"),
    [
        ("300", "30.0", False),
        ("301", "30.1", True),
        ("300.40", "30.0", False),
        ("300.50", "30.1", True),
        ("100", "10.0", False),
    ],
)
def test_r_effort_sl_boundary(bareme: Bareme, loyer: str, taux: str, bloque: bool) -> None:
    r = verifier_effort(situation(SL, loyer), bareme)
    assert r.taux_pct == D(taux)
    assert (Niveau.ERREUR in _niveaux(r, "R-EFFORT-SL")) is bloque


def test_r_effort_sl_message_chiffre(bareme: Bareme) -> None:
    r = verifier_effort(situation(SL, "320"), bareme)
    erreur = next(c for c in r.constats if c.niveau is Niveau.ERREUR)
    assert erreur.message.startswith("R-EFFORT-SL : taux d'effort 32,0\u00a0% supérieur au plafond")
    assert "30\u00a0%" in erreur.message and "sous-location" in erreur.message
    assert erreur.champ == "loyer"


@pytest.mark.parametrize(("loyer", "bloque"), [("500", False), ("501", True), ("450", False)])
def test_r_effort_mg_boundary(bareme: Bareme, loyer: str, bloque: bool) -> None:
    r = verifier_effort(situation(MG, loyer), bareme)
    assert (Niveau.ERREUR in _niveaux(r, "R-EFFORT-MG")) is bloque


def test_r_effort_sl_cout_net_apres_aide_et_charges(bareme: Bareme) -> None:
    s = situation(SL, "420", "950", charges=D(60), aide_logement=D(250), personnes=2)
    r = verifier_effort(s, bareme)
    assert (r.cout_net, r.taux_pct) == (D("230.00"), D("24.2"))
    assert r.reste_a_vivre_mensuel == D("720.00")
    assert r.reste_a_vivre_jour_personne == D("12.00")


def test_r_effort_sl_reste_a_vivre_sans_minimum_non_controle(bareme: Bareme) -> None:
    r = verifier_effort(situation(SL, "200"), bareme)
    assert any("non contrôlé" in c.message and c.niveau is Niveau.INFO for c in r.constats)


@pytest.mark.parametrize(("minimum", "bloque"), [("10.00", False), ("10.01", True)])
def test_r_effort_sl_reste_a_vivre_minimum(bareme: Bareme, minimum: str, bloque: bool) -> None:
    b = dataclasses.replace(bareme, reste_a_vivre_min_jour_personne=D(minimum))
    r = verifier_effort(situation(SL, "240", "840", personnes=2), b)  # 600 / 2 / 30 = 10,00 €
    assert r.reste_a_vivre_jour_personne == D("10.00")
    assert (Niveau.ERREUR in _niveaux(r, "R-EFFORT-SL")) is bloque


def test_r_effort_mg_pas_de_minimum_de_reste_a_vivre(bareme: Bareme) -> None:
    b = dataclasses.replace(bareme, reste_a_vivre_min_jour_personne=D(1000))
    r = verifier_effort(situation(MG, "300"), b)
    assert Niveau.ERREUR not in _niveaux(r, "R-EFFORT-MG")


@pytest.mark.parametrize("manquant", ["loyer", "charges", "aide_logement", "ressources"])
def test_r_unknown_effort_non_calcule(bareme: Bareme, manquant: str) -> None:
    s = dataclasses.replace(situation(SL, "300"), **{manquant: None})
    r = verifier_effort(s, bareme)
    assert r.taux_pct is None
    assert [c.niveau for c in r.constats] == [Niveau.INFO]


def test_ressources_nulles_non_calcule(bareme: Bareme) -> None:
    assert verifier_effort(situation(SL, "300", "0"), bareme).taux_pct is None


def test_r_mode_bail_glissant_en_mandat_refuse(bareme: Bareme) -> None:
    r = verifier_effort(situation(MG, "100", bail_glissant=True), bareme)
    assert ("R-MODE", Niveau.ERREUR) in [(c.regle, c.niveau) for c in r.constats]
    r = verifier_effort(situation(SL, "100", bail_glissant=True), bareme)
    assert "R-MODE" not in [c.regle for c in r.constats]


@pytest.mark.parametrize(
    ("typologie", "personnes", "bloque"),
    [
        (Typologie.STUDIO, 1, False),
        (Typologie.STUDIO, 2, True),
        (Typologie.T3, 4, False),
        (Typologie.T3, 5, True),
        (Typologie.T6_PLUS, 7, False),
    ],
)
def test_r_capacity_adequation_du_menage(
    bareme: Bareme, typologie: Typologie, personnes: int, bloque: bool
) -> None:
    r = verifier_effort(situation(SL, "100", typologie=typologie, personnes=personnes), bareme)
    assert (("R-CAPACITY", Niveau.ERREUR) in [(c.regle, c.niveau) for c in r.constats]) is bloque


montants = st.decimals(min_value=0, max_value=5000, places=2)


@given(
    loyer=montants,
    hausse=st.decimals(min_value=0, max_value=500, places=2),
    ressources=st.decimals(min_value=1, max_value=10000, places=2),
)
def test_r_effort_sl_taux_croit_avec_le_loyer(
    bareme: Bareme, loyer: Decimal, hausse: Decimal, ressources: Decimal
) -> None:
    assert taux_effort(loyer, ressources, bareme) <= taux_effort(loyer + hausse, ressources, bareme)
