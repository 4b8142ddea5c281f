"""Entrée du moteur d'appariement en colonnes numpy (R-APPARIEMENT ; docs/adr/0011).

`lire_colonnes` lit le même document que `regles.appariement_entrees.lire_instance` (schéma
`appariement.schema.json`) directement en colonnes, un tableau par champ, sans objet par ménage.
Une seule lecture : la voie rapide valide chaque colonne d'un bloc (types, clés, énumérations,
dates, montants) pour l'écriture canonique des montants (entier, ou chaîne « 1234 », « 1234.5 »,
« 1234.50 ») ; à la première valeur d'une autre forme (décimale plus fine, flottant, espaces,
erreur…), toute l'entrée passe par la lecture typée `lire_instance`, qui accepte ou refuse avec
le message nommant le champ, puis ses objets sont mis en colonnes (`colonnes_de`). Les deux voies
donnent les mêmes colonnes (test hypothesis). Montants en centimes tronqués, comme
`regles.appariement_eligibilite` les compare.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from regles import conversion as cv
from regles.appariement_entrees import Instance, lire_instance
from regles.entrees import entree
from regles.parametres_siao import est_dalo
from regles.types import Categorie, Mode, PublicPrioritaire, Typologie

Tableau = npt.NDArray[np.int64]
Masque = npt.NDArray[np.bool_]
CATEGORIES = list(Categorie)
TYPOLOGIES = list(Typologie)
TOUTES = (1 << len(CATEGORIES)) - 1
_CATEGORIE = {c.value: i for i, c in enumerate(CATEGORIES)}
_TYPOLOGIE = {t.value: i for i, t in enumerate(TYPOLOGIES)}
_FORME = {m.value: m is Mode.SOUS_LOCATION for m in Mode}
_DALO = {p.value: est_dalo(p) for p in PublicPrioritaire}
#: Écritures canoniques reconnues par la voie rapide (une valeur par ligne).
_MONTANTS = re.compile(r"(?:\d{1,10}(?:\.\d{1,2})?\n)*")
_COMMUNES = re.compile(r"(?:[0-9A-Za-z]{5}\n)*")
_REQ_L = frozenset({"id", "typologie", "capacite", "forme", "commune", "loyer", "charges"})
_PERM_L = _REQ_L | {"plain_pied", "categories", "redevance", "disponible_le"}
_REQ_M = frozenset({"id", "personnes", "ressources", "categorie", "demande_le"})
_PERM_M = _REQ_M | {
    "aide_logement",
    "aide_estimee",
    "plain_pied_requis",
    "communes",
    "communes_strictes",
    "criteres",
}


class _Autre(Exception):
    """Une valeur hors de l'écriture canonique : la lecture typée tranche."""


@dataclass(frozen=True, eq=False)
class Colonnes:
    """Logements × ménages d'un département, un tableau par champ (indices de l'entrée)."""

    jour: date
    ids_logements: tuple[str, ...]
    ids_menages: tuple[str, ...]
    communes: tuple[str, ...]  # codes des communes des logements, triés
    # Logements.
    typologie: Tableau  # rang dans `Typologie`
    capacite: Tableau
    sous_location: Masque
    commune: Tableau  # rang dans `communes`
    plain_pied: Masque
    categories: Tableau  # masque de bits des catégories admises (toutes si la liste est vide)
    brut: Tableau  # loyer (mandat de gestion) ou redevance (sous-location) + charges, centimes
    # Ménages.
    personnes: Tableau
    ressources: Tableau  # centimes
    aide: Tableau  # centimes, 0 si inconnue (R-UNKNOWN : le taux se calcule sans aide)
    categorie: Tableau  # rang dans `Categorie`
    plain_pied_requis: Masque
    strictes: Masque
    souhaits: tuple[Tableau, Tableau]  # (ménage, rang de commune) des communes souhaitées
    dalo: Masque
    pdalhpd: Masque
    demande: Tableau  # (année × 12 + mois) × 32 + jour de la demande

    def egale(self, autre: Colonnes) -> bool:
        """Mêmes valeurs, champ par champ (contrôle des deux voies de lecture)."""
        return all(_egaux(getattr(self, k), getattr(autre, k)) for k in self.__dataclass_fields__)


def _egaux(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) and a and isinstance(a[0], np.ndarray):
        return all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(np.array_equal(a, b)) if isinstance(a, np.ndarray) else bool(a == b)


def _types(valeurs: Sequence[object], *admis: type) -> None:
    if not set(map(type, valeurs)) <= set(admis):
        raise _Autre


def _centimes(valeurs: Sequence[object]) -> Tableau:
    """Montants canoniques (chaînes d'au plus 10 chiffres et 2 décimales, entiers) en centimes :
    le double le plus proche × 100, arrondi, est exact à cette taille."""
    if not valeurs:
        return np.zeros(0, dtype=np.int64)
    _types(valeurs, str, int)
    textes = [v if type(v) is str else str(v) for v in valeurs]
    if not _MONTANTS.fullmatch("\n".join(textes) + "\n"):
        raise _Autre
    return np.rint(np.array(textes, dtype=np.float64) * 100).astype(np.int64)


def _rangs(valeurs: Sequence[object], table: Mapping[str, Any]) -> list[Any]:
    try:
        return [table[v] for v in valeurs]  # type: ignore[index]
    except (KeyError, TypeError):
        raise _Autre from None


def _entiers(valeurs: Sequence[object], minimum: int) -> Tableau:
    _types(valeurs, int)
    try:
        t = np.array(valeurs, dtype=np.int64).reshape(len(valeurs))
    except OverflowError:
        raise _Autre from None
    if t.size and (t.min() < minimum or t.max() > 2**40):
        raise _Autre
    return t


def _booleens(objets: Sequence[Mapping[str, object]], cle: str) -> Masque:
    valeurs = [o.get(cle, False) for o in objets]
    _types(valeurs, bool)
    return np.array(valeurs, dtype=bool).reshape(len(valeurs))


def _listes(objets: Sequence[Mapping[str, object]], cle: str) -> tuple[list[object], Tableau]:
    """Valeurs à plat et ménage (ou logement) de chacune."""
    listes: list[Any] = [o.get(cle, ()) for o in objets]
    _types(listes, list, tuple)
    longueurs = np.fromiter(map(len, listes), dtype=np.int64, count=len(listes))
    plat: list[object] = list(itertools.chain.from_iterable(listes))
    return plat, np.repeat(np.arange(len(listes), dtype=np.int64), longueurs)


def _objets(
    o: Mapping[str, object], cle: str, req: frozenset[str], perm: frozenset[str]
) -> list[Any]:
    objets = o[cle]
    if type(objets) is not list:
        raise _Autre
    _types(objets, dict)
    if not all(req <= x.keys() <= perm for x in objets):
        raise _Autre
    ids = [x["id"] for x in objets]
    _types(ids, str)
    if len({i.strip() for i in ids}) != len(ids):
        raise _Autre
    return objets


def _codes(valeurs: Sequence[object]) -> list[str]:
    _types(valeurs, str)
    if not _COMMUNES.fullmatch("\n".join(valeurs) + "\n"):  # type: ignore[arg-type]
        raise _Autre
    return valeurs  # type: ignore[return-value]


def _logements(o: Mapping[str, object]) -> dict[str, Any]:
    ls = _objets(o, "logements", _REQ_L, _PERM_L)
    sl = np.array(_rangs([x["forme"] for x in ls], _FORME), dtype=bool).reshape(len(ls))
    redevances = [x.get("redevance") for x in ls]
    if any(r is None for r, s in zip(redevances, sl, strict=True) if s):
        raise _Autre  # R-EFFORT-SL : redevance exigée en sous-location
    connues = [r for r in redevances if r is not None]
    redevance = np.zeros(len(ls), dtype=np.int64)
    redevance[[r is not None for r in redevances]] = _centimes(connues)
    loyer = _centimes([x["loyer"] for x in ls])
    codes = _codes([x["commune"] for x in ls])
    communes = tuple(sorted(set(codes)))
    rang = {c: i for i, c in enumerate(communes)}
    cats, porteur = _listes(ls, "categories")
    masque = np.zeros(len(ls), dtype=np.int64)
    np.bitwise_or.at(masque, porteur, np.left_shift(1, _tab(_rangs(cats, _CATEGORIE))))
    for d in [x.get("disponible_le") for x in ls]:
        if d is not None:
            _jour(d)
    return {
        "ids_logements": tuple(x["id"].strip() for x in ls),
        "communes": communes,
        "typologie": np.array(_rangs([x["typologie"] for x in ls], _TYPOLOGIE), dtype=np.int64),
        "capacite": _entiers([x["capacite"] for x in ls], 1),
        "sous_location": sl,
        "commune": np.array([rang[c] for c in codes], dtype=np.int64),
        "plain_pied": _booleens(ls, "plain_pied"),
        "categories": np.where(masque == 0, TOUTES, masque),
        "brut": np.where(sl, redevance, loyer) + _centimes([x["charges"] for x in ls]),
    }


def _jour(v: object) -> date:
    if type(v) is not str:
        raise _Autre
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise _Autre from None


def _menages(o: Mapping[str, object], communes: tuple[str, ...]) -> dict[str, Any]:
    ms = _objets(o, "menages", _REQ_M, _PERM_M)
    aides = [x.get("aide_logement") for x in ms]
    aide = np.zeros(len(ms), dtype=np.int64)
    aide[[a is not None for a in aides]] = _centimes([a for a in aides if a is not None])
    souhaits, porteur = _listes(ms, "communes")
    strictes = _booleens(ms, "communes_strictes")
    if np.any(strictes & (np.bincount(porteur, minlength=len(ms)) == 0)):
        raise _Autre  # au moins une commune quand elles sont strictes
    criteres, porteur_c = _listes(ms, "criteres")
    dalo = np.array(_rangs(criteres, _DALO), dtype=bool).reshape(len(criteres))
    _booleens(ms, "aide_estimee")
    jours = [_jour(x["demande_le"]) for x in ms]
    return {
        "ids_menages": tuple(x["id"].strip() for x in ms),
        "personnes": _entiers([x["personnes"] for x in ms], 1),
        "ressources": _centimes([x["ressources"] for x in ms]),
        "aide": aide,
        "categorie": np.array(_rangs([x["categorie"] for x in ms], _CATEGORIE), dtype=np.int64),
        "plain_pied_requis": _booleens(ms, "plain_pied_requis"),
        "strictes": strictes,
        "souhaits": _souhaits(_codes(souhaits), porteur, communes),
        "dalo": np.bincount(porteur_c[dalo], minlength=len(ms)) > 0,
        "pdalhpd": np.bincount(porteur_c[~dalo], minlength=len(ms)) > 0,
        "demande": _dates(jours),
    }


def _souhaits(
    codes: Sequence[str], porteur: Tableau, communes: tuple[str, ...]
) -> tuple[Tableau, Tableau]:
    """(ménage, rang de commune) sans doublon, pour les seules communes ayant un logement."""
    rang = {c: i for i, c in enumerate(communes)}
    r = np.array([rang.get(c, -1) for c in codes], dtype=np.int64).reshape(len(codes))
    cle = np.unique(porteur[r >= 0] * (len(communes) + 1) + r[r >= 0])
    return cle // (len(communes) + 1), cle % (len(communes) + 1)


def _dates(jours: Sequence[date]) -> Tableau:
    return np.array([(d.year * 12 + d.month) * 32 + d.day for d in jours], dtype=np.int64).reshape(
        len(jours)
    )


@entree
def lire_colonnes(donnees: Mapping[str, Any] | object) -> Colonnes:
    """R-APPARIEMENT : lit et valide l'instance en colonnes (voie rapide, sinon lecture typée
    `lire_instance` et son message nommant le champ)."""
    o = cv.objet(donnees, "")
    cv.cles(o, "", requises={"date", "logements", "menages"}, permises={"$schema", "bareme"})
    try:
        logements = _logements(o)
        menages = _menages(o, logements["communes"])
        return Colonnes(jour=_jour(o["date"]), **logements, **menages)
    except _Autre:
        return colonnes_de(lire_instance(o))


def colonnes_de(inst: Instance) -> Colonnes:
    """Les colonnes d'une instance lue en objets (voie typée, et contrôle de la voie rapide)."""
    ls, ms = inst.logements, inst.menages
    communes = tuple(sorted({lg.commune for lg in ls}))
    rang = {c: i for i, c in enumerate(communes)}
    porteur = [i for i, m in enumerate(ms) for _ in m.communes]
    porteur_c = _tab([i for i, m in enumerate(ms) for _ in m.criteres])
    dalo = _tab([est_dalo(c) for m in ms for c in m.criteres], bool)
    return Colonnes(
        jour=inst.jour,
        ids_logements=tuple(lg.id for lg in ls),
        ids_menages=tuple(m.id for m in ms),
        communes=communes,
        typologie=_tab([TYPOLOGIES.index(lg.typologie) for lg in ls]),
        capacite=_tab([lg.capacite for lg in ls]),
        sous_location=_tab([lg.forme is Mode.SOUS_LOCATION for lg in ls], bool),
        commune=_tab([rang[lg.commune] for lg in ls]),
        plain_pied=_tab([lg.plain_pied for lg in ls], bool),
        categories=_tab([_masque(lg.categories) for lg in ls]),
        brut=_tab([int(lg.cout_brut * 100) for lg in ls]),
        personnes=_tab([m.personnes for m in ms]),
        ressources=_tab([int(m.ressources * 100) for m in ms]),
        aide=_tab([int((m.aide_logement or Decimal(0)) * 100) for m in ms]),
        categorie=_tab([CATEGORIES.index(m.categorie) for m in ms]),
        plain_pied_requis=_tab([m.plain_pied_requis for m in ms], bool),
        strictes=_tab([m.communes_strictes for m in ms], bool),
        souhaits=_souhaits([c for m in ms for c in m.communes], _tab(porteur), communes),
        dalo=np.bincount(porteur_c[dalo], minlength=len(ms)) > 0,
        pdalhpd=np.bincount(porteur_c[~dalo], minlength=len(ms)) > 0,
        demande=_dates([m.demande_le for m in ms]),
    )


def _masque(categories: frozenset[Categorie]) -> int:
    return sum(1 << CATEGORIES.index(c) for c in categories) if categories else TOUTES


def _tab(valeurs: Sequence[object], dtype: type = np.int64) -> Any:
    return np.array(valeurs, dtype=dtype).reshape(len(valeurs))
