"""Exports d'un dossier (annexes 1b, 2, 3 en xlsx et ods) et synthèse d'un appel (xlsx).

Le dossier reproduit l'exemple de l'annexe 1b de l'appel d'Ille-et-Vilaine : 30 logements
(15 MG, 15 SL), 25 + 25 places → 85 500 € par an, 1 710 € par place (R-BUDGET-MODEL).
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse
from odf.opendocument import load as charger_ods
from odf.table import Table, TableCell, TableRow
from odf.text import P

from iml.appels.exports.tableaux import neutraliser
from iml.appels.models import VersionDossier
from iml.comptes.enums import TypeOrganisation
from tests.appels.matrice_documents import (
    appel_publie,
    contenu_annexe_1b,
    decider,
    dossier_depose,
    preparer,
)
from tests.factories import AdhesionFactory, OrganisationFactory, connecter

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def docs(distribution):
    preparer(distribution)
    return distribution.documents


def _appel_du_comite(distribution, nom: str = "Appel du comité 2019-2020"):
    """Un appel publié de la DDETS 35 à lui, sur lequel l'AIS Rennes (marc) et le Relais
    (hélène) déposent : celui de `preparer` est clos et son dossier décidé, on n'y dépose plus."""
    appel = appel_publie(distribution.claire, nom)
    ais = dossier_depose(appel, distribution.org.ais35, distribution.marc)
    relais = dossier_depose(appel, distribution.org.relais35, distribution.helene)
    return appel, ais, relais


def _xlsx(client, utilisateur, nom, pk, **params):
    connecter(client, utilisateur)
    reponse = client.get(reverse(nom, kwargs={"pk": pk}), params)
    assert reponse.status_code == 200, reponse.status_code
    return openpyxl.load_workbook(BytesIO(reponse.content))


def _ods(contenu: bytes) -> dict[str, dict[str, TableCell]]:
    """Les cellules de chaque table, par coordonnée (« F14 »), cases fusionnées comprises."""
    doc = charger_ods(BytesIO(contenu))
    tables = {}
    for table in doc.spreadsheet.getElementsByType(Table):
        cases = {}
        for r, rangee in enumerate(table.getElementsByType(TableRow), start=1):
            cellules = [
                n for n in rangee.childNodes if n.qname[1] in ("table-cell", "covered-table-cell")
            ]
            for c, cellule in enumerate(cellules):
                cases[f"{openpyxl.utils.get_column_letter(c + 1)}{r}"] = cellule
        tables[table.getAttribute("name")] = cases
    return tables


def _texte(cellule) -> str:
    return "".join(str(p) for p in cellule.getElementsByType(P))


def test_annexe_1b_reproduit_l_exemple_de_l_appel_r_budget_model(client, distribution, docs):
    ws = _xlsx(client, distribution.marc, "appels:dossier_annexes_xlsx", docs.dossier.pk)[
        "Annexe 1b"
    ]
    assert (ws["A5"].value, ws["C5"].value, ws["D5"].value, ws["F5"].value) == (
        "1) Captation",
        30,
        600,
        18000,
    )
    assert (ws["C7"].value, ws["D7"].value, ws["F7"].value) == (15, 800, 12000)
    assert (ws["C8"].value, ws["D8"].value, ws["F8"].value) == (15, 1500, 22500)
    assert ws["F9"].value == 34500
    assert (ws["E11"].value, ws["F11"].value) == (0.75, 33000)
    assert ws["G11"].value.endswith("(R-SW-RATIO)")
    assert ws["F12"].value == 33000
    assert (ws["A14"].value, ws["F14"].value) == ("Coût total du dispositif par an", 85500)
    assert ws["C15"].value == 50
    assert (ws["A16"].value, ws["F16"].value) == ("Coût moyen par place", 1710)
    assert ws["F14"].number_format == '#,##0.00\\ "€"'


def test_annexes_2_et_3_suivent_la_mise_en_page_de_l_appel(client, distribution, docs):
    wb = _xlsx(client, distribution.claire, "appels:dossier_annexes_xlsx", docs.dossier.pk)
    a2, a3 = wb["Annexe 2"], wb["Annexe 3"]
    assert (a2["A3"].value, a2["C3"].value, a2["G3"].value, a2["K3"].value) == (
        "Année de mise en oeuvre",
        2019,
        2020,
        "TOTAL",
    )
    assert "C3:F3" in a2.merged_cells and "G3:J3" in a2.merged_cells
    assert [a2.cell(4, c).value for c in range(3, 11)] == [1, 2, 3, 4, 1, 2, 3, 4]
    assert (a2["A5"].value, a2["B5"].value, a2["B6"].value) == (
        "Logements mobilisés en chbre/studio",
        "Mandat",
        "Sous loc.",
    )
    assert [a2.cell(5, c).value for c in range(3, 12)] == [0, 2, 2, 1, 1, 0, 0, 0, 6]
    assert a2["A15"].value == "Logements mobilisés en T5 ou plus"
    assert (a2["A17"].value, a2["D17"].value, a2["K17"].value) == ("TOTAL", 5, 30)
    assert (a3["A5"].value, a3["K8"].value, a3["K17"].value) == (
        "Places mobilisées en chbre/studio",
        7,
        50,
    )
    assert a3["C13"].value is None and a3["K13"].value == 0


def test_l_ods_relu_donne_les_memes_chiffres_aux_memes_places(client, distribution, docs):
    connecter(client, distribution.marc)
    reponse = client.get(reverse("appels:dossier_annexes_ods", kwargs={"pk": docs.dossier.pk}))
    assert reponse["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    tables = _ods(reponse.content)
    b = tables["Annexe 1b"]
    total = b["F14"]
    assert total.getAttribute("valuetype") == "currency"
    assert total.getAttribute("currency") == "EUR"
    assert Decimal(total.getAttribute("value")) == Decimal("85500")
    assert _texte(total) == "85\u202f500\u00a0€"
    assert Decimal(b["F16"].getAttribute("value")) == Decimal("1710")
    a2, a3 = tables["Annexe 2"], tables["Annexe 3"]
    assert a2["D3"].qname[1] == "covered-table-cell"  # 2019 fusionné sur ses 4 trimestres
    assert a2["C3"].getAttribute("value") == "2019"
    assert a2["K17"].getAttribute("value") == "30"
    assert _texte(a3["A5"]) == "Places mobilisées en chbre/studio"
    assert a3["K17"].getAttribute("value") == "50"


def test_un_montant_non_renseigne_reste_distinct_de_zero_r_unknown(client, distribution, docs):
    contenu = contenu_annexe_1b("Le Relais", distribution.org.relais35.siret)
    del contenu["services"]["captation"]["cout_par_logement"]
    appel = appel_publie(distribution.claire, "Appel du Relais")  # celui de `docs` est clos
    dossier = dossier_depose(appel, distribution.org.relais35, distribution.helene, contenu)
    ws = _xlsx(client, distribution.helene, "appels:dossier_annexes_xlsx", dossier.pk)["Annexe 1b"]
    assert ws["F5"].value == "non renseigné"
    assert ws["F14"].value == "non renseigné"
    assert ws["F16"].value == "non renseigné"
    assert ws["F10"].value == 0  # accompagnement vers le droit commun : vraiment 0 €
    assert ws["F9"].value == 34500


def test_un_porteur_nomme_comme_une_formule_revient_inerte(client, distribution, docs):
    formule = '=HYPERLINK("http://exemple.invalid","clic")'
    operateur = OrganisationFactory(type=TypeOrganisation.OPERATEUR, nom=formule)
    direction = AdhesionFactory(organisation=operateur).utilisateur  # elle seule dépose
    contenu = contenu_annexe_1b(formule, operateur.siret)
    appel = appel_publie(distribution.claire, "Appel de la formule")  # celui de `docs` est clos
    dossier = decider(dossier_depose(appel, operateur, direction, contenu), distribution.claire)
    wb = _xlsx(client, distribution.claire, "appels:dossier_annexes_xlsx", dossier.pk)
    cellule = wb["Annexe 2"]["A2"]
    assert cellule.data_type == "s" and cellule.value.startswith("'" + formule)
    synthese = _xlsx(client, distribution.claire, "appels:appel_synthese_xlsx", appel.pk)
    noms = [c.value for c in synthese.active["A"]]
    assert "'" + formule in noms
    # Seuls les totaux écrits par le code sont des formules (« =SUM(…) »), jamais un nom saisi.
    formules = [c for ligne in synthese.active.iter_rows() for c in ligne if c.data_type == "f"]
    total = synthese.active.max_row
    assert formules and all(c.row == total and c.value.startswith("=SUM(") for c in formules)
    tables = _ods(
        client.get(reverse("appels:dossier_annexes_ods", kwargs={"pk": dossier.pk})).content
    )
    a2 = tables["Annexe 2"]["A2"]
    assert a2.getAttribute("valuetype") == "string" and _texte(a2).startswith("'=")
    assert a2.getAttribute("formula") is None


@pytest.mark.parametrize("texte", ["=1+1", "+33 6", "-2", "@SOMME(A1)", "\tx"])
def test_neutraliser_prefixe_d_une_apostrophe(texte):
    assert neutraliser(texte) == "'" + texte
    assert neutraliser("Association " + texte) == "Association " + texte


def _evaluer(ws, ref: str):
    """La valeur d'une cellule, une formule « =SUM(M5:M6) » évaluée comme le ferait le tableur."""
    valeur = ws[ref].value
    if isinstance(valeur, str) and valeur.startswith("=SUM("):
        return sum(c.value or 0 for ligne in ws[valeur[5:-1]] for c in ligne)
    return valeur


def test_la_synthese_donne_une_ligne_par_dossier_puis_les_totaux(client, distribution, docs):
    appel, ais, relais = _appel_du_comite(distribution)
    decider(ais, distribution.claire)
    decider(relais, distribution.claire, "PARTIELLEMENT_RETENU", 25, 20)
    ws = _xlsx(client, distribution.claire, "appels:appel_synthese_xlsx", appel.pk).active
    assert ws["A4"].value == "Opérateur" and ws["K4"].value == "Budget annuel"
    assert [ws["M4"].value, ws["N4"].value] == [
        "Subvention demandée 2019",
        "Subvention demandée 2020",
    ]
    assert [ws["A5"].value, ws["A6"].value, ws["A7"].value] == [
        "AIS Rennes Habitat Solidaire",
        "Association Le Relais Logement 35",
        "TOTAL",
    ]
    assert (ws["C5"].value, ws["D5"].value, ws["K5"].value, ws["L5"].value) == (
        "Retenu",
        1,
        85500,
        1710,
    )
    assert ws["E5"].value.date().isoformat() == "2019-03-01"
    assert [_evaluer(ws, r) for r in ("H7", "I7", "K7")] == [50, 50, 171000]
    assert ws["L7"].value == 1710
    assert ws["S4"].value == "Places retenues" and _evaluer(ws, "S7") == 95  # 50 + 45
    assert _evaluer(ws, "M7") == 2 * ws["M5"].value
    assert ws["K7"].number_format == '#,##0.00\\ "€"'


def test_la_version_demandee_est_exportee_la_derniere_par_defaut(client, distribution, docs):
    contenu = contenu_annexe_1b("AIS", distribution.org.ais35.siret)
    contenu["services"]["captation"]["cout_par_logement"] = 900
    premiere = docs.dossier.versions.get(numero=1)
    VersionDossier.objects.create(
        dossier=docs.dossier,
        numero=2,
        contenu=contenu,
        bareme_code=premiere.bareme_code,
        bareme_version=premiere.bareme_version,
        deposee_le=premiere.deposee_le,
        deposee_par=distribution.marc,
    )
    nom, pk = "appels:dossier_annexes_xlsx", docs.dossier.pk
    assert _xlsx(client, distribution.marc, nom, pk)["Annexe 1b"]["F5"].value == 27000
    assert _xlsx(client, distribution.marc, nom, pk, version=1)["Annexe 1b"]["F5"].value == 18000
    for version in ("9", "abc"):
        assert client.get(reverse(nom, kwargs={"pk": pk}), {"version": version}).status_code == 404


def test_les_telechargements_sont_des_pieces_jointes(client, distribution, docs):
    connecter(client, distribution.marc)
    reponse = client.get(reverse("appels:dossier_annexes_xlsx", kwargs={"pk": docs.dossier.pk}))
    assert reponse["Content-Type"] == XLSX
    assert reponse["Content-Disposition"] == (
        f'attachment; filename="annexes-dossier-{docs.dossier.pk}-v1.xlsx"'
    )


@pytest.mark.parametrize("persona", ["louis", "helene", "sophie", "anne"])
def test_un_autre_operateur_ou_organisation_recoit_404(client, distribution, docs, persona):
    connecter(client, getattr(distribution, persona))
    for nom in ("appels:dossier_annexes_xlsx", "appels:dossier_annexes_ods"):
        assert client.get(reverse(nom, kwargs={"pk": docs.dossier.pk})).status_code == 404
    synthese = reverse("appels:appel_synthese_xlsx", kwargs={"pk": docs.appel.pk})
    assert client.get(synthese).status_code == 404


def _colonnes(ws) -> dict[str, str]:
    """En-tête → lettre de colonne (ligne 4)."""
    return {c.value: c.column_letter for c in ws[4] if c.value}


def test_le_classeur_du_comite_totalise_les_montants_retenus_comme_les_conventions(
    client, distribution, docs
):
    """Un dossier partiellement retenu et un refusé : « Subvention retenue » donne, par dossier
    décidé, le montant des places retenues (0 € si refusé) ; son total égale la somme des
    conventions, quand la subvention demandée compte aussi le dossier refusé."""
    from iml.appels.services.conventions import calculer_convention, etablir_convention
    from tests.appels.matrice_documents import acteur_de

    appel, ais, relais = _appel_du_comite(distribution)
    ais = decider(ais, distribution.claire, "PARTIELLEMENT_RETENU", 25, 20)
    relais = decider(relais, distribution.claire, "REFUSE", 0, 0)
    from iml.appels.models import Notation

    criteres = appel.jeu.en_bareme().appel.criteres_selection
    for i, critere in enumerate(criteres):  # poids égaux : moyenne des notes
        note = Decimal(4) if i % 2 else Decimal(3)
        Notation.objects.create(
            dossier=ais,
            version=ais.derniere_version,
            critere=critere.code,
            note=note,
            evaluateur=distribution.claire,
        )
    calcules = {a.annee: a.total for a in calculer_convention(ais).annees}
    convention = etablir_convention(
        acteur=acteur_de(distribution.claire),
        dossier=ais,
        montants_negocies={2019: calcules[2019] - 50, 2020: calcules[2020]},
        motif_ecart="Ajustement.",
        cofinancements=[],
    )
    ws = _xlsx(client, distribution.claire, "appels:appel_synthese_xlsx", appel.pk).active
    col = _colonnes(ws)
    lignes = {ws[f"A{r}"].value: r for r in (5, 6, 7)}
    a, r, t = lignes["AIS Rennes Habitat Solidaire"], lignes[relais.operateur.nom], lignes["TOTAL"]
    assert ws[f"{col['Note pondérée']}{a}"].value == Decimal("3.5")
    assert ws[f"{col['Note pondérée']}{r}"].value is None  # non noté : case vide
    assert ws[f"{col['Décision']}{a}"].value == "Partiellement retenu"
    assert ws[f"{col['Décision']}{r}"].value == "Refusé"
    assert (
        ws[f"{col['Places retenues MG']}{a}"].value,
        ws[f"{col['Places retenues SL']}{a}"].value,
    ) == (25, 20)
    retenue = col["Subvention retenue 2019"]
    assert ws[f"{retenue}{r}"].value == 0
    assert ws[f"{retenue}{t}"].value == f"=SUM({retenue}5:{retenue}6)"
    assert _evaluer(ws, f"{retenue}{t}") == calcules[2019]  # la somme des conventions
    demandee = col["Subvention demandée 2019"]
    assert _evaluer(ws, f"{demandee}{t}") == 2 * Decimal("31925")  # le refusé compris
    assert _evaluer(ws, f"{col['Montant conventionné 2019']}{t}") == Decimal(
        convention.montants_negocies["2019"]
    )
    # En-tête figé (et colonne des opérateurs), filtres sur l'en-tête et les dossiers.
    assert ws.freeze_panes == "B5"
    assert ws.auto_filter.ref == f"A4:{col['Alertes']}6"

    connecter(client, distribution.claire)
    reponse = client.get(reverse("appels:appel_synthese_ods", kwargs={"pk": appel.pk}))
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    synthese = _ods(reponse.content)["Synthèse"]
    assert _texte(synthese[f"{col['Décision']}{r}"]) == "Refusé"
    total = synthese[f"{retenue}{t}"]
    assert total.getAttribute("formula") == f"of:=SUM([.{retenue}5:.{retenue}6])"
    assert Decimal(total.getAttribute("value")) == calcules[2019]
    contenu = zipfile.ZipFile(BytesIO(reponse.content))
    assert 'table:display-filter-buttons="true"' in contenu.read("content.xml").decode()
    assert "VerticalSplitPosition" in contenu.read("settings.xml").decode()


def test_un_montant_retenu_inconnu_rend_le_total_non_renseigne_r_unknown(
    client, distribution, docs, monkeypatch
):
    from iml.appels.exports import synthese

    decider(docs.dossier, distribution.claire)
    monkeypatch.setattr(
        synthese, "_retenus", lambda source, exercices: {a: None for a in exercices}
    )
    ws = _xlsx(client, distribution.claire, "appels:appel_synthese_xlsx", docs.appel.pk).active
    colonne = _colonnes(ws)["Subvention retenue 2019"]
    assert ws[f"{colonne}5"].value == "non renseigné"
    assert ws[f"{colonne}6"].value == "non renseigné"  # pas une formule qui compterait 0


def test_un_nombre_de_menages_inconnu_reste_non_renseigne_r_unknown():
    """Annexe 1b : des ménages inconnus ne s'écrivent pas 0 (R-UNKNOWN)."""
    from types import SimpleNamespace

    from iml.appels.exports.annexes import _accompagnement
    from iml.appels.exports.tableaux import Feuille
    from iml.referentiel.fichiers import bareme_pour

    feuille = Feuille("Annexe 1b")
    budget = {"menages": {"SOUS_LOCATION": 12}, "accompagnement": None}
    _accompagnement(feuille, SimpleNamespace(bareme=bareme_pour("appel-35-2019-2020")), budget)
    menages = {ligne[1].valeur: ligne[2] for ligne in feuille.lignes if ligne[1] is not None}
    assert menages["Sous-location"].valeur == 12
    assert menages["Mandat de gestion"].valeur == "non renseigné"
