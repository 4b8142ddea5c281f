"""Import des demandes du SIAO depuis un export CSV de l'application nationale : UTF-8 et
Windows-1252, dates JJ/MM/AAAA, montants « 1 234,50 », tout ou rien avec des erreurs qui
nomment la ligne, la colonne et la règle, références déjà connues signalées."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iml.orientations.models import Demande
from iml.orientations.models_imports import ImportDemandes
from iml.orientations.services.imports import deposer_import
from iml.orientations.services.imports_lignes import COLONNES
from iml.orientations.views.imports import modele_fichier
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.orientations.factories import DemandeFactory

pytestmark = pytest.mark.django_db

ENTETE = (
    "Référence SI-SIAO;Nom;Prénom;Adultes;Enfants;Ressources mensuelles;Aide au logement;"
    "Date de la demande;Communes souhaitées;Catégorie;Critères de priorité"
)


def _csv(*lignes: str, encodage: str = "utf-8") -> bytes:
    return "\r\n".join((ENTETE, *lignes)).encode(encodage)


def _importer(sophie, contenu: bytes, nom: str = "export.csv") -> ImportDemandes:
    imp = deposer_import(acteur=acteur(sophie), nom_fichier=nom, contenu=contenu)
    imp.refresh_from_db()
    return imp


def test_un_export_windows_1252_cree_les_demandes(distribution):
    contenu = _csv(
        "S-1;Lefèvre;Hélène;1;2;1 234,50;;01/03/2025;35238, 35047;spécialisée;"
        "DALO_SANS_DOMICILE (01/03/2025), SANS_LOGEMENT",
        "S-2;Diallo;Awa;2;0;;280;15/01/2024;;IML classique;",
        encodage="cp1252",
    )
    imp = _importer(distribution.sophie, contenu)
    assert imp.etat == "TERMINE", imp.erreurs
    assert imp.resultat["demandes_creees"] == 2 and imp.contenu == b""
    helene = Demande.objects.get(reference_siao="S-1")
    assert (helene.prenom, helene.ressources, helene.aide_logement) == (
        "Hélène",
        Decimal("1234.50"),
        None,
    )  # aide vide : inconnue (R-UNKNOWN), pas 0
    assert helene.communes == ["35047", "35238"] and helene.categorie == "SPECIALISEE"
    assert dict(helene.criteres.values_list("critere", "reconnu_le")) == {
        "DALO_SANS_DOMICILE": date(2025, 3, 1), "SANS_LOGEMENT": None,
    }  # fmt: skip
    awa = Demande.objects.get(reference_siao="S-2")
    assert awa.ressources is None and awa.aide_logement == Decimal("280.00")


def test_une_ligne_fausse_et_rien_n_est_importe(distribution):
    contenu = _csv(
        "S-1;Durand;Léa;1;0;1200;;01/03/2025;;classique;",
        "S-2;Martin;Paul;1;0;12,345;;31/02/2025;3523;luxe;DALO_PARTOUT",
        "S-1;Durand;Léa;4;4;1200;;01/03/2025;;classique;",
        "S-4;Petit;Jean;1;0;;;01/03/2099;;classique;",
    )
    imp = _importer(distribution.sophie, contenu)
    assert imp.etat == "REFUSE" and not Demande.objects.exists()
    textes = [e["texte"] for e in imp.erreurs]
    assert "Ligne 3, ressources mensuelles : « 12,345 » : deux décimales au plus." in textes
    assert any(t.startswith("Ligne 3, date de la demande : « 31/02/2025 »") for t in textes)
    assert any(t.startswith("Ligne 3, catégorie : « luxe »") for t in textes)
    assert any("Ligne 3, critères de priorité : R-PRIORITY-PUBLICS" in t for t in textes)
    assert "Ligne 4, référence SI-SIAO : « S-1 » figure déjà ligne 2 : une ligne par demande." in (
        textes
    )
    assert any(t.startswith("Ligne 4, enfants : R-CAPACITY : 8 personnes") for t in textes)
    assert "Ligne 5, date de la demande : elle ne peut pas être dans le futur." in textes


def test_enfants_vide_est_refuse_jamais_zero(distribution):
    """Constat 4 (R-UNKNOWN) : une cellule « Enfants » vide n'est pas 0 enfant."""
    imp = _importer(distribution.sophie, _csv("S-1;Durand;Léa;1;;1200;;01/03/2025;;classique;"))
    assert imp.etat == "REFUSE" and not Demande.objects.exists()
    assert "Ligne 2, enfants : valeur requise." in [e["texte"] for e in imp.erreurs]
    sans_colonne = "Référence SI-SIAO;Nom;Prénom;Adultes;Date de la demande;Catégorie\r\n"
    sans_colonne += "S-1;Durand;Léa;1;01/03/2025;classique"
    imp = _importer(distribution.sophie, sans_colonne.encode())
    assert "Colonne requise absente" in imp.erreurs[0]["texte"]
    assert "« enfants »" in imp.erreurs[0]["texte"]


def test_une_reference_deja_enregistree_met_a_jour_et_est_signalee(distribution):
    existante = DemandeFactory(reference_siao="S-9", nom="Durand", adultes=1, enfants=1)
    contenu = _csv(
        "S-9;Durand;Léa;2;1;1400;;01/03/2025;35238;classique;SANS_LOGEMENT",
        "S-10;Morel;Ana;1;0;900;;01/03/2025;;classique;",
    )
    imp = _importer(distribution.sophie, contenu)
    assert imp.etat == "TERMINE", imp.erreurs
    assert imp.resultat["demandes_modifiees"] == 1 and imp.resultat["demandes_creees"] == 1
    assert imp.resultat["deja_enregistrees"] == [[2, "S-9"]]
    existante.refresh_from_db()
    assert existante.adultes == 2
    assert _importer(distribution.sophie, contenu).resultat["demandes_inchangees"] == 2


def test_le_modele_se_reimporte_tel_quel(distribution):
    imp = _importer(distribution.sophie, modele_fichier("csv", COLONNES, "Demandes"))
    assert imp.etat == "TERMINE", imp.erreurs
    assert Demande.objects.get().reference_siao == "SIAO35-2025-0142"
    xlsx = _importer(distribution.sophie, modele_fichier("xlsx", COLONNES, "Demandes"), "m.xlsx")
    assert xlsx.etat == "TERMINE" and xlsx.resultat["demandes_inchangees"] == 1


def test_fichier_illisible_colonne_manquante_ou_trop_gros(client, distribution, settings):
    imp = _importer(distribution.sophie, "Nom;Prénom\r\nDurand;Léa".encode())
    assert "Colonne requise absente" in imp.erreurs[0]["texte"]
    imp = _importer(distribution.sophie, b"\x81\x8d\x90" + _csv("x"))
    assert "ni en UTF-8 ni en Windows-1252" in imp.erreurs[0]["texte"]
    settings.IML_IMPORT_TAILLE_MAX = 100
    connecter(client, distribution.sophie)
    fichier = SimpleUploadedFile("export.csv", _csv("S-1;Durand;Léa;1;0;;;01/03/2025;;psy;"))
    reponse = client.post(reverse("orientations:imports"), {"fichier": fichier})
    assert reponse.status_code == 400
    assert "Fichier : il dépasse la taille maximale" in reponse.content.decode()


def test_l_ecran_d_import_du_siao(client, distribution):
    connecter(client, distribution.sophie)
    fichier = SimpleUploadedFile("export.csv", _csv("S-1;Durand;Léa;1;0;;;01/03/2025;;psy;"))
    reponse = client.post(reverse("orientations:imports"), {"fichier": fichier}, follow=True)
    contenu = reponse.content.decode()
    assert "Import terminé" in contenu and "1 créée" in contenu
    modele = client.get(reverse("orientations:modele_import", kwargs={"format": "csv"}))
    assert modele.content.decode("utf-8-sig").startswith("Référence SI-SIAO;Nom;Prénom")
    client.logout()
    connecter(client, distribution.marc)
    assert client.get(reverse("orientations:imports")).status_code == 403
    imp = ImportDemandes.objects.get()
    url = reverse("orientations:import_demandes", kwargs={"pk": imp.pk})
    assert client.get(url).status_code == 404


def _requetes_du_reimport(sophie, n: int) -> int:
    lignes = [f"S-{i};Durand;Léa;1;0;1200;;01/03/2025;;classique;SANS_LOGEMENT" for i in range(n)]
    contenu = _csv(*lignes)
    assert _importer(sophie, contenu).resultat["demandes_creees"] == n
    with CaptureQueriesContext(connection) as requetes:
        assert _importer(sophie, contenu).resultat["demandes_inchangees"] == n
    return sum("orientations_criteredemande" in q["sql"] for q in requetes)


def test_reimporter_des_demandes_inchangees_ne_relit_pas_leurs_criteres_une_a_une(
    distribution,
):
    """Constat 12 : les critères des demandes existantes sont lus en une requête."""
    assert _requetes_du_reimport(distribution.sophie, 12) == 1


def test_les_codes_des_criteres_sont_donnes_a_l_ecran_et_dans_le_modele(client, distribution):
    import io

    import openpyxl

    connecter(client, distribution.sophie)
    page = client.get(reverse("orientations:imports")).content.decode()
    assert "<code>DALO_SANS_DOMICILE</code>" in page and "DALO : sans domicile" in page
    modele = client.get(reverse("orientations:modele_import", kwargs={"format": "xlsx"}))
    classeur = openpyxl.load_workbook(io.BytesIO(modele.content))
    feuille = classeur["Critères de priorité"]
    assert ("DALO_SANS_DOMICILE", "DALO : sans domicile") in [
        (a.value, b.value) for a, b in feuille.iter_rows(min_row=2, max_col=2)
    ]
