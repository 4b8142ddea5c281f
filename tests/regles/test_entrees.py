"""Lecture des documents JSON : une entrée invalide nomme son champ (EntreeInvalide)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from regles.entrees import (
    EntreeInvalide,
    lire_budget,
    lire_calendrier,
    lire_effort,
    lire_repartition,
    lire_sous_location,
    lire_subvention,
    nom_bareme,
)
from regles.entrees_dossier import lire_dossier
from regles.types import Agrement, ModaliteAccompagnement, Mode, Typologie

D = Decimal


def charger(exemples: Path, verbe: str) -> Any:
    return json.loads((exemples / f"{verbe}.json").read_text(encoding="utf-8"), parse_float=D)


def test_lire_les_exemples(exemples: Path) -> None:
    assert lire_effort(charger(exemples, "effort")).loyer == D(420)
    assert lire_sous_location(charger(exemples, "sous-location")).renouvellements == 1
    assert lire_budget(charger(exemples, "budget")).logements == {
        Mode.MANDAT_GESTION: 15,
        Mode.SOUS_LOCATION: 15,
    }
    assert len(lire_subvention(charger(exemples, "subvention")).mobilisations) == 3
    assert lire_calendrier(charger(exemples, "calendrier"), 8).places[1].typologie is Typologie.T2
    assert len(lire_repartition(charger(exemples, "repartition"))) == 3
    assert nom_bareme(charger(exemples, "budget")) == "region-75-nouvelle-aquitaine"
    assert nom_bareme({}) is None


def test_lire_le_dossier_exemple(exemples: Path) -> None:
    d = lire_dossier(charger(exemples, "conformite"), 8)
    assert d.porteur.representant is not None and d.porteur.representant.prenom == "Annaïg"
    assert d.agrements[Agrement.ASSURANCE_RC].date_fin is not None
    assert d.services.accompagnement[Mode.SOUS_LOCATION].modalite is ModaliteAccompagnement.INTERNE
    assert len(d.logements) == len(d.places) == 8
    assert d.engagement_siao is True


@pytest.mark.parametrize(
    ("lire", "data", "champ"),
    [
        (lire_effort, {"mode": "COLOCATION", "personnes": 1}, "mode"),
        (lire_effort, {"mode": "SOUS_LOCATION"}, "personnes"),
        (lire_effort, {"mode": "SOUS_LOCATION", "personnes": 1, "loyer": "beaucoup"}, "loyer"),
        (lire_effort, {"mode": "SOUS_LOCATION", "personnes": 1, "loyer": -1}, "loyer"),
        (lire_effort, {"mode": "SOUS_LOCATION", "personnes": 0}, "personnes"),
        (lire_effort, {"mode": "SOUS_LOCATION", "personnes": 1, "inconnu": 1}, "inconnu"),
        (lire_effort, [], ""),
        (lire_sous_location, {"date_entree": "15/05/2019"}, "date_entree"),
        (
            lire_budget,
            {"logements": {"MANDAT": 1}, "places": {}, "services": {}},
            "logements.MANDAT",
        ),
        (
            lire_budget,
            {
                "logements": {},
                "places": {},
                "services": {
                    "gestion": {"SOUS_LOCATION": [{"libelle": "x", "cout_par_logement": True}]}
                },
            },
            "services.gestion.SOUS_LOCATION[0].cout_par_logement",
        ),
        (
            lire_budget,
            {
                "logements": {},
                "places": {},
                "services": {"accompagnement": {"SOUS_LOCATION": {"modalite": "AUTRE"}}},
            },
            "services.accompagnement.SOUS_LOCATION.modalite",
        ),
        (lire_subvention, {"services": {}}, "logements"),
        (
            lire_subvention,
            {
                "services": {},
                "mobilisations": [
                    {"annee": 2019, "mois": 13, "mode": "SOUS_LOCATION", "logements": 1}
                ],
            },
            "mobilisations[0].mois",
        ),
        (
            lire_calendrier,
            {"places": [{"typologie": "T2", "mode": "SOUS_LOCATION", "trimestres": [1, 2]}]},
            "places[0].trimestres",
        ),
        (lire_repartition, {"projets": [{"code": "a"}]}, "projets[0].places"),
    ],
)
def test_entree_invalide_nomme_le_champ(lire: Any, data: object, champ: str) -> None:
    with pytest.raises(EntreeInvalide) as e:
        lire(data, 8) if lire in (lire_calendrier, lire_subvention) else lire(data)
    assert e.value.champ == champ
    assert e.value.message


@pytest.mark.parametrize(
    ("data", "champ"),
    [
        (
            {
                "logements": [{"typologie": "T1", "mode": "SOUS_LOCATION", "trimestres": [0]}] * 2
                + [{"typologie": "T7", "mode": "SOUS_LOCATION", "trimestres": [0]}]
            },
            "logements[2].typologie",
        ),
        ({"logements": [{}]}, "logements[0].mode"),
        (
            {"logements": [{"typologie": "T7", "mode": "SOUS_LOCATION", "trimestres": [0]}]},
            "logements[0].typologie",
        ),
        (
            {"places": [{"typologie": "T1", "mode": "SOUS_LOCATION", "trimestres": [0, -1]}]},
            "places[0].trimestres[1]",
        ),
        (
            {"agrements": {"L365_4": {"date_debut": "2019-02-01", "date_fin": "2019-01-01"}}},
            "agrements.L365_4.date_fin",
        ),
        ({"agrements": {"L365-4": {}}}, "agrements.L365-4"),
        ({"publics": ["SDF"]}, "publics[0]"),
        ({"porteur": {"statut": "ASSO"}}, "porteur.statut"),
        ({"porteur": {"representant": {"age": 3}}}, "porteur.representant.age"),
        ({"financements": [{"financeur": "ETAT", "montant": 1}]}, "financements[0].financeur"),
        ({"engagements": {"suite_parcours": ["HLM"]}}, "engagements.suite_parcours[0]"),
        ({"partenariats": [{"type": "CCAS"}]}, "partenariats[0].nom"),
        ({"attention_sante": "oui"}, "attention_sante"),
        ({"parc_social": {"logements": -1}}, "parc_social.logements"),
        ({"date_depot": "2019-02-30"}, "date_depot"),
        ({"inconnu": 1}, "inconnu"),
    ],
)
def test_r_dossier_entree_invalide_nomme_le_champ(data: dict[str, Any], champ: str) -> None:
    with pytest.raises(EntreeInvalide) as e:
        lire_dossier(data)
    assert e.value.champ == champ
    assert champ in str(e.value)


def test_r_dossier_nombre_de_trimestres_impose() -> None:
    ligne = {"typologie": "T1", "mode": "SOUS_LOCATION", "trimestres": [1] * 7}
    with pytest.raises(EntreeInvalide, match="8 trimestres attendus, 7 reçus"):
        lire_dossier({"places": [ligne]}, 8)
    assert lire_dossier({"places": [ligne]}).places[0].trimestres == (1,) * 7


def test_r_unknown_null_reste_non_renseigne() -> None:
    d = lire_dossier(
        {"services": {"captation": {"cout_par_logement": None}}, "porteur": {"nom": " "}}
    )
    assert d.services.captation_par_logement is None
    assert d.porteur.nom is None
