"""Export du parc (xlsx, ods, csv) : les colonnes de l'import, en français, « non renseigné »
pour l'inconnu ; un export se réimporte sans rien changer."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from iml.parc.models import Logement
from iml.parc.models_imports import ImportParc
from tests.factories import connecter
from tests.parc.factories import BailleurFactory, LogementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def julie(client, distribution):
    connecter(client, distribution.julie)
    return client


@pytest.fixture
def parc(distribution):
    bailleur = BailleurFactory(reference="B-1", nom="Martin", telephone="+33 2 99 00 00 00")
    LogementFactory(bailleur=bailleur, reference="L-1", loyer=Decimal("1234.50"))
    LogementFactory(
        bailleur=bailleur, reference="L-2", sous_location=True, surface_m2=None, etage=-1,
        typologie="T6_PLUS", capacite=7, commune="Saint-Malo", code_postal="35400",
    )  # fmt: skip
    LogementFactory(bailleur=bailleur, reference="L-3", statut="RESTITUE")
    LogementFactory(agent=distribution.thomas, reference="RELAIS-1")


def exporter(client, format_: str) -> bytes:
    reponse = client.get(reverse("parc:export", kwargs={"format": format_}))
    assert reponse.status_code == 200
    assert "no-store" in reponse["Cache-Control"]
    return reponse.content


def test_le_csv_est_en_francais_sans_le_parc_des_autres(julie, parc):
    texte = exporter(julie, "csv").decode("utf-8-sig")
    lignes = texte.splitlines()
    assert lignes[0].startswith("Référence du logement;Référence du bailleur;Type de bailleur")
    assert "Loyer hors charges (€ par mois)" in lignes[0] and "Surface (m²)" in lignes[0]
    assert "1\u202f234,50" in texte and "Rennes (35238)" in texte and "Saint-Malo (35" in texte
    assert "non renseigné" in texte  # surface inconnue, jamais 0
    assert "\u22121" in texte  # étage −1
    assert "RELAIS-1" not in texte
    assert len(lignes) == 4  # en-tête, L-1, L-2, L-3 (restitué)


def test_le_xlsx_a_des_nombres_un_en_tete_fige_et_des_filtres(julie, parc):
    from openpyxl import load_workbook

    feuille = load_workbook(io.BytesIO(exporter(julie, "xlsx"))).active
    assert feuille.freeze_panes == "B2"
    assert feuille.auto_filter.ref.startswith("A1:")
    entetes = [c.value for c in feuille[1]]
    ligne = {entetes[i]: c.value for i, c in enumerate(feuille[2])}
    assert ligne["Loyer hors charges (€ par mois)"] == Decimal("1234.50") or ligne[
        "Loyer hors charges (€ par mois)"
    ] == pytest.approx(1234.5)
    assert ligne["Forme d'IML"] == "Mandat de gestion"
    surfaces = [feuille.cell(row=r, column=entetes.index("Surface (m²)") + 1).value for r in (2, 3)]
    assert "non renseigné" in surfaces


def test_l_ods_est_un_classeur_opendocument(julie, parc):
    contenu = exporter(julie, "ods")
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert "L-2" in archive.read("content.xml").decode()


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_un_export_reimporte_ne_change_rien(julie, parc, format_):
    contenu = exporter(julie, format_)
    avant = list(Logement.objects.order_by("pk").values())
    reponse = julie.post(
        reverse("parc:imports"), {"fichier": SimpleUploadedFile(f"parc.{format_}", contenu)}
    )
    imp = ImportParc.objects.get()
    assert reponse.status_code == 302
    assert imp.etat == "TERMINE", imp.erreurs
    assert imp.resultat["logements_inchanges"] == 3  # le logement restitué compris
    assert imp.resultat["logements_crees"] == imp.resultat["logements_modifies"] == 0
    assert imp.resultat["bailleurs_modifies"] == 0
    assert list(Logement.objects.order_by("pk").values()) == avant


def test_un_format_inconnu_est_une_404(julie):
    assert julie.get(reverse("parc:export", kwargs={"format": "pdf"})).status_code == 404


@pytest.mark.parametrize("persona", ["nadia", "claire", "sophie", "anne"])
def test_l_identite_des_bailleurs_ne_sort_pas_pour_les_autres_roles(
    client, distribution, parc, persona
):
    connecter(client, getattr(distribution, persona))
    assert client.get(reverse("parc:export", kwargs={"format": "csv"})).status_code == 403


def test_l_export_est_journalise(julie, parc, distribution):
    from auditlog.models import LogEntry

    exporter(julie, "csv")
    entree = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("pk")
    assert "Export du parc (CSV)" in entree.additional_data["document"]


def test_l_export_fait_un_nombre_de_requetes_constant(julie, parc, django_assert_max_num_queries):
    exporter(julie, "csv")
    with django_assert_max_num_queries(15) as peu:
        exporter(julie, "csv")
    for i in range(5):
        LogementFactory(reference=f"X-{i}")
    with django_assert_max_num_queries(len(peu.captured_queries)):
        exporter(julie, "csv")


def test_une_ligne_modifiee_d_un_logement_restitue_est_refusee(julie, parc):
    """R-PARC : le logement restitué se réimporte inchangé, mais une ligne qui le modifie
    refuse tout le fichier."""
    contenu = exporter(julie, "csv").decode("utf-8-sig")
    ligne = next(ligne for ligne in contenu.splitlines() if ligne.startswith("L-3;"))
    modifie = contenu.replace(ligne, ligne.replace("520,00", "600,00"))
    julie.post(reverse("parc:imports"), {"fichier": SimpleUploadedFile("p.csv", modifie.encode())})
    imp = ImportParc.objects.get()
    assert imp.etat == "REFUSE"
    assert "R-PARC" in imp.erreurs[0]["message"]
