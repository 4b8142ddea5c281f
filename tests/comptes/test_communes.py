"""Référentiel des communes (iml/comptes/data/communes.json.gz, COG 2026 de l'INSEE, via
@etalab/decoupage-administratif 6.0.0) : contenu du fichier et résolution d'une saisie."""

from __future__ import annotations

import gzip
import json

import pytest

from iml.comptes import communes
from iml.comptes.communes import Commune, CommuneAmbigue, resoudre


def test_le_fichier_reste_compact_et_dit_sa_source():
    assert communes.FICHIER.stat().st_size < 400_000
    assert "@etalab/decoupage-administratif 6.0.0" in communes.source()
    with gzip.open(communes.FICHIER, "rt", encoding="utf-8") as f:
        donnees = json.load(f)
    total = sum(len(d["communes"]) for d in donnees["departements"].values())
    assert total == 34875  # COG 2026 : métropole et DROM


def test_les_departements_de_metropole_et_des_drom():
    codes = communes.codes_departements()
    assert len(codes) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(codes)
    assert "975" not in codes  # collectivités d'outre-mer hors du référentiel


def test_ille_et_vilaine_compte_332_communes_triees_par_nom():
    liste = communes.communes_du_departement("35")
    assert len(liste) == 332  # COG 2026
    assert Commune("35238", "Rennes", "35") in liste
    assert [communes.normaliser(c.nom) for c in liste] == sorted(
        communes.normaliser(c.nom) for c in liste
    )
    assert {c.departement for c in liste} == {"35"}
    assert communes.communes_du_departement("00") == []


def test_drom_et_corse():
    guadeloupe = communes.communes_du_departement("971")
    assert guadeloupe and all(c.code.startswith("971") for c in guadeloupe)
    assert communes.commune("97101") == Commune("97101", "Les Abymes", "971")
    assert communes.commune("2a004") == Commune("2A004", "Ajaccio", "2A")
    assert len(communes.communes_du_departement("976")) == 17


def test_paris_lyon_marseille_sont_des_communes_sans_arrondissements():
    assert communes.commune("75056").nom == "Paris"
    assert communes.commune("69123").nom == "Lyon"
    assert communes.commune("13055").nom == "Marseille"
    assert communes.commune("75101") is None  # arrondissement municipal
    assert [c.code for c in communes.communes_du_departement("75")] == ["75056"]


@pytest.mark.parametrize(
    "saisie",
    [
        "35238",
        "Rennes",
        "rennes",
        "  RENNES ",
        "Rennes (35238)",
    ],
)
def test_rennes(saisie):
    assert resoudre(saisie, "35") == Commune("35238", "Rennes", "35")


@pytest.mark.parametrize(
    "saisie", ["Saint-Malo", "saint malo", "SAINT-MALO", "St-Malo", "st malo", "35288"]
)
def test_nom_sans_egard_a_la_casse_aux_accents_ni_aux_traits_d_union(saisie):
    assert resoudre(saisie, "35").libelle == "Saint-Malo (35288)"


def test_accents_apostrophes_et_ligatures():
    assert resoudre("vitre", "35").nom == "Vitré"
    assert resoudre("Chateaugiron", "35").nom == "Châteaugiron"
    assert resoudre("L Hermitage", "35").nom == "L'Hermitage"
    assert resoudre("l’hermitage", "35").nom == "L'Hermitage"
    assert resoudre("oeuilly", "51").nom == "Œuilly"


@pytest.mark.parametrize(
    "saisie",
    ["Renes", "", "   ", "56260", "Vannes", "Rennes (35047)", "99999", "Rennes Métropole"],
)
def test_hors_du_departement_ou_inconnue(saisie):
    assert resoudre(saisie, "35") is None


def test_plusieurs_departements():
    assert resoudre("Vannes", ["35", "56"]).code == "56260"
    assert resoudre("56260", ("22", "29", "35", "56")).nom == "Vannes"


def test_homonymes_d_un_meme_departement_exigent_le_code():
    """Le COG distingue les homonymes d'un département par une précision entre parenthèses ;
    le nom seul est ambigu, le nom complet ou le code ne l'est pas."""
    with pytest.raises(CommuneAmbigue) as ambigue:
        resoudre("Bors", "16")
    assert [c.code for c in ambigue.value.candidates] == ["16052", "16053"]
    assert "indiquez le code" in str(ambigue.value)
    assert resoudre("16053", "16").nom == "Bors (Canton de Charente-Sud)"
    assert resoudre("Bors (Canton de Charente-Sud)", "16").code == "16053"
    assert resoudre("chateau chinon ville", "58").nom == "Château-Chinon (Ville)"


def test_homonymes_de_departements_differents():
    with pytest.raises(CommuneAmbigue) as ambigue:
        resoudre("Plouhinec", ["29", "56"])
    assert {c.libelle for c in ambigue.value.candidates} == {
        "Plouhinec (29197)",
        "Plouhinec (56169)",
    }
    assert resoudre("Plouhinec", "29").code == "29197"
    assert resoudre("Plouhinec (56169)", ["29", "56"]).departement == "56"


def test_prepositions_des_territoires():
    assert communes.du_departement("35") == "d'Ille-et-Vilaine"
    assert communes.du_departement("33") == "de la Gironde"
    assert communes.du_departement("59") == "du Nord"
    assert communes.du_departement("40") == "des Landes"
    assert communes.du_departement("974") == "de La Réunion"
    assert communes.de_la_region("53") == "de Bretagne"
    assert communes.de_la_region("11") == "d'Île-de-France"
    assert communes.du_departement("00") is None
