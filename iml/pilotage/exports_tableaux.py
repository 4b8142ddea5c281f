"""Exports d'un `Tableau` du pilotage (csv, xlsx, ods) et registre des tableaux exportables.

Disposition : titre, « Source : … », « Données au 05/03/2026 », une ligne vide, l'en-tête
(libellé des lignes puis une colonne par série), une ligne par ligne du tableau, puis le total
si le tableau en a un. Inconnu : « non renseigné » (R-UNKNOWN), jamais 0 ni cellule vide ; le
total d'une colonne incomplète est un texte (« 106 places connues, 3 départements non
renseignés »), jamais une formule qui compterait 0. xlsx et ods réutilisent les écrivains des
appels (`iml.appels.exports`) : nombres en valeurs au format français, textes neutralisés.
csv : textes français (« 1 234,50 »), séparateur « ; », UTF-8 avec BOM (comme le parc).

Registre : un volet déclare un tableau exportable par `enregistrer(nom, construire)`, où
`construire(acteur, parametres)` rend le `Tableau` DU PÉRIMÈTRE de l'acteur (ses sélecteurs),
lève `PermissionDenied` (403) ou `Http404` (objet d'une autre organisation) ; la vue générique
`pilotage:export_tableau` l'appelle. Le `nom` du `Tableau` est cette clé.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from iml.appels.exports import ods, xlsx
from iml.appels.exports.tableaux import Cellule, Feuille, neutraliser, texte
from iml.comptes.acteur import Acteur
from iml.pilotage.graphiques import NON_RENSEIGNE, Tableau, Valeur
from regles.format import nombre

FORMATS = {"xlsx": xlsx.TYPE_MIME, "ods": ods.TYPE_MIME, "csv": "text/csv; charset=utf-8"}

Construire = Callable[[Acteur, Mapping[str, str]], Tableau]


@dataclass(frozen=True)
class TableauExportable:
    nom: str
    construire: Construire


REGISTRE: dict[str, TableauExportable] = {}


def enregistrer(nom: str, construire: Construire) -> Construire:
    """Déclare un tableau exportable ; utilisable comme décorateur
    (`@enregistrer("tableau-etat")`) ou appelé directement. Un nom ne sert qu'une fois."""
    deja = REGISTRE.get(nom)
    if deja is not None and deja.construire is not construire:
        raise ValueError(f"Tableau exportable déjà enregistré : {nom}")
    REGISTRE[nom] = TableauExportable(nom, construire)
    return construire


def exportable(nom: str) -> TableauExportable | None:
    return REGISTRE.get(nom)


# --- Contenu -------------------------------------------------------------------------------


def _cellule(valeur: Valeur, nature: str) -> Cellule:
    if valeur is None:
        return Cellule(NON_RENSEIGNE)
    return Cellule(valeur, nature)


def _entete(tableau: Tableau) -> list[str]:
    return [tableau.entete_lignes or "Libellé", *(c.libelle for c in tableau.colonnes)]


def _total_cellule(tableau: Tableau, rang: int) -> Cellule:
    t, col = tableau.total(rang), tableau.colonnes[rang]
    if t.complet and t.lignes:
        return Cellule(t.connu, col.nature, gras=True)
    return Cellule(tableau.texte_total(rang), "texte", gras=True)


def feuille(tableau: Tableau) -> Feuille:
    """La grille commune à xlsx et ods."""
    largeurs = [
        max(14, len(tableau.entete_lignes) + 2, *(len(lg.libelle) + 2 for lg in tableau.lignes))
    ]
    largeurs += [max(14, len(c.libelle) + 2) for c in tableau.colonnes]
    f = Feuille("Données", largeurs=largeurs)
    f.ajouter(texte(tableau.titre, gras=True))
    f.ajouter(texte(f"Source : {tableau.source}"))
    f.ajouter(texte(f"Données au {tableau.date_texte}"))
    f.ajouter()
    entete = f.ajouter(*(texte(e, gras=True) for e in _entete(tableau)))
    for ligne in tableau.lignes:
        f.ajouter(
            texte(ligne.libelle),
            *(_cellule(v, c.nature) for v, c in zip(ligne.valeurs, tableau.colonnes, strict=True)),
        )
    f.filtre = (entete, max(entete + 1, len(f.lignes) - 1))
    if tableau.totaux:
        f.ajouter(
            texte("Total", gras=True),
            *(_total_cellule(tableau, i) for i in range(len(tableau.colonnes))),
        )
    return f


def _texte_csv(valeur: Valeur, nature: str) -> str:
    if valeur is None:
        return NON_RENSEIGNE
    if nature in ("montant", "decimal"):
        return nombre(Decimal(valeur), 2)
    if nature == "pourcentage":
        return nombre(Decimal(valeur), 1)
    return nombre(valeur)


def en_csv(tableau: Tableau) -> bytes:
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow([neutraliser(tableau.titre)])
    ecrivain.writerow([neutraliser(f"Source : {tableau.source}")])
    ecrivain.writerow([f"Données au {tableau.date_texte}"])
    ecrivain.writerow([])
    ecrivain.writerow([neutraliser(e) for e in _entete(tableau)])
    for ligne in tableau.lignes:
        ecrivain.writerow(
            [
                neutraliser(ligne.libelle),
                *(
                    _texte_csv(v, c.nature)
                    for v, c in zip(ligne.valeurs, tableau.colonnes, strict=True)
                ),
            ]
        )
    if tableau.totaux:
        ecrivain.writerow(
            ["Total", *(tableau.texte_total(i) for i in range(len(tableau.colonnes)))]
        )
    return ("\ufeff" + sortie.getvalue()).encode("utf-8")


def exporter(tableau: Tableau, format_: str) -> bytes:
    """Le fichier du tableau dans `format_` (csv, xlsx ou ods)."""
    if format_ == "csv":
        return en_csv(tableau)
    if format_ not in FORMATS:
        raise ValueError(f"Format d'export inconnu : {format_}")
    ecrivain = xlsx if format_ == "xlsx" else ods
    return ecrivain.classeur([feuille(tableau)])


def nom_de_fichier(tableau: Tableau, format_: str) -> str:
    base = tableau.nom or "tableau"
    return f"{base}-{tableau.date.isoformat()}.{format_}"
