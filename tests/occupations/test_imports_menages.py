"""Import des ménages et des occupations en cours : tout ou rien, erreurs ligne à ligne qui
nomment la colonne, idempotent par référence, reprise d'une occupation par l'admission."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from iml.menages.models import Menage
from iml.occupations.imports.service import deposer_import
from iml.occupations.models import Occupation
from tests.appels.factories import acteur, demo
from tests.factories import connecter
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db

ECHANTILLON = Path(__file__).parent / "echantillons_import" / "valide.csv"


def _fichier(entree=None, referent: str = "", connues=None) -> bytes:
    aujourd_hui = timezone.localdate()
    entree = entree or aujourd_hui - timedelta(days=200)
    connues = connues or aujourd_hui - timedelta(days=300)
    texte = ECHANTILLON.read_text(encoding="utf-8-sig")
    texte = texte.replace("{ENTREE}", entree.strftime("%d/%m/%Y"))
    texte = texte.replace("{CONNUES}", connues.strftime("%d/%m/%Y")).replace("{REFERENT}", referent)
    return texte.encode("utf-8")


def _importer(contenu: bytes, qui: str = "julie", nom: str = "menages.csv"):
    return deposer_import(acteur=acteur(demo(qui)), nom_fichier=nom, contenu=contenu)


def _logement(**options):
    return LogementFactory(
        statut=options.pop("statut", "DISPONIBLE"), sous_location=True,
        reference=options.pop("reference", "LOG-IMP-1"), **options,
    )  # fmt: skip


def test_un_fichier_valide_cree_menages_et_occupation_puis_se_reimporte_sans_rien_changer(
    distribution,
):
    logement = _logement()
    imp = _importer(_fichier(referent=distribution.nadia.email))
    assert imp.etat == "TERMINE", imp.erreurs
    assert imp.resultat == {
        "menages_crees": 2, "menages_modifies": 0, "menages_inchanges": 0,
        "occupations_creees": 1, "occupations_inchangees": 0,
    }  # fmt: skip
    menage = Menage.objects.get(reference="IMP-001")
    assert (menage.nom, menage.referent) == ("Diallo", distribution.nadia)
    assert [(p.lien, p.annee_naissance) for p in menage.personnes.all()] == [("ENFANT", 2016)]
    assert menage.ressources.count() == 2
    occupation = Occupation.objects.get(menage=menage)
    assert occupation.logement == logement and occupation.forme == "SOUS_LOCATION"
    assert occupation.suite_parcours == "BAIL_GLISSANT" and occupation.bail_glissant
    # Un renouvellement déjà fait : deux périodes, la seconde décidée avant la fin de la première.
    periodes = list(occupation.periodes.order_by("rang"))
    assert [p.rang for p in periodes] == [0, 1]
    assert periodes[1].decide_le <= periodes[0].fin
    assert periodes[0].decide_le == occupation.date_entree
    assert not Occupation.objects.filter(menage__reference="IMP-002").exists()
    assert not imp.contenu  # le fichier n'est plus gardé

    encore = _importer(_fichier(referent=distribution.nadia.email))
    assert encore.resultat == {
        "menages_crees": 0, "menages_modifies": 0, "menages_inchanges": 2,
        "occupations_creees": 0, "occupations_inchangees": 1,
    }  # fmt: skip
    assert Menage.objects.filter(reference__startswith="IMP-").count() == 2
    assert menage.ressources.count() == 2 and menage.personnes.count() == 1
    assert occupation.periodes.count() == 2


def test_un_second_import_met_a_jour_l_identite(distribution):
    _logement()
    _importer(_fichier())
    contenu = _fichier().replace(b"Le Gall;Yann", b"Le Gall;Yannick")
    imp = _importer(contenu)
    assert imp.resultat["menages_modifies"] == 1 and imp.resultat["menages_inchanges"] == 1
    assert Menage.objects.get(reference="IMP-002").prenom == "Yannick"


def test_une_occupation_qui_derogerait_est_reprise_avec_la_mention_de_l_import(distribution):
    _logement()
    # Sans ressource connue (« vide »), pas de blocage ; avec 300 € de RSA, R-EFFORT-SL bloque.
    contenu = _fichier().replace(b"1100;250", b"300;")
    imp = _importer(contenu)
    assert imp.etat == "TERMINE", imp.erreurs
    controle = Occupation.objects.get(menage__reference="IMP-001").controle
    assert any(c["regle"] == "R-EFFORT-SL" and c["niveau"] == "erreur" for c in controle.constats)
    jour = timezone.localdate().strftime("%d/%m/%Y")
    assert controle.derogation == f"Reprise d'une occupation en cours (import du {jour})"
    assert controle.derogation_par is None


def test_un_logement_en_captation_bloque_la_ligne_et_rien_n_est_enregistre(distribution):
    _logement(statut="EN_CAPTATION")
    imp = _importer(_fichier())
    assert imp.etat == "REFUSE"
    textes = [e["texte"] for e in imp.erreurs]
    assert any(t.startswith("Ligne 2, référence du logement : R-PARC : logement") for t in textes)
    assert not Menage.objects.filter(reference__startswith="IMP-").exists()


def test_les_erreurs_nomment_la_ligne_et_la_colonne(distribution):
    _logement()
    demain = timezone.localdate() + timedelta(days=1)
    contenu = _fichier(entree=demain).replace(b"enfant 2016", b"cousin 2016")
    contenu = contenu.replace(b"IMP-002;Le Gall;Yann;02/02/1975", b"IMP-002;;Yann;31/02/1975")
    imp = _importer(contenu)
    assert imp.etat == "REFUSE"
    textes = [e["texte"] for e in imp.erreurs]
    assert "Ligne 2, date d'entrée : la date ne peut pas être dans le futur." in textes
    assert any(t.startswith("Ligne 2, membres : « cousin 2016 »") for t in textes)
    assert "Ligne 3, nom : valeur requise." in textes
    assert "Ligne 3, date de naissance : « 31/02/1975 » n'est pas une date du calendrier." in textes
    assert not Menage.objects.filter(reference__startswith="IMP-").exists()


def test_trop_de_renouvellements_ou_une_periode_finie_sont_refuses(distribution):
    _logement()
    imp = _importer(_fichier().replace(b"glissement de bail;1", b"glissement de bail;3"))
    assert "Ligne 2, renouvellements déjà faits : R-SL-DURATION : de 0 à 2." in [
        e["texte"] for e in imp.erreurs
    ]
    vieux = timezone.localdate() - timedelta(days=400)
    imp = _importer(_fichier(entree=vieux))
    assert any("a pris fin le" in e["texte"] for e in imp.erreurs)


def test_un_referent_inconnu_et_une_colonne_inconnue(distribution):
    _logement()
    imp = _importer(_fichier(referent="personne@example.org"))
    assert any(e["texte"].startswith("Ligne 2, référent : « personne@example.org »")
               for e in imp.erreurs)  # fmt: skip
    imp = _importer(b"Reference;Nom;Prenom;Date de naissance;Couleur\r\nA;B;C;01/01/1990;bleu\r\n")
    assert imp.etat == "REFUSE" and "Colonne inconnue : « Couleur »" in imp.erreurs[0]["texte"]


# --- Écrans -----------------------------------------------------------------------------------


def _client(qui: str) -> Client:
    client = Client()
    connecter(client, demo(qui))
    return client


def test_la_page_d_import_depose_et_montre_le_resultat(distribution):
    _logement()
    client = _client("julie")
    page = client.get(reverse("occupations:imports"))
    assert page.status_code == 200
    assert "Renouvellements déjà faits" in page.content.decode()
    fichier = SimpleUploadedFile("menages.csv", _fichier(), content_type="text/csv")
    reponse = client.post(reverse("occupations:imports"), {"fichier": fichier}, follow=True)
    html = reponse.content.decode()
    assert "Import terminé" in html and "2 créés" in html.replace("\xa0", " ")
    imp = reponse.context["imp"]
    etat = client.get(reverse("occupations:import_progression", kwargs={"pk": imp.pk})).json()
    assert etat["fini"] and etat["progression"] == 100


def test_un_pdf_renomme_est_refuse_au_depot(distribution):
    client = _client("julie")
    fichier = SimpleUploadedFile("menages.csv", b"%PDF-1.4 ...", content_type="text/csv")
    reponse = client.post(reverse("occupations:imports"), {"fichier": fichier})
    assert reponse.status_code == 400
    assert "Fichier : Le fichier porte l" in reponse.content.decode()


def test_les_erreurs_s_affichent_sur_la_page_de_l_import(distribution):
    _logement(statut="EN_CAPTATION")
    imp = _importer(_fichier())
    html = _client("julie").get(reverse("occupations:import", kwargs={"pk": imp.pk})).content
    assert "Ligne 2, référence du logement : R-PARC" in html.decode()


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_le_modele_se_telecharge_et_se_reimporte(distribution, format_):
    reponse = _client("julie").get(reverse("occupations:modele_import", kwargs={"format": format_}))
    assert reponse.status_code == 200
    assert "modele-import-menages" in reponse["Content-Disposition"]
    LogementFactory(statut="DISPONIBLE", reference="LOG-0001")
    imp = _importer(reponse.content, nom=f"modele.{format_}")
    assert imp.etat == "TERMINE", imp.erreurs


@pytest.mark.parametrize("qui", ["nadia", "claire", "sophie", "anne", "admin"])
def test_hors_gestion_pas_d_import(distribution, qui):
    client = Client()
    connecter(client, getattr(distribution, qui))
    assert client.get(reverse("occupations:imports")).status_code == 403
    assert (
        client.get(reverse("occupations:modele_import", kwargs={"format": "csv"})).status_code
        == 403
    )
