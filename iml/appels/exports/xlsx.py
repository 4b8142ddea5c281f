"""Écriture xlsx (openpyxl) d'une ou plusieurs `Feuille`.

Montants : nombres (`Decimal`) au format « # ##0,00 € » (code de format `#,##0.00 "€"`, que le
tableur affiche avec les séparateurs français) ; textes toujours écrits en chaînes, neutralisés
(voir `tableaux.neutraliser`) : seules les cellules `Somme` produites par le code (totaux) sont
des formules, jamais un texte saisi. `Feuille.filtre` : en-tête figé et filtres automatiques.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from iml.appels.exports.tableaux import Cellule, Feuille, neutraliser

TYPE_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "montant": '#,##0.00\\ "€"',
    "entier": "#,##0",
    "annee": "0",
    "decimal": "#,##0.00",
    "pourcentage": '0.0\\ "%"',
    "date": "DD/MM/YYYY",
}


def _ecrire(cell: Cell, cel: Cellule) -> None:
    if cel.somme is not None:
        lettre = get_column_letter(cel.somme.colonne + 1)
        cell.value = f"=SUM({lettre}{cel.somme.debut + 1}:{lettre}{cel.somme.fin + 1})"
        cell.number_format = FORMATS.get(cel.nature, "General")
    elif isinstance(cel.valeur, str):
        cell.value = neutraliser(cel.valeur)
        cell.data_type = "s"
    else:
        cell.value = cel.valeur
        if cel.nature in FORMATS:
            cell.number_format = FORMATS[cel.nature]
    if cel.gras:
        cell.font = Font(bold=True)


def classeur(feuilles: Sequence[Feuille]) -> bytes:
    """Le classeur xlsx, une feuille par `Feuille`."""
    wb = Workbook()
    wb.remove(wb.active)
    for f in feuilles:
        ws = wb.create_sheet(f.titre[:31])
        for r, ligne in enumerate(f.lignes, start=1):
            for c, cel in enumerate(ligne, start=1):
                if cel is not None and cel.valeur is not None:
                    _ecrire(ws.cell(row=r, column=c), cel)
        for l0, c0, l1, c1 in f.fusions:
            ws.merge_cells(start_row=l0 + 1, start_column=c0 + 1, end_row=l1 + 1, end_column=c1 + 1)
            ws.cell(row=l0 + 1, column=c0 + 1).alignment = Alignment(
                horizontal="center" if l0 > 1 else "left", vertical="center", wrap_text=True
            )
        for i, largeur in enumerate(f.largeurs, start=1):
            ws.column_dimensions[get_column_letter(i)].width = largeur
        if f.filtre is not None:
            entete, fin = f.filtre
            ws.freeze_panes = f"B{entete + 2}"
            ws.auto_filter.ref = f"A{entete + 1}:{get_column_letter(f.nombre_colonnes)}{fin + 1}"
    # Les totaux sont des formules sans valeur en cache : le tableur les calcule à l'ouverture.
    wb.calculation.fullCalcOnLoad = True
    sortie = BytesIO()
    wb.save(sortie)
    return sortie.getvalue()
