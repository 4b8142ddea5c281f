"""Génère iml/comptes/data/communes.json.gz, le référentiel des communes (voir
docs/adr/0004-communes.md), à partir du paquet npm `@etalab/decoupage-administratif`.

Source épinglée : @etalab/decoupage-administratif 6.0.0 (millésime 2026 du Code officiel
géographique de l'INSEE, licence MIT pour le paquet, Licence Ouverte pour les données).
Le paquet n'est ni installé ni versionné : on prend son archive et on la lit sans l'extraire.

    cd /tmp && npm pack @etalab/decoupage-administratif@6.0.0
    cd /work/main && .venv/bin/python scripts/generer-communes.py \\
        /tmp/etalab-decoupage-administratif-6.0.0.tgz

L'empreinte de l'archive est vérifiée ; la sortie est reproductible (JSON trié, gzip sans
date). On garde les communes actuelles (`type == "commune-actuelle"`) de métropole et des
DROM (Paris, Lyon et Marseille comme communes, sans leurs arrondissements municipaux ; ni
communes déléguées ou associées, ni collectivités d'outre-mer), groupées par département :
code INSEE → nom. S'y ajoutent le nom des départements et des régions, avec le type de
liaison de l'INSEE (« d'Ille-et-Vilaine », « de la Gironde ») pour les messages.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import tarfile
from pathlib import Path

VERSION = "6.0.0"
SHA256 = "c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a"
SORTIE = Path(__file__).resolve().parents[1] / "iml" / "comptes" / "data" / "communes.json.gz"
ZONES = ("metro", "drom")


def lire(archive: tarfile.TarFile, nom: str) -> list[dict]:
    fichier = archive.extractfile(f"package/data/{nom}.json")
    if fichier is None:
        raise SystemExit(f"{nom}.json absent de l'archive")
    return json.load(fichier)


def generer(chemin: Path) -> dict:
    empreinte = hashlib.sha256(chemin.read_bytes()).hexdigest()
    if empreinte != SHA256:
        raise SystemExit(f"empreinte inattendue {empreinte} (attendue {SHA256}, version {VERSION})")
    with tarfile.open(chemin, "r:gz") as archive:
        communes = lire(archive, "communes")
        departements = lire(archive, "departements")
        regions = lire(archive, "regions")
    sortie_deps: dict[str, dict] = {
        d["code"]: {
            "nom": d["nom"],
            "liaison": d["typeLiaison"],
            "region": d["region"],
            "communes": {},
        }
        for d in departements
        if d["zone"] in ZONES
    }
    for c in communes:
        if c["type"] != "commune-actuelle" or c["zone"] not in ZONES:
            continue
        if not c["code"].startswith(c["departement"]):
            raise SystemExit(f"code {c['code']} hors de son département {c['departement']}")
        sortie_deps[c["departement"]]["communes"][c["code"]] = c["nom"]
    return {
        "source": f"@etalab/decoupage-administratif {VERSION} (INSEE, COG 2026)",
        "regions": {
            r["code"]: {"nom": r["nom"], "liaison": r["typeLiaison"]}
            for r in regions
            if r["zone"] in ZONES
        },
        "departements": sortie_deps,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path, help=f"archive npm pack, version {VERSION}")
    parser.add_argument("--sortie", type=Path, default=SORTIE)
    args = parser.parse_args()
    donnees = generer(args.archive)
    texte = json.dumps(donnees, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    args.sortie.write_bytes(gzip.compress(texte.encode("utf-8"), compresslevel=9, mtime=0))
    n = sum(len(d["communes"]) for d in donnees["departements"].values())
    print(
        f"{args.sortie} : {n} communes, {len(donnees['departements'])} départements, "
        f"{args.sortie.stat().st_size} octets",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
