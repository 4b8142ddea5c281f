"""Mise en forme française, constats, énumérations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from regles import types
from regles.constats import Constat, a_des_erreurs, alerte, erreur, info, trier
from regles.format import MILLIERS, UNITE, date_fr, euros, nombre, pourcentage
from regles.types import Mode, Niveau

D = Decimal


@pytest.mark.parametrize(
    ("montant", "texte"),
    [
        (D("1234.5"), f"1{MILLIERS}234,50{UNITE}€"),
        (D(2200), f"2{MILLIERS}200{UNITE}€"),
        (D("85500.00"), f"85{MILLIERS}500{UNITE}€"),
        (D("1234567.891"), f"1{MILLIERS}234{MILLIERS}567,89{UNITE}€"),
        (D("0.005"), f"0,01{UNITE}€"),
        (D(-1500), f"\u22121{MILLIERS}500{UNITE}€"),
        (D(0), f"0{UNITE}€"),
    ],
)
def test_euros(montant: Decimal, texte: str) -> None:
    assert euros(montant) == texte


def test_r_unknown_euros_non_renseigne_distinct_de_zero() -> None:
    assert euros(None) == "non renseigné"
    assert euros(D(0)) != euros(None)


@pytest.mark.parametrize(
    ("valeur", "decimales", "texte"),
    [(D("30.1"), 1, f"30,1{UNITE}%"), (D(30), 0, f"30{UNITE}%"), (D("29.96"), 1, f"30,0{UNITE}%")],
)
def test_pourcentage(valeur: Decimal, decimales: int, texte: str) -> None:
    assert pourcentage(valeur, decimales) == texte


def test_nombre_et_date() -> None:
    assert nombre(D("0.75")) == "0,75"
    assert nombre(D(40000)) == f"40{MILLIERS}000"
    assert date_fr(date(2026, 3, 5)) == "05/03/2026"


def test_constats_prefixes_et_tries() -> None:
    c = [info("R-SIAO", "x."), erreur("R-AAC", "y.", "date_depot"), alerte("R-PARTNERS", "z.")]
    assert c[1] == Constat("R-AAC", Niveau.ERREUR, "R-AAC : y.", "date_depot")
    assert c[1].as_dict() == {
        "regle": "R-AAC",
        "niveau": "erreur",
        "message": "R-AAC : y.",
        "champ": "date_depot",
    }
    assert [x.regle for x in trier(c)] == ["R-AAC", "R-PARTNERS", "R-SIAO"]
    assert a_des_erreurs(c) and not a_des_erreurs(c[::2])


ENUMERATIONS = [
    c for c in vars(types).values() if isinstance(c, type) and issubclass(c, types.Choix)
]


@pytest.mark.parametrize("classe", [c for c in ENUMERATIONS if c is not types.Choix])
def test_enumerations_ascii_majuscules_libelles_francais(classe: type[types.Choix]) -> None:
    for membre in classe:
        assert membre.value.isascii()
        assert membre.libelle
        if classe is not Niveau:
            assert membre.value == membre.value.upper()
    assert classe.choices()[0] == (next(iter(classe)).value, next(iter(classe)).libelle)


def test_r_mode_deux_formes() -> None:
    assert [m.value for m in Mode] == ["MANDAT_GESTION", "SOUS_LOCATION"]
    assert Mode("SOUS_LOCATION").libelle == "Sous-location"
