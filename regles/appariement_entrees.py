"""Entrée du moteur d'appariement (R-APPARIEMENT) : logements vacants et ménages en attente.

`lire_instance` lit le document JSON (schéma `appariement.schema.json`) et lève
`EntreeInvalide` nommant le champ (`menages[3].communes`). Montants mensuels en chaînes
décimales ; `aide_logement` null = inconnue (R-UNKNOWN) : le taux d'effort se calcule alors sans
aide et l'exclusion le dit ; `categories` vide = toutes catégories (R-CATEGORY) ; `redevance`
exigée en sous-location (R-EFFORT-SL), ignorée en mandat de gestion (R-EFFORT-MG).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from regles import conversion as cv
from regles.entrees import EntreeInvalide, entree
from regles.types import Categorie, Mode, PublicPrioritaire, Typologie

ZERO = Decimal(0)


@dataclass(frozen=True)
class LogementVacant:
    """Un logement vacant ou bientôt vacant."""

    id: str
    typologie: Typologie
    capacite: int
    forme: Mode
    commune: str
    plain_pied: bool
    categories: frozenset[Categorie]
    loyer: Decimal
    charges: Decimal
    redevance: Decimal | None
    disponible_le: date | None

    @property
    def cout_brut(self) -> Decimal:
        """Loyer (mandat de gestion) ou redevance (sous-location), charges comprises."""
        base = self.redevance if self.forme is Mode.SOUS_LOCATION else self.loyer
        assert base is not None  # garanti par la lecture
        return base + self.charges


@dataclass(frozen=True)
class MenageAttente:
    """Un ménage en attente d'orientation."""

    id: str
    personnes: int
    ressources: Decimal
    aide_logement: Decimal | None
    aide_estimee: bool
    categorie: Categorie
    plain_pied_requis: bool
    communes: frozenset[str]
    communes_strictes: bool
    criteres: tuple[PublicPrioritaire, ...]
    demande_le: date


@dataclass(frozen=True)
class Instance:
    """Logements × ménages d'un département à une date."""

    jour: date
    logements: tuple[LogementVacant, ...]
    menages: tuple[MenageAttente, ...]


def _commune(v: object, chemin: str) -> str:
    code = cv.texte(v, chemin)
    if len(code) != 5 or not code.isalnum():
        raise cv.ValeurInvalide(chemin, f"code INSEE de commune attendu (5 caractères), « {code} »")
    return code


def _liste(obj: Mapping[str, object], cle: str, chemin: str) -> list[tuple[object, str]]:
    c = cv.sous(chemin, cle)
    return [(x, cv.indice(c, i)) for i, x in enumerate(cv.liste(obj[cle], c))]


def _logement(v: object, chemin: str) -> LogementVacant:
    o = cv.objet(v, chemin)
    requises = {"id", "typologie", "capacite", "forme", "commune", "loyer", "charges"}
    permises = {"plain_pied", "categories", "redevance", "disponible_le"}
    cv.cles(o, chemin, requises=requises, permises=permises)

    def s(k: str) -> str:
        return cv.sous(chemin, k)

    forme = cv.choix(Mode, o["forme"], s("forme"))
    redevance = cv.decimal_ou_none(o.get("redevance"), s("redevance"), minimum=ZERO)
    if forme is Mode.SOUS_LOCATION and redevance is None:
        raise cv.ValeurInvalide(s("redevance"), "R-EFFORT-SL : redevance exigée en sous-location")
    return LogementVacant(
        id=cv.texte(o["id"], s("id")),
        typologie=cv.choix(Typologie, o["typologie"], s("typologie")),
        capacite=cv.entier(o["capacite"], s("capacite"), minimum=1),
        forme=forme,
        commune=_commune(o["commune"], s("commune")),
        plain_pied=cv.booleen(o.get("plain_pied", False), s("plain_pied")),
        categories=frozenset(cv.choix(Categorie, x, c) for x, c in _liste(o, "categories", chemin))
        if "categories" in o
        else frozenset(),
        loyer=cv.decimal(o["loyer"], s("loyer"), minimum=ZERO),
        charges=cv.decimal(o["charges"], s("charges"), minimum=ZERO),
        redevance=redevance,
        disponible_le=cv.jour_ou_none(o.get("disponible_le"), s("disponible_le")),
    )


_MENAGE_REQUISES = set({"id", "personnes", "ressources", "categorie", "demande_le"})
_MENAGE_PERMISES = {
    "aide_logement", "aide_estimee", "plain_pied_requis", "communes", "communes_strictes",
    "criteres",
}  # fmt: skip


def _menage(v: object, chemin: str) -> MenageAttente:
    o = cv.objet(v, chemin)
    cv.cles(o, chemin, requises=_MENAGE_REQUISES, permises=_MENAGE_PERMISES)

    def s(k: str) -> str:
        return cv.sous(chemin, k)

    communes = (
        frozenset(_commune(x, c) for x, c in _liste(o, "communes", chemin))
        if ("communes" in o)
        else frozenset()
    )
    strictes = cv.booleen(o.get("communes_strictes", False), s("communes_strictes"))
    if strictes and not communes:
        raise cv.ValeurInvalide(s("communes"), "au moins une commune quand elles sont strictes")
    criteres = (
        [cv.choix(PublicPrioritaire, x, c) for x, c in _liste(o, "criteres", chemin)]
        if ("criteres" in o)
        else []
    )
    return MenageAttente(
        id=cv.texte(o["id"], s("id")),
        personnes=cv.entier(o["personnes"], s("personnes"), minimum=1),
        ressources=cv.decimal(o["ressources"], s("ressources"), minimum=ZERO),
        aide_logement=cv.decimal_ou_none(o.get("aide_logement"), s("aide_logement"), minimum=ZERO),
        aide_estimee=cv.booleen(o.get("aide_estimee", False), s("aide_estimee")),
        categorie=cv.choix(Categorie, o["categorie"], s("categorie")),
        plain_pied_requis=cv.booleen(o.get("plain_pied_requis", False), s("plain_pied_requis")),
        communes=communes,
        communes_strictes=strictes,
        criteres=tuple(sorted(set(criteres))),
        demande_le=cv.jour(o["demande_le"], s("demande_le")),
    )


def _uniques(ids: Sequence[str], chemin: str) -> None:
    vus: set[str] = set()
    for i, x in enumerate(ids):
        if x in vus:
            raise cv.ValeurInvalide(cv.sous(cv.indice(chemin, i), "id"), f"« {x} » en double")
        vus.add(x)


@entree
def lire_instance(donnees: Mapping[str, Any] | object) -> Instance:
    """R-APPARIEMENT : lit et valide l'instance (message français nommant le champ)."""
    o = cv.objet(donnees, "")
    cv.cles(o, "", requises={"date", "logements", "menages"}, permises={"$schema", "bareme"})
    logements = tuple(_logement(x, c) for x, c in _liste(o, "logements", ""))
    menages = tuple(_menage(x, c) for x, c in _liste(o, "menages", ""))
    _uniques([x.id for x in logements], "logements")
    _uniques([x.id for x in menages], "menages")
    return Instance(cv.jour(o["date"], "date"), logements, menages)


def lire_un(donnees: Mapping[str, Any], cle: str, i: int) -> LogementVacant | MenageAttente:
    """L'objet d'un seul logement ou ménage (`cle` : « logements » ou « menages ») d'une entrée
    déjà validée, pour l'expliquer (exclusions d'une paire)."""
    lire = _logement if cle == "logements" else _menage
    return lire(donnees[cle][i], cv.indice(cle, i))


__all__ = ["EntreeInvalide", "Instance", "LogementVacant", "MenageAttente", "lire_instance"]
