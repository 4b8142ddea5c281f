"""Chiffres d'activité de l'accompagnement (R-STATS) : mois d'accompagnement d'un ménage dans
une année, dénominateur des contacts par ménage et par mois."""

from __future__ import annotations

from datetime import date

import pytest

from regles.accompagnement import moyenne
from regles.activite_accompagnement import dernier_mois_compte, mois_accompagnes

FIN_2026 = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("annee", "aujourd_hui", "attendu"),
    [
        (2025, FIN_2026, 12),
        (2026, FIN_2026, 11),
        (2027, FIN_2026, 0),
        (2026, date(2026, 1, 1), 1),
    ],
)
def test_r_stats_dernier_mois_compte(annee, aujourd_hui, attendu) -> None:
    assert dernier_mois_compte(annee, aujourd_hui) == attendu


@pytest.mark.parametrize(
    ("periodes", "annee", "attendu"),
    [
        # Toute l'année passée, plan encore ouvert.
        ([(date(2024, 6, 1), None)], 2025, 12),
        # Ouvert le 31 mars, clos le 1er juin : mars, avril, mai, juin (un mois commencé compte).
        ([(date(2025, 3, 31), date(2025, 6, 1))], 2025, 4),
        # Deux plans le même mois : le mois ne compte qu'une fois.
        ([(date(2025, 1, 1), date(2025, 2, 10)), (date(2025, 2, 20), date(2025, 3, 5))], 2025, 3),
        # Clos avant l'année, ouvert après : rien.
        ([(date(2023, 1, 1), date(2024, 12, 31))], 2025, 0),
        # L'année en cours s'arrête au mois en cours (novembre 2026).
        ([(date(2026, 10, 15), None)], 2026, 2),
        ([(date(2025, 1, 1), None)], 2026, 11),
        ([], 2025, 0),
    ],
)
def test_r_stats_mois_accompagnes(periodes, annee, attendu) -> None:
    assert mois_accompagnes(periodes, annee, FIN_2026) == attendu


def test_r_stats_contacts_par_menage_et_par_mois() -> None:
    """Deux ménages, l'un 12 mois, l'autre 4 mois : 16 mois d'accompagnement ; 40 visites font
    2,5 visites par ménage et par mois ; sans mois d'accompagnement, rien n'est calculable."""
    effectif = mois_accompagnes([(date(2024, 1, 1), None)], 2025, FIN_2026) + mois_accompagnes(
        [(date(2025, 9, 1), None)], 2025, FIN_2026
    )
    assert effectif == 16
    assert str(moyenne(40, effectif)) == "2.5"
    assert moyenne(3, 0) is None
