"""Exports du panorama régional (csv, xlsx, ods) : les mêmes chiffres que la page. Une valeur
inconnue s'écrit « non renseigné » (« ? » déclaré) ou « non déclaré » (aucune déclaration),
jamais 0 ; la ligne du total régional dit « 106 places connues, 3 départements non
renseignés » tant qu'une part est inconnue (R-UNKNOWN). Une feuille « Calculé » donne les
places des conventions signées du système, avec leur source et leur date ; la feuille
« Sources » chaque source déclarée et sa date."""

from __future__ import annotations

from decimal import Decimal

from iml.appels.exports import ods, xlsx
from iml.appels.exports.tableaux import Cellule, Feuille, texte
from iml.parc.exports import en_csv
from iml.pilotage.selectors_panorama import PAR_CATEGORIE_FORME, Panorama
from regles.format import date_fr

FORMATS = {"xlsx": xlsx.TYPE_MIME, "ods": ods.TYPE_MIME, "csv": "text/csv; charset=utf-8"}
ETATS = {"non_renseigne": "non renseigné", "non_declare": "non déclaré"}


def _valeur(valeur: Decimal | None, etat: str = "non_renseigne") -> object:
    return ETATS.get(etat, "non renseigné") if valeur is None else int(valeur)


def entetes(p: Panorama) -> list[str]:
    return [
        "Département", "Code",
        *(i.libelle for i in p.indicateurs),
        "Mesures financées (État + département)",
        "Financement « un petit chez-soi » (€)",
    ]  # fmt: skip


def lignes(p: Panorama) -> list[list[object]]:
    rangs = [
        [ligne.departement.nom, ligne.departement.code,
         *(_valeur(c.valeur, c.etat) for c in ligne.cases),
         _valeur(ligne.mesures_total), ligne.financement_petit_chez_soi or "non renseigné"]
        for ligne in p.lignes
    ]  # fmt: skip
    total = [
        f"Total {p.region.nom}", "",
        *(t.valeur if t.complet else t.texte for t in p.totaux),
        p.total_mesures.valeur if p.total_mesures.complet else p.total_mesures.texte,
        p.total_financement.valeur if p.total_financement.complet
        else p.total_financement.texte_euros,
    ]  # fmt: skip
    return [*rangs, total]


def _cellule(v: object, gras: bool = False) -> Cellule:
    if isinstance(v, int):
        return Cellule(v, "entier", gras)
    if isinstance(v, Decimal):
        return Cellule(int(v), "entier", gras)
    return texte(v, gras)


def _feuille_calcule(p: Panorama) -> Feuille:
    f = Feuille("Calculé", largeurs=[24, 8, *([18] * len(PAR_CATEGORIE_FORME)), 18])
    jour = date_fr(p.calcules.jour) if p.calcules and p.calcules.jour else ""
    f.ajouter(texte(f"Source : conventions signées du système, au {jour}", True))
    f.ajouter(
        texte("Département", True), texte("Code", True),
        *(texte(i.libelle, True) for i in PAR_CATEGORIE_FORME.values()),
        texte("Catégorie non renseignée (places)", True),
    )  # fmt: skip
    for ligne in p.lignes:
        dep = ligne.departement
        visible = p.calcules is not None and dep.pk in p.calcules.visibles
        valeurs = [
            (
                "hors de votre périmètre"
                if not visible
                else p.calcules.places.get((dep.pk, i.value), 0)
            )
            for i in PAR_CATEGORIE_FORME.values()
        ]
        sans = p.calcules.sans_categorie.get(dep.pk, 0) if visible else "hors de votre périmètre"
        f.ajouter(texte(dep.nom), texte(dep.code), *(_cellule(v) for v in valeurs), _cellule(sans))
    return f


def feuilles(p: Panorama) -> list[Feuille]:
    principale = Feuille(f"Panorama {p.annee}", largeurs=[24, 8] + [18] * (len(p.indicateurs) + 2))
    principale.ajouter(*(texte(e, True) for e in entetes(p)))
    rangs = lignes(p)
    for k, rang in enumerate(rangs):
        principale.ajouter(*(_cellule(v, gras=k == len(rangs) - 1) for v in rang))
    principale.filtre = (0, len(rangs) - 1)
    sources = Feuille("Sources", largeurs=[80, 14])
    sources.ajouter(texte("Source déclarée", True), texte("Date", True))
    for source, jour in p.sources:
        sources.ajouter(texte(source), Cellule(jour, "date"))
    return [principale, _feuille_calcule(p), sources]


def exporter(p: Panorama, format_: str) -> bytes:
    if format_ == "csv":
        pied = [[f"Source : {s}", date_fr(j)] for s, j in p.sources]
        return en_csv(entetes(p), [*lignes(p), *pied])
    ecrivain = xlsx if format_ == "xlsx" else ods
    return ecrivain.classeur(feuilles(p))
