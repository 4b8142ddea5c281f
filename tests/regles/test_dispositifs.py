"""Dispositifs voisins et cofinancements (R-CHEZ-SOI, R-PETIT-CHEZ-SOI, R-CD-MEASURES,
R-COFUNDING)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from regles.bareme import Bareme
from regles.dispositifs import (
    Financement,
    MesurePetitChezSoi,
    ProjetChezSoi,
    eligible_chez_soi,
    totaux_financements,
    verifier_chez_soi,
    verifier_equilibre,
    verifier_mesure_cd,
    verifier_petit_chez_soi,
)
from regles.types import Financeur, Mode, Niveau, Service, StatutJuridique

D = Decimal
F = Financeur


def test_r_cofunding_un_petit_chez_soi_14000_par_place(bareme: Bareme) -> None:
    total, par_financeur = totaux_financements(
        [Financement(F.ARS, D(7000)), Financement(F.ETAT_P177, D(7000))]
    )
    assert total == D(14000)
    assert par_financeur == {F.ARS: D(7000), F.ETAT_P177: D(7000)}
    assert sum(bareme.petit_chez_soi_financement_par_place.values()) == D(14000)


def test_r_cofunding_deux_sevres_83_mesures() -> None:
    """Deux-Sèvres 2019 : 53 mesures État + 30 mesures du département = 83 (comptées ici)."""
    total, par_financeur = totaux_financements(
        [Financement(F.ETAT_P177, D(53)), Financement(F.CONSEIL_DEPARTEMENTAL, D(30))]
    )
    assert total == D(83) and len(par_financeur) == 2


def test_r_unknown_cofinancement_inconnu_reste_inconnu() -> None:
    total, par_financeur = totaux_financements(
        [Financement(F.ARS, None), Financement(F.ARS, D(1)), Financement(F.FSL, D(2))]
    )
    assert total is None and par_financeur[F.ARS] is None and par_financeur[F.FSL] == D(2)


@pytest.mark.parametrize(
    ("recettes", "charges", "niveaux"),
    [
        ([D(85500)], D("85500.00"), []),
        ([D(85000)], D("85500.00"), [Niveau.ALERTE]),
        ([None], D(1), [Niveau.INFO]),
        ([], D(1), []),
    ],
)
def test_r_cofunding_equilibre(
    recettes: list[Decimal | None], charges: Decimal, niveaux: list[Niveau]
) -> None:
    fins = [Financement(F.ETAT_P177, r, Service.GESTION) for r in recettes]
    assert [c.niveau for c in verifier_equilibre(fins, charges)] == niveaux


def _chez_soi(**kw: object) -> ProjetChezSoi:
    valeurs: dict[str, object] = {
        "type_territoire": "METROPOLE",
        "places": 100,
        "statut_porteur": StatutJuridique.GCSMS,
        "convention_hopital_pass": True,
        "convention_organisme_exclusion": True,
    }
    return ProjetChezSoi(**(valeurs | kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kw", "niveaux"),
    [
        ({}, []),
        ({"type_territoire": "VILLE_MOYENNE", "places": 55}, []),
        ({"places": 55}, [Niveau.ALERTE]),
        ({"type_territoire": "VILLAGE"}, [Niveau.ERREUR]),
        ({"statut_porteur": StatutJuridique.ASSOCIATION}, [Niveau.ERREUR]),
        (
            {"convention_hopital_pass": False, "convention_organisme_exclusion": False},
            [Niveau.ERREUR, Niveau.ERREUR],
        ),
    ],
)
def test_r_chez_soi_projet(bareme: Bareme, kw: dict[str, object], niveaux: list[Niveau]) -> None:
    constats = verifier_chez_soi(_chez_soi(**kw), bareme)
    assert [c.niveau for c in constats] == niveaux
    assert all(c.regle == "R-CHEZ-SOI" for c in constats)


@pytest.mark.parametrize(
    ("criteres", "eligible"),
    [
        ((True, True, True), True),
        ((False, True, True), False),
        ((True, False, True), False),
        ((True, True, False), False),
    ],
)
def test_r_chez_soi_personne(criteres: tuple[bool, bool, bool], eligible: bool) -> None:
    assert eligible_chez_soi(*criteres) is eligible


@pytest.mark.parametrize(
    ("mesure", "erreurs"),
    [
        (MesurePetitChezSoi(Mode.SOUS_LOCATION, True, True, True, 1), 0),
        (MesurePetitChezSoi(Mode.SOUS_LOCATION, True, True, True, 0), 1),
        (MesurePetitChezSoi(Mode.SOUS_LOCATION, False, True, True, 2), 1),
        (MesurePetitChezSoi(Mode.MANDAT_GESTION, False, True, False, 1), 2),
    ],
)
def test_r_petit_chez_soi(bareme: Bareme, mesure: MesurePetitChezSoi, erreurs: int) -> None:
    constats = verifier_petit_chez_soi(mesure, bareme)
    assert [c.niveau for c in constats].count(Niveau.ERREUR) == erreurs


def test_r_petit_chez_soi_financement_rappele(bareme: Bareme) -> None:
    mesure = MesurePetitChezSoi(
        Mode.SOUS_LOCATION,
        True,
        True,
        True,
        1,
        (Financement(F.ARS, D(7000)), Financement(F.ETAT_P177, D(7000))),
    )
    (c,) = verifier_petit_chez_soi(mesure, bareme)
    assert c.regle == "R-COFUNDING" and "14\u202f000\u00a0€" in c.message


@pytest.mark.parametrize(("mois", "alerte"), [(36, False), (37, True), (12, False)])
def test_r_cd_measures_duree(bareme: Bareme, mois: int, alerte: bool) -> None:
    assert bool(verifier_mesure_cd(mois, bareme)) is alerte
