"""Le tableau de chiffres du pilotage : le même objet donne le graphique (DSFR Chart), la table
de données accessible à côté et les exports csv / xlsx / ods (voir ADR 0012).

Python pur (ni Django, ni base, ni horloge) : un volet construit un `Tableau` depuis ses
sélecteurs, le gabarit `pilotage/_graphique.html` le rend, `exports_tableaux` l'écrit.

R-UNKNOWN : une valeur `None` est « non renseigné » — affichée ainsi dans la table, jamais
comptée 0 dans un total (le total dit « 106 places connues, 3 départements non renseignés »),
absente du graphique (un trou, pas une barre à zéro) et signalée par une marque distincte : le
libellé de la ligne porte « (non renseigné) » et la légende le nombre de valeurs manquantes.

Usage :

    tableau = Tableau(
        titre="Places « un chez-soi d'abord » par département",
        entete_lignes="Département",
        colonnes=(Colonne("Places", unite="places"),),
        lignes=(Ligne("Gironde", (6,)), Ligne("Landes", (None,))),
        source="Déclaration de la DREETS Nouvelle-Aquitaine",
        date=date(2019, 12, 31),
        nom="panorama-chez-soi",  # clé d'export (exports_tableaux.enregistrer), "" sans export
    )
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date as Date
from decimal import Decimal
from urllib.parse import urlencode

from regles.format import UNITE, date_fr, euros, nombre, pourcentage

Valeur = Decimal | int | None
NON_RENSEIGNE = "non renseigné"
NATURES = ("entier", "decimal", "montant", "pourcentage")
GRAPHIQUES = ("barres", "lignes", "aucun")


@dataclass(frozen=True)
class Colonne:
    """Une série de chiffres : libellé (« Places financées »), nature (entier, decimal,
    montant en €, pourcentage déjà multiplié par 100) et unité des totaux (« places »)."""

    libelle: str
    nature: str = "entier"
    unite: str = ""
    feminin: bool = False
    """Accord de « connus » dans le total : « 106 places connues », « 1 234 € connus »."""

    def __post_init__(self) -> None:
        if self.nature not in NATURES:
            raise ValueError(f"Nature de colonne inconnue : {self.nature}")


@dataclass(frozen=True)
class Ligne:
    """Une ligne : son libellé (« Gironde », « 2e trim. 2019 ») et une valeur par colonne."""

    libelle: str
    valeurs: tuple[Valeur, ...]


@dataclass(frozen=True)
class Total:
    """Total d'une colonne : la somme des valeurs connues et le nombre de non renseignées.
    `complet` n'est vrai que sans aucune valeur inconnue (R-UNKNOWN)."""

    connu: Decimal | int
    non_renseignes: int
    lignes: int

    @property
    def complet(self) -> bool:
        return self.non_renseignes == 0

    @property
    def tout_inconnu(self) -> bool:
        return self.lignes > 0 and self.non_renseignes == self.lignes


def texte_valeur(valeur: Valeur, nature: str) -> str:
    """« 1 234 », « 1 234,50 € », « 30,1 % » ; `None` : « non renseigné »."""
    if valeur is None:
        return NON_RENSEIGNE
    if nature == "montant":
        return euros(valeur)
    if nature == "pourcentage":
        return pourcentage(valeur)
    if nature == "decimal":
        return nombre(valeur, 2)
    return nombre(valeur)


VALEURS_INCONNUES = ("valeur non renseignée", "valeurs non renseignées")


def compter(n: int, formes: tuple[str, str]) -> str:
    """« 1 département non renseigné », « 3 départements non renseignés » (0 et 1 au
    singulier)."""
    return f"{nombre(n)}{UNITE}{formes[0] if n < 2 else formes[1]}"


def _verifier(valeur: object) -> None:
    # bool est un int : un booléen n'est pas un chiffre ; float perdrait la précision.
    if valeur is not None and (isinstance(valeur, bool) or not isinstance(valeur, int | Decimal)):
        raise TypeError(f"Valeur de tableau non prise en charge : {valeur!r}")


@dataclass(frozen=True)
class Tableau:
    """Un tableau de chiffres daté et sourcé. `graphique` : barres, lignes ou aucun ;
    `empile` : barres empilées ; `totaux` : ligne de total sous la table et dans les exports."""

    titre: str
    colonnes: tuple[Colonne, ...]
    lignes: tuple[Ligne, ...]
    source: str
    date: Date
    entete_lignes: str = ""
    nom: str = ""
    parametres: Mapping[str, str] = field(default_factory=dict)
    graphique: str = "barres"
    empile: bool = False
    totaux: bool = False
    inconnues: tuple[str, str] = ("ligne non renseignée", "lignes non renseignées")
    """Ce que compte le total des inconnues, au singulier et au pluriel :
    (« département non renseigné », « départements non renseignés »)."""

    def __post_init__(self) -> None:
        if self.graphique not in GRAPHIQUES:
            raise ValueError(f"Graphique inconnu : {self.graphique}")
        for ligne in self.lignes:
            if len(ligne.valeurs) != len(self.colonnes):
                raise ValueError(
                    f"La ligne « {ligne.libelle} » a {len(ligne.valeurs)} valeurs pour "
                    f"{len(self.colonnes)} colonnes."
                )
            for v in ligne.valeurs:
                _verifier(v)

    # --- Chiffres -------------------------------------------------------------------------

    def valeurs(self, rang: int) -> list[Valeur]:
        return [ligne.valeurs[rang] for ligne in self.lignes]

    def total(self, rang: int) -> Total:
        """Somme des valeurs connues de la colonne, et combien manquent (jamais 0 à leur
        place)."""
        connues = [v for v in self.valeurs(rang) if v is not None]
        somme: Decimal | int = sum(connues, start=0)
        return Total(somme, len(self.lignes) - len(connues), len(self.lignes))

    def texte_total(self, rang: int) -> str:
        """« 106 places », « 106 places connues, 3 départements non renseignés »,
        « non renseigné » quand rien n'est connu."""
        col, t = self.colonnes[rang], self.total(rang)
        if t.tout_inconnu:
            return NON_RENSEIGNE
        chiffre = texte_valeur(t.connu, col.nature)
        if col.unite:
            chiffre = f"{chiffre}{UNITE}{col.unite}"
        if t.complet:
            return chiffre
        accord = "connues" if col.feminin else "connus"
        return f"{chiffre} {accord}, {compter(t.non_renseignes, self.inconnues)}"

    @property
    def non_renseignes(self) -> int:
        return sum(v is None for ligne in self.lignes for v in ligne.valeurs)

    @property
    def texte_non_renseignes(self) -> str:
        """« 3 valeurs non renseignées »."""
        return compter(self.non_renseignes, VALEURS_INCONNUES)

    @property
    def identifiant(self) -> str:
        """Identifiant HTML du tableau (son nom d'export, sinon son titre simplifié)."""
        base = self.nom or self.titre
        simple = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
        return "tableau-" + (re.sub(r"[^a-z0-9]+", "-", simple.lower()).strip("-") or "sans-titre")

    formats_export = (
        ("csv", "texte, séparateur « ; »"),
        ("xlsx", "tableur Excel"),
        ("ods", "tableur OpenDocument"),
    )

    @property
    def date_texte(self) -> str:
        return date_fr(self.date)

    # --- Table de données (gabarit) -------------------------------------------------------

    def cases(self) -> list[dict[str, object]]:
        """Les lignes pour la table HTML : libellé et cellules (texte, inconnue)."""
        return [
            {
                "libelle": ligne.libelle,
                "cellules": [
                    {"texte": texte_valeur(v, c.nature), "inconnue": v is None}
                    for v, c in zip(ligne.valeurs, self.colonnes, strict=True)
                ],
            }
            for ligne in self.lignes
        ]

    def ligne_totaux(self) -> list[dict[str, object]]:
        return [
            {"texte": self.texte_total(i), "incomplet": not self.total(i).complet}
            for i in range(len(self.colonnes))
        ]

    @property
    def requete(self) -> str:
        """Paramètres de l'export (chaîne de requête, sans « ? »)."""
        return urlencode(sorted(self.parametres.items()))

    # --- Graphique (attributs des composants DSFR Chart) ----------------------------------

    def _libelle_graphique(self, ligne: Ligne) -> str:
        inconnues = sum(v is None for v in ligne.valeurs)
        if inconnues == 0:
            return ligne.libelle
        if inconnues == len(ligne.valeurs):
            return f"{ligne.libelle} (non renseigné)"
        return f"{ligne.libelle} (en partie non renseigné)"

    def _nom_serie(self, rang: int) -> str:
        manquent = self.total(rang).non_renseignes
        libelle = self.colonnes[rang].libelle
        if manquent == 0:
            return libelle
        return f"{libelle} ({compter(manquent, VALEURS_INCONNUES)})"

    @property
    def a_un_graphique(self) -> bool:
        return self.graphique != "aucun" and bool(self.lignes) and bool(self.colonnes)

    @property
    def attributs_graphique(self) -> dict[str, str]:
        """x, y, name en JSON (une série par colonne) ; une valeur inconnue est `null` : un
        trou dans le graphique, jamais une barre à zéro."""
        libelles = [self._libelle_graphique(ligne) for ligne in self.lignes]
        series = [
            [None if v is None else float(v) for v in self.valeurs(i)]
            for i in range(len(self.colonnes))
        ]
        unites = {c.unite for c in self.colonnes}
        attributs = {
            "x": json.dumps([libelles] * len(series), ensure_ascii=False),
            "y": json.dumps(series),
            "name": json.dumps(
                [self._nom_serie(i) for i in range(len(self.colonnes))], ensure_ascii=False
            ),
            "selected-palette": "categorical" if len(series) > 1 else "default",
        }
        if len(unites) == 1 and (unite := unites.pop()):
            attributs["unit-tooltip"] = unite
        if self.empile and self.graphique == "barres":
            attributs["stacked"] = "true"
        return attributs

    @property
    def balise(self) -> str:
        return "line-chart" if self.graphique == "lignes" else "bar-chart"
