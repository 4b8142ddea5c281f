"""Conformité d'un dossier complet : l'exemple documenté, puis une variante par contrôle
(R-DOSSIER et toutes les règles appliquées à un dossier)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from regles.bareme import Bareme
from regles.conformite import ResultatConformite, verifier_dossier
from regles.entrees_dossier import lire_dossier
from regles.types import Niveau

D = Decimal
JOUR = date(2019, 3, 1)


@pytest.fixture(scope="module")
def exemple(exemples: Path) -> dict[str, Any]:
    texte = (exemples / "conformite.json").read_text(encoding="utf-8")
    return json.loads(texte, parse_float=Decimal)  # type: ignore[no-any-return]


def verifier(data: dict[str, Any], bareme: Bareme) -> ResultatConformite:
    return verifier_dossier(lire_dossier(data, 8), bareme, date_reference=JOUR)


def test_r_dossier_exemple_conforme(exemple: dict[str, Any], bareme: Bareme) -> None:
    r = verifier(exemple, bareme)
    assert r.conforme, [c.message for c in r.constats if c.niveau is Niveau.ERREUR]
    assert [c for c in r.constats if c.niveau is Niveau.ALERTE] == []
    budget = r.chiffres["budget"]
    assert (budget["total"], budget["cout_par_place"]) == (D("85500.00"), D("1710.00"))
    assert (budget["captation"], budget["gestion"], budget["accompagnement"]) == (
        D("18000.00"),
        D("34500.00"),
        D("33000.00"),
    )
    assert r.chiffres["petits_logements_pct"] == D("74.0")
    assert [j["atteint"] for j in r.chiffres["jalons"]] == [True, True]
    s2019, s2020 = r.chiffres["subventions"]
    assert (s2019["captation"], s2019["total"]) == (D("12000.00"), D("31925.00"))
    assert s2019["fonctionnement"] == {
        "MANDAT_GESTION": D("4200.00"),
        "SOUS_LOCATION": D("15725.00"),
    }
    assert s2020["captation"] == D("6000.00")


def test_resultat_trie_erreurs_d_abord(exemple: dict[str, Any], bareme: Bareme) -> None:
    data = copy.deepcopy(exemple)
    data["date_depot"] = "2019-03-05"
    niveaux = [c.niveau for c in verifier(data, bareme).constats]
    assert niveaux == sorted(niveaux, key=[Niveau.ERREUR, Niveau.ALERTE, Niveau.INFO].index)


Variante = Callable[[dict[str, Any]], object]


def _sans_typo(typo: str) -> Variante:
    def f(d: dict[str, Any]) -> None:
        for cle in ("logements", "places"):
            d[cle] = [x for x in d[cle] if x["typologie"] != typo or x["mode"] != "SOUS_LOCATION"]

    return f


VARIANTES: list[tuple[str, Variante, str, str | None]] = [
    ("depot tardif", lambda d: d.update(date_depot="2019-03-05"), "R-AAC", "date_depot"),
    ("sans L365-4", lambda d: d["agrements"].pop("L365_4"), "R-ELIGIBILITY", "agrements.L365_4"),
    (
        "RC expirée",
        lambda d: d["agrements"]["ASSURANCE_RC"].update(date_fin="2019-02-28"),
        "R-ELIGIBILITY",
        "agrements.ASSURANCE_RC",
    ),
    (
        "interne sans L365-3",
        lambda d: d["agrements"].pop("L365_3"),
        "R-ELIGIBILITY",
        "agrements.L365_3",
    ),
    ("sans évaluation", lambda d: d.pop("evaluation"), "R-DOSSIER", "evaluation"),
    (
        "sans représentant",
        lambda d: d["porteur"].pop("representant"),
        "R-DOSSIER",
        "porteur.representant",
    ),
    ("sans public", lambda d: d.update(publics=[]), "R-PRIORITY-PUBLICS", "publics"),
    (
        "spécialisée sans public",
        lambda d: d.update(categorie="SPECIALISEE"),
        "R-CATEGORY",
        "public_specialise",
    ),
    (
        "trop de places",
        lambda d: d["places"][0]["trimestres"].__setitem__(1, 3),
        "R-SCHEDULE-CONSISTENCY",
        "places[0].trimestres[1]",
    ),
    (
        "renouvellements",
        lambda d: d["engagements"].update(sl_renouvellements_max=3),
        "R-SL-DURATION",
        "engagements.sl_renouvellements_max",
    ),
    (
        "sans suite de parcours",
        lambda d: d["engagements"].update(suite_parcours=[]),
        "R-SL-DURATION",
        "engagements.suite_parcours",
    ),
    (
        "mandat 4 ans",
        lambda d: d["engagements"].update(mg_duree_financement_mois=48),
        "R-MG-GLS-DURATION",
        "engagements.mg_duree_financement_mois",
    ),
    (
        "parc social sans date",
        lambda d: d.update(parc_social={"logements": 1, "motif": "x"}),
        "R-PUBLIC-STOCK",
        "parc_social.date_fin",
    ),
    (
        "coût par place",
        lambda d: d["services"]["captation"].update(cout_par_logement=2000),
        "R-COST-PLACE-MAX",
        "services",
    ),
    (
        "rampe lente",
        lambda d: [
            x["trimestres"].__setitem__(7, sum(x["trimestres"]))
            or x["trimestres"].__setitem__(slice(0, 7), [0] * 7)
            for x in d["places"]
        ],
        "R-RAMPUP",
        "places",
    ),
    (
        "délégué sans pièces",
        lambda d: d["services"]["accompagnement"].update(SOUS_LOCATION={"modalite": "DELEGUE"}),
        "R-ACCOMP-PLAN",
        "services.accompagnement.SOUS_LOCATION.partenaire_delegue",
    ),
    (
        "bail glissant sans sous-location",
        lambda d: [
            d.update({k: [x for x in d[k] if x["mode"] == "MANDAT_GESTION"]})
            for k in ("logements", "places")
        ],
        "R-MODE",
        "engagements.bail_glissant",
    ),
]


@pytest.mark.parametrize(
    ("nom", "variante", "regle", "champ"), VARIANTES, ids=[v[0] for v in VARIANTES]
)
def test_r_dossier_chaque_controle_bloque(
    exemple: dict[str, Any],
    bareme: Bareme,
    nom: str,
    variante: Variante,
    regle: str,
    champ: str | None,
) -> None:
    data = copy.deepcopy(exemple)
    variante(data)
    r = verifier(data, bareme)
    erreurs = [(c.regle, c.champ) for c in r.constats if c.niveau is Niveau.ERREUR]
    assert (regle, champ) in erreurs
    assert not r.conforme


def test_r_small_units_dans_un_dossier(exemple: dict[str, Any], bareme: Bareme) -> None:
    data = copy.deepcopy(exemple)
    for ligne in data["logements"] + data["places"]:
        if ligne["typologie"] in ("STUDIO", "T1", "T2"):
            ligne["typologie"] = {"STUDIO": "T4", "T1": "T5", "T2": "T6_PLUS"}[ligne["typologie"]]
    r = verifier(data, bareme)
    assert ("R-SMALL-UNITS", Niveau.ERREUR) in [(c.regle, c.niveau) for c in r.constats]
    assert r.chiffres["petits_logements_pct"] == D("0.0")


@pytest.mark.parametrize(
    ("variante", "regle"),
    [
        (lambda d: d.update(partenariats=[]), "R-PARTNERS"),
        (lambda d: d.update(engagement_siao=False), "R-SIAO"),
        (lambda d: d.update(attention_sante=False), "R-PRIORITY-PUBLICS"),
        (lambda d: d["financements"].pop(), "R-COFUNDING"),
        (lambda d: d.update(zone=["56260"]), "R-AAC"),
        (lambda d: d["porteur"].update(siret="77528400000013"), "R-DOSSIER"),
    ],
)
def test_alertes_non_bloquantes(
    exemple: dict[str, Any], bareme: Bareme, variante: Variante, regle: str
) -> None:
    data = copy.deepcopy(exemple)
    variante(data)
    r = verifier(data, bareme)
    assert r.conforme
    assert (regle, Niveau.ALERTE) in [(c.regle, c.niveau) for c in r.constats]


def test_r_ceiling_na_dans_un_dossier(exemple: dict[str, Any], bareme_na: Bareme) -> None:
    data = copy.deepcopy(exemple)
    data["zone_marche"] = "DETENDUE"
    r = verifier(data, bareme_na)
    assert "R-CEILING-NA" in [c.regle for c in r.constats if c.niveau is Niveau.ERREUR]


def test_r_dossier_vide_incomplet_sans_exception(bareme: Bareme) -> None:
    r = verifier_dossier(lire_dossier({}), bareme, date_reference=JOUR)
    champs = {c.champ for c in r.constats if c.regle == "R-DOSSIER"}
    assert {"porteur.nom", "logements", "places", "evaluation", "date_depot"} <= champs
    assert r.chiffres["budget"]["cout_par_place"] is None


def test_r_dossier_trimestres_manquants_sans_longueur_imposee(
    exemple: dict[str, Any], bareme: Bareme
) -> None:
    data = copy.deepcopy(exemple)
    data["places"][2]["trimestres"].pop()
    r = verifier_dossier(lire_dossier(data), bareme, date_reference=JOUR)
    assert ("R-DOSSIER", "places[2].trimestres") in [(c.regle, c.champ) for c in r.constats]
