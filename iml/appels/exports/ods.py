"""Écriture OpenDocument (odfpy) d'une ou plusieurs `Feuille`.

Montants : cellules « currency » EUR (valeur numérique exacte) avec un style de nombre
français (fr-FR, milliers groupés, deux décimales, « € ») ; pourcentages, entiers et dates
typés de même. Les textes sont des cellules « string » (jamais de `table:formula`), neutralisés
comme en xlsx pour qu'un export ultérieur en CSV reste inerte ; seuls les totaux `Somme` produits
par le code sont des formules (avec leur valeur en cache). `Feuille.filtre` : plage de base de
données à filtres automatiques et en-tête figé (réglages de vue).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from odf.config import (
    ConfigItem,
    ConfigItemMapEntry,
    ConfigItemMapIndexed,
    ConfigItemMapNamed,
    ConfigItemSet,
)
from odf.number import (
    CurrencyStyle,
    CurrencySymbol,
    DateStyle,
    Day,
    Month,
    Number,
    NumberStyle,
    Year,
)
from odf.number import Text as TexteNombre
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableColumnProperties, TextProperties
from odf.table import (
    CoveredTableCell,
    DatabaseRange,
    DatabaseRanges,
    Table,
    TableCell,
    TableColumn,
    TableRow,
)
from odf.text import P
from openpyxl.utils import get_column_letter

from iml.appels.exports.tableaux import Cellule, Feuille, neutraliser

TYPE_MIME = "application/vnd.oasis.opendocument.spreadsheet"
FR = {"language": "fr", "country": "FR"}


def _styles(doc: OpenDocumentSpreadsheet) -> None:
    euros = CurrencyStyle(name="N-euros", **FR)
    euros.addElement(Number(decimalplaces=2, minintegerdigits=1, grouping="true"))
    euros.addElement(TexteNombre(text="\u00a0"))
    euros.addElement(CurrencySymbol(text="€", **FR))
    entier = NumberStyle(name="N-entier", **FR)
    entier.addElement(Number(decimalplaces=0, minintegerdigits=1, grouping="true"))
    annee = NumberStyle(name="N-annee", **FR)
    annee.addElement(Number(decimalplaces=0, minintegerdigits=1))
    decimal = NumberStyle(name="N-decimal", **FR)
    decimal.addElement(Number(decimalplaces=2, minintegerdigits=1, grouping="true"))
    pourcent = NumberStyle(name="N-pourcent", **FR)
    pourcent.addElement(Number(decimalplaces=1, minintegerdigits=1))
    pourcent.addElement(TexteNombre(text="\u00a0%"))
    jour = _style_date()
    for nature, style in (
        ("montant", euros),
        ("entier", entier),
        ("annee", annee),
        ("decimal", decimal),
        ("pourcentage", pourcent),
        ("date", jour),
    ):
        doc.automaticstyles.addElement(style)
        for gras in (False, True):
            nom = f"C-{nature}{'-gras' if gras else ''}"
            cellule = Style(name=nom, family="table-cell", datastylename=style.getAttribute("name"))
            if gras:
                cellule.addElement(TextProperties(fontweight="bold"))
            doc.automaticstyles.addElement(cellule)
    gras = Style(name="C-texte-gras", family="table-cell")
    gras.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(gras)


def _style_date() -> DateStyle:
    style = DateStyle(name="N-date", **FR)
    style.addElement(Day(style="long"))
    style.addElement(TexteNombre(text="/"))
    style.addElement(Month(style="long"))
    style.addElement(TexteNombre(text="/"))
    style.addElement(Year(style="long"))
    return style


def _cellule(cel: Cellule | None, etendue: tuple[int, int] | None) -> TableCell:
    attributs: dict[str, object] = {}
    if etendue:
        attributs = {"numberrowsspanned": etendue[0], "numbercolumnsspanned": etendue[1]}
    if cel is None or cel.valeur is None:
        return TableCell(**attributs)
    gras = "-gras" if cel.gras else ""
    if isinstance(cel.valeur, str):
        if cel.gras:
            attributs["stylename"] = "C-texte-gras"
        cell = TableCell(valuetype="string", **attributs)
        cell.addElement(P(text=neutraliser(cel.valeur)))
        return cell
    style = f"C-{cel.nature}{gras}"
    if cel.somme is not None:
        lettre = get_column_letter(cel.somme.colonne + 1)
        attributs["formula"] = (
            f"of:=SUM([.{lettre}{cel.somme.debut + 1}:.{lettre}{cel.somme.fin + 1}])"
        )
    if cel.nature == "date":
        cell = TableCell(
            valuetype="date", datevalue=cel.valeur.isoformat(), stylename=style, **attributs
        )
    elif cel.nature == "montant":
        cell = TableCell(
            valuetype="currency",
            currency="EUR",
            value=str(cel.valeur),
            stylename=style,
            **attributs,
        )
    else:
        cell = TableCell(valuetype="float", value=str(cel.valeur), stylename=style, **attributs)
    cell.addElement(P(text=cel.texte))
    return cell


def _table(doc: OpenDocumentSpreadsheet, f: Feuille, rang: int) -> Table:
    table = Table(name=f.titre)
    for i, largeur in enumerate(f.largeurs):
        style = Style(name=f"col-{rang}-{i}", family="table-column")
        style.addElement(TableColumnProperties(columnwidth=f"{largeur * 0.2:.1f}cm"))
        doc.automaticstyles.addElement(style)
        table.addElement(TableColumn(stylename=style))
    couvertes = f.couvertes()
    etendues = {(l0, c0): (l1 - l0 + 1, c1 - c0 + 1) for l0, c0, l1, c1 in f.fusions}
    for r, ligne in enumerate(f.lignes):
        rangee = TableRow()
        largeur = max(len(ligne), max((c + 1 for (lr, c) in couvertes if lr == r), default=0))
        for c in range(largeur):
            if (r, c) in couvertes:
                rangee.addElement(CoveredTableCell())
            else:
                cel = ligne[c] if c < len(ligne) else None
                rangee.addElement(_cellule(cel, etendues.get((r, c))))
        table.addElement(rangee)
    return table


def _plage(f: Feuille) -> str:
    assert f.filtre is not None
    entete, fin = f.filtre
    derniere = get_column_letter(f.nombre_colonnes)
    return f"'{f.titre}'.A{entete + 1}:'{f.titre}'.{derniere}{fin + 1}"


def _item(nom: str, type_: str, valeur: object) -> ConfigItem:
    item = ConfigItem(name=nom, type=type_)
    item.addText(str(valeur))
    return item


def _vue_figee(feuilles: Sequence[Feuille]) -> ConfigItemSet:
    """Réglages de vue : lignes jusqu'à l'en-tête et première colonne figées."""
    tables = ConfigItemMapNamed(name="Tables")
    for f in feuilles:
        if f.filtre is None:
            continue
        haut = f.filtre[0] + 1
        entree = ConfigItemMapEntry(name=f.titre)
        for nom, type_, valeur in (
            ("HorizontalSplitMode", "short", 2),
            ("HorizontalSplitPosition", "int", 1),
            ("VerticalSplitMode", "short", 2),
            ("VerticalSplitPosition", "int", haut),
            ("ActiveSplitRange", "short", 3),
            ("PositionLeft", "int", 0),
            ("PositionRight", "int", 1),
            ("PositionTop", "int", 0),
            ("PositionBottom", "int", haut),
        ):
            entree.addElement(_item(nom, type_, valeur))
        tables.addElement(entree)
    vue = ConfigItemMapEntry()
    vue.addElement(_item("ViewId", "string", "view1"))
    vue.addElement(tables)
    vues = ConfigItemMapIndexed(name="Views")
    vues.addElement(vue)
    reglages = ConfigItemSet(name="ooo:view-settings")
    reglages.addElement(vues)
    return reglages


def classeur(feuilles: Sequence[Feuille]) -> bytes:
    """Le classeur ods, une table par `Feuille`."""
    doc = OpenDocumentSpreadsheet()
    _styles(doc)
    for rang, f in enumerate(feuilles):
        doc.spreadsheet.addElement(_table(doc, f, rang))
    filtrees = [f for f in feuilles if f.filtre is not None]
    if filtrees:
        plages = DatabaseRanges()
        for rang, f in enumerate(filtrees):
            plages.addElement(
                DatabaseRange(
                    name=f"__Anonymous_Sheet_DB__{rang}",
                    targetrangeaddress=_plage(f),
                    displayfilterbuttons="true",
                )
            )
        doc.spreadsheet.addElement(plages)
        doc.settings.addElement(_vue_figee(filtrees))
    sortie = BytesIO()
    doc.write(sortie)
    return sortie.getvalue()
