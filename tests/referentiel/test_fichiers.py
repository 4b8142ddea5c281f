"""Jeux de paramètres livrés en fichiers, et guide des règles généré (sans base de données)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from iml.referentiel import fichiers, guide
from iml.referentiel.validation import DOSSIER_SCHEMAS
from regles.bareme import ParametreInvalide
from regles.ids import IDS
from regles.parametres import (
    NOMS,
    NOMS_ACCOMPAGNEMENT_DECRITS,
    NOMS_APPEL,
    NOMS_OCCUPATIONS_DECRITS,
    NOMS_PILOTAGE_DECRITS,
    NOMS_SIAO_DECRITS,
    PARAMETRES,
    PARAMETRES_ACCOMPAGNEMENT,
    PARAMETRES_APPEL,
    PARAMETRES_OCCUPATIONS,
    PARAMETRES_PARC,
    PARAMETRES_PILOTAGE,
    PARAMETRES_SIAO,
)
from regles.parametres_parc import NOMS_PARC
from regles.types import Categorie, FormuleMandat, Zone

RACINE = Path(__file__).resolve().parents[2]
D = Decimal


def test_trois_jeux_livres() -> None:
    codes = [j["code"] for j in fichiers.lire_jeux()]
    assert codes == ["appel-35-2019-2020", "national-2018", "region-75-nouvelle-aquitaine"]
    assert set(fichiers.jeux_par_code()) == set(codes)


@pytest.mark.parametrize(
    "chemin", sorted(fichiers.DOSSIER_DONNEES.glob("*.json")), ids=lambda p: p.name
)
def test_chaque_fichier_suit_le_schema_et_ses_sources_nomment_des_parametres(chemin: Path) -> None:
    schema = json.loads((DOSSIER_SCHEMAS / "jeu-parametres.schema.json").read_text("utf-8"))
    jeu = json.loads(chemin.read_text("utf-8"))
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(jeu)
    admis = (
        NOMS
        | {f"appel.{n}" for n in NOMS_APPEL}
        | {f"parc.{n}" for n in NOMS_PARC}
        | {f"occupations.{n}" for n in NOMS_OCCUPATIONS_DECRITS}
        | {f"accompagnement.{n}" for n in NOMS_ACCOMPAGNEMENT_DECRITS}
        | {f"siao.{n}" for n in NOMS_SIAO_DECRITS}
        | {f"pilotage.{n}" for n in NOMS_PILOTAGE_DECRITS}
    )
    assert set(jeu.get("sources", {})) <= admis
    assert set(jeu["parametres"]) <= NOMS
    assert chemin.stem == jeu["code"]


def test_le_national_documente_chaque_parametre() -> None:
    jeu = fichiers.jeux_par_code()["national-2018"]
    assert set(jeu["sources"]) == (
        NOMS
        | {f"parc.{n}" for n in NOMS_PARC}
        | {f"occupations.{n}" for n in NOMS_OCCUPATIONS_DECRITS}
        | {f"accompagnement.{n}" for n in NOMS_ACCOMPAGNEMENT_DECRITS}
        | {f"siao.{n}" for n in NOMS_SIAO_DECRITS}
        | {f"pilotage.{n}" for n in NOMS_PILOTAGE_DECRITS}
    )


def test_bareme_pour_resout_les_parents() -> None:
    b = fichiers.bareme_pour("appel-35-2019-2020")
    assert b.couches == (("national-2018", 7), ("appel-35-2019-2020", 1))
    assert b.cout_moyen_max_par_place == D(2200)
    assert b.pourcentages_arrondi == D("0.1")
    with pytest.raises(ParametreInvalide, match="introuvable"):
        fichiers.bareme_pour("appel-99")


def test_r_ceiling_na_les_plafonds_relus_exactement() -> None:
    b = fichiers.bareme_pour("region-75-nouvelle-aquitaine")
    assert b.plafonds_sous_location is not None and b.plafonds_mandat_gestion is not None
    sl = {(c.value, z.value): b.plafonds_sous_location[c][z] for c in Categorie for z in Zone}
    assert sl == {
        ("CLASSIQUE", "TENDUE"): D(4500),
        ("CLASSIQUE", "DETENDUE"): D(5000),
        ("SPECIALISEE", "TENDUE"): D(5500),
        ("SPECIALISEE", "DETENDUE"): D(6000),
        ("PSY", "TENDUE"): D(7500),
        ("PSY", "DETENDUE"): D(8000),
    }
    mg = {(f.value, z.value): b.plafonds_mandat_gestion[f][z] for f in FormuleMandat for z in Zone}
    assert mg == {
        ("AVEC_ACCOMPAGNEMENT", "TENDUE"): D(2200),
        ("AVEC_ACCOMPAGNEMENT", "DETENDUE"): D(1700),
        ("SANS_ACCOMPAGNEMENT", "TENDUE"): D(1700),
        ("SANS_ACCOMPAGNEMENT", "DETENDUE"): D(1200),
    }


def test_un_code_en_double_est_refuse(tmp_path: Path) -> None:
    source = fichiers.DOSSIER_DONNEES / "national-2018.json"
    for nom in ("a.json", "b.json"):
        (tmp_path / nom).write_text(source.read_text("utf-8"), "utf-8")
    with pytest.raises(ValueError, match="en double"):
        fichiers.jeux_par_code(tmp_path)


def test_le_guide_livre_est_a_jour() -> None:
    """Régénérer : python -m iml.referentiel.guide --ecrire"""
    assert guide.CHEMIN_GUIDE.read_text("utf-8") == guide.generer()


def test_le_guide_cite_chaque_regle_et_chaque_parametre() -> None:
    texte = guide.CHEMIN_GUIDE.read_text("utf-8")
    for identifiant in IDS:
        assert f"### {identifiant}\n" in texte
    for p in PARAMETRES:
        assert f"`{p.nom}`" in texte or p.nom in (
            "appel",
            "parc",
            "occupations",
            "accompagnement",
            "siao",
            "pilotage",
        )
    for p in PARAMETRES_APPEL:
        assert f"`appel.{p.nom}`" in texte
    for p in PARAMETRES_PARC:
        assert f"`parc.{p.nom}`" in texte
    for p in PARAMETRES_OCCUPATIONS:
        assert f"`occupations.{p.nom}`" in texte
    for p in PARAMETRES_ACCOMPAGNEMENT:
        assert f"`accompagnement.{p.nom}`" in texte
    for p in PARAMETRES_SIAO:
        assert f"`siao.{p.nom}`" in texte
    for p in PARAMETRES_PILOTAGE:
        assert f"`pilotage.{p.nom}`" in texte


def test_le_guide_rattache_chaque_regle_a_une_fonction() -> None:
    fonctions = guide.fonctions_par_regle()
    assert all(fonctions[i] for i in IDS), [i for i in IDS if not fonctions[i]]
    assert "`regles.formes.verifier_forme`" in fonctions["R-MODE"]
    assert "`regles.appel.verifier_repartition`" not in fonctions["R-MODE"]
