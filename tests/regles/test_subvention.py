"""Subvention annuelle (R-SUBSIDY-PRORATA) et renouvellement de convention (R-STATS)."""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.bareme import Bareme, fusionner_couches, resoudre_chaine
from regles.budget import Accompagnement, LigneCout, ProjetBudget, Services, calculer_budget
from regles.calendrier import trimestres_appel
from regles.capacite import LigneEcheancier
from regles.eligibilite import PartenaireDelegue
from regles.subvention import (
    CoutsUnitaires,
    Mobilisation,
    PlacesRetenues,
    couts_unitaires,
    mobilisations_echeancier,
    mois_prorata,
    rapports_places_retenues,
    reduire,
    subvention_annuelle,
    subventions,
    subventions_retenues,
    verifier_renouvellement_convention,
    versements,
)
from regles.types import ModaliteAccompagnement, Mode, Typologie

D = Decimal
MG, SL = Mode.MANDAT_GESTION, Mode.SOUS_LOCATION
COUTS = CoutsUnitaires(D(600), {MG: D(800), SL: D(3700)})


@pytest.mark.parametrize(("mois", "inclus", "exclus"), [(1, 12, 11), (4, 9, 8), (12, 1, 0)])
def test_r_subsidy_prorata_mois(bareme: Bareme, mois: int, inclus: int, exclus: int) -> None:
    assert mois_prorata(mois, bareme) == inclus
    assert mois_prorata(mois, dataclasses.replace(bareme, prorata_mois_inclus=False)) == exclus


@pytest.mark.parametrize("mois", [0, 13])
def test_r_subsidy_prorata_mois_hors_bornes(bareme: Bareme, mois: int) -> None:
    with pytest.raises(ValueError):
        mois_prorata(mois, bareme)


@given(mois=st.integers(1, 12))
def test_r_subsidy_prorata_propriete_mois_de_1_a_12(bareme: Bareme, mois: int) -> None:
    assert 1 <= mois_prorata(mois, bareme) <= 12


def test_r_subsidy_prorata_premiere_annee_puis_annee_pleine(bareme: Bareme) -> None:
    mobs = [
        Mobilisation(2019, 4, MG, 3),
        Mobilisation(2019, 10, SL, 2),
        Mobilisation(2020, 1, SL, 1),
    ]
    s19, s20, s21 = (subvention_annuelle(mobs, COUTS, a, bareme) for a in (2019, 2020, 2021))
    assert (s19.captation, s19.fonctionnement[MG], s19.fonctionnement[SL]) == (
        D("3000.00"),
        D("1800.00"),
        D("1850.00"),
    )
    assert s19.total == D("6650.00")
    assert (s20.captation, s20.total) == (D("600.00"), D("14100.00"))
    assert (s21.captation, s21.total) == (D(0), D("13500.00"))
    assert subvention_annuelle(mobs, COUTS, 2018, bareme).total == D(0)


def test_r_subsidy_prorata_arrondi_a_la_fin_de_la_ligne(bareme: Bareme) -> None:
    couts = CoutsUnitaires(D(0), {MG: D("100.01"), SL: D(0)})
    mobs = [Mobilisation(2019, 12, MG, 1), Mobilisation(2019, 12, MG, 1)]
    assert subvention_annuelle(mobs, couts, 2019, bareme).fonctionnement[MG] == D("16.67")


def test_r_subsidy_prorata_depuis_l_annexe_2(bareme: Bareme) -> None:
    lignes = [LigneEcheancier(Typologie.T2, SL, (0, 2, 0, 1, 0, 0, 0, 0))]
    mobs = mobilisations_echeancier(lignes, trimestres_appel(bareme), bareme)
    assert mobs == (Mobilisation(2019, 4, SL, 2), Mobilisation(2019, 10, SL, 1))
    b = dataclasses.replace(bareme, mois_mobilisation_dans_trimestre=3)
    assert mobilisations_echeancier(lignes, trimestres_appel(b), b)[0].mois == 6


def test_r_subsidy_prorata_accompagnement_delegue_hors_subvention(bareme: Bareme) -> None:
    partenaire = PartenaireDelegue("P", "d", "c", D(22000))
    s = Services(
        D(600),
        {SL: (LigneCout("GLA", D(1500)),)},
        {SL: Accompagnement(ModaliteAccompagnement.DELEGUE, partenaire=partenaire)},
    )
    projet = ProjetBudget({SL: 10}, {}, s)
    couts = couts_unitaires(projet, calculer_budget(projet, bareme))
    assert couts.fonctionnement[SL] == D(1500)
    _, constats = subventions([Mobilisation(2019, 1, SL, 10)], couts, [2019], bareme)
    assert any("délégué" in c.message for c in constats)


def test_r_unknown_subvention_cout_inconnu(bareme: Bareme) -> None:
    couts = CoutsUnitaires(None, {MG: None, SL: D(1)})
    s = subvention_annuelle([Mobilisation(2019, 1, MG, 1)], couts, 2019, bareme)
    assert (s.captation, s.fonctionnement[MG], s.fonctionnement[SL], s.total) == (
        None,
        None,
        D(0),
        None,
    )


@given(
    mg=st.integers(0, 30),
    sl=st.integers(0, 30),
    gestion=st.decimals(min_value=0, max_value=3000, places=2),
)
def test_r_subsidy_prorata_propriete_janvier_egale_budget_annuel(
    bareme: Bareme, mg: int, sl: int, gestion: Decimal
) -> None:
    """Tout mobilisé en janvier : la subvention de l'année égale le budget annuel."""
    s = Services(
        D(600),
        {MG: (LigneCout("a", gestion),), SL: (LigneCout("b", gestion),)},
        {
            MG: Accompagnement(ModaliteAccompagnement.DROIT_COMMUN),
            SL: Accompagnement(ModaliteAccompagnement.INTERNE),
        },
    )
    projet = ProjetBudget({MG: mg, SL: sl}, {MG: mg, SL: sl}, s)
    budget = calculer_budget(projet, bareme)
    mobs = [Mobilisation(2019, 1, MG, mg), Mobilisation(2019, 1, SL, sl)]
    sub = subvention_annuelle(mobs, couts_unitaires(projet, budget), 2019, bareme)
    assert budget.total is not None and sub.total is not None
    assert abs(sub.total - budget.total) <= D("0.01")


@pytest.mark.parametrize(
    ("annee", "transmises", "bloque"),
    [(2019, set(), False), (2020, {2019}, False), (2020, set(), True), (2021, {2019}, True)],
)
def test_r_stats_renouvellement(annee: int, transmises: set[int], bloque: bool) -> None:
    constats = verifier_renouvellement_convention(annee, 2019, transmises)
    assert bool(constats) is bloque
    if bloque:
        assert constats[0].regle == "R-STATS" and str(annee - 1) in constats[0].message


# R-SUBSIDY-PRORATA : réduction d'un dossier partiellement retenu aux places retenues.


def test_r_subsidy_prorata_rapports_par_forme() -> None:
    demandees = {MG: 25, SL: 25}
    retenues = PlacesRetenues(45, {MG: 25, SL: 20})
    # Le mandat de gestion, entièrement retenu, n'est pas réduit.
    assert rapports_places_retenues(demandees, retenues) == {SL: (20, 25)}


def test_r_subsidy_prorata_rapport_global_sans_repartition() -> None:
    demandees = {MG: 30, SL: 10}
    retenues = PlacesRetenues(20, {MG: 0, SL: 0})
    assert rapports_places_retenues(demandees, retenues) == {MG: (20, 40), SL: (20, 40)}


def test_r_subsidy_prorata_plus_de_places_retenues_que_demandees_ne_gonfle_rien() -> None:
    assert rapports_places_retenues({MG: 10, SL: 0}, PlacesRetenues(12, {MG: 12})) == {}


def test_r_subsidy_prorata_reduire_arrondit_au_centime_et_garde_l_inconnu() -> None:
    assert reduire(D("15725.00"), (20, 25)) == D("12580.00")
    assert reduire(D("100"), (1, 3)) == D("33.33")
    assert reduire(None, (1, 3)) is None
    assert reduire(D("100"), None) == D("100")


def test_r_subsidy_prorata_subventions_retenues_forme_par_forme(bareme: Bareme) -> None:
    mobs = [Mobilisation(2019, 4, MG, 2), Mobilisation(2019, 4, SL, 5)]
    annees = subventions_retenues(mobs, COUTS, [2019, 2020], bareme, {SL: (2, 5)})
    mg, sl = annees[0].lignes
    # MG : 2 × 600 + 2 × 800 × 9 / 12 ; SL : (5 × 600 + 5 × 3 700 × 9 / 12) × 2 / 5.
    assert (mg.demande, mg.montant) == (D("2400.00"), D("2400.00"))
    assert (sl.demande, sl.montant) == (D("16875.00"), D("6750.00"))
    assert annees[0].total == D("9150.00")
    assert annees[1].total == D("1600.00") + D("7400.00")


def test_r_subsidy_prorata_un_cout_inconnu_laisse_le_total_inconnu(bareme: Bareme) -> None:
    couts = CoutsUnitaires(D(600), {MG: None, SL: D(3700)})
    annees = subventions_retenues([Mobilisation(2019, 1, MG, 1)], couts, [2019], bareme, {})
    assert annees[0].lignes[0].montant is None and annees[0].total is None


def test_r_subsidy_prorata_versements_avance_du_bareme_puis_solde(bareme: Bareme) -> None:
    assert bareme.convention_avance_pct == D(50)  # national-2018 (interprétation documentée)
    v = versements(D("31925.01"), bareme)
    assert (v.avance, v.solde) == (D("15962.51"), D("15962.50"))
    assert v.avance is not None and v.solde is not None and v.avance + v.solde == D("31925.01")
    assert versements(None, bareme).avance is None


def test_r_subsidy_prorata_avance_non_fixee_reste_inconnue(bareme: Bareme) -> None:
    sans = dataclasses.replace(bareme, convention_avance_pct=None)
    assert versements(D(1000), sans) == versements(None, sans)
    assert versements(D(1000), sans).solde is None


def test_r_subsidy_prorata_un_jeu_anterieur_sans_avance_reste_lisible(
    jeux: dict[str, dict[str, Any]],
) -> None:
    """Un jeu national déjà en base (sans la clé) se lit : l'avance y est non renseignée."""
    ancien = copy.deepcopy(jeux)
    del ancien["national-2018"]["parametres"]["convention_avance_pct"]
    assert fusionner_couches(resoudre_chaine(ancien, "national-2018")).convention_avance_pct is None
