"""Pré-contrôle de décence d'un logement du parc (R-DECENCE-SURFACE, R-DECENCE-DPE) : bornes
incluses, valeurs inconnues, dates d'exclusion et de péremption au jour près."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from regles.bareme import Bareme
from regles.constats import Constat
from regles.decence import CaracteristiquesDecence, alertes_location_en_cours, controler_decence
from regles.parametres_parc import ParametresParc
from regles.types import ClasseDpe, Niveau

D = Decimal
NBSP = "\u00a0"
LOCATION = date(2026, 3, 5)


@pytest.fixture(scope="module")
def parc(bareme: Bareme) -> ParametresParc:
    assert bareme.parc is not None
    return bareme.parc


def _logement(
    surface: str | None = "20",
    hauteur: str | None = "2.50",
    classe: ClasseDpe | str | None = "D",
    date_dpe: date | None = date(2020, 1, 1),
) -> CaracteristiquesDecence:
    return CaracteristiquesDecence(
        surface_m2=None if surface is None else D(surface),
        hauteur_sous_plafond_m=None if hauteur is None else D(hauteur),
        classe_dpe=classe,
        date_dpe=date_dpe,
    )


def _de(regle: str, constats: tuple[Constat, ...]) -> list[tuple[Niveau, str | None]]:
    return [(c.niveau, c.champ) for c in constats if c.regle == regle]


def _surface(constats: tuple[Constat, ...]) -> list[tuple[Niveau, str | None]]:
    return _de("R-DECENCE-SURFACE", constats)


def test_un_logement_decent_n_a_aucun_constat(parc: ParametresParc) -> None:
    assert controler_decence(_logement(), parc, LOCATION) == ()


@pytest.mark.parametrize(
    ("surface", "hauteur", "decent"),
    [
        ("9", "2.20", True),  # 9 m² et 2,20 m exactement
        ("8.99", "2.20", False),  # 19,78 m³
        ("9", "2.19", False),  # 19,71 m³
        ("8", "2.50", True),  # 20 m³ exactement, sous 9 m²
        ("9.5", "2.10", False),  # 19,95 m³
        ("10", "2.00", True),  # 20 m³ exactement, sous 2,20 m
        ("7.99", "2.50", False),  # 19,975 m³
    ],
)
def test_r_decence_surface_bornes_incluses(
    parc: ParametresParc, surface: str, hauteur: str, decent: bool
) -> None:
    constats = controler_decence(_logement(surface, hauteur), parc, LOCATION)
    assert (_surface(constats) == []) is decent


def test_r_decence_surface_message_chiffre(parc: ParametresParc) -> None:
    (c,) = controler_decence(_logement("8.5", "2.10"), parc, LOCATION)
    assert c.niveau is Niveau.ERREUR and c.champ == "surface_m2"
    assert c.message == (
        f"R-DECENCE-SURFACE : 8,5{NBSP}m² et 2,10{NBSP}m sous plafond (17,9{NBSP}m³) : en dessous "
        f"du minimum de décence (9{NBSP}m² et 2,20{NBSP}m, ou 20{NBSP}m³ ; décret n° 2002-120, "
        "art. 4)."
    )


def test_r_decence_surface_hauteur_seule_en_defaut(parc: ParametresParc) -> None:
    constats = controler_decence(_logement("9.2", "2.10"), parc, LOCATION)
    assert _surface(constats) == [(Niveau.ERREUR, "hauteur_sous_plafond_m")]


def test_r_decence_surface_inconnue_est_une_erreur(parc: ParametresParc) -> None:
    (c,) = controler_decence(_logement(surface=None), parc, LOCATION)
    assert (c.niveau, c.champ) == (Niveau.ERREUR, "surface_m2")
    assert "non renseignée" in c.message and c.message.startswith("R-DECENCE-SURFACE : ")


def test_r_decence_surface_hauteur_inconnue_surface_suffisante_alerte(
    parc: ParametresParc,
) -> None:
    (c,) = controler_decence(_logement("9", None), parc, LOCATION)
    assert (c.niveau, c.champ) == (Niveau.ALERTE, "hauteur_sous_plafond_m")
    assert "hauteur sous plafond non renseignée : à vérifier" in c.message


def test_r_decence_surface_hauteur_inconnue_surface_insuffisante_erreur(
    parc: ParametresParc,
) -> None:
    (c,) = controler_decence(_logement("8.9", None), parc, LOCATION)
    assert (c.niveau, c.champ) == (Niveau.ERREUR, "surface_m2")
    assert "hauteur sous plafond non renseignée" in c.message


def _dpe(constats: tuple[Constat, ...]) -> list[tuple[Niveau, str | None]]:
    return _de("R-DECENCE-DPE", constats)


def test_r_decence_dpe_classe_exclue_depuis(parc: ParametresParc) -> None:
    (c,) = controler_decence(_logement(classe="G"), parc, LOCATION)
    assert (c.niveau, c.champ) == (Niveau.ERREUR, "classe_dpe")
    assert c.message == (
        "R-DECENCE-DPE : classe G exclue des nouvelles locations depuis le 01/01/2025 "
        "(loi Climat et résilience)."
    )


@pytest.mark.parametrize(
    ("jour", "attendu"),
    [
        (date(2027, 12, 31), Niveau.ALERTE),  # la veille de l'exclusion
        (date(2028, 1, 1), Niveau.ERREUR),  # le jour même
    ],
)
def test_r_decence_dpe_exclusion_au_jour_pres(
    parc: ParametresParc, jour: date, attendu: Niveau
) -> None:
    constats = controler_decence(
        _logement(classe=ClasseDpe.F, date_dpe=date(2024, 1, 1)), parc, jour
    )
    assert _dpe(constats) == [(attendu, "classe_dpe")]


def test_r_decence_dpe_exclusion_future_message(parc: ParametresParc) -> None:
    (c,) = controler_decence(_logement(classe="F"), parc, LOCATION)
    assert c.niveau is Niveau.ALERTE
    assert "classe F exclue des nouvelles locations à partir du 01/01/2028" in c.message


def test_r_decence_dpe_classes_non_exclues(parc: ParametresParc) -> None:
    for classe in "ABCD":
        logement = _logement(classe=classe, date_dpe=date(2039, 1, 1))
        assert controler_decence(logement, parc, date(2040, 1, 1)) == ()


@pytest.mark.parametrize("classe", [None, "", "H"])
def test_r_decence_dpe_classe_inconnue_est_une_erreur(
    parc: ParametresParc, classe: str | None
) -> None:
    (c,) = controler_decence(_logement(classe=classe), parc, LOCATION)
    assert (c.niveau, c.champ) == (Niveau.ERREUR, "classe_dpe")
    assert "classe DPE" in c.message


def test_r_decence_dpe_perime_message(parc: ParametresParc) -> None:
    constats = controler_decence(_logement(date_dpe=date(2012, 2, 1)), parc, LOCATION)
    (c,) = constats
    assert (c.niveau, c.champ) == (Niveau.ERREUR, "date_dpe")
    assert "R-DECENCE-DPE : DPE du 01/02/2012 périmé le 01/02/2022" in c.message


@pytest.mark.parametrize(
    ("jour", "perime"),
    [(date(2026, 3, 4), False), (date(2026, 3, 5), True)],
)
def test_r_decence_dpe_validite_au_jour_anniversaire(
    parc: ParametresParc, jour: date, perime: bool
) -> None:
    constats = controler_decence(_logement(date_dpe=date(2016, 3, 5)), parc, jour)
    assert (_dpe(constats) == [(Niveau.ERREUR, "date_dpe")]) is perime


def test_r_decence_dpe_du_29_fevrier(parc: ParametresParc) -> None:
    logement = _logement(date_dpe=date(2016, 2, 29))
    assert controler_decence(logement, parc, date(2026, 2, 28)) == ()
    assert _dpe(controler_decence(logement, parc, date(2026, 3, 1))) == [
        (Niveau.ERREUR, "date_dpe")
    ]


def test_r_decence_dpe_date_inconnue_alerte(parc: ParametresParc) -> None:
    (c,) = controler_decence(_logement(date_dpe=None), parc, LOCATION)
    assert (c.niveau, c.champ) == (Niveau.ALERTE, "date_dpe")


def test_les_erreurs_precedent_les_alertes(parc: ParametresParc) -> None:
    constats = controler_decence(_logement("9", None, "G", None), parc, LOCATION)
    assert [c.niveau for c in constats] == [
        Niveau.ERREUR,
        Niveau.ALERTE,
        Niveau.ALERTE,
    ]
    assert [c.champ for c in constats] == ["classe_dpe", "hauteur_sous_plafond_m", "date_dpe"]


def test_r_decence_dpe_location_en_cours_future_exclusion(parc: ParametresParc) -> None:
    (c,) = alertes_location_en_cours(_logement(classe="F"), parc, LOCATION)
    assert c.niveau is Niveau.ALERTE
    assert c.message == (
        "R-DECENCE-DPE : la location en cours deviendra non conforme le 01/01/2028 (classe F)."
    )


def test_r_decence_dpe_location_en_cours_deja_exclue(parc: ParametresParc) -> None:
    (c,) = alertes_location_en_cours(_logement(classe="G"), parc, LOCATION)
    assert c.niveau is Niveau.ALERTE
    assert "jusqu'à son renouvellement" in c.message
    assert "aucune nouvelle location" in c.message


def test_r_decence_dpe_location_en_cours_le_jour_de_l_exclusion(parc: ParametresParc) -> None:
    (c,) = alertes_location_en_cours(_logement(classe="F"), parc, date(2028, 1, 1))
    assert "jusqu'à son renouvellement" in c.message
    (c,) = alertes_location_en_cours(_logement(classe="F"), parc, date(2027, 12, 31))
    assert "deviendra non conforme le 01/01/2028" in c.message


def test_r_decence_dpe_location_en_cours_jamais_d_erreur(parc: ParametresParc) -> None:
    for classe in (None, "H", "A", "E", "F", "G"):
        logement = _logement(surface=None, hauteur=None, classe=classe, date_dpe=None)
        constats = alertes_location_en_cours(logement, parc, LOCATION)
        assert all(c.niveau is Niveau.ALERTE for c in constats)
    assert alertes_location_en_cours(_logement(classe="C"), parc, LOCATION) == ()
