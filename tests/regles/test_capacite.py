"""Capacité, petits logements, cohérence des annexes 2 et 3 (R-CAPACITY, R-SMALL-UNITS,
R-SCHEDULE-CONSISTENCY)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.bareme import Bareme
from regles.calendrier import trimestres_appel
from regles.capacite import (
    LigneEcheancier,
    part_petits_logements,
    part_petits_logements_retenus,
    places_max,
    stock,
    total,
    totaux_par,
    verifier_coherence_echeanciers,
    verifier_petits_logements,
)
from regles.types import Mode, Niveau, Typologie

MG, SL = Mode.MANDAT_GESTION, Mode.SOUS_LOCATION
T = Typologie
D = Decimal


def ligne(t: Typologie, mode: Mode, *trimestres: int) -> LigneEcheancier:
    return LigneEcheancier(t, mode, tuple(trimestres))


@pytest.mark.parametrize(
    ("typologie", "logements", "places"),
    [
        (T.STUDIO, 3, 3),
        (T.T1, 3, 6),
        (T.T2, 2, 6),
        (T.T3, 1, 4),
        (T.T4, 1, 5),
        (T.T5, 1, 6),
        (T.T6_PLUS, 2, 14),
    ],
)
def test_r_capacity_places_max(
    bareme: Bareme, typologie: Typologie, logements: int, places: int
) -> None:
    assert places_max(typologie, logements, bareme) == places


@pytest.mark.parametrize(
    ("places", "part", "niveau"),
    [
        ({T.T2: 3, T.T3: 7}, "30.0", Niveau.INFO),
        ({T.STUDIO: 30, T.T3: 70}, "30.0", Niveau.INFO),
        ({T.STUDIO: 299, T.T4: 701}, "29.9", Niveau.ERREUR),
        ({T.T1: 301, T.T4: 699}, "30.1", Niveau.INFO),
        ({T.T3: 10}, "0.0", Niveau.ERREUR),
        ({T.STUDIO: 1}, "100.0", Niveau.INFO),
    ],
)
def test_r_small_units_boundary(
    bareme: Bareme, places: dict[Typologie, int], part: str, niveau: Niveau
) -> None:
    from decimal import Decimal

    assert part_petits_logements(places, bareme) == Decimal(part)
    (constat,) = verifier_petits_logements(places, bareme)
    assert (constat.regle, constat.niveau) == ("R-SMALL-UNITS", niveau)


def test_r_small_units_message_et_aucune_place(bareme: Bareme) -> None:
    (c,) = verifier_petits_logements({T.STUDIO: 2, T.T3: 8}, bareme)
    assert c.message == (
        "R-SMALL-UNITS : 20,0\u00a0% des places en petits logements (2\u00a0places sur 10), moins "
        "que le minimum de 30\u00a0%."
    )
    assert part_petits_logements({}, bareme) is None
    assert verifier_petits_logements({}, bareme)[0].niveau is Niveau.ALERTE


def test_r_small_units_typologies_parametre(bareme: Bareme) -> None:
    b = dataclasses.replace(bareme, petits_logements_typologies=frozenset({T.STUDIO}))
    assert verifier_petits_logements({T.T2: 10}, b)[0].niveau is Niveau.ERREUR


def test_r_schedule_consistency_entrees_par_trimestre(bareme: Bareme) -> None:
    l2 = ligne(T.T2, SL, 0, 1, 2, 0)
    assert stock(l2, bareme) == (0, 1, 3, 3)
    assert total(l2, bareme) == 3
    cumulatif = dataclasses.replace(bareme, echeancier_cumulatif=True)
    assert stock(ligne(T.T2, SL, 0, 1, 3, 3), cumulatif) == (0, 1, 3, 3)


@pytest.mark.parametrize(
    ("places", "erreurs"),
    [
        ((0, 3, 6, 0), []),
        # Une seule erreur par ligne fautive, sur son premier trimestre en dépassement.
        ((0, 3, 7, 0), ["places[0].trimestres[2]"]),
        ((3, 0, 0, 0), ["places[0].trimestres[0]"]),
        ((0, 0, 9, 0), []),
        ((0, 0, 9, 1), ["places[0].trimestres[3]"]),
    ],
)
def test_r_schedule_consistency_places_sous_logements_fois_capacite(
    bareme: Bareme, places: tuple[int, ...], erreurs: list[str]
) -> None:
    logements = [ligne(T.T2, SL, 0, 1, 2, 0)]
    constats = verifier_coherence_echeanciers(logements, [ligne(T.T2, SL, *places)], bareme)
    assert [c.champ for c in constats] == erreurs
    assert all(c.regle == "R-SCHEDULE-CONSISTENCY" for c in constats)


def test_r_schedule_consistency_par_forme_et_typologie(bareme: Bareme) -> None:
    logements = [ligne(T.T2, SL, 1), ligne(T.T3, MG, 1)]
    places = [ligne(T.T2, MG, 1), ligne(T.T3, MG, 4)]
    (c,) = verifier_coherence_echeanciers(logements, places, bareme, ["1er trim. 2019"])
    assert c.champ == "places[0].trimestres[0]"
    assert "1er trim. 2019" in c.message and "R-CAPACITY" in c.message


def test_r_schedule_consistency_trois_erreurs_trois_constats(bareme: Bareme) -> None:
    """3 erreurs de saisie sur 8 trimestres : 3 constats (un par ligne fautive), pas un par
    trimestre restant ; chaque constat dit combien de trimestres sont en dépassement."""
    libelles = [t.libelle for t in trimestres_appel(bareme)]
    logements = [ligne(T.STUDIO, MG, 2, 0, 0, 0, 0, 0, 0, 0), ligne(T.T1, MG, 1, *[0] * 7)]
    logements.append(ligne(T.T2, SL, 1, *[0] * 7))
    places = [
        ligne(T.STUDIO, MG, 0, 40, 0, 0, 0, 0, 0, 0),
        ligne(T.T1, MG, 40, *[0] * 7),
        ligne(T.T2, SL, 0, 0, 40, 0, 0, 0, 0, 0),
    ]
    constats = verifier_coherence_echeanciers(logements, places, bareme, libelles)
    assert [c.champ for c in constats] == [
        "places[0].trimestres[1]",
        "places[1].trimestres[0]",
        "places[2].trimestres[2]",
    ]
    assert constats[0].message == (
        "R-SCHEDULE-CONSISTENCY : Chambre / studio en mandat de gestion : 40\u00a0places à la "
        "fin de 2e\u00a0trim. 2019 pour 2\u00a0logements, soit 2\u00a0places au plus (R-CAPACITY, "
        "1\u00a0place par logement). Dépassement sur 7 trimestres, de 2e\u00a0trim. 2019 à "
        "4e\u00a0trim. 2020."
    )


def test_r_schedule_consistency_lignes_en_double(bareme: Bareme) -> None:
    constats = verifier_coherence_echeanciers([ligne(T.T1, SL, 1), ligne(T.T1, SL, 1)], [], bareme)
    assert [c.champ for c in constats] == ["logements[1]"]


def test_totaux_calcules_par_forme_et_typologie(bareme: Bareme) -> None:
    par_mode, par_typo = totaux_par([ligne(T.T1, SL, 1, 2), ligne(T.T3, MG, 0, 4)], bareme)
    assert par_mode == {MG: 4, SL: 3}
    assert par_typo[T.T1] == 3 and par_typo[T.T3] == 4 and par_typo[T.STUDIO] == 0


entrees = st.lists(st.integers(min_value=0, max_value=5), min_size=8, max_size=8)


@given(typologie=st.sampled_from(list(Typologie)), logements=entrees, remplissage=st.data())
def test_r_capacity_propriete_places_sous_logements_fois_capacite(
    bareme: Bareme, typologie: Typologie, logements: list[int], remplissage: st.DataObject
) -> None:
    """Un échéancier de places tiré sous le plafond n'est jamais refusé ; un de plus l'est."""
    stock_logements = stock(ligne(typologie, SL, *logements), bareme)
    plafonds = [n * bareme.capacite(typologie) for n in stock_logements]
    stocks_places, courant = [], 0
    for plafond in plafonds:
        courant = remplissage.draw(st.integers(min_value=min(courant, plafond), max_value=plafond))
        stocks_places.append(courant)
    places = [b - a for a, b in zip([0, *stocks_places], stocks_places, strict=False)]
    assert all(n >= 0 for n in places)
    assert (
        verifier_coherence_echeanciers(
            [ligne(typologie, SL, *logements)], [ligne(typologie, SL, *places)], bareme
        )
        == ()
    )
    trop = [*places[:-1], places[-1] + plafonds[-1] - stocks_places[-1] + 1]
    assert verifier_coherence_echeanciers(
        [ligne(typologie, SL, *logements)], [ligne(typologie, SL, *trop)], bareme
    )


@pytest.mark.parametrize(
    ("projets", "attendu"),
    [
        ([(D("40"), 10), (D("20"), 30)], D("25.0")),
        ([(D("100"), 1), (D("0"), 2)], D("33.3")),
        ([(D("40"), 10), (None, 5)], None),
        ([(D("40"), 10), (None, 0)], D("40.0")),
        ([], None),
    ],
)
def test_r_small_units_part_ponderee_des_projets_retenus(
    bareme: Bareme, projets: list[tuple[Decimal | None, int]], attendu: Decimal | None
) -> None:
    """Part des petits logements des projets retenus, pondérée par leurs places ; une part
    inconnue sur des places retenues rend le total inconnu (R-UNKNOWN)."""
    assert part_petits_logements_retenus(projets, bareme) == attendu
