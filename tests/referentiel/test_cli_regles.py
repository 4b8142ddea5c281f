"""`iml regles VERBE FICHIER.json` : chaque exemple documenté, les codes de retour, les
messages d'entrée invalide (sans base de données ni Django)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from iml.referentiel.cli_regles import main
from iml.referentiel.validation import EXEMPLES, validateur

RACINE = Path(__file__).resolve().parents[2]
VERBES = [
    "budget",
    "conformite",
    "effort",
    "sous-location",
    "subvention",
    "calendrier",
    "repartition",
]


def lancer(*argv: str, entree: str = "") -> tuple[int, Any, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    code = main(list(argv), io.StringIO(entree), sortie, erreurs)
    texte = sortie.getvalue()
    return code, json.loads(texte) if texte.startswith("{") else texte, erreurs.getvalue()


@pytest.mark.parametrize("verbe", VERBES)
def test_chaque_exemple_est_valide_et_reussit(verbe: str) -> None:
    exemple = json.loads((EXEMPLES / f"{verbe}.json").read_text("utf-8"))
    validateur(verbe).validate(exemple)
    code, resultat, erreurs = lancer(
        verbe, str(EXEMPLES / f"{verbe}.json"), "--date-reference", "2019-03-01"
    )
    assert (code, erreurs) == (0, "")
    assert resultat["verbe"] == verbe
    assert set(resultat) == {"verbe", "bareme", "constats", "chiffres"}
    assert all(c["message"].startswith(c["regle"] + " : ") for c in resultat["constats"])


def test_budget_annexe_1b() -> None:
    _, r, _ = lancer("budget", str(EXEMPLES / "budget.json"))
    c = r["chiffres"]
    assert r["bareme"] == {"code": "region-75-nouvelle-aquitaine", "version": 1}
    assert (c["captation"], c["gestion"], c["accompagnement"]) == (
        "18000.00",
        "34500.00",
        "33000.00",
    )
    assert (c["total"], c["cout_par_place"]) == ("85500.00", "1710.00")
    assert c["cout_par_logement_par_mode"] == {
        "MANDAT_GESTION": "1400.00",
        "SOUS_LOCATION": "4300.00",
    }
    assert c["accompagnement_par_mode"]["SOUS_LOCATION"]["etp"] == "0.75"


def test_conformite_exemple() -> None:
    _, r, _ = lancer("conformite", str(EXEMPLES / "conformite.json"))
    assert r["bareme"] == {"code": "appel-35-2019-2020", "version": 1}
    assert r["chiffres"]["budget"]["total"] == "85500.00"
    assert [s["total"] for s in r["chiffres"]["subventions"]] == ["31925.00", "67350.00"]
    assert {c["niveau"] for c in r["constats"]} == {"info"}


def test_effort_sous_location() -> None:
    _, r, _ = lancer("effort", str(EXEMPLES / "effort.json"))
    assert r["chiffres"]["taux_effort_pct"] == "24.2"
    assert r["chiffres"]["reste_a_vivre_jour_personne"] == "12.00"


def test_sous_location_periodes() -> None:
    _, r, _ = lancer("sous-location", str(EXEMPLES / "sous-location.json"))
    assert r["chiffres"]["fin_au_plus_tard"] == "2021-02-27"
    assert len(r["chiffres"]["periodes"]) == 3


def test_subvention_prorata() -> None:
    _, r, _ = lancer("subvention", str(EXEMPLES / "subvention.json"))
    assert [s["total"] for s in r["chiffres"]["subventions"]] == ["6650.00", "14100.00", "13500.00"]


def test_calendrier_jalons() -> None:
    _, r, _ = lancer("calendrier", str(EXEMPLES / "calendrier.json"))
    assert [j["part_pct"] for j in r["chiffres"]["jalons"]] == ["66.7", "100.0"]
    assert r["chiffres"]["mandats_gestion"][0]["fin_financement"] == "2022-04-14"


def test_repartition_cible_atteinte() -> None:
    _, r, _ = lancer("repartition", str(EXEMPLES / "repartition.json"))
    assert r["chiffres"]["repartition_pct"] == {"MANDAT_GESTION": "50.0", "SOUS_LOCATION": "50.0"}


def test_lecture_sur_l_entree_standard_et_code_1_si_erreur() -> None:
    entree = json.dumps(
        {
            "mode": "SOUS_LOCATION",
            "loyer": 321,
            "charges": 0,
            "aide_logement": 0,
            "ressources": 1000,
            "personnes": 1,
        }
    )
    code, r, _ = lancer("effort", "-", entree=entree)
    assert code == 1
    (erreur,) = [c for c in r["constats"] if c["niveau"] == "erreur"]
    assert erreur == {
        "regle": "R-EFFORT-SL",
        "niveau": "erreur",
        "message": "R-EFFORT-SL : taux d'effort 32,1\u00a0% supérieur au plafond de 30\u00a0% "
        "(sous-location ; 321\u00a0€ de coût net pour 1\u202f000\u00a0€ de ressources).",
        "champ": "loyer",
    }


def test_option_bareme_l_emporte() -> None:
    entree = (EXEMPLES / "budget.json").read_text("utf-8")
    code, r, _ = lancer("budget", "-", "--bareme", "national-2018", entree=entree)
    assert code == 0 and r["bareme"]["code"] == "national-2018"


@pytest.mark.parametrize(
    ("verbe", "entree", "message"),
    [
        (
            "conformite",
            {"logements": [{"typologie": "T9", "mode": "SOUS_LOCATION", "trimestres": [1]}]},
            "Entrée invalide : champ « logements[0].typologie » : valeur « T9 » inconnue",
        ),
        (
            "conformite",
            {"logements": [{"typologie": "T2", "mode": "SOUS_LOCATION", "trimestres": [1]}]},
            "Entrée invalide : champ « logements[0].trimestres » : 8 trimestres attendus, 1 reçus.",
        ),
        (
            "conformite",
            {"porteur": {"nom": "x", "age": 3}},
            "Entrée invalide : champ « porteur.age » : champ inconnu.",
        ),
        (
            "conformite",
            {"porteur": {"siret": "123"}},
            "Entrée invalide : champ « porteur.siret » : format invalide « 123 ».",
        ),
        (
            "effort",
            {"mode": "SOUS_LOCATION"},
            "Entrée invalide : champ « personnes » : champ obligatoire manquant.",
        ),
        (
            "effort",
            {"mode": "SOUS_LOCATION", "personnes": 1, "charges": "x"},
            "Entrée invalide : champ « charges » : nombre attendu (par exemple 1234.50), "
            "reçu « x ».",
        ),
        (
            "effort",
            {"mode": "SOUS_LOCATION", "personnes": 0},
            "Entrée invalide : champ « personnes » : valeur 0 inférieure au minimum 1.",
        ),
        (
            "sous-location",
            {"date_entree": "2019-02-30"},
            "Entrée invalide : champ « date_entree » : date invalide « 2019-02-30 »",
        ),
        (
            "subvention",
            {"services": {}},
            "Entrée invalide : champ « (racine) » : un des champs logements ou mobilisations",
        ),
        (
            "effort",
            {"mode": "SOUS_LOCATION", "personnes": 1, "bareme": "appel-99"},
            "Barème invalide : « code » : jeu de paramètres « appel-99 » introuvable.",
        ),
    ],
)
def test_entree_invalide_code_2_et_champ_nomme(verbe: str, entree: object, message: str) -> None:
    code, sortie, erreurs = lancer(verbe, "-", entree=json.dumps(entree))
    assert code == 2 and sortie == ""
    assert erreurs.startswith(message), erreurs


@pytest.mark.parametrize(
    ("argv", "entree", "debut"),
    [
        (["effort", "-"], '{"mode": ', "Entrée invalide : JSON mal formé ligne 1"),
        (["effort", "/nulle/part.json"], "", "Entrée illisible : /nulle/part.json"),
    ],
)
def test_fichier_illisible_ou_mal_forme(argv: list[str], entree: str, debut: str) -> None:
    code, _, erreurs = lancer(*argv, entree=entree)
    assert code == 2 and erreurs.startswith(debut)


def test_verbe_inconnu_ou_aide() -> None:
    assert lancer("inconnu", "x")[0] == 2
    code, aide, _ = lancer("--help")
    assert code == 0 and "iml regles" in aide


def test_la_commande_n_importe_pas_django() -> None:
    script = (
        "import sys, iml.referentiel.cli_regles, iml.referentiel.guide, regles.verbes; "
        "sys.exit(1 if any(m.split('.')[0] == 'django' for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", script], cwd=RACINE, check=False).returncode == 0
