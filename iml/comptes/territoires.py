"""Chargement idempotent des régions et départements (data/territoires.json, codes INSEE)."""

import json
from pathlib import Path

FICHIER = Path(__file__).parent / "data" / "territoires.json"


def charger_territoires(Territoire) -> int:  # noqa: N803 — modèle historique des migrations
    """Crée ou met à jour chaque territoire ; renvoie le nombre de lignes du fichier."""
    donnees = json.loads(FICHIER.read_text(encoding="utf-8"))
    regions = {}
    for r in donnees["regions"]:
        regions[r["code"]], _ = Territoire.objects.update_or_create(
            niveau="REGION", code=r["code"], defaults={"nom": r["nom"], "region": None}
        )
    for d in donnees["departements"]:
        Territoire.objects.update_or_create(
            niveau="DEPARTEMENT",
            code=d["code"],
            defaults={"nom": d["nom"], "region": regions[d["region"]]},
        )
    return len(donnees["regions"]) + len(donnees["departements"])
