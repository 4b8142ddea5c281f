"""Panorama régional (seed 000, R-UNKNOWN) : démo Nouvelle-Aquitaine, saisie, import tout ou
rien, page, exports, périmètre."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from iml.comptes.models import Territoire
from iml.pilotage.models import IndicateurDeclare
from iml.pilotage.services_panorama import Declaration, declarer
from tests.appels.factories import acteur
from tests.factories import connecter

pytestmark = pytest.mark.django_db
TEXTE_CHEZ_SOI = "106\u00a0places connues, 3\u00a0départements non renseignés"


class _Sortie:
    def write(self, texte: str) -> None:
        self.texte = texte


@pytest.fixture
def demo(distribution):
    from iml.pilotage.demo_panorama import charger_demo

    charger_demo(distribution.org.__dict__, _Sortie())
    return distribution


def _dep(code: str) -> Territoire:
    return Territoire.objects.get(niveau="DEPARTEMENT", code=code)


def _page(client, d, persona="paul", **params):
    connecter(client, getattr(d, persona))
    return client.get(reverse("pilotage:panorama"), params)


def test_la_demo_montre_106_places_connues_et_3_departements_non_renseignes(client, demo):
    reponse = _page(client, demo, annee=2019)
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert TEXTE_CHEZ_SOI in html
    # Deux-Sèvres : 53 + 30 = 83 ; les autres départements restent inconnus, jamais 0.
    assert "83\u00a0mesures connues, 11\u00a0départements non renseignés" in html
    assert "non renseigné" in html and "total incomplet" in html


def test_deux_sevres_2018_45_mesures_dont_25_etat_et_20_departement(client, demo):
    html = _page(client, demo, annee=2018).content.decode()
    assert "45\u00a0mesures connues, 11\u00a0départements non renseignés" in html
    assert "Deux-Sèvres" in html


def test_chaque_export_porte_le_total_incomplet(client, demo):
    connecter(client, demo.paul)
    url = reverse("pilotage:panorama_export", args=["csv"])
    csv = client.get(url, {"annee": 2019}).content.decode("utf-8-sig")
    assert TEXTE_CHEZ_SOI in csv
    lignes = {ligne.split(";")[0]: ligne.split(";") for ligne in csv.split("\r\n")}
    assert lignes["Landes"][8] == "non renseigné"  # « ? » du seed, jamais 0
    assert lignes["Gironde"][8] == "85" and lignes["Charente"][8] == "0"
    assert lignes["Deux-Sèvres"][-2] == "83"
    classeur = client.get(reverse("pilotage:panorama_export", args=["xlsx"]), {"annee": 2019})
    feuille = load_workbook(io.BytesIO(classeur.content)).worksheets[0]
    valeurs = [c.value for ligne in feuille.iter_rows() for c in ligne]
    assert TEXTE_CHEZ_SOI in valeurs
    assert "non renseigné" in valeurs
    ods = client.get(reverse("pilotage:panorama_export", args=["ods"]), {"annee": 2019})
    assert ods.status_code == 200 and ods.content.startswith(b"PK")


def test_une_correction_est_une_nouvelle_ligne_et_la_plus_recente_fait_foi(demo):
    paul = acteur(demo.paul)
    landes = _dep("40")
    d = Declaration(
        landes, 2019, "PLACES_CHEZ_SOI", Decimal(12), "Courrier DDETS 40", date(2020, 3, 1)
    )
    assert declarer(acteur=paul, declaration=d) is not None
    assert declarer(acteur=paul, declaration=d) is None  # identique : rien de neuf
    lignes = IndicateurDeclare.objects.filter(departement=landes, indicateur="PLACES_CHEZ_SOI")
    assert lignes.count() == 2
    assert lignes.first().valeur == Decimal(12)


def test_la_saisie_refuse_un_departement_hors_de_la_region_et_les_autres_roles(demo):
    d = Declaration(_dep("35"), 2019, "PLACES_CHEZ_SOI", Decimal(1), "x", date(2020, 1, 1))
    with pytest.raises(PermissionDenied):
        declarer(acteur=acteur(demo.paul), declaration=d)
    with pytest.raises(PermissionDenied):
        declarer(acteur=acteur(demo.claire), declaration=d)


def test_saisie_d_une_valeur_non_renseignee_par_l_ecran(client, demo):
    connecter(client, demo.paul)
    url = reverse("pilotage:panorama_saisie")
    donnees = {"departement": _dep("40").pk, "annee": 2019, "indicateur": "PLACES_PETIT_CHEZ_SOI",
               "etat": "RENSEIGNE", "valeur": "", "source": "Cahier 40",
               "date_source": "31/12/2019"}  # fmt: skip
    reponse = client.post(url, donnees)
    assert reponse.status_code == 200
    assert "Valeur : requise quand elle est connue." in reponse.content.decode()
    reponse = client.post(url, donnees | {"etat": "NON_RENSEIGNE"})
    assert reponse.status_code == 302
    ligne = IndicateurDeclare.objects.get(indicateur="PLACES_PETIT_CHEZ_SOI")
    assert ligne.valeur is None and ligne.etat == "NON_RENSEIGNE"


def _fichier(texte: str, nom: str = "panorama.csv"):
    return SimpleUploadedFile(nom, texte.encode("utf-8"))


def test_import_tout_ou_rien_avec_erreurs_par_ligne(client, demo):
    connecter(client, demo.paul)
    avant = IndicateurDeclare.objects.count()
    contenu = (
        "Département;Année;Source;Date de la source;places_chez_soi;places_petit_chez_soi\n"
        "Landes;2020;Cahier;31/12/2020;7;?\n"
        "Ille-et-Vilaine;2020;Cahier;31/12/2020;3;\n"
        "86;2020;Cahier;31/12/2020;-2;\n"
    )
    reponse = client.post(reverse("pilotage:panorama_import"), {"fichier": _fichier(contenu)})
    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Ligne 3, département" in html and "pas un département de votre région" in html
    assert "Ligne 4" in html
    assert IndicateurDeclare.objects.count() == avant


def test_import_valide_enregistre_valeurs_et_non_renseignes(client, demo):
    connecter(client, demo.paul)
    contenu = (
        "Département;Année;Source;Date de la source;places_chez_soi;places_petit_chez_soi\n"
        "Landes;2020;Cahier;31/12/2020;7;?\n"
        "86;2020;Cahier;31/12/2020;12;\n"
    )
    reponse = client.post(reverse("pilotage:panorama_import"), {"fichier": _fichier(contenu)})
    assert reponse.status_code == 302
    lignes = IndicateurDeclare.objects.filter(annee=2020)
    assert {(x.departement.code, x.indicateur, x.valeur) for x in lignes} == {
        ("40", "PLACES_CHEZ_SOI", Decimal(7)),
        ("40", "PLACES_PETIT_CHEZ_SOI", None),
        ("86", "PLACES_CHEZ_SOI", Decimal(12)),
    }
    html = _page(client, demo, annee=2020).content.decode()
    assert "19\u00a0places connues, 10\u00a0départements non renseignés" in html


def test_la_ddets_lit_le_panorama_de_sa_region_sans_pouvoir_saisir(client, demo):
    reponse = _page(client, demo, "claire")
    assert reponse.status_code == 200
    assert "Bretagne" in reponse.content.decode()
    assert "Déclarer un indicateur" not in reponse.content.decode()
    assert client.get(reverse("pilotage:panorama"), {"region": "75"}).status_code == 404


def test_la_plateforme_choisit_la_region(client, demo):
    connecter(client, demo.admin)
    assert "Nouvelle-Aquitaine" in client.get(reverse("pilotage:panorama")).content.decode()
    html = client.get(
        reverse("pilotage:panorama"), {"region": "75", "annee": 2019}
    ).content.decode()
    assert TEXTE_CHEZ_SOI in html


def test_la_demo_est_idempotente(demo):
    from iml.pilotage.demo_panorama import charger_demo

    n = IndicateurDeclare.objects.count()
    charger_demo(demo.org.__dict__, _Sortie())
    assert IndicateurDeclare.objects.count() == n == 22


def test_plafonds_regionaux_affiches_depuis_le_bareme(client, demo):
    html = _page(client, demo, annee=2019).content.decode()
    assert "R-CEILING-NA" in html
    assert "4\u202f500\u00a0€" in html and "8\u202f000\u00a0€" in html


def test_le_graphique_marque_les_departements_non_renseignes_et_s_exporte(client, demo):
    html = _page(client, demo, annee=2019, indicateur="PLACES_CHEZ_SOI").content.decode()
    assert "<bar-chart" in html
    assert "Landes (non renseigné)" in html  # marque distincte dans le graphique
    assert "Gironde" in html
    url = reverse("pilotage:export_tableau", args=["panorama", "csv"])
    csv = client.get(url, {"annee": 2019, "indicateur": "PLACES_CHEZ_SOI"})
    assert csv.status_code == 200
    texte = csv.content.decode("utf-8-sig")
    assert TEXTE_CHEZ_SOI in texte and "Landes;non renseigné" in texte
    connecter(client, demo.marc)
    assert client.get(url, {"annee": 2019}).status_code == 403


def test_le_graphique_des_places_met_le_calcule_a_cote_du_declare(client, demo):
    html = _page(client, demo, annee=2019, indicateur="PLACES_CLASSIQUE_SL").content.decode()
    assert "Calculé (conventions signées)" in html


def test_les_places_calculees_viennent_des_conventions_signees_du_perimetre(client, demo):
    from iml.pilotage import selectors_panorama
    from tests.appels.factories import DossierFactory

    dossier = DossierFactory(signe=True)
    decision = dossier.decision
    categorie = dossier.derniere_version.contenu["categorie"]
    bretagne = _dep("35").region
    calc = selectors_panorama.calcules(acteur(demo.claire), bretagne, date(2026, 1, 1))
    ille = _dep("35").pk
    assert calc.conventions == {ille: 1}
    mg = selectors_panorama.PAR_CATEGORIE_FORME[(categorie, "MANDAT_GESTION")].value
    sl = selectors_panorama.PAR_CATEGORIE_FORME[(categorie, "SOUS_LOCATION")].value
    assert calc.places == {(ille, mg): decision.places_mg, (ille, sl): decision.places_sl}
    assert decision.places_mg + decision.places_sl > 0
    # Un autre département de Bretagne : hors du périmètre de la DDETS 35, inconnu (pas 0).
    assert selectors_panorama.total_calcule(calc, _dep("29").pk, mg) is None
    assert selectors_panorama.total_calcule(calc, ille, mg) == decision.places_mg
    # La DREETS Nouvelle-Aquitaine ne voit pas les conventions bretonnes.
    na = _dep("33").region
    assert selectors_panorama.calcules(acteur(demo.paul), na, date(2026, 1, 1)).conventions == {}


def _requetes(client, **params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as requetes:
        assert client.get(reverse("pilotage:panorama"), params).status_code == 200
    return len(requetes)


def test_le_nombre_de_requetes_ne_depend_pas_du_nombre_de_declarations(client, demo):
    connecter(client, demo.paul)
    _requetes(client, annee=2019)  # première visite : session, barèmes mis en mémoire
    avant = _requetes(client, annee=2019)
    paul = acteur(demo.paul)
    for code in ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"):
        for indicateur in ("PLACES_CLASSIQUE_MG", "PLACES_PSY_SL", "PLACES_PETIT_CHEZ_SOI"):
            d = Declaration(_dep(code), 2019, indicateur, Decimal(3), "Cahier", date(2020, 1, 1))
            declarer(acteur=paul, declaration=d)
    assert _requetes(client, annee=2019) == avant


def test_l_historique_garde_chaque_correction(client, demo):
    paul = acteur(demo.paul)
    d = Declaration(_dep("40"), 2019, "PLACES_CHEZ_SOI", Decimal(4), "Courrier", date(2020, 2, 1))
    declarer(acteur=paul, declaration=d)
    html = _page(client, demo, annee=2019).content.decode()
    assert "1 correction" in html
    reponse = client.get(
        reverse("pilotage:panorama_historique"),
        {"departement": "40", "annee": 2019, "indicateur": "PLACES_CHEZ_SOI"},
    )
    texte = reponse.content.decode()
    assert reponse.status_code == 200
    assert texte.index("Courrier") < texte.index("non renseigné")  # la plus récente d'abord
    assert "Paul Lefèvre" in texte


def _xlsx(lignes: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    classeur = Workbook()
    for ligne in lignes:
        classeur.active.append(ligne)
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def test_import_xlsx_et_refus_des_doublons_et_des_lignes_vides(client, demo):
    connecter(client, demo.paul)
    entete = ["Département", "Année", "Source", "Date de la source", "Mesures État"]
    url = reverse("pilotage:panorama_import")
    contenu = _xlsx([entete, ["79", 2020, "AAP", "31/12/2020", None],
                     ["Deux-Sèvres", 2021, "AAP", "31/12/2020", 60],
                     ["79", 2021, "AAP", "31/12/2020", 61]])  # fmt: skip
    fichier = SimpleUploadedFile("panorama.xlsx", contenu)
    html = client.post(url, {"fichier": fichier}).content.decode()
    assert "Ligne 2 : aucun indicateur renseigné sur cette ligne." in html
    assert "Ligne 4 : même département et même année que la ligne 3." in html
    assert not IndicateurDeclare.objects.filter(annee__in=(2020, 2021)).exists()
    contenu = _xlsx([entete, ["Deux-Sèvres", 2021, "AAP", "31/12/2021", 60]])
    fichier = SimpleUploadedFile("panorama.xlsx", contenu)
    assert client.post(url, {"fichier": fichier}).status_code == 302
    assert IndicateurDeclare.objects.get(annee=2021).valeur == Decimal(60)


def test_l_export_ods_ecrit_non_renseigne_et_le_total_incomplet(client, demo):
    import zipfile

    connecter(client, demo.paul)
    reponse = client.get(reverse("pilotage:panorama_export", args=["ods"]), {"annee": 2019})
    contenu = zipfile.ZipFile(io.BytesIO(reponse.content)).read("content.xml").decode()
    assert "non renseigné" in contenu and TEXTE_CHEZ_SOI in contenu
