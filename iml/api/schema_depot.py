"""Le schéma du corps d'un dépôt, publié dans l'OpenAPI : le vrai schéma du dossier
(`conformite.schema.json`, références résolues), avec les limites du site (`iml.api.limites`)
et les montants en chaîne décimale.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from iml.api.limites import Limites, limites
from iml.referentiel import validation

#: Les définitions de `commun.schema.json` qui sont des montants.
DEFS_MONTANT = frozenset({"montant", "montant_ou_null"})
URN = "urn:iml:schemas:"


@lru_cache(maxsize=1)
def _schemas() -> dict[str, dict[str, Any]]:
    """Les schémas du dossier par `$id`, lus là où le validateur du moteur les lit."""
    fichiers = sorted(validation.DOSSIER_SCHEMAS.glob("*.schema.json"))
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in fichiers]
    return {s["$id"]: s for s in schemas}


@dataclass
class Releve:
    """Ce que le dépliage relève en chemin : montants, textes à motif (SIRET, dates)."""

    montants: set[str] = field(default_factory=set)
    motifs: set[str] = field(default_factory=set)


def _resoudre(ref: str, courant: str) -> tuple[dict[str, Any], str, str]:
    """(sous-schéma, `$id` de son document, nom de la définition) d'une référence."""
    document, _, pointeur = ref.partition("#")
    identifiant = document or courant
    noeud: Any = _schemas()[identifiant]
    for morceau in [m for m in pointeur.split("/") if m]:
        noeud = noeud[morceau]
    return noeud, identifiant, pointeur.rsplit("/", 1)[-1]


def _montant(lim: Limites, description: str) -> dict[str, Any]:
    entiers = lim.montant_chiffres - lim.montant_decimales
    motif = rf"^\d{{1,{entiers}}}(\.\d{{1,{lim.montant_decimales}}})?$"
    return {
        "description": (
            f"{description} Montant en euros : chaîne décimale (recommandé, « 1234.50 ») ou "
            f"nombre JSON exact ({lim.montant_decimales} décimales au plus) ; null : non "
            "renseigné (R-UNKNOWN)."
        ).strip(),
        "anyOf": [
            {"type": "string", "pattern": motif, "maxLength": lim.montant_chiffres + 1},
            {"type": "number", "minimum": 0, "maximum": lim.montant_max},
            {"type": "null"},
        ],
    }


def _cles(schema: dict[str, Any], chemin: str, doc: str, releve: Releve) -> dict[str, Any]:
    """Les sous-schémas d'un nœud, résolus, avec le chemin générique de chacun."""
    resultat = dict(schema)
    if "properties" in schema:
        resultat["properties"] = {
            cle: _deplier(sous, f"{chemin}.{cle}" if chemin else cle, doc, releve)
            for cle, sous in schema["properties"].items()
        }
    if isinstance(schema.get("items"), dict):
        resultat["items"] = _deplier(schema["items"], f"{chemin}[*]", doc, releve)
    for mot in ("anyOf", "oneOf", "allOf"):
        if mot in schema:
            resultat[mot] = [_deplier(s, chemin, doc, releve) for s in schema[mot]]
    return resultat


def _bornes(schema: dict[str, Any], chemin: str, releve: Releve) -> dict[str, Any]:
    lim, types = limites(), schema.get("type")
    types = types if isinstance(types, list) else [types]
    if "string" in types and "enum" not in schema and "format" not in schema:
        schema["maxLength"] = min(schema.get("maxLength", 10**9), lim.texte_max(chemin))
    if "integer" in types:
        schema["maximum"] = min(schema.get("maximum", 10**9), lim.entier_max)
    if "array" in types:
        schema["maxItems"] = lim.elements_max_pour(chemin)
    if "pattern" in schema:
        releve.motifs.add(chemin)
    return schema


def _deplier(schema: Any, chemin: str, doc: str, releve: Releve) -> Any:
    """Le sous-schéma sans `$ref`, borné ; relève les chemins des montants et des motifs."""
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        cible, doc_cible, nom = _resoudre(schema["$ref"], doc)
        if nom in DEFS_MONTANT:
            releve.montants.add(chemin)
            return _montant(limites(), schema.get("description") or cible.get("description", ""))
        fusion = {**cible, **{k: v for k, v in schema.items() if k != "$ref"}}
        return _deplier(fusion, chemin, doc_cible, releve)
    propre = {k: v for k, v in schema.items() if k not in ("$schema", "$id", "$defs")}
    return _bornes(_cles(propre, chemin, doc, releve), chemin, releve)


@lru_cache(maxsize=1)
def _depliage() -> tuple[dict[str, Any], Releve]:
    releve = Releve()
    schema = _deplier(_schemas()[f"{URN}conformite"], "", f"{URN}conformite", releve)
    return schema, releve


def schema_corps() -> dict[str, Any]:
    """Le schéma JSON (OpenAPI 3.1) du corps d'un dépôt."""
    return copy.deepcopy(_depliage()[0])


@lru_cache(maxsize=1)
def chemins_montants() -> frozenset[str]:
    """Les chemins génériques des montants (`financements[*].montant`…)."""
    return frozenset(_depliage()[1].montants)


@lru_cache(maxsize=1)
def chemins_a_motif() -> frozenset[str]:
    """Les chemins des textes à motif (`porteur.siret`, dates) : le `\\d` de Python accepte
    « ٣ », celui de l'OpenAPI (ECMA 262) les seuls chiffres 0-9 ; l'API exige l'ASCII."""
    return frozenset(_depliage()[1].motifs)
