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
    "appariement",
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


def test_appariement_affectations_raisons_objectif_et_preuve() -> None:
    code, r, erreurs = lancer("appariement", str(EXEMPLES / "appariement.json"))
    assert (code, erreurs, r["constats"]) == (0, "", [])
    c = r["chiffres"]
    # Le DALO prend le T3 ; le ménage hébergé, seul éligible au T1 avec le ménage de plain-pied,
    # passe avant lui (poids de priorité).
    assert [(a["menage"], a["logement"]) for a in c["affectations"]] == [
        ("D1", "L1"),
        ("D3", "L2"),
    ]
    score = c["affectations"][0]["score"]
    assert score["detail_priorite"] == {"dalo": 1000000, "pdalhpd": 1000, "anciennete": 21}
    assert (score["sous_occupation"], score["taux_effort"]) == (0, "9.4")
    assert set(score) == {
        "priorite",
        "detail_priorite",
        "sous_occupation",
        "taux_effort",
        "adequation",
        "total",
    }
    assert c["menages_non_loges"] == [
        {
            "menage": "D2",
            "raison": "son seul logement éligible est attribué à d'autres ménages : le "
            "loger logerait moins de ménages ou un poids de priorité moindre (R-APPARIEMENT).",
        }
    ]
    assert c["logements_non_pourvus"][0]["logement"] == "L3"
    assert c["logements_non_pourvus"][0]["raison"].startswith("aucun ménage éligible")
    assert c["objectif"]["menages_loges"] == 2
    assert c["objectif"]["poids_priorite"] == 1001021 + 1015
    assert (c["preuve"]["statut"], c["preuve"]["borne"]) == ("OPTIMAL", 2)
    assert c["exclusions"] == []


def test_appariement_exclusions_des_paires_demandees() -> None:
    code, r, _ = lancer(
        "appariement", str(EXEMPLES / "appariement.json"), "--paires", "D2:L1, D1:L2,D1:L1"
    )
    assert code == 0
    ex = r["chiffres"]["exclusions"]
    assert [(e["menage"], e["logement"], e["regles"]) for e in ex] == [
        ("D2", "L1", ["R-EFFORT-SL", "R-PLAIN-PIED"]),
        ("D1", "L2", ["R-CAPACITY", "R-COMMUNES"]),
        ("D1", "L1", []),
    ]
    assert "aide au logement inconnue : comptée nulle" in ex[0]["messages"][0]
    assert ex[1]["messages"][0] == "R-CAPACITY : 4 personnes pour 2 places (T1)."
    assert ex[2]["messages"] == ["paire éligible : aucune règle dure ne l'exclut."]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--paires", "D1:L9"], "Option --paires invalide : « D1:L9 » : logement « L9 » absent"),
        (["--paires", "D1"], "Option --paires invalide : « D1 » : MENAGE:LOGEMENT attendu"),
        (["--paires", ",".join(["D1:L1"] * 1001)], "Option --paires invalide : 1001 paires"),
    ],
)
def test_appariement_paires_invalides_code_2(argv: list[str], message: str) -> None:
    code, sortie, erreurs = lancer("appariement", str(EXEMPLES / "appariement.json"), *argv)
    assert code == 2 and sortie == ""
    assert erreurs.startswith(message), erreurs


def test_option_paires_reservee_a_l_appariement() -> None:
    code, _, erreurs = lancer("effort", str(EXEMPLES / "effort.json"), "--paires", "D1:L1")
    assert code == 2 and erreurs.startswith("Option --paires réservée au verbe appariement.")


def _appariement(**modifs: Any) -> dict[str, Any]:
    donnees = json.loads((EXEMPLES / "appariement.json").read_text("utf-8"))
    for chemin, valeur in modifs.items():
        cible: Any = donnees
        *debut, fin = chemin.split("__")
        for cle in debut:
            cible = cible[int(cle)] if cle.isdigit() else cible[cle]
        cible[fin] = valeur
    return donnees


@pytest.mark.parametrize(
    ("modifs", "message"),
    [
        (
            {"menages__0__personnes": 0},
            "champ « menages[0].personnes » : valeur 0 inférieure au minimum 1.",
        ),
        (
            {"logements__1__commune": "Rennes"},
            "champ « logements[1].commune » : format invalide « Rennes ».",
        ),
        (
            {"menages__2__criteres": ["DALO"]},
            "champ « menages[2].criteres[0] » : valeur « DALO » inconnue",
        ),
        ({"menages__1__id": "x" * 65}, "champ « menages[1].id » : texte de plus de 64 caractères."),
        (
            {"menages__0__communes": ["35238", "35238"]},
            "champ « menages[0].communes » : élément en double.",
        ),
        (
            {"logements": [{}] * 10001},
            "champ « logements » : au plus 10000 élément(s) attendu(s), 10001 reçus.",
        ),
        ({"date": "2026-02-30"}, "champ « date » : date invalide « 2026-02-30 »"),
        (
            {"logements__0__redevance": None},
            "champ « logements[0].redevance » : R-EFFORT-SL : redevance exigée en sous-location.",
        ),
        (
            {"logements__1__id": "L1"},
            "champ « logements[1].id » : « L1 » en double.",
        ),
    ],
)
def test_appariement_entree_invalide_code_2_et_champ_nomme(
    modifs: dict[str, Any], message: str
) -> None:
    code, sortie, erreurs = lancer("appariement", "-", entree=json.dumps(_appariement(**modifs)))
    assert code == 2 and sortie == ""
    assert erreurs.startswith(f"Entrée invalide : {message}"), erreurs


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
        (["appariement", "/nulle/a.json"], "", "Entrée illisible : /nulle/a.json (No such file"),
        (
            ["appariement", "-"],
            '{"date": "2026-12-01",\n "logements": [',
            "Entrée invalide : JSON mal formé ligne 2, colonne 16",
        ),
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
