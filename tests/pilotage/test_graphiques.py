"""Le tableau de chiffres du pilotage (`iml.pilotage.graphiques`), son rendu
(`pilotage/_graphique.html`) et ses exports (csv, xlsx, ods) : « non renseigné » n'est jamais
0 (R-UNKNOWN), ni dans un total, ni dans le graphique, ni dans un fichier."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from openpyxl import load_workbook

from iml.pilotage import exports_tableaux
from iml.pilotage.graphiques import Colonne, Ligne, Tableau

NBSP = "\u00a0"
FINE = "\u202f"


def _chez_soi(**options) -> Tableau:
    """La colonne « un chez-soi d'abord » du panorama Nouvelle-Aquitaine (seed 000)."""
    valeurs = [6, 85, None, None, 10, 5, None]
    departements = ["Charente", "Gironde", "Landes", "Lot-et-Garonne", "Vienne", "Deux-Sèvres",
                    "Corrèze"]  # fmt: skip
    return Tableau(
        titre="Places « un chez-soi d'abord »",
        entete_lignes="Département",
        colonnes=(Colonne("Places", unite="places", feminin=True),),
        lignes=tuple(Ligne(d, (v,)) for d, v in zip(departements, valeurs, strict=True)),
        source="Déclaration de la DREETS",
        date=date(2019, 12, 31),
        inconnues=("département non renseigné", "départements non renseignés"),
        totaux=True,
        **options,
    )


def test_un_total_avec_des_inconnues_dit_ce_qui_est_connu_et_ce_qui_manque():
    tableau = _chez_soi()
    total = tableau.total(0)
    assert (total.connu, total.non_renseignes, total.complet) == (106, 3, False)
    assert tableau.texte_total(0) == (
        f"106{NBSP}places connues, 3{NBSP}départements non renseignés"
    )


def test_un_total_complet_ne_parle_pas_d_inconnue_et_tout_inconnu_reste_non_renseigne():
    complet = Tableau("T", (Colonne("Montant", "montant"),), (Ligne("a", (Decimal("1234.5"),)),
                      Ligne("b", (Decimal("0.5"),))), "source", date(2026, 3, 5))  # fmt: skip
    assert complet.texte_total(0) == f"1{FINE}235{NBSP}€"
    inconnu = Tableau("T", (Colonne("Places"),), (Ligne("a", (None,)),), "s", date(2026, 3, 5))
    assert inconnu.texte_total(0) == "non renseigné"
    assert inconnu.total(0).connu == 0 and inconnu.total(0).tout_inconnu


def test_une_ligne_de_longueur_fausse_ou_un_flottant_sont_refuses():
    with pytest.raises(ValueError, match="2 valeurs pour 1 colonnes"):
        Tableau("T", (Colonne("Places"),), (Ligne("a", (1, 2)),), "s", date(2026, 1, 1))
    with pytest.raises(TypeError):
        Tableau("T", (Colonne("Places"),), (Ligne("a", (1.5,)),), "s", date(2026, 1, 1))
    with pytest.raises(TypeError):
        Tableau("T", (Colonne("Places"),), (Ligne("a", (True,)),), "s", date(2026, 1, 1))


def test_le_graphique_laisse_un_trou_et_marque_les_valeurs_non_renseignees():
    attributs = _chez_soi().attributs_graphique
    assert json.loads(attributs["y"]) == [[6, 85, None, None, 10, 5, None]]
    libelles = json.loads(attributs["x"])[0]
    assert libelles[2] == "Landes (non renseigné)"
    assert libelles[0] == "Charente"
    assert json.loads(attributs["name"]) == ["Places (3\u00a0valeurs non renseignées)"]
    assert attributs["unit-tooltip"] == "places"


def test_plusieurs_series_en_partie_inconnues_et_barres_empilees():
    tableau = Tableau(
        "Places par forme",
        (Colonne("Mandat de gestion"), Colonne("Sous-location")),
        (Ligne("Ille-et-Vilaine", (12, None)), Ligne("Gironde", (4, 7))),
        "Parc",
        date(2026, 3, 5),
        empile=True,
    )
    attributs = tableau.attributs_graphique
    assert json.loads(attributs["x"]) == [["Ille-et-Vilaine (en partie non renseigné)",
                                           "Gironde"]] * 2  # fmt: skip
    assert json.loads(attributs["y"]) == [[12, 4], [None, 7]]
    assert attributs["stacked"] == "true"
    assert "unit-tooltip" not in attributs


def _rendu(tableau: Tableau) -> str:
    requete = RequestFactory().get("/")
    requete.csp_nonce = "n0nce"
    return render_to_string("pilotage/_graphique.html", {"tableau": tableau, "request": requete})


def test_le_gabarit_montre_le_graphique_la_table_et_les_exports():
    html = _rendu(_chez_soi(nom="essai-chez-soi", parametres={"annee": "2019"}))
    assert "<bar-chart" in html and 'aria-hidden="true"' in html
    assert 'src="/static/pilotage/dsfr-chart/2.0.4/DSFRChart.js" nonce="n0nce"' in html
    assert "<caption>Places « un chez-soi d&#x27;abord » (données du graphique)</caption>" in html
    assert html.count("<em>non renseigné</em>") == 3
    assert f"106{NBSP}places connues, 3{NBSP}départements non renseignés" in html
    assert "3\u00a0valeurs non renseignées" in html
    assert "/pilotage/tableaux/essai-chez-soi/export.csv/?annee=2019" in html
    assert "/pilotage/tableaux/essai-chez-soi/export.ods/?annee=2019" in html
    assert "cdn" not in html.lower()


def test_sans_nom_d_export_ni_ligne_le_gabarit_reste_honnete():
    vide = Tableau("Vide", (Colonne("Places"),), (), "Parc", date(2026, 3, 5))
    html = _rendu(vide)
    assert "<bar-chart" not in html
    assert "Aucune donnée dans votre périmètre." in html
    assert "export." not in html


def test_export_csv_ecrit_non_renseigne_et_le_total_incomplet_en_texte():
    contenu = exports_tableaux.exporter(_chez_soi(), "csv").decode("utf-8")
    assert contenu.startswith("\ufeffPlaces « un chez-soi d'abord »")
    lignes = contenu.split("\r\n")
    assert "Données au 31/12/2019" in lignes
    assert "Landes;non renseigné" in lignes
    assert "Charente;6" in lignes
    assert f"Total;106{NBSP}places connues, 3{NBSP}départements non renseignés" in lignes


def test_export_csv_neutralise_un_libelle_qui_ressemble_a_une_formule():
    tableau = Tableau("T", (Colonne("Places"),), (Ligne("=1+1", (1,)),), "s", date(2026, 1, 1))
    assert "'=1+1;1" in exports_tableaux.exporter(tableau, "csv").decode("utf-8")


def test_export_xlsx_nombres_en_valeurs_et_non_renseigne_en_texte():
    classeur = load_workbook(io.BytesIO(exports_tableaux.exporter(_chez_soi(), "xlsx")))
    feuille = classeur.active
    valeurs = [[c.value for c in ligne] for ligne in feuille.iter_rows()]
    assert ["Département", "Places"] in valeurs
    assert ["Charente", 6] in valeurs
    assert ["Landes", "non renseigné"] in valeurs
    assert valeurs[-1][1] == f"106{NBSP}places connues, 3{NBSP}départements non renseignés"


def test_export_xlsx_total_complet_est_un_nombre():
    tableau = Tableau("T", (Colonne("Montant", "montant"),), (Ligne("a", (Decimal("10.50"),)),),
                      "s", date(2026, 1, 1), totaux=True)  # fmt: skip
    feuille = load_workbook(io.BytesIO(exports_tableaux.exporter(tableau, "xlsx"))).active
    assert feuille.cell(row=feuille.max_row, column=2).value == Decimal("10.5")


def test_export_ods_contient_non_renseigne_et_jamais_zero_a_sa_place():
    contenu = exports_tableaux.exporter(_chez_soi(), "ods")
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        xml = archive.read("content.xml").decode("utf-8")
    assert xml.count("non renseigné") == 4  # trois départements et le total
    assert 'office:value="85"' in xml


def test_un_format_inconnu_est_refuse():
    with pytest.raises(ValueError, match="Format d'export inconnu"):
        exports_tableaux.exporter(_chez_soi(), "pdf")
