"""R-IMPAYES : appels au prorata, solde, ancienneté des impayés (les paiements soldent les
dettes les plus anciennes d'abord), échéancier et suivi d'un plan d'apurement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.compte import (
    Ligne,
    anciennete,
    date_du_mois,
    echeancier,
    mois_a_appeler,
    montant_du_mois,
    solde,
    soldes_courants,
    suivi_plan,
)

D = Decimal


@pytest.mark.parametrize(
    ("mois", "entree", "sortie", "attendu"),
    [
        (date(2025, 3, 1), date(2025, 1, 1), None, D("560.00")),  # mois entier
        (date(2025, 3, 1), date(2025, 3, 16), None, D("289.03")),  # 16 jours sur 31
        (date(2025, 3, 1), date(2025, 1, 1), date(2025, 3, 10), D("180.65")),  # 10 sur 31
        (date(2024, 2, 1), date(2024, 2, 15), None, D("289.66")),  # 15 sur 29 (bissextile)
    ],
)
def test_le_premier_et_le_dernier_mois_sont_au_prorata(mois, entree, sortie, attendu):
    assert montant_du_mois(D("560.00"), mois, entree, sortie) == attendu


def test_le_mois_d_entree_est_appele_des_l_entree_les_suivants_le_jour_d_appel():
    assert mois_a_appeler(date(2025, 1, 20), None, date(2025, 1, 20), 5) == [date(2025, 1, 1)]
    assert mois_a_appeler(date(2025, 1, 20), None, date(2025, 2, 4), 5) == [date(2025, 1, 1)]
    assert len(mois_a_appeler(date(2025, 1, 20), None, date(2025, 2, 5), 5)) == 2
    # Sorti le 10 mars : rien n'est appelé au-delà de mars.
    assert len(mois_a_appeler(date(2025, 1, 20), date(2025, 3, 10), date(2025, 9, 1), 1)) == 3


def test_r_impayes_les_paiements_soldent_les_dettes_les_plus_anciennes_d_abord():
    lignes = [
        Ligne(date(2025, 1, 1), D("500.00")),
        Ligne(date(2025, 2, 1), D("500.00")),
        Ligne(date(2025, 3, 1), D("500.00")),
        Ligne(date(2025, 3, 5), D("-700.00")),
    ]
    # Au 15/03 : janvier soldé, février (1 mois et 14 jours de retard) doit 300, mars 500.
    a = anciennete(lignes, date(2025, 3, 15))
    assert (a.un_mois, a.deux_mois, a.trois_mois_et_plus) == (D("500.00"), D("300.00"), D(0))
    a = anciennete(lignes, date(2025, 4, 15))
    assert (a.deux_mois, a.trois_mois_et_plus) == (D("500.00"), D("300.00"))
    assert solde(lignes) == a.total == D("800.00")


def test_un_avance_n_est_pas_un_impaye():
    lignes = [Ligne(date(2025, 1, 1), D("500.00")), Ligne(date(2025, 1, 3), D("-650.00"))]
    assert solde(lignes) == D("-150.00")
    assert anciennete(lignes, date(2025, 6, 1)).total == 0


def test_les_soldes_courants_partent_du_report():
    assert soldes_courants([D("10"), D("-4"), D("1.5")], D("100")) == [
        D("110"),
        D("106"),
        D("107.5"),
    ]


@pytest.mark.parametrize(
    ("montant", "nombre", "attendu"),
    [
        (D("1000.00"), 3, [D("333.33"), D("333.33"), D("333.34")]),
        (D("1200.00"), 4, [D("300.00")] * 4),
        (D("0.05"), 3, [D("0.01"), D("0.01"), D("0.03")]),
        (D("99.99"), 1, [D("99.99")]),
    ],
)
def test_l_echeancier_a_des_versements_egaux_le_reste_sur_le_dernier(montant, nombre, attendu):
    lignes = echeancier(montant, nombre, date(2025, 1, 31))
    assert [v.montant for v in lignes] == attendu
    assert [v.le for v in lignes][:3] == [
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 31),
    ][: len(lignes)]


def test_date_du_mois_traverse_l_annee():
    assert date_du_mois(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert date_du_mois(date(2024, 1, 29), 1) == date(2024, 2, 29)


@given(
    centimes=st.integers(min_value=1, max_value=10**9),
    nombre=st.integers(min_value=1, max_value=60),
)
def test_la_somme_de_l_echeancier_vaut_exactement_la_dette(centimes, nombre):
    montant = D(centimes) / 100
    lignes = echeancier(montant, nombre, date(2025, 1, 15))
    assert sum(v.montant for v in lignes) == montant
    assert len({v.le for v in lignes}) == nombre
    assert all(v.montant >= 0 for v in lignes)


def test_un_plan_est_a_jour_quand_les_paiements_couvrent_versements_et_loyers():
    versements = echeancier(D("600.00"), 3, date(2025, 4, 10))
    loyers = [Ligne(date(2025, 4, 1), D("300.00")), Ligne(date(2025, 5, 1), D("300.00"))]
    payes = [Ligne(date(2025, 4, 10), D("-500.00")), Ligne(date(2025, 5, 10), D("-500.00"))]
    suivi = suivi_plan(versements, loyers + payes, date(2025, 5, 20))
    assert (suivi.du, suivi.paye, suivi.libelle) == (D("1000.00"), D("1000.00"), "à jour")
    en_retard = suivi_plan(versements, loyers + payes[:1], date(2025, 5, 20))
    assert en_retard.retard == D("500.00")
    assert en_retard.libelle == "en retard de 500\u00a0€"


def test_un_versement_futur_n_est_pas_du():
    versements = echeancier(D("240.00"), 2, date(2025, 6, 10))
    assert suivi_plan(versements, [], date(2025, 6, 9)).a_jour
    assert suivi_plan(versements, [], date(2025, 6, 10)).retard == D("120.00")


def test_r_impayes_une_correction_porte_sur_la_ligne_qu_elle_corrige():
    """Janvier impayé, mars appelé puis annulé par une correction : la dette de janvier garde
    son âge (3 mois et plus au 15 avril), au lieu d'être soldée par l'annulation de mars."""
    from regles.compte import Ligne, anciennete, nettes

    lignes = nettes(
        [
            (1, None, Ligne(date(2026, 1, 1), Decimal("500.00"))),
            (2, None, Ligne(date(2026, 3, 1), Decimal("500.00"))),
            (3, 2, Ligne(date(2026, 3, 10), Decimal("-500.00"))),
        ]
    )
    assert lignes == [Ligne(date(2026, 1, 1), Decimal("500.00"))]
    age = anciennete(lignes, date(2026, 4, 15))
    assert age.trois_mois_et_plus == Decimal("500.00") and age.total == Decimal("500.00")
    # Une correction sans ligne corrigée reste une ligne à sa date.
    seule = nettes([(9, None, Ligne(date(2026, 2, 1), Decimal("-20.00")))])
    assert seule == [Ligne(date(2026, 2, 1), Decimal("-20.00"))]
