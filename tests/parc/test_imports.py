"""Import du parc depuis un tableur : ce que la gestionnaire voit après avoir déposé son fichier
(créations, mises à jour, erreurs ligne par ligne), tout ou rien, idempotent."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from iml.parc.models import Bailleur, Logement
from iml.parc.models_imports import ImportParc
from tests.factories import connecter

pytestmark = pytest.mark.django_db

ECHANTILLONS = Path(__file__).parent / "echantillons_import"
VALIDE = (ECHANTILLONS / "valide_point_virgule.csv").read_bytes()


def deposer(client, nom: str, contenu: bytes):
    return client.post(reverse("parc:imports"), {"fichier": SimpleUploadedFile(nom, contenu)})


def importer(client, nom: str, contenu: bytes) -> ImportParc:
    reponse = deposer(client, nom, contenu)
    assert reponse.status_code == 302, reponse.content.decode()[:3000]
    return ImportParc.objects.get(pk=int(reponse.url.rstrip("/").split("/")[-1]))


def page(client, imp: ImportParc) -> str:
    return client.get(reverse("parc:import", kwargs={"pk": imp.pk})).content.decode()


@pytest.fixture
def julie(client, distribution):
    connecter(client, distribution.julie)
    return client


def test_un_csv_point_virgule_cree_bailleurs_et_logements_en_captation(julie, distribution):
    imp = importer(julie, "parc.csv", VALIDE)
    assert imp.etat == "TERMINE", imp.erreurs
    assert imp.resultat["logements_crees"] == 3
    assert imp.resultat["bailleurs_crees"] == 2
    log1 = Logement.objects.get(reference="LOG-1")
    assert log1.operateur == distribution.org.ais35
    assert (log1.loyer, log1.surface_m2, log1.commune) == (
        Decimal("520.50"),
        Decimal("32.50"),
        "35238",
    )
    assert log1.statut == "EN_CAPTATION"
    assert Logement.objects.get(reference="LOG-2").capacite == 1  # vide : le maximum du studio
    assert Logement.objects.get(reference="LOG-3").typologie == "T6_PLUS"
    texte = page(julie, imp)
    assert "3 créés" in texte.replace("\u202f", " ").replace("\xa0", " ")


ENTETE = [
    "reference_logement", "reference_bailleur", "bailleur_nom", "adresse", "code_postal",
    "commune", "typologie", "capacite", "surface_m2", "loyer", "date_dpe", "forme", "convention",
]  # fmt: skip
BASE = {
    "reference_logement": "R-1", "reference_bailleur": "B-1", "bailleur_nom": "Durand",
    "adresse": "1 rue Le Bastard", "code_postal": "35000", "commune": "Rennes",
    "typologie": "T2", "capacite": "2", "surface_m2": "30", "loyer": "500",
    "date_dpe": "01/02/2024", "forme": "mandat de gestion", "convention": "",
}  # fmt: skip


def csv_de(*lignes: dict[str, str], separateur: str = ";") -> bytes:
    texte = [separateur.join(ENTETE)]
    for n, changements in enumerate(lignes, start=1):
        ligne = BASE | {"reference_logement": f"R-{n}"} | changements
        texte.append(separateur.join(ligne[c] for c in ENTETE))
    return ("\n".join(texte) + "\n").encode()


def xlsx_de(contenu_csv: bytes) -> bytes:
    from openpyxl import Workbook

    classeur = Workbook()
    feuille = classeur.active
    for ligne in contenu_csv.decode().splitlines():
        feuille.append(ligne.split(";"))
    feuille["I2"] = 30.5  # une surface en nombre
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def test_un_csv_virgule_avec_bom_donne_le_meme_parc(julie):
    imp = importer(julie, "parc.csv", (ECHANTILLONS / "valide_virgule_bom.csv").read_bytes())
    assert imp.etat == "TERMINE", imp.erreurs
    assert Logement.objects.get(reference="LOG-1").loyer == Decimal("520.50")
    assert Logement.objects.get(reference="LOG-3").loyer == Decimal("1250.00")
    assert Bailleur.objects.get(reference="BAI-1").nom == "Martin"


def test_un_xlsx_premiere_feuille_est_importe(julie):
    imp = importer(
        julie, "parc.xlsx", xlsx_de(csv_de({}, {"typologie": "chambre", "capacite": ""}))
    )
    assert imp.etat == "TERMINE", imp.erreurs
    assert Logement.objects.get(reference="R-1").surface_m2 == Decimal("30.50")
    assert Logement.objects.get(reference="R-2").typologie == "STUDIO"


def test_reimporter_le_meme_fichier_ne_change_rien(julie):
    importer(julie, "parc.csv", VALIDE)
    avant = list(Logement.objects.order_by("pk").values("pk", "modifie_le"))
    second = importer(julie, "parc.csv", VALIDE)
    assert second.resultat == {
        "bailleurs_crees": 0, "bailleurs_modifies": 0, "bailleurs_inchanges": 2,
        "logements_crees": 0, "logements_modifies": 0, "logements_inchanges": 3,
    }  # fmt: skip
    assert list(Logement.objects.order_by("pk").values("pk", "modifie_le")) == avant
    texte = page(julie, second).replace("\xa0", " ").replace("\u202f", " ")
    assert "0 créé, 0 mis à jour, 3 inchangés" in texte


def test_une_ligne_modifiee_met_a_jour_le_logement(julie):
    importer(julie, "parc.csv", csv_de({}, {}))
    imp = importer(julie, "parc.csv", csv_de({}, {"loyer": "545,00"}))
    assert imp.resultat["logements_modifies"] == 1
    assert imp.resultat["logements_inchanges"] == 1
    assert Logement.objects.get(reference="R-2").loyer == Decimal("545.00")


@pytest.mark.parametrize(
    ("changements", "colonne", "attendu"),
    [
        ({"commune": "Bordeaux"}, "commune", "n'est pas une commune de votre département"),
        ({"capacite": "4"}, "capacite", "R-CAPACITY : 4 places dépassent le maximum de 3"),
        ({"loyer": "520,5,0"}, "loyer", "n'est pas un nombre"),
        ({"date_dpe": "31/02/2024"}, "date_dpe", "n'est pas une date"),
        ({"date_dpe": "hier"}, "date_dpe", "n'est pas une date"),
        ({"typologie": "T9"}, "typologie", "n'est pas une valeur reconnue"),
        ({"adresse": ""}, "adresse", "valeur requise"),
        ({"reference_bailleur": ""}, "reference_bailleur", "valeur requise"),
        ({"forme": "bail commercial"}, "forme", "n'est pas une valeur reconnue"),
    ],
)
def test_chaque_erreur_nomme_sa_ligne_et_sa_colonne(julie, changements, colonne, attendu):
    imp = importer(julie, "parc.csv", csv_de({}, changements))
    assert imp.etat == "REFUSE"
    assert [(e["ligne"], e["colonne"]) for e in imp.erreurs] == [(3, colonne)]
    assert attendu in imp.erreurs[0]["message"]
    texte = page(julie, imp)
    assert "Ligne 3" in texte and f"\xa0» ({colonne})" in texte and "Rien n'a été importé" in texte


def test_tout_ou_rien_une_ligne_fausse_et_rien_n_est_enregistre(julie):
    imp = importer(julie, "parc.csv", csv_de({}, {}, {"surface_m2": "trente"}, {}))
    assert imp.etat == "REFUSE"
    assert Logement.objects.count() == 0 and Bailleur.objects.count() == 0


def test_toutes_les_erreurs_du_fichier_sont_listees(julie):
    imp = importer(
        julie, "parc.csv",
        csv_de({"capacite": "9"}, {"reference_logement": "R-1"}, {"commune": "Nulle-Part"}),
    )  # fmt: skip
    assert [(e["ligne"], e["colonne"]) for e in imp.erreurs] == [
        (2, "capacite"), (3, "reference_logement"), (4, "commune"),
    ]  # fmt: skip
    assert "« R-1 » figure déjà ligne 2" in imp.erreurs[1]["message"]


def test_une_convention_d_un_autre_operateur_est_refusee(julie, distribution):
    from tests.appels.factories import DossierFactory

    dossier = DossierFactory(conventionne=True, operateur=distribution.org.relais35)
    numero = dossier.convention.numero
    imp = importer(julie, "parc.csv", csv_de({"convention": numero}))
    assert imp.etat == "REFUSE"
    assert imp.erreurs[0]["colonne"] == "convention"
    assert (
        "n'est pas une convention de financement de votre organisation"
        in (imp.erreurs[0]["message"])
    )


def test_une_erreur_d_un_service_annule_aussi_tout(julie):
    """La redevance en mandat de gestion est refusée (R-MODE) : rien n'entre."""
    contenu = VALIDE.replace(b"mandat de gestion;410.00;30;;", b"mandat de gestion;410.00;30;5;")
    imp = importer(julie, "parc.csv", contenu)
    assert imp.etat == "REFUSE"
    assert imp.erreurs[0]["colonne"] == "redevance" and "R-MODE" in imp.erreurs[0]["message"]
    assert Logement.objects.count() == 0


@pytest.mark.parametrize(
    ("nom", "contenu", "attendu"),
    [
        (
            "parc.csv",
            (ECHANTILLONS / "pdf_renomme.csv").read_bytes(),
            "n&#x27;est pas un texte CSV",
        ),
        ("parc.csv", b"", "Fichier : le fichier est vide"),
        ("parc.csv", b"   \n", "Le fichier est vide"),
        ("parc.xlsx", VALIDE, "n&#x27;est pas un classeur XLSX"),
        ("parc.pdf", VALIDE, "tableur CSV ou XLSX"),
    ],
)
def test_un_fichier_qui_n_est_pas_un_tableur_est_refuse_au_depot(julie, nom, contenu, attendu):
    reponse = deposer(julie, nom, contenu)
    assert reponse.status_code == 400
    assert attendu in reponse.content.decode()
    assert ImportParc.objects.count() == 0


def test_un_en_tete_demesure_est_refuse_sans_erreur_serveur(julie):
    contenu = (";".join(f"colonne{i}" for i in range(5000)) + "\nx\n").encode()
    imp = importer(julie, "parc.csv", contenu)
    assert imp.etat == "REFUSE"
    assert "en-tête du fichier est trop long" in imp.erreurs[0]["message"]
    enorme = ("reference_logement;reference_bailleur;" + "x" * 200_000 + "\na;b;c\n").encode()
    assert importer(julie, "parc.csv", enorme).etat == "REFUSE"


def test_un_fichier_vide_de_lignes_ou_sans_colonne_requise(julie):
    assert (
        "aucun logement"
        in importer(julie, "p.csv", b"reference_logement;reference_bailleur\n").erreurs[0][
            "message"
        ]
    )
    sans = importer(julie, "p.csv", b"adresse;commune\n1 rue;Rennes\n")
    assert "Colonne requise absente" in sans.erreurs[0]["message"]


def test_la_progression_en_json_et_la_page_de_suivi(julie):
    imp = importer(julie, "parc.csv", VALIDE)
    reponse = julie.get(reverse("parc:import_progression", kwargs={"pk": imp.pk}))
    assert reponse.json() == {
        "etat": "TERMINE", "libelle": "Terminé", "progression": 100, "fini": True,
    }  # fmt: skip
    ImportParc.objects.filter(pk=imp.pk).update(etat="EN_COURS", progression=40)
    texte = page(julie, imp)
    assert 'value="40"' in texte and "parc/import" in texte


def test_thomas_ne_voit_pas_l_import_de_julie(client, distribution):
    connecter(client, distribution.julie)
    imp = importer(client, "parc.csv", VALIDE)
    connecter(client, distribution.thomas)
    assert client.get(reverse("parc:import", kwargs={"pk": imp.pk})).status_code == 404
    progression = reverse("parc:import_progression", kwargs={"pk": imp.pk})
    assert client.get(progression).status_code == 404
    assert "parc.csv" not in client.get(reverse("parc:imports")).content.decode()


@pytest.mark.parametrize("persona", ["nadia", "claire", "sophie", "anne"])
def test_les_autres_roles_n_importent_pas(client, distribution, persona):
    connecter(client, getattr(distribution, persona))
    assert deposer(client, "parc.csv", VALIDE).status_code == 403
    assert client.get(reverse("parc:imports")).status_code == 403
    assert Logement.objects.count() == 0


def test_marc_importe_aussi(client, distribution):
    connecter(client, distribution.marc)
    assert importer(client, "parc.csv", VALIDE).etat == "TERMINE"


def test_la_liste_des_imports_est_paginee_a_nombre_de_requetes_constant(
    julie, distribution, django_assert_max_num_queries
):
    def creer(n):
        ImportParc.objects.bulk_create(
            ImportParc(operateur=distribution.org.ais35, cree_par=distribution.julie,
                       nom_fichier=f"f{i}.csv", contenu=b"x", etat="TERMINE")
            for i in range(n)
        )  # fmt: skip

    creer(3)
    with django_assert_max_num_queries(12) as peu:
        julie.get(reverse("parc:imports"))
    creer(60)
    with django_assert_max_num_queries(len(peu.captured_queries)):
        reponse = julie.get(reverse("parc:imports"))
    assert len(re.findall(r">f\d+\.csv</a>", reponse.content.decode())) == 20


def test_les_modeles_d_import_se_telechargent(julie):
    reponse = julie.get(reverse("parc:import_modele", kwargs={"format": "csv"}))
    assert (
        reponse.content.decode("utf-8-sig")
        .splitlines()[0]
        .startswith("reference_logement;reference_bailleur;")
    )
    xlsx = julie.get(reverse("parc:import_modele", kwargs={"format": "xlsx"}))
    from openpyxl import load_workbook

    classeur = load_workbook(io.BytesIO(xlsx.content))
    assert classeur.sheetnames == ["Logements", "Colonnes"]
    assert classeur["Logements"]["A1"].value == "reference_logement"
    imp = importer(julie, "modele.xlsx", xlsx.content)
    assert imp.etat == "TERMINE", imp.erreurs


def test_rejouer_la_tache_d_un_import_fini_ne_change_rien(julie):
    from iml.parc.taches_import import importer_parc

    imp = importer(julie, "parc.csv", VALIDE)
    avant = Logement.objects.count()
    importer_parc.enqueue(imp.pk)
    imp.refresh_from_db()
    assert (imp.etat, imp.resultat["logements_crees"], Logement.objects.count()) == (
        "TERMINE", 3, avant,
    )  # fmt: skip


def test_au_dela_de_mille_erreurs_la_page_le_dit(julie):
    lignes = [{"reference_logement": f"R-{i}", "capacite": "9"} for i in range(1100)]
    imp = importer(julie, "parc.csv", csv_de(*lignes))
    assert len(imp.erreurs) == 1000
    assert "1\u202f100 erreurs : les 1\u202f000 premières sont listées" in page(julie, imp)


def test_un_import_ne_leve_jamais_ne_pas_contacter_et_oublie_son_fichier(julie, distribution):
    """R-CONTACT : une cellule vide garde la mention, « non » est refusé (la mention se retire
    sur la fiche) ; une fois traité, le fichier (données personnelles) n'est plus gardé ; les
    écritures portent leur auteur dans le journal."""
    from auditlog.models import LogEntry

    premier = importer(julie, "parc.csv", csv_de({}))
    assert premier.etat == "TERMINE", premier.erreurs
    assert bytes(ImportParc.objects.get(pk=premier.pk).contenu) == b""
    bailleur = Bailleur.objects.get(reference="B-1")
    assert LogEntry.objects.get_for_object(bailleur).first().actor == distribution.julie
    Bailleur.objects.filter(pk=bailleur.pk).update(ne_pas_contacter=True)
    entete = ENTETE + ["bailleur_ne_pas_contacter"]

    def avec(valeur: str) -> bytes:
        ligne = BASE | {"reference_logement": "R-1", "bailleur_ne_pas_contacter": valeur}
        return (";".join(entete) + "\n" + ";".join(ligne[c] for c in entete) + "\n").encode()

    vide = importer(julie, "parc.csv", avec(""))
    assert vide.etat == "TERMINE", vide.erreurs
    assert Bailleur.objects.get(pk=bailleur.pk).ne_pas_contacter
    refuse = importer(julie, "parc.csv", avec("non"))
    assert refuse.etat == "REFUSE"
    assert "R-CONTACT" in refuse.erreurs[0]["message"]
    assert Bailleur.objects.get(pk=bailleur.pk).ne_pas_contacter
