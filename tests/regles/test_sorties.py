"""R-SORTIE : durée de séjour, sorties par destination, taux de sortie vers le logement
(« Inconnue » hors du dénominateur, « non renseigné » sans sortie connue), moyenne et médiane."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.sorties import (
    additionner,
    duree_sejour_jours,
    duree_sejour_mois,
    durees_sejour,
    mediane,
    moyenne,
    sorties_par_destination,
    taux_sortie_logement,
)
from regles.types import DestinationSortie as D

LOGEMENT = frozenset({D.GLISSEMENT_BAIL, D.LOGEMENT_SOCIAL, D.LOGEMENT_PRIVE})


@pytest.mark.parametrize(
    ("entree", "sortie", "jours", "mois"),
    [
        (date(2024, 3, 1), date(2024, 3, 1), 1, Decimal("0.0")),
        (date(2024, 1, 1), date(2024, 12, 31), 366, Decimal("12.0")),
        (date(2023, 1, 1), date(2023, 12, 31), 365, Decimal("12.0")),
        (date(2019, 3, 15), date(2020, 9, 14), 550, Decimal("18.1")),
        (date(2024, 2, 1), date(2024, 2, 29), 29, Decimal("1.0")),
    ],
)
def test_duree_de_sejour_bornes_incluses(entree, sortie, jours, mois) -> None:
    assert duree_sejour_jours(entree, sortie) == jours
    assert duree_sejour_mois(entree, sortie) == mois


def test_une_sortie_avant_l_entree_est_refusee() -> None:
    with pytest.raises(ValueError, match="R-SORTIE"):
        duree_sejour_jours(date(2024, 3, 2), date(2024, 3, 1))


@pytest.mark.parametrize(
    ("comptes", "vers_logement", "connues", "inconnues", "taux"),
    [
        ({}, 0, 0, 0, None),
        # Seulement des sorties de destination inconnue : non renseigné, jamais 0 %.
        ({D.INCONNUE: 3}, 0, 0, 3, None),
        ({D.RUE: 2}, 0, 2, 0, Decimal("0.0")),
        ({D.LOGEMENT_SOCIAL: 1, D.HEBERGEMENT: 1, D.INCONNUE: 5}, 1, 2, 5, Decimal("50.0")),
        (
            {D.GLISSEMENT_BAIL: 1, D.LOGEMENT_PRIVE: 1, D.DECES: 1, D.AUTRE: 0},
            2,
            3,
            0,
            Decimal("66.7"),
        ),
        ({D.GLISSEMENT_BAIL: 4}, 4, 4, 0, Decimal("100.0")),
    ],
)
def test_r_sortie_taux_de_sortie_vers_le_logement(comptes, vers_logement, connues, inconnues, taux):
    resultat = taux_sortie_logement(comptes, LOGEMENT)
    assert (resultat.vers_logement, resultat.connues, resultat.inconnues) == (
        vers_logement,
        connues,
        inconnues,
    )
    assert resultat.taux_pct == taux


def test_le_parametre_decide_des_destinations_logement() -> None:
    comptes = {D.LOGEMENT_SOCIAL: 1, D.HEBERGEMENT: 1}
    assert taux_sortie_logement(comptes, {D.HEBERGEMENT}).taux_pct == Decimal("50.0")
    # « Inconnue » ne devient jamais un logement, même mise par erreur dans le paramètre.
    assert taux_sortie_logement({D.INCONNUE: 2}, {D.INCONNUE}).taux_pct is None


@pytest.mark.parametrize(
    ("valeurs", "moy", "med"),
    [
        ([], None, None),
        ([10], Decimal("10.0"), Decimal("10")),
        ([1, 2], Decimal("1.5"), Decimal("1.5")),
        ([300, 30, 90], Decimal("140.0"), Decimal("90")),
        ([1, 2, 3, 100], Decimal("26.5"), Decimal("2.5")),
    ],
)
def test_moyenne_et_mediane(valeurs, moy, med) -> None:
    assert moyenne(valeurs) == moy
    assert mediane(valeurs) == med


def test_durees_de_sejour_d_un_ensemble() -> None:
    d = durees_sejour(
        [(date(2024, 1, 1), date(2024, 1, 31)), (date(2024, 1, 1), date(2024, 12, 31))]
    )
    assert d.sorties == 2
    assert d.moyenne_jours == Decimal("198.5") and d.mediane_jours == Decimal("198.5")
    assert d.moyenne_mois == Decimal("6.5")
    vide = durees_sejour([])
    assert vide.moyenne_jours is None and vide.mediane_mois is None and vide.sorties == 0


def test_sorties_par_destination_et_total() -> None:
    comptes = sorties_par_destination(["RUE", D.RUE, "INCONNUE"])
    assert list(comptes) == list(D)
    assert comptes[D.RUE] == 2 and comptes[D.INCONNUE] == 1 and comptes[D.DECES] == 0
    total = additionner([comptes, {D.RUE: 1, D.DECES: 1}])
    assert total[D.RUE] == 3 and total[D.DECES] == 1 and sum(total.values()) == 5


destinations = st.lists(st.sampled_from(list(D)), max_size=40)


@given(destinations, st.sets(st.sampled_from(list(D))))
def test_propriete_le_taux_ignore_les_inconnues(liste, logement) -> None:
    comptes = sorties_par_destination(liste)
    taux = taux_sortie_logement(comptes, logement)
    assert taux.connues + taux.inconnues == len(liste)
    assert 0 <= taux.vers_logement <= taux.connues
    avec_plus_d_inconnues = sorties_par_destination([*liste, D.INCONNUE, D.INCONNUE])
    assert taux_sortie_logement(avec_plus_d_inconnues, logement).taux_pct == taux.taux_pct
    if taux.taux_pct is not None:
        assert Decimal(0) <= taux.taux_pct <= Decimal(100)
    else:
        assert taux.connues == 0


@given(st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=30))
def test_propriete_la_mediane_et_la_moyenne_sont_entre_les_extremes(valeurs) -> None:
    med, moy = mediane(valeurs), moyenne(valeurs)
    assert med is not None and moy is not None
    assert min(valeurs) <= med <= max(valeurs)
    assert min(valeurs) <= moy <= max(valeurs)
    assert mediane(list(reversed(valeurs))) == med


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 2000))
def test_propriete_un_jour_de_plus_un_jour_de_sejour_de_plus(entree, jours) -> None:
    sortie = entree + timedelta(days=jours)
    assert duree_sejour_jours(entree, sortie) == jours + 1
    assert duree_sejour_jours(entree, sortie + timedelta(days=1)) == jours + 2
