"""Panorama régional (seed 000, R-UNKNOWN) : totaux calculés à la main, propriétés."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.panorama import (
    Indicateur,
    Unite,
    financement_petit_chez_soi,
    somme_connue,
    texte_valeur,
    totaliser,
    valider_valeur,
)

D = Decimal
#: La colonne « un chez-soi d'abord » du seed 000 (places financées au 31.12.2019).
CHEZ_SOI_2019 = [D(6), D(85), None, None, D(10), D(5), None]


def test_la_colonne_chez_soi_du_seed_donne_106_places_connues_et_3_non_renseignes():
    total = totaliser(CHEZ_SOI_2019)
    assert total.connu == D(106)
    assert total.non_renseignes == 3
    assert not total.complet
    assert total.valeur is None
    assert total.texte == "106\u00a0places connues, 3\u00a0départements non renseignés"


@pytest.mark.parametrize(
    ("valeurs", "unite", "texte"),
    [
        ([D(53), D(30)], Unite.MESURES, "83\u00a0mesures"),
        ([D(1)], Unite.PLACES, "1\u00a0place"),
        ([D(0), D(0)], Unite.PLACES, "0\u00a0place"),
        ([D(1), None], Unite.PLACES, "1\u00a0place connue, 1\u00a0département non renseigné"),
        ([None, None], Unite.PLACES, "non renseigné (2\u00a0départements)"),
        ([], Unite.PLACES, "aucun département"),
        (
            [D(1200), None],
            Unite.PLACES,
            "1\u202f200\u00a0places connues, 1\u00a0département non renseigné",
        ),
    ],
)
def test_textes_des_totaux(valeurs, unite, texte):
    assert totaliser(valeurs, unite).texte == texte


def test_zero_declare_est_une_valeur_connue_et_pas_un_non_renseigne():
    total = totaliser([D(0), D(85)])
    assert total.complet and total.valeur == D(85)


def test_deux_sevres_2019_83_mesures_dont_53_etat_et_30_departement():
    assert somme_connue([D(53), D(30)]) == D(83)
    assert somme_connue([D(53), None]) is None


def test_un_petit_chez_soi_7000_ars_plus_7000_etat_par_place():
    f = financement_petit_chez_soi(D(10), {"ARS": D(7000), "ETAT_P177": D(7000)})
    assert f.par_financeur == {"ARS": D(70000), "ETAT_P177": D(70000)}
    assert f.total == D(140000)
    assert f.par_place == D(14000)
    inconnu = financement_petit_chez_soi(None, {"ARS": D(7000), "ETAT_P177": D(7000)})
    assert inconnu.total is None and inconnu.par_financeur["ARS"] is None


def test_cellules_et_unites():
    assert texte_valeur(None, Unite.PLACES) == "non renseigné"
    assert texte_valeur(D(85), Unite.PLACES) == "85\u00a0places"
    assert Indicateur.MESURES_DEPARTEMENT.unite is Unite.MESURES
    assert Indicateur.PLACES_CHEZ_SOI.regle == "R-CHEZ-SOI"


@pytest.mark.parametrize(
    ("valeur", "message"),
    [(D(-1), "positif"), (D("2.5"), "entier"), (D(10**7), "trop grand"), (D(0), None)],
)
def test_validation_d_une_valeur(valeur, message):
    resultat = valider_valeur(valeur)
    assert (resultat is None) if message is None else (message in resultat)


valeurs = st.lists(
    st.one_of(st.none(), st.integers(min_value=0, max_value=10_000).map(Decimal)), max_size=15
)


@given(valeurs)
def test_un_total_avec_une_part_inconnue_n_est_jamais_presente_complet(vs):
    total = totaliser(vs)
    if None in vs:
        assert not total.complet
        assert total.valeur is None
        assert "non renseigné" in total.texte
    else:
        assert total.valeur == sum(vs, Decimal(0))


@given(valeurs)
def test_le_connu_est_la_somme_des_seules_valeurs_connues(vs):
    total = totaliser(vs)
    assert total.connu == sum((v for v in vs if v is not None), Decimal(0))
    assert total.non_renseignes == vs.count(None)
    assert total.departements == len(vs)


@given(valeurs, valeurs)
def test_ajouter_un_departement_non_renseigne_ne_rend_jamais_un_total_complet(a, b):
    assert not totaliser([*a, None, *b]).complet


@given(st.one_of(st.none(), st.integers(min_value=0, max_value=1000).map(Decimal)))
def test_financement_inconnu_si_places_inconnues(places):
    f = financement_petit_chez_soi(places, {"ARS": D(7000), "ETAT_P177": D(7000)})
    assert (f.total is None) == (places is None)


def test_le_financement_par_place_vient_du_bareme_national(bareme_national):
    f = financement_petit_chez_soi(D(3), bareme_national.petit_chez_soi_financement_par_place)
    assert f.par_place == D(14000)
    assert f.total == D(42000)


def test_total_en_euros_partiel():
    assert totaliser([D(70000), None, None]).texte_euros == (
        "70\u202f000\u00a0€ connus, 2\u00a0départements non renseignés"
    )
    assert totaliser([D(14000)]).texte_euros == "14\u202f000\u00a0€"
