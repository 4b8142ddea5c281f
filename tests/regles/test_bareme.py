"""Barème : couches national < régional < appel, paramètres typés, erreurs nommées (R-AAC,
R-CEILING-NA, et le principe « les nombres sont des paramètres »)."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from regles.bareme import Bareme, ParametreInvalide, fusionner_couches, resoudre_chaine
from regles.parametres import NOMS, NOMS_APPEL, PARAMETRES, parametres_de
from regles.types import Categorie, FormuleMandat, Mode, Typologie, Zone

D = Decimal


def test_la_chaine_de_l_appel_35_passe_par_le_national(bareme: Bareme) -> None:
    assert bareme.bareme_id == "appel-35-2019-2020"
    assert bareme.version == 1
    assert bareme.couches == (("national-2018", 7), ("appel-35-2019-2020", 1))
    assert bareme.date_effet == date(2018, 12, 12)


def test_r_aac_parametres_de_l_appel_35(bareme: Bareme) -> None:
    a = bareme.appel
    assert a is not None
    assert (a.territoire, a.places, a.exercices) == ("35", 140, (2019, 2020))
    assert a.date_lancement == date(2018, 12, 12)
    assert a.date_limite_depot == date(2019, 3, 4)
    assert a.date_selection == date(2019, 4, 30)
    assert a.date_debut_montee_en_charge == date(2019, 4, 1)
    assert [(j.date, j.part_min_pct) for j in a.jalons] == [
        (date(2019, 12, 31), D(50)),
        (date(2020, 12, 31), D(100)),
    ]
    assert (a.premier_trimestre, a.nombre_trimestres) == ((2019, 1), 8)
    assert len(a.criteres_selection) == 8
    assert {c.poids for c in a.criteres_selection} == {D(1)}


def test_bareme_national_sans_appel_ni_plafond(bareme_national: Bareme) -> None:
    assert bareme_national.appel is None
    assert bareme_national.plafonds_sous_location is None
    assert bareme_national.reste_a_vivre_min_jour_personne is None


@pytest.mark.parametrize(
    ("attribut", "attendu"),
    [
        ("cout_moyen_max_par_place", D(2200)),
        ("menages_par_etp", D(20)),
        ("cout_etp", D(40000)),
        ("frais_gestion_accompagnement_pct", D(10)),
        ("cout_accompagnement_indicatif_par_menage", D(2100)),
        ("sl_duree_mois", 6),
        ("sl_renouvellements_max", 2),
        ("mg_financement_duree_max_mois", 36),
        ("petits_logements_part_min_pct", D(30)),
        ("pourcentages_arrondi", D("0.1")),
        ("prorata_mois_inclus", True),
        ("echeancier_cumulatif", False),
    ],
)
def test_valeurs_nationales(bareme: Bareme, attribut: str, attendu: object) -> None:
    assert getattr(bareme, attribut) == attendu


def test_r_cost_captation_et_gestion_fourchettes_annexe_1a(bareme: Bareme) -> None:
    assert (bareme.cout_captation_par_logement.min, bareme.cout_captation_par_logement.max) == (
        D(300),
        D(900),
    )
    mg, sl = bareme.cout_gestion_par_logement.values()
    assert (mg.min, mg.max, sl.min, sl.max) == (D(600), D(1000), D(1000), D(2000))


def test_r_capacity_grille(bareme: Bareme) -> None:
    assert [bareme.capacite(t) for t in Typologie] == [1, 2, 3, 4, 5, 6, 7]


def test_r_effort_plafonds(bareme: Bareme) -> None:
    assert bareme.taux_effort_max_pct == {Mode.MANDAT_GESTION: D(50), Mode.SOUS_LOCATION: D(30)}


PLAFONDS_SL = {
    (Categorie.CLASSIQUE, Zone.TENDUE): 4500,
    (Categorie.CLASSIQUE, Zone.DETENDUE): 5000,
    (Categorie.SPECIALISEE, Zone.TENDUE): 5500,
    (Categorie.SPECIALISEE, Zone.DETENDUE): 6000,
    (Categorie.PSY, Zone.TENDUE): 7500,
    (Categorie.PSY, Zone.DETENDUE): 8000,
}
PLAFONDS_MG = {
    (FormuleMandat.AVEC_ACCOMPAGNEMENT, Zone.TENDUE): 2200,
    (FormuleMandat.AVEC_ACCOMPAGNEMENT, Zone.DETENDUE): 1700,
    (FormuleMandat.SANS_ACCOMPAGNEMENT, Zone.TENDUE): 1700,
    (FormuleMandat.SANS_ACCOMPAGNEMENT, Zone.DETENDUE): 1200,
}


def test_r_ceiling_na_tableaux_relus_exactement(bareme_na: Bareme) -> None:
    sl, mg = bareme_na.plafonds_sous_location, bareme_na.plafonds_mandat_gestion
    assert sl is not None and mg is not None
    assert {(c, z): v for c, t in sl.items() for z, v in t.items()} == {
        k: D(v) for k, v in PLAFONDS_SL.items()
    }
    assert {(f, z): v for f, t in mg.items() for z, v in t.items()} == {
        k: D(v) for k, v in PLAFONDS_MG.items()
    }
    assert bareme_na.bareme_id == "region-75-nouvelle-aquitaine"


def _couches(jeux: dict[str, dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return copy.deepcopy(list(resoudre_chaine(jeux, code)))


def test_la_couche_la_plus_specifique_l_emporte(jeux: dict[str, dict[str, Any]]) -> None:
    couches = _couches(jeux, "appel-35-2019-2020")
    couches[-1]["parametres"]["cout_moyen_max_par_place"] = 2500
    couches[-1]["parametres"]["taux_effort_max_pct"] = {"SOUS_LOCATION": 25}
    b = fusionner_couches(couches)
    assert b.cout_moyen_max_par_place == D(2500)
    assert b.taux_effort_max_pct == {Mode.MANDAT_GESTION: D(50), Mode.SOUS_LOCATION: D(25)}


def test_un_flottant_venu_d_un_jsonfield_reste_decimal_exact(
    jeux: dict[str, dict[str, Any]],
) -> None:
    couches = _couches(jeux, "national-2018")
    couches[0]["parametres"]["pourcentages_arrondi"] = 0.1
    assert fusionner_couches(couches).pourcentages_arrondi == D("0.1")


@pytest.mark.parametrize(
    ("modifier", "champ"),
    [
        (
            lambda p: p.__setitem__("petits_logements_part_min_pct", "beaucoup"),
            "parametres.petits_logements_part_min_pct",
        ),
        (lambda p: p.pop("cout_etp"), "parametres.cout_etp"),
        (lambda p: p.__setitem__("inconnu", 1), "parametres.inconnu"),
        (
            lambda p: p["taux_effort_max_pct"].__setitem__("SOUS_LOCATION", 130),
            "parametres.taux_effort_max_pct.SOUS_LOCATION",
        ),
        (lambda p: p["capacite_max_places"].pop("T3"), "parametres.capacite_max_places.T3"),
        (
            lambda p: p["appel"]["jalons"][1].__setitem__("date", "2020-13-01"),
            "parametres.appel.jalons[1].date",
        ),
        (
            lambda p: p["appel"].__setitem__("premier_trimestre", "2019Q1"),
            "parametres.appel.premier_trimestre",
        ),
        (
            lambda p: p["cout_captation_par_logement"].__setitem__("min", 1000),
            "parametres.cout_captation_par_logement",
        ),
        (lambda p: p.__setitem__("prorata_mois_inclus", "oui"), "parametres.prorata_mois_inclus"),
    ],
)
def test_un_parametre_invalide_est_nomme(
    jeux: dict[str, dict[str, Any]], modifier: Any, champ: str
) -> None:
    couches = _couches(jeux, "appel-35-2019-2020")
    fusion = couches[0]["parametres"] | couches[1]["parametres"]
    couches[0]["parametres"], couches[1]["parametres"] = {}, fusion
    modifier(fusion)
    with pytest.raises(ParametreInvalide) as e:
        fusionner_couches(couches)
    assert e.value.champ == champ
    assert champ in str(e.value)


@pytest.mark.parametrize(
    ("modifier", "champ"),
    [
        (lambda c: c.reverse(), "couches[0].niveau"),
        (lambda c: c[1].__setitem__("parent", "autre"), "couches[1].parent"),
        (lambda c: c[1].__setitem__("niveau", "NATIONAL"), "couches[1].niveau"),
        (lambda c: c[1].pop("version"), "couches[1].version"),
        (lambda c: c[1].__setitem__("date_effet", "demain"), "couches[1].date_effet"),
        (lambda c: c.clear(), "couches"),
    ],
)
def test_la_chaine_de_couches_est_controlee(
    jeux: dict[str, dict[str, Any]], modifier: Any, champ: str
) -> None:
    couches = _couches(jeux, "appel-35-2019-2020")
    modifier(couches)
    with pytest.raises(ParametreInvalide) as e:
        fusionner_couches(couches)
    assert e.value.champ == champ


def test_resoudre_chaine_refuse_inconnu_et_cycle(jeux: dict[str, dict[str, Any]]) -> None:
    with pytest.raises(ParametreInvalide, match="introuvable"):
        resoudre_chaine(jeux, "appel-99")
    cycle = copy.deepcopy(jeux)
    cycle["national-2018"]["parent"] = "appel-35-2019-2020"
    with pytest.raises(ParametreInvalide, match="cycle"):
        resoudre_chaine(cycle, "appel-35-2019-2020")


def test_chaque_parametre_sert_une_regle_connue() -> None:
    from regles.ids import IDS

    for p in PARAMETRES:
        assert p.regles and set(p.regles) <= set(IDS), p.nom
    assert "appel" in NOMS and "jalons" in NOMS_APPEL
    assert {p.nom for p in parametres_de("R-SW-RATIO")} == {
        "menages_par_etp",
        "cout_etp",
        "ratio_accompagnement_modes",
        "frais_gestion_accompagnement_pct",
    }


def test_chaque_champ_du_bareme_est_un_parametre_decrit() -> None:
    from dataclasses import fields

    entete = {"bareme_id", "version", "libelle", "date_effet", "couches"}
    assert {f.name for f in fields(Bareme)} - entete == NOMS
