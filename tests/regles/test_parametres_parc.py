"""Bloc `parc` du barème : lecture stricte, valeurs nationales, zone d'une commune, dates
d'exclusion des classes DPE (R-DECENCE-SURFACE, R-DECENCE-DPE, R-PUBLIC-STOCK)."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from regles.bareme import Bareme, ParametreInvalide, fusionner_couches, resoudre_chaine
from regles.parametres import PARAMETRES_PARC, parametres_de
from regles.parametres_parc import NOMS_PARC, ExclusionDpe, exclusion_dpe, zone_de_commune
from regles.types import ClasseDpe, Zone

D = Decimal


def _couches(jeux: dict[str, dict[str, Any]], code: str = "appel-35-2019-2020") -> list[Any]:
    return copy.deepcopy(list(resoudre_chaine(jeux, code)))


def test_r_decence_surface_valeurs_nationales(bareme: Bareme) -> None:
    p = bareme.parc
    assert p is not None
    assert (p.decence_surface_min_m2, p.decence_hauteur_min_m, p.decence_volume_min_m3) == (
        D(9),
        D("2.20"),
        D(20),
    )
    assert (p.alerte_fin_contrat_jours, p.logement_social_justification_mois) == (90, 6)


def test_r_decence_dpe_exclusions_nationales(bareme_national: Bareme) -> None:
    p = bareme_national.parc
    assert p is not None
    assert p.dpe_exclusions == (
        ExclusionDpe(ClasseDpe.G, date(2025, 1, 1)),
        ExclusionDpe(ClasseDpe.F, date(2028, 1, 1)),
        ExclusionDpe(ClasseDpe.E, date(2034, 1, 1)),
    )
    assert p.dpe_validite_annees == 10
    assert exclusion_dpe("G", p) == date(2025, 1, 1)
    assert exclusion_dpe(ClasseDpe.E, p) == date(2034, 1, 1)
    assert exclusion_dpe("D", p) is None
    assert exclusion_dpe(" f", p) == date(2028, 1, 1)
    with pytest.raises(ValueError):
        exclusion_dpe("H", p)


def test_zone_de_commune_rennes_et_saint_malo_tendues(bareme: Bareme) -> None:
    p = bareme.parc
    assert p is not None
    assert zone_de_commune("35238", p) is Zone.TENDUE  # Rennes
    assert zone_de_commune("35288", p) is Zone.TENDUE  # Saint-Malo
    assert zone_de_commune("35115", p) is Zone.DETENDUE  # Fougères
    assert zone_de_commune("75056", p) is Zone.DETENDUE  # hors du département livré


def test_r_public_stock_parametre_de_justification() -> None:
    assert {p.nom for p in parametres_de("R-PUBLIC-STOCK")} >= {
        "parc",
        "logement_social_justification_mois",
    }
    assert {p.nom for p in PARAMETRES_PARC} == NOMS_PARC


def test_un_jeu_sans_bloc_parc_se_lit_avec_parc_none(jeux: dict[str, dict[str, Any]]) -> None:
    couches = _couches(jeux, "national-2018")
    del couches[0]["parametres"]["parc"]
    b = fusionner_couches(couches)
    assert b.parc is None
    assert b.cout_moyen_max_par_place == D(2200)


def test_null_efface_le_bloc_herite(jeux: dict[str, dict[str, Any]]) -> None:
    couches = _couches(jeux)
    couches[-1]["parametres"]["parc"] = None
    assert fusionner_couches(couches).parc is None


def test_une_couche_remplace_une_valeur_du_parc(jeux: dict[str, dict[str, Any]]) -> None:
    couches = _couches(jeux)
    couches[-1]["parametres"]["parc"] = {"zones_tendues": ["35047"], "decence_hauteur_min_m": "2.3"}
    p = fusionner_couches(couches).parc
    assert p is not None
    assert p.zones_tendues == frozenset({"35047"})
    assert p.decence_hauteur_min_m == D("2.3")
    assert p.decence_surface_min_m2 == D(9)  # hérité du national


def _fixer(cle: str, valeur: Any) -> Any:
    return lambda parc: parc.__setitem__(cle, valeur)


@pytest.mark.parametrize(
    ("modifier", "champ"),
    [
        (
            lambda parc: parc["dpe_exclusions"][0].__setitem__("classe", "H"),
            "parametres.parc.dpe_exclusions[0].classe",
        ),
        (
            lambda parc: parc["dpe_exclusions"][1].__setitem__("a_partir_du", "2028-02-30"),
            "parametres.parc.dpe_exclusions[1].a_partir_du",
        ),
        (
            lambda parc: parc["dpe_exclusions"][2].__setitem__("classe", "G"),
            "parametres.parc.dpe_exclusions[2].classe",
        ),
        (
            lambda parc: parc["dpe_exclusions"][0].__setitem__("note", "x"),
            "parametres.parc.dpe_exclusions[0].note",
        ),
        (lambda parc: parc.pop("dpe_validite_annees"), "parametres.parc.dpe_validite_annees"),
        (_fixer("inconnu", 1), "parametres.parc.inconnu"),
        (_fixer("decence_surface_min_m2", "neuf"), "parametres.parc.decence_surface_min_m2"),
        (_fixer("decence_hauteur_min_m", 0), "parametres.parc.decence_hauteur_min_m"),
        (_fixer("dpe_validite_annees", 0), "parametres.parc.dpe_validite_annees"),
        (_fixer("alerte_fin_contrat_jours", -1), "parametres.parc.alerte_fin_contrat_jours"),
        (
            _fixer("logement_social_justification_mois", True),
            "parametres.parc.logement_social_justification_mois",
        ),
        (_fixer("zones_tendues", "35238"), "parametres.parc.zones_tendues"),
        (_fixer("zones_tendues", ["35238", "3523"]), "parametres.parc.zones_tendues[1]"),
        (_fixer("zones_tendues", ["2C001"]), "parametres.parc.zones_tendues[0]"),
        (_fixer("dpe_exclusions", {"classe": "G"}), "parametres.parc.dpe_exclusions"),
    ],
)
def test_un_bloc_parc_invalide_est_refuse_avec_son_chemin(
    jeux: dict[str, dict[str, Any]], modifier: Any, champ: str
) -> None:
    couches = _couches(jeux, "national-2018")
    modifier(couches[0]["parametres"]["parc"])
    with pytest.raises(ParametreInvalide) as e:
        fusionner_couches(couches)
    assert e.value.champ == champ
    assert champ in str(e.value)


def test_un_bloc_parc_qui_n_est_pas_un_objet(jeux: dict[str, dict[str, Any]]) -> None:
    couches = _couches(jeux, "national-2018")
    couches[0]["parametres"]["parc"] = ["G"]
    with pytest.raises(ParametreInvalide) as e:
        fusionner_couches(couches)
    assert e.value.champ == "parametres.parc"


def test_codes_corses_et_decimaux_en_chaine(jeux: dict[str, dict[str, Any]]) -> None:
    couches = _couches(jeux, "national-2018")
    parc = couches[0]["parametres"]["parc"]
    parc["zones_tendues"] = ["2A004", "2B033", " 35238 "]
    parc["decence_volume_min_m3"] = "20.0"
    p = fusionner_couches(couches).parc
    assert p is not None
    assert p.zones_tendues == frozenset({"2A004", "2B033", "35238"})
    assert p.decence_volume_min_m3 == D(20)
    assert zone_de_commune("2A004", p) is Zone.TENDUE
