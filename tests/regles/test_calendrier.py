"""Dates : sous-location, mandat de gestion, montée en charge, trimestres (R-SL-DURATION,
R-MG-GLS-DURATION, R-RAMPUP, R-AAC)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from regles.bareme import Bareme
from regles.calendrier import (
    Trimestre,
    ajouter_mois,
    cumul_par_trimestre,
    etats_jalons,
    fenetre_mandat_gestion,
    periodes_sous_location,
    trimestres_appel,
    verifier_mandat_gestion,
    verifier_montee_en_charge,
    verifier_sous_location,
)
from regles.capacite import LigneEcheancier
from regles.types import Mode, Niveau, SuiteParcours, Typologie

SL = Mode.SOUS_LOCATION


@pytest.mark.parametrize(
    ("depart", "mois", "arrivee"),
    [
        (date(2019, 1, 31), 1, date(2019, 2, 28)),
        (date(2019, 8, 31), 6, date(2020, 2, 29)),
        (date(2019, 5, 15), 6, date(2019, 11, 15)),
        (date(2019, 11, 30), 3, date(2020, 2, 29)),
        (date(2019, 5, 15), 36, date(2022, 5, 15)),
    ],
)
def test_ajouter_mois(depart: date, mois: int, arrivee: date) -> None:
    assert ajouter_mois(depart, mois) == arrivee


def test_r_aac_trimestres_de_l_appel(bareme: Bareme) -> None:
    t = trimestres_appel(bareme)
    assert [x.code for x in t] == [
        "2019T1",
        "2019T2",
        "2019T3",
        "2019T4",
        "2020T1",
        "2020T2",
        "2020T3",
        "2020T4",
    ]
    assert (t[1].debut, t[1].fin) == (date(2019, 4, 1), date(2019, 6, 30))
    # « T2 2019 » se lirait comme la typologie T2 : le libellé dit « trimestre ».
    assert [x.libelle for x in t[:2]] == ["1er\u00a0trim. 2019", "2e\u00a0trim. 2019"]
    assert Trimestre(2019, 4).suivant() == Trimestre(2020, 1)


def test_r_aac_pas_de_trimestres_sans_appel(bareme_national: Bareme) -> None:
    assert trimestres_appel(bareme_national) == ()


def test_r_sl_duration_six_mois_deux_renouvellements(bareme: Bareme) -> None:
    p = periodes_sous_location(date(2019, 5, 15), bareme)
    assert [(x.rang, x.debut, x.fin) for x in p] == [
        (0, date(2019, 5, 15), date(2019, 11, 14)),
        (1, date(2019, 11, 15), date(2020, 5, 14)),
        (2, date(2020, 5, 15), date(2020, 11, 14)),
    ]
    sans_veille = dataclasses.replace(bareme, sl_fin_veille_echeance=False)
    assert periodes_sous_location(date(2019, 5, 15), sans_veille)[0].fin == date(2019, 11, 15)


@pytest.mark.parametrize(("renouvellements", "bloque"), [(0, False), (2, False), (3, True)])
def test_r_sl_duration_boundary(bareme: Bareme, renouvellements: int, bloque: bool) -> None:
    _, constats = verifier_sous_location(
        date(2019, 5, 15), renouvellements, SuiteParcours.BAIL_GLISSANT, bareme
    )
    assert (Niveau.ERREUR in [c.niveau for c in constats]) is bloque
    assert all(c.regle == "R-SL-DURATION" for c in constats)


def test_r_sl_duration_message_et_suite_du_parcours(bareme: Bareme) -> None:
    _, constats = verifier_sous_location(date(2019, 5, 15), 3, None, bareme)
    erreur, alerte = constats
    assert erreur.message == (
        "R-SL-DURATION : 3 renouvellements demandés, 2 au plus : la sous-location entrée le "
        "15/05/2019 finit au plus tard le 14/11/2020."
    )
    assert (alerte.niveau, alerte.champ) == (Niveau.ALERTE, "suite_parcours")


def test_r_sl_duration_parametres(bareme: Bareme) -> None:
    b = dataclasses.replace(bareme, sl_duree_mois=3, sl_renouvellements_max=1)
    assert [p.fin for p in periodes_sous_location(date(2019, 1, 1), b)] == [
        date(2019, 3, 31),
        date(2019, 6, 30),
    ]


def test_r_mg_gls_duration_trois_ans_et_revues(bareme: Bareme) -> None:
    fin, revues = fenetre_mandat_gestion(date(2019, 4, 15), bareme)
    assert fin == date(2022, 4, 14)
    assert revues == (date(2020, 4, 15), date(2021, 4, 15))
    sans_revue = dataclasses.replace(bareme, mg_revue_periodicite_mois=None)
    assert fenetre_mandat_gestion(date(2019, 4, 15), sans_revue)[1] == ()


@pytest.mark.parametrize(
    ("fin_prevue", "bloque"),
    [(None, False), (date(2022, 4, 14), False), (date(2022, 4, 15), True)],
)
def test_r_mg_gls_duration_boundary(bareme: Bareme, fin_prevue: date | None, bloque: bool) -> None:
    _, _, (c,) = verifier_mandat_gestion(date(2019, 4, 15), fin_prevue, bareme, "mandats[0]")
    assert c.regle == "R-MG-GLS-DURATION"
    assert (c.niveau is Niveau.ERREUR) is bloque
    if bloque:
        assert c.champ == "mandats[0].date_fin_prevue"


def places(*trimestres: int) -> list[LigneEcheancier]:
    return [LigneEcheancier(Typologie.T1, SL, tuple(trimestres))]


@pytest.mark.parametrize(
    ("trimestres", "erreurs"),
    [
        ((0, 10, 0, 0, 10, 0, 0, 0), 0),  # 50 % au 31/12/2019 exactement
        ((0, 9, 0, 0, 11, 0, 0, 0), 1),  # 45 %
        ((0, 0, 0, 0, 0, 0, 0, 20), 1),
        ((0, 20, 0, 0, 0, 0, 0, 0), 0),
        ((0, 5, 5, 0, 0, 0, 0, 10), 0),
    ],
)
def test_r_rampup_boundary(bareme: Bareme, trimestres: tuple[int, ...], erreurs: int) -> None:
    constats = verifier_montee_en_charge(places(*trimestres), bareme)
    assert [c.niveau for c in constats].count(Niveau.ERREUR) == erreurs


def test_r_rampup_part_a_un_dixieme_pres(bareme: Bareme) -> None:
    """999 places sur 2 000 au 31/12/2019 = 49,95 % → 50,0 % une fois arrondi : passe."""
    etats = etats_jalons(places(0, 999, 0, 0, 1001, 0, 0, 0), bareme)
    assert [str(e.part_pct) for e in etats] == ["50.0", "100.0"]
    assert all(e.atteint for e in etats)


def test_r_rampup_capacite_financee_donnee(bareme: Bareme) -> None:
    (premier, second) = etats_jalons(places(0, 10, 0, 0, 10, 0, 0, 0), bareme, capacite=40)
    assert (premier.part_pct, premier.atteint) == (25, False)
    assert (second.places_ouvertes, second.atteint) == (20, False)


def test_r_rampup_places_avant_avril_2019(bareme: Bareme) -> None:
    constats = verifier_montee_en_charge(places(2, 8, 0, 0, 10, 0, 0, 0), bareme)
    (alerte,) = [c for c in constats if c.niveau is Niveau.ALERTE]
    assert "1er\u00a0trim. 2019" in alerte.message and "01/04/2019" in alerte.message


def test_r_rampup_une_seule_alerte_pour_les_places_avant_le_debut(bareme: Bareme) -> None:
    """Le stock se reporte : 2 places au 1er trimestre ne donnent qu'une alerte, pas une par
    trimestre d'avant le début de la montée en charge."""
    b = dataclasses.replace(
        bareme,
        appel=dataclasses.replace(bareme.appel, date_debut_montee_en_charge=date(2020, 1, 1)),
    )
    constats = verifier_montee_en_charge(places(2, 8, 0, 0, 10, 0, 0, 0), b)
    (alerte,) = [c for c in constats if c.niveau is Niveau.ALERTE]
    assert alerte.message == (
        "R-RAMPUP : 10\u00a0places prévues du 1er\u00a0trim. 2019 au 4e\u00a0trim. 2019, avant "
        "le début de la montée en charge le 01/01/2020."
    )


def test_r_rampup_sans_appel(bareme_national: Bareme) -> None:
    (c,) = verifier_montee_en_charge(places(1), bareme_national)
    assert c.niveau is Niveau.INFO


def test_r_rampup_cumul(bareme: Bareme) -> None:
    lignes = places(0, 1, 2) + [LigneEcheancier(Typologie.T2, SL, (1, 0, 1))]
    assert cumul_par_trimestre(lignes, bareme) == (1, 2, 5)
