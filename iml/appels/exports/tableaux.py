"""Tableaux des exports, indépendants du format (xlsx, ods, HTML du PDF).

Une `Feuille` est une grille de `Cellule` avec ses fusions ; les écrivains xlsx et ods et les
gabarits PDF la rendent telle quelle, si bien que les trois formats montrent les mêmes chiffres
aux mêmes places. Un montant inconnu s'écrit « non renseigné », jamais 0 (R-UNKNOWN).

Neutralisation des formules : un texte qui commence par = + - @ (ou une tabulation, un retour
chariot) est écrit comme texte précédé d'une apostrophe « ' » (recommandation OWASP « CSV
injection ») ; le tableur l'affiche tel quel, apostrophe comprise, et ne l'évalue jamais.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from regles.format import date_fr, euros, nombre, pourcentage

NON_RENSEIGNE = "non renseigné"
DEBUTS_DANGEREUX = ("=", "+", "-", "@", "\t", "\r")

Valeur = str | int | Decimal | date | None


def neutraliser(texte: str) -> str:
    """« =HYPERLINK(…) » → « '=HYPERLINK(…) » : jamais interprété comme formule."""
    return "'" + texte if texte.startswith(DEBUTS_DANGEREUX) else texte


@dataclass(frozen=True)
class Somme:
    """Formule « somme des lignes `debut` à `fin` (incluses, à partir de 0) de la colonne
    `colonne` » : l'écrivain la traduit dans le dialecte du format ; `Cellule.valeur` en garde le
    résultat (valeur en cache, affichage du PDF)."""

    debut: int
    fin: int
    colonne: int


@dataclass(frozen=True)
class Cellule:
    """Une valeur et sa nature : texte, entier, annee, montant (€), pourcentage, date, decimal ;
    `somme` : la valeur est un total écrit en formule."""

    valeur: Valeur
    nature: str = "texte"
    gras: bool = False
    somme: Somme | None = None

    @property
    def texte(self) -> str:
        """Affichage français (PDF, texte des cellules ods)."""
        v = self.valeur
        if v is None:
            return ""
        if self.nature == "montant":
            return euros(v)  # type: ignore[arg-type]
        if self.nature == "pourcentage":
            return pourcentage(v)  # type: ignore[arg-type]
        if self.nature in ("entier", "decimal"):
            return nombre(v)  # type: ignore[arg-type]
        if self.nature == "date":
            return date_fr(v)  # type: ignore[arg-type]
        return str(v)  # texte, annee (« 2019 », sans séparateur de milliers)


def texte(valeur: object, gras: bool = False) -> Cellule:
    return Cellule(None if valeur is None else str(valeur), "texte", gras)


def entier(valeur: int | None, gras: bool = False) -> Cellule:
    return Cellule(valeur, "entier", gras)


def annee(valeur: int) -> Cellule:
    return Cellule(valeur, "annee", True)


def montant(valeur: Decimal | None, gras: bool = False) -> Cellule:
    """Un montant ; `None` s'écrit « non renseigné » (R-UNKNOWN), jamais 0."""
    if valeur is None:
        return Cellule(NON_RENSEIGNE, "texte", gras)
    return Cellule(valeur, "montant", gras)


def pct(valeur: Decimal | None) -> Cellule:
    return Cellule(NON_RENSEIGNE, "texte") if valeur is None else Cellule(valeur, "pourcentage")


def jour(valeur: date | None) -> Cellule:
    return Cellule(valeur, "date")


@dataclass
class Feuille:
    """Une grille : lignes de cellules (None = vide), fusions (ligne, col, ligne fin, col fin,
    bornes incluses, à partir de 0), largeurs de colonnes (en caractères), plage filtrée."""

    titre: str
    lignes: list[list[Cellule | None]] = field(default_factory=list)
    fusions: list[tuple[int, int, int, int]] = field(default_factory=list)
    largeurs: list[int] = field(default_factory=list)
    filtre: tuple[int, int] | None = None
    """(ligne d'en-tête, dernière ligne de données) : en-tête figé, filtres automatiques."""

    def ajouter(self, *cellules: Cellule | None) -> int:
        self.lignes.append(list(cellules))
        return len(self.lignes) - 1

    def fusionner(self, ligne: int, col: int, ligne_fin: int, col_fin: int) -> None:
        self.fusions.append((ligne, col, ligne_fin, col_fin))

    @property
    def nombre_colonnes(self) -> int:
        return max((len(ligne) for ligne in self.lignes), default=0)

    def couvertes(self) -> set[tuple[int, int]]:
        """Cases masquées par une fusion (toutes sauf la première)."""
        cases = set()
        for l0, c0, l1, c1 in self.fusions:
            cases |= {(r, c) for r in range(l0, l1 + 1) for c in range(c0, c1 + 1)}
            cases.discard((l0, c0))
        return cases

    def en_html(self) -> list[list[dict[str, object]]]:
        """Lignes de cases pour un gabarit : texte, colspan, rowspan, nature, gras."""
        couvertes = self.couvertes()
        etendues = {(l0, c0): (l1 - l0 + 1, c1 - c0 + 1) for l0, c0, l1, c1 in self.fusions}
        resultat = []
        for r, ligne in enumerate(self.lignes):
            cases = []
            for c in range(self.nombre_colonnes):
                if (r, c) in couvertes:
                    continue
                cel = ligne[c] if c < len(ligne) else None
                hauteur, largeur = etendues.get((r, c), (1, 1))
                cases.append(
                    {
                        "texte": cel.texte if cel else "",
                        "nature": cel.nature if cel else "texte",
                        "gras": bool(cel and cel.gras),
                        "rowspan": hauteur,
                        "colspan": largeur,
                    }
                )
            resultat.append(cases)
        return resultat
