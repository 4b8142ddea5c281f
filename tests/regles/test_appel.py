"""Appel à candidatures : calendrier, dépôt, répartition, notation (R-AAC, R-MODE-SPLIT,
R-SELECTION)."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from regles.appel import (
    ProjetRetenu,
    appel_par_defaut,
    noter,
    repartition,
    verifier_calendrier_appel,
    verifier_depot,
    verifier_repartition,
    verifier_siret_porteur,
)
from regles.bareme import Bareme, Jalon
from regles.types import Mode, Niveau

D = Decimal
MG, SL = Mode.MANDAT_GESTION, Mode.SOUS_LOCATION


def test_r_aac_calendrier_de_l_appel_35_coherent(bareme: Bareme) -> None:
    assert verifier_calendrier_appel(bareme) == ()


def test_r_aac_calendrier_incoherent(bareme: Bareme) -> None:
    assert bareme.appel is not None
    appel = dataclasses.replace(
        bareme.appel,
        date_limite_depot=date(2018, 12, 1),
        jalons=(Jalon(date(2019, 12, 31), D(60)), Jalon(date(2021, 6, 30), D(50))),
    )
    constats = verifier_calendrier_appel(dataclasses.replace(bareme, appel=appel))
    assert {c.regle for c in constats} == {"R-AAC", "R-RAMPUP"}
    assert [c.niveau for c in constats].count(Niveau.ERREUR) == 3


@pytest.mark.parametrize(
    ("depot", "bloque"),
    [
        (date(2019, 3, 4), False),
        (date(2019, 3, 5), True),
        (date(2018, 12, 12), False),
        (date(2018, 12, 11), True),
        (None, False),
    ],
)
def test_r_aac_date_limite_de_depot(bareme: Bareme, depot: date | None, bloque: bool) -> None:
    constats = verifier_depot(depot, bareme.appel)
    assert bool(constats) is bloque
    assert all((c.regle, c.champ) == ("R-AAC", "date_depot") for c in constats)


@pytest.mark.parametrize(
    ("projets", "parts", "alertes"),
    [
        ([(25, 25), (45, 45)], ("50.0", "50.0"), 0),
        ([(70, 0), (0, 70)], ("50.0", "50.0"), 0),
        ([(40, 10)], ("80.0", "20.0"), 2),
        ([(70, 71)], ("49.6", "50.4"), 3),
    ],
)
def test_r_mode_split_sur_l_ensemble_des_projets(
    bareme: Bareme, projets: list[tuple[int, int]], parts: tuple[str, str], alertes: int
) -> None:
    retenus = [ProjetRetenu(f"p{i}", {MG: mg, SL: sl}) for i, (mg, sl) in enumerate(projets)]
    assert tuple(str(p) for p in repartition(retenus, bareme).values()) == parts
    constats = verifier_repartition(retenus, bareme)
    assert [c.niveau for c in constats].count(Niveau.ALERTE) == alertes
    assert all(c.regle == "R-MODE-SPLIT" for c in constats)


def test_r_mode_split_tolerance(bareme: Bareme) -> None:
    b = dataclasses.replace(bareme, repartition_tolerance_pct=D(5))
    constats = verifier_repartition([ProjetRetenu("p", {MG: 38, SL: 32})], b)
    assert Niveau.ALERTE not in [c.niveau for c in constats]


def test_r_mode_split_reponse_partielle_acceptee(bareme: Bareme) -> None:
    (c, *_) = verifier_repartition([ProjetRetenu("p", {MG: 0, SL: 0})], bareme)
    assert c.niveau is Niveau.INFO and "reste 140" in c.message


def _notes(bareme: Bareme, note: str | None) -> dict[str, Decimal | None]:
    assert bareme.appel is not None
    return {c.code: None if note is None else D(note) for c in bareme.appel.criteres_selection}


@pytest.mark.parametrize(("note", "attendu"), [("4", "4.00"), ("0", "0.00"), ("5", "5.00")])
def test_r_selection_note_ponderee(bareme: Bareme, note: str, attendu: str) -> None:
    assert noter(_notes(bareme, note), bareme) == (D(attendu), ())


def test_r_selection_poids_et_erreurs(bareme: Bareme) -> None:
    notes = _notes(bareme, "2") | {"COMPLETUDE": D(5)}
    assert bareme.appel is not None
    criteres = tuple(
        dataclasses.replace(c, poids=D(3) if c.code == "COMPLETUDE" else c.poids)
        for c in bareme.appel.criteres_selection
    )
    b = dataclasses.replace(
        bareme, appel=dataclasses.replace(bareme.appel, criteres_selection=criteres)
    )
    assert noter(notes, b)[0] == D("2.90")  # (3 × 5 + 7 × 2) ÷ (3 + 7)
    score, constats = noter(notes | {"INCONNU": D(1), "QUALITE": D(6)}, bareme)
    assert score is None and [c.champ for c in constats] == ["notes.INCONNU", "notes.QUALITE"]
    score, constats = noter(_notes(bareme, None), bareme)
    assert score is None and len(constats) == 8


def test_r_selection_sans_appel(bareme_national: Bareme) -> None:
    assert noter({}, bareme_national)[0] is None


@pytest.mark.parametrize(
    ("declare", "organisation", "niveau", "fragment"),
    [
        ("77528400000012", "42000000000034", Niveau.ERREUR, "différent de celui de"),
        ("420 000 000 00042", "42000000000034", Niveau.ALERTE, "autre établissement"),
        ("420 000 000 00034", "42000000000034", None, None),
        (None, "42000000000034", None, None),
        ("77528400000012", "", None, None),
    ],
)
def test_r_eligibility_siret_du_porteur(
    declare: str | None, organisation: str, niveau: Niveau | None, fragment: str | None
) -> None:
    constats = verifier_siret_porteur(declare, organisation, "AIS 35")
    assert [c.niveau for c in constats] == ([] if niveau is None else [niveau])
    if fragment:
        assert fragment in constats[0].message and "« AIS 35 »" in constats[0].message
        assert constats[0].champ == "porteur.siret"


def test_r_aac_valeurs_par_defaut_d_un_appel_issues_du_bareme(bareme_national: Bareme) -> None:
    """Les valeurs proposées à un appel créé depuis le national sont des paramètres datés
    (`appel_defaut`) : dépôt 90 jours, sélection 30 jours après, 8 trimestres, jalons 50 %
    au 31/12 de l'année d'ouverture et 100 % à la fin des échéanciers, 8 critères."""
    bloc = appel_par_defaut(bareme_national, date(2026, 11, 30))
    assert bloc is not None
    assert (bloc["date_limite_depot"], bloc["date_selection"]) == ("2027-02-28", "2027-03-30")
    assert bloc["date_debut_montee_en_charge"] == "2027-04-01"
    assert (bloc["premier_trimestre"], bloc["nombre_trimestres"]) == ("2027T2", 8)
    assert bloc["jalons"] == [
        {"date": "2027-12-31", "part_min_pct": "50"},
        {"date": "2029-03-31", "part_min_pct": "100"},
    ]
    assert bloc["exercices"] == [2027, 2028, 2029]
    assert len(bloc["criteres_selection"]) == 8 and bloc["note_max"] == "5"


def test_r_aac_valeurs_par_defaut_changees_par_les_donnees(bareme_national: Bareme) -> None:
    """Changer le paramètre change l'appel proposé, sans toucher au code."""
    assert bareme_national.appel_defaut is not None
    court = dataclasses.replace(
        bareme_national,
        appel_defaut=dataclasses.replace(bareme_national.appel_defaut, duree_depot_jours=30),
    )
    bloc = appel_par_defaut(court, date(2026, 11, 30))
    assert bloc is not None and bloc["date_limite_depot"] == "2026-12-30"
    sans = dataclasses.replace(bareme_national, appel_defaut=None)
    assert appel_par_defaut(sans, date(2026, 11, 30)) is None
