"""Référentiel des communes (COG de l'INSEE), lu dans data/communes.json.gz, sans base de
données (docs/adr/0004-communes.md ; fichier produit par scripts/generer-communes.py).

`resoudre` reconnaît un code INSEE (« 35238 »), un nom sans égard à la casse, aux accents,
aux traits d'union ni aux apostrophes (« saint malo », « St-Malo ») ou la forme enregistrée
dans les dossiers, « Nom (code) ». Un nom porté par plusieurs communes des départements
donnés lève `CommuneAmbigue` : il faut alors le code.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

FICHIER = Path(__file__).parent / "data" / "communes.json.gz"

_CODE = r"(?:\d{2}|2[AB])\d{3}"
_SEUL = re.compile(rf"^({_CODE})$", re.IGNORECASE)
_NOM_ET_CODE = re.compile(rf"^(.*?)\s*\(\s*({_CODE})\s*\)$", re.IGNORECASE)
_SEPARATEURS = re.compile(r"[\s\-‐‑–—'’ʼ.()]+")
_ABREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
#: Type de liaison de l'INSEE (TNCC) → préposition devant le nom : « d'Ille-et-Vilaine ».
_CHARNIERES = {
    0: "de ",
    1: "d'",
    2: "du ",
    3: "de la ",
    4: "des ",
    5: "de l'",
    6: "des ",
    7: "de las ",
    8: "de los ",
}


@dataclass(frozen=True, order=True)
class Commune:
    code: str
    nom: str
    departement: str

    @property
    def libelle(self) -> str:
        """Forme enregistrée dans le dossier : « Rennes (35238) »."""
        return f"{self.nom} ({self.code})"

    def __str__(self) -> str:
        return self.libelle


class CommuneAmbigue(ValueError):
    """Le nom saisi désigne plusieurs communes : seul le code INSEE les départage."""

    def __init__(self, saisie: str, candidates: list[Commune]) -> None:
        self.saisie = saisie
        self.candidates = candidates
        liste = ", ".join(c.libelle for c in candidates)
        super().__init__(f"« {saisie} » désigne plusieurs communes ({liste}) : indiquez le code.")


@lru_cache(maxsize=1)
def _donnees() -> dict[str, Any]:
    with gzip.open(FICHIER, "rt", encoding="utf-8") as f:
        donnees: dict[str, Any] = json.load(f)
    return donnees


def normaliser(nom: str) -> str:
    """Clé de comparaison : minuscules, sans accents ni ligatures, traits d'union et
    apostrophes en espaces, « St » → « saint »."""
    texte = unicodedata.normalize("NFKD", nom.casefold())
    texte = "".join(c for c in texte if not unicodedata.combining(c))
    texte = texte.replace("œ", "oe").replace("æ", "ae")
    mots = _SEPARATEURS.sub(" ", texte).split()
    return " ".join(_ABREVIATIONS.get(m, m) for m in mots)


def source() -> str:
    return str(_donnees()["source"])


def codes_departements() -> list[str]:
    return sorted(_donnees()["departements"])


@lru_cache(maxsize=256)
def _communes(code_dept: str) -> tuple[Commune, ...]:
    dept = _donnees()["departements"].get(code_dept)
    if dept is None:
        return ()
    communes = [Commune(code, nom, code_dept) for code, nom in dept["communes"].items()]
    return tuple(sorted(communes, key=lambda c: (normaliser(c.nom), c.code)))


def communes_du_departement(code_dept: str) -> list[Commune]:
    """Communes actuelles du département, triées par nom (liste vide si code inconnu)."""
    return list(_communes(str(code_dept).upper()))


@lru_cache(maxsize=256)
def _index(code_dept: str) -> dict[str, tuple[Commune, ...]]:
    """Nom normalisé → communes ; un nom distingué par une précision entre parenthèses
    (« Bors (Canton de Charente-Sud) ») se trouve aussi sous le nom seul (« Bors »)."""
    index: dict[str, list[Commune]] = {}
    for c in _communes(code_dept):
        cles = {normaliser(c.nom)}
        if "(" in c.nom:
            cles.add(normaliser(c.nom.split("(", 1)[0]))
        for cle in cles:
            index.setdefault(cle, []).append(c)
    return {cle: tuple(liste) for cle, liste in index.items()}


@lru_cache(maxsize=256)
def _par_code(code_dept: str) -> dict[str, Commune]:
    return {c.code: c for c in _communes(code_dept)}


def commune(code: str) -> Commune | None:
    """La commune de ce code INSEE, quel que soit son département."""
    code = code.strip().upper()
    for dept in _donnees()["departements"]:
        if code.startswith(dept) and code in _par_code(dept):
            return _par_code(dept)[code]
    return None


def _departements(code_dept: str | Iterable[str]) -> list[str]:
    if isinstance(code_dept, str):
        return [code_dept.upper()]
    return [c.upper() for c in code_dept]


def resoudre(saisie: str, code_dept: str | Iterable[str]) -> Commune | None:
    """La commune saisie (code, nom ou « Nom (code) ») parmi celles du ou des départements
    donnés ; None si aucune. Lève `CommuneAmbigue` si le nom en désigne plusieurs."""
    departements = _departements(code_dept)
    saisie = " ".join(saisie.split())
    if not saisie:
        return None
    code_seul, nom_et_code = _SEUL.match(saisie), _NOM_ET_CODE.match(saisie)
    code = code_seul[1] if code_seul else nom_et_code[2] if nom_et_code else None
    if code is not None:
        trouvee = commune(code)
        if trouvee is None or trouvee.departement not in departements:
            return None
        if nom_et_code and nom_et_code[1]:
            # « Nom (code) » : le nom doit être celui de la commune du code.
            noms = {normaliser(trouvee.nom), normaliser(trouvee.nom.split("(", 1)[0])}
            if normaliser(nom_et_code[1]) not in noms:
                return None
        return trouvee
    cle = normaliser(saisie)
    candidates = [c for d in departements for c in _index(d).get(cle, ())]
    if len(candidates) > 1:
        # Le nom exact l'emporte sur le nom sans sa précision (« Château-Chinon (Ville) »).
        exactes = [c for c in candidates if normaliser(c.nom) == cle]
        if len(exactes) == 1:
            return exactes[0]
        raise CommuneAmbigue(saisie, sorted(candidates, key=lambda c: c.code))
    return candidates[0] if candidates else None


def _avec_charniere(entree: dict[str, Any] | None) -> str | None:
    if entree is None:
        return None
    return f"{_CHARNIERES.get(entree['liaison'], 'de ')}{entree['nom']}"


def nom_departement(code_dept: str) -> str | None:
    dept = _donnees()["departements"].get(code_dept.upper())
    return str(dept["nom"]) if dept else None


def du_departement(code_dept: str) -> str | None:
    """« d'Ille-et-Vilaine », « de la Gironde », « du Nord » (None si code inconnu)."""
    return _avec_charniere(_donnees()["departements"].get(code_dept.upper()))


def de_la_region(code_region: str) -> str | None:
    """« de Bretagne », « d'Île-de-France », « de la Nouvelle-Aquitaine »."""
    return _avec_charniere(_donnees()["regions"].get(code_region))
