"""Bloc `siao` du barème (R-SIAO, R-PRIORITY-PUBLICS) : valeurs nationales, lecture stricte,
ordre lexicographique des poids de priorité."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from regles import conversion as cv
from regles.bareme import Bareme, ParametreInvalide, fusionner_couches, resoudre_chaine
from regles.parametres import parametres_de
from regles.parametres_siao import PoidsPriorite, lire_siao, mois_entiers, poids_menage
from regles.types import PublicPrioritaire as P

POIDS = PoidsPriorite(dalo=1_000_000, pdalhpd=1_000, anciennete_par_mois=1, anciennete_max_mois=120)
BLOC = {
    "proposition_delai_reponse_jours": 10,
    "vacance_alerte_jours": 30,
    "poids_priorite": {
        "dalo": 1_000_000,
        "pdalhpd": 1_000,
        "anciennete_par_mois": 1,
        "anciennete_max_mois": 120,
    },
}


def test_r_siao_valeurs_du_national(bareme_national: Bareme, bareme: Bareme) -> None:
    siao = bareme_national.siao
    assert siao is not None
    assert siao.proposition_delai_reponse_jours == 10
    assert siao.vacance_alerte_jours == 30
    assert siao.poids_priorite == POIDS
    # L'appel 35 hérite du bloc national.
    assert bareme.siao == siao


def test_r_siao_les_parametres_servent_leurs_regles() -> None:
    assert {p.nom for p in parametres_de("R-SIAO")} >= {
        "proposition_delai_reponse_jours",
        "vacance_alerte_jours",
    }
    assert "poids_priorite" in {p.nom for p in parametres_de("R-PRIORITY-PUBLICS")}


def test_r_siao_un_jeu_sans_bloc_reste_lisible(jeux: dict[str, dict[str, Any]]) -> None:
    ancien = copy.deepcopy(jeux)
    del ancien["national-2018"]["parametres"]["siao"]
    assert fusionner_couches(resoudre_chaine(ancien, "national-2018")).siao is None


def test_r_siao_valeur_invalide_nommee_par_son_chemin(jeux: dict[str, dict[str, Any]]) -> None:
    faux = copy.deepcopy(jeux)
    faux["national-2018"]["parametres"]["siao"]["vacance_alerte_jours"] = 0
    with pytest.raises(ParametreInvalide) as e:
        fusionner_couches(resoudre_chaine(faux, "national-2018"))
    assert e.value.champ == "parametres.siao.vacance_alerte_jours"


def _bloc(**poids: int) -> dict[str, Any]:
    bloc = copy.deepcopy(BLOC)
    bloc["poids_priorite"].update(poids)
    return bloc


@pytest.mark.parametrize(
    ("bloc", "champ"),
    [
        ({k: v for k, v in BLOC.items() if k != "vacance_alerte_jours"}, "s.vacance_alerte_jours"),
        ({**BLOC, "inconnu": 1}, "s.inconnu"),
        ({**BLOC, "proposition_delai_reponse_jours": "dix"}, "s.proposition_delai_reponse_jours"),
        (_bloc(pdalhpd=120), "s.poids_priorite.pdalhpd"),
        (_bloc(dalo=1_120), "s.poids_priorite.dalo"),
        (_bloc(anciennete_par_mois=-1), "s.poids_priorite.anciennete_par_mois"),
        ({**BLOC, "poids_priorite": {"dalo": 3}}, "s.poids_priorite.anciennete_max_mois"),
    ],
)
def test_r_priority_publics_lecture_stricte_du_bloc(bloc: dict[str, Any], champ: str) -> None:
    with pytest.raises(cv.ValeurInvalide) as e:
        lire_siao(bloc, "s")
    assert e.value.champ == champ


def test_r_priority_publics_ordre_lexicographique_par_menage() -> None:
    jour = date(2026, 12, 1)
    recent = date(2026, 11, 30)
    tres_ancien = date(2010, 1, 1)
    dalo_recent = sum(poids_menage([P.DALO_SANS_DOMICILE], recent, jour, POIDS))
    prioritaire_ancien = sum(poids_menage([P.SANS_LOGEMENT], tres_ancien, jour, POIDS))
    ancien_seul = sum(poids_menage([], tres_ancien, jour, POIDS))
    assert dalo_recent > prioritaire_ancien > ancien_seul == 120
    assert poids_menage([P.DALO_HEBERGE, P.PDALHPD], recent, jour, POIDS) == (1_000_000, 1_000, 0)
    assert POIDS.maximum == 1_001_120


@pytest.mark.parametrize(
    ("debut", "fin", "mois"),
    [
        (date(2025, 3, 1), date(2026, 12, 1), 21),
        (date(2025, 3, 15), date(2025, 4, 14), 0),
        (date(2025, 3, 15), date(2025, 4, 15), 1),
        (date(2026, 12, 2), date(2026, 12, 1), 0),
    ],
)
def test_r_priority_publics_anciennete_en_mois_entiers(debut: date, fin: date, mois: int) -> None:
    assert mois_entiers(debut, fin) == mois
