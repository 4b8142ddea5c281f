"""Validation d'un document JSON contre les schémas du dossier (JSON Schema 2020-12) et
traduction des erreurs en messages français nommant le champ.

Partagé par la commande `iml regles` et l'adaptateur du moteur (`iml.appels.moteur`) ;
n'importe pas Django.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource

#: Les schémas sont des données du paquet (livrées avec lui) : l'exécution ne lit jamais `docs/`.
DOSSIER_SCHEMAS = Path(__file__).resolve().parent / "schemas"
#: Un exemple valide par verbe (`exemples/<verbe>.json`).
EXEMPLES = DOSSIER_SCHEMAS / "exemples"
TYPES = {
    "object": "objet",
    "array": "liste",
    "string": "texte",
    "number": "nombre",
    "integer": "entier",
    "boolean": "booléen (true ou false)",
    "null": "null",
}


def _chemin(morceaux: Iterable[object]) -> str:
    texte = ""
    for m in morceaux:
        texte += f"[{m}]" if isinstance(m, int) else (f".{m}" if texte else str(m))
    return texte


def validateur(verbe: str, dossier: Path = DOSSIER_SCHEMAS) -> jsonschema.protocols.Validator:
    """Validateur JSON Schema (2020-12) du verbe, avec les définitions communes et les formats."""
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(dossier.glob("*.json"))]
    registre: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas
    )
    schema = json.loads((dossier / f"{verbe}.schema.json").read_text(encoding="utf-8"))
    classe = jsonschema.validators.validator_for(schema)
    return classe(schema, registry=registre, format_checker=classe.FORMAT_CHECKER)


def _admis(valeurs: Iterable[object]) -> str:
    return ", ".join(str(v) for v in valeurs if v is not None)


def _cles_manquantes(e: jsonschema.ValidationError) -> list[str]:
    inst = e.instance if isinstance(e.instance, Mapping) else {}
    if e.validator == "required":
        return [k for k in e.validator_value if k not in inst]
    if e.validator == "additionalProperties":
        connues = set(e.schema.get("properties", {}))
        return sorted(k for k in inst if k not in connues)
    return []


def traduire(e: jsonschema.ValidationError) -> tuple[str, str]:
    """(champ, message en français) d'une erreur de schéma."""
    cles = _cles_manquantes(e)
    champ = _chemin([*e.absolute_path, *cles[:1]])
    v, attendu, inst = e.validator, e.validator_value, e.instance
    messages: dict[str, Callable[[], str]] = {
        "required": lambda: "champ obligatoire manquant",
        "additionalProperties": lambda: "champ inconnu",
        "enum": lambda: f"valeur « {inst} » inconnue ; valeurs admises : {_admis(attendu)}",
        "minimum": lambda: f"valeur {inst} inférieure au minimum {attendu}",
        "maximum": lambda: f"valeur {inst} supérieure au maximum {attendu}",
        "minItems": lambda: f"au moins {attendu} élément(s) attendu(s)",
        "maxItems": lambda: f"au plus {attendu} élément(s) attendu(s), {len(inst)} reçus",
        "minLength": lambda: "texte vide",
        "maxLength": lambda: f"texte de plus de {attendu} caractères",
        "uniqueItems": lambda: "élément en double",
        "pattern": lambda: (
            f"nombre attendu (par exemple 1234.50), reçu « {inst} »"
            if "number" in (e.schema.get("type") or [])
            else f"format invalide « {inst} »"
        ),
        "format": lambda: f"date invalide « {inst} » (format AAAA-MM-JJ)",
        "type": lambda: (
            "type attendu : "
            + " ou ".join(
                TYPES.get(t, t) for t in ([attendu] if isinstance(attendu, str) else attendu)
            )
        ),
    }
    if v in ("anyOf", "oneOf") and all("required" in s for s in attendu):
        noms = " ou ".join(k for s in attendu for k in s["required"])
        return champ, f"un des champs {noms} est attendu"
    message = messages.get(str(v))
    return champ, message() if message else f"valeur non conforme au schéma ({v})"
