"""R-STATS : écrans des statistiques annuelles (ouverture, page d'une statistique, correction,
soumission, bandeau du renouvellement, campagne consolidée) et exports xlsx, ods, PDF."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from iml.pilotage.models import CampagneStatistiques, CorrectionStatistique
from tests.factories import connecter
from tests.menages.factories import OccupationFactory
from tests.pilotage.test_statistiques_services import ANNEE, ouvrir


@pytest.fixture
def campagne(distribution):
    OccupationFactory(date_entree=date(ANNEE, 2, 1), sortie=(date(ANNEE, 9, 30), "RUE"))
    return ouvrir(distribution)


@pytest.fixture
def ais(distribution, campagne):
    return campagne.statistiques.get(operateur=distribution.org.ais35)


def test_la_ddets_ouvre_une_campagne_depuis_l_ecran(client, distribution):
    connecter(client, distribution.claire)
    url = reverse("pilotage:statistiques_campagne_ouvrir")
    reponse = client.post(url, {"annee": ANNEE, "date_limite": f"{ANNEE}-12-01"})
    assert reponse.status_code == 200
    texte = reponse.content.decode()
    assert "La campagne n'est pas ouverte" in texte
    assert f"elle suit la fin de l&#x27;année {ANNEE}" in texte
    assert not CampagneStatistiques.objects.exists()
    hier = timezone.localdate() - timedelta(days=1)
    reponse = client.post(url, {"annee": ANNEE, "date_limite": hier.isoformat()})
    assert "Date limite de soumission : le " in reponse.content.decode()  # déjà passée
    assert not CampagneStatistiques.objects.exists()
    limite = timezone.localdate().isoformat()
    reponse = client.post(url, {"annee": ANNEE, "date_limite": limite})
    campagne = CampagneStatistiques.objects.get()
    assert reponse.url == reverse("pilotage:statistiques_campagne", args=[campagne.pk])
    assert campagne.statistiques.count() == 3


def test_l_operateur_voit_calcule_et_retenu_sans_aucun_nom_de_menage(client, distribution, ais):
    connecter(client, distribution.marc)
    texte = client.get(reverse("pilotage:statistique", args=[ais.pk])).content.decode()
    assert "Sorties — Rue" in texte
    assert "Soumettre à l'État" in texte
    liste = client.get(reverse("pilotage:statistiques")).content.decode()
    assert f"<td>{ANNEE}</td>" in liste  # une année, sans séparateur de milliers
    corriger = client.get(reverse("pilotage:statistique_corriger", args=[ais.pk])).content
    assert f"Statistiques {ANNEE}</a>" in corriger.decode()
    from iml.menages.models import Menage

    for menage in Menage.objects.all():
        assert menage.nom not in texte


def test_une_correction_saisie_reste_a_cote_de_la_valeur_calculee(client, distribution, ais):
    connecter(client, distribution.marc)
    url = reverse("pilotage:statistique_corriger", args=[ais.pk])
    reponse = client.post(url, {"cle": "entrees", "valeur": "2,5", "motif": "essai"})
    assert reponse.status_code == 200
    assert "est un nombre entier" in reponse.content.decode()
    reponse = client.post(url, {"cle": "entrees", "valeur": "4", "motif": "Saisie papier"})
    assert reponse.status_code == 302
    texte = client.get(reverse("pilotage:statistique", args=[ais.pk])).content.decode()
    assert "corrigé" in texte and "Saisie papier" in texte and "Marc Bernard" in texte
    assert CorrectionStatistique.objects.get().par == distribution.marc


def test_apres_la_date_limite_sans_soumission_le_bandeau_signale_le_renouvellement(
    client, distribution
):
    ais = ouvrir(distribution, limite=date(ANNEE + 1, 1, 2)).statistiques.get(
        operateur=distribution.org.ais35
    )
    connecter(client, distribution.claire)
    texte = client.get(reverse("pilotage:statistique", args=[ais.pk])).content.decode()
    assert "Renouvellement de la convention signalé" in texte
    connecter(client, distribution.marc)
    client.post(reverse("pilotage:statistique_soumettre", args=[ais.pk]))
    texte = client.get(reverse("pilotage:statistique", args=[ais.pk])).content.decode()
    assert "Renouvellement de la convention signalé" not in texte
    assert "Corriger un indicateur" not in texte


def test_la_campagne_consolide_les_soumises_et_dit_les_non_renseignes(
    client, distribution, campagne, ais
):
    connecter(client, distribution.marc)
    url = reverse("pilotage:statistique_corriger", args=[ais.pk])
    client.post(url, {"cle": "contacts", "valeur": "", "motif": "Contacts non saisis"})
    client.post(reverse("pilotage:statistique_soumettre", args=[ais.pk]))
    connecter(client, distribution.claire)
    texte = client.get(reverse("pilotage:statistiques_campagne", args=[campagne.pk])).content
    texte = texte.decode()
    assert "1 statistique soumise sur 3" in texte
    # Contacts : la part de l'AIS non renseignée, le Relais et Toit Partagé n'ont pas soumis.
    assert "(1\u00a0part non renseignée, 2\u00a0opérateurs non soumis)" in texte
    reponse = client.get(reverse("pilotage:statistiques_campagne_xlsx", args=[campagne.pk]))
    classeur = load_workbook(io.BytesIO(reponse.content))
    lignes = {r[1]: r for r in classeur[f"Campagne {ANNEE}"].iter_rows(values_only=True) if r[1]}
    # R-UNKNOWN : hors de la page, un total partiel ne se lit jamais comme complet.
    assert lignes["Sorties — Rue"][2:4] == (
        "1 pour les parts connues ; 2\u00a0opérateurs non soumis",
        2,
    )
    assert lignes["Contacts avec les ménages"][2:4] == (
        "non renseigné (1\u00a0part non renseignée, 2\u00a0opérateurs non soumis)", 3,
    )  # fmt: skip
    assert lignes["Durée moyenne de séjour (jours)"][2] == "sans objet (moyenne)"
    etats = [r[2] for r in classeur["Opérateurs"].iter_rows(values_only=True)]
    assert etats.count("Soumise") == 1 and etats.count("À revoir par l'opérateur") == 2
    ods = client.get(reverse("pilotage:statistiques_campagne_ods", args=[campagne.pk]))
    assert ods.content[:2] == b"PK"
    client.post(reverse("pilotage:statistique_consolider", args=[ais.pk]))
    ais.refresh_from_db()
    assert ais.statut == "CONSOLIDEE_DEPARTEMENT"


def test_les_exports_portent_les_memes_chiffres_et_non_renseigne(client, distribution, ais):
    connecter(client, distribution.marc)
    client.post(
        reverse("pilotage:statistique_corriger", args=[ais.pk]),
        {"cle": "contacts", "valeur": "", "motif": "Contacts non saisis"},
    )
    reponse = client.get(reverse("pilotage:statistique_xlsx", args=[ais.pk]))
    feuille = load_workbook(io.BytesIO(reponse.content))["Statistiques " + str(ANNEE)]
    lignes = {r[1]: r for r in feuille.iter_rows(values_only=True) if r and r[1]}
    assert lignes["Sorties — Rue"][2:4] == (1, 1)
    assert lignes["Contacts avec les ménages"][2:5] == (0, "non renseigné", "oui")
    assert lignes["Durée moyenne de séjour (jours)"][2] == 241
    ods = client.get(reverse("pilotage:statistique_ods", args=[ais.pk]))
    assert ods.content[:2] == b"PK"
    pdf = client.get(reverse("pilotage:statistique_pdf", args=[ais.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"


def test_un_total_de_campagne_complet_reste_un_nombre():
    from iml.pilotage.statistiques.exports import _total
    from iml.pilotage.statistiques.presentation import LigneCampagne, manque
    from regles.statistiques import Total

    assert manque(Total(7, 0), 0) == ""
    complet = LigneCampagne("Sorties", "Sorties — Rue", Total(7, 0), "entier", "", 0)
    assert _total(complet).valeur == 7
    assert manque(Total(7, 1), 1) == "1\u00a0part non renseignée, 1\u00a0opérateur non soumis"


def test_corriger_ou_soumettre_une_statistique_figee_ramene_a_sa_page_jamais_une_erreur(
    client, distribution, ais
):
    """Revue 13, constats 1 et 17 : une statistique soumise (ou consolidée, y compris dans un
    autre onglet pendant la correction) ne se corrige plus ; retour à sa page avec une phrase
    d'état datée et signée, jamais une erreur 500 ni le motif de refus brut."""
    connecter(client, distribution.marc)
    corriger = reverse("pilotage:statistique_corriger", args=[ais.pk])
    assert client.get(corriger).status_code == 200  # formulaire ouvert dans un onglet
    client.post(reverse("pilotage:statistique_soumettre", args=[ais.pk]))
    ais.refresh_from_db()
    phrase = (
        f"Soumises le {timezone.localdate(ais.soumise_le):%d/%m/%Y} par Marc Bernard : "
        "elles ne changent plus."
    )
    page = reverse("pilotage:statistique", args=[ais.pk])
    texte = client.get(page).content.decode()
    assert phrase in texte and "déjà soumises" not in texte
    envoi = client.post(corriger, {"cle": "entrees", "valeur": "4", "motif": "Saisie papier"})
    assert envoi.status_code == 302 and envoi.url == page
    assert not CorrectionStatistique.objects.exists()
    connecter(client, distribution.claire)
    assert client.get(corriger).status_code == 403  # l'État ne corrige pas : refus de droit
    client.post(reverse("pilotage:statistique_consolider", args=[ais.pk]))
    connecter(client, distribution.marc)
    for url in (corriger, reverse("pilotage:statistique_soumettre", args=[ais.pk])):
        reponse = client.get(url, follow=True)
        assert reponse.redirect_chain == [(page, 302)]
        assert phrase in reponse.content.decode()
    for geste in ("pilotage:statistique_soumettre", "pilotage:statistique_recalculer"):
        reponse = client.post(reverse(geste, args=[ais.pk]), follow=True)
        texte = reponse.content.decode()
        assert phrase in texte and "déjà soumises" not in texte  # double clic, autre onglet


def test_le_pdf_commence_par_les_chiffres_et_ecrit_les_entiers_sans_decimales(
    client, distribution, ais
):
    """Revue 13, constat 6 : ni page vide en tête (en-tête seul, puis titre seul), et dans la
    feuille des corrections une valeur entière s'écrit « 17 », pas « 17,00 »."""
    from pypdf import PdfReader

    connecter(client, distribution.marc)
    client.post(
        reverse("pilotage:statistique_corriger", args=[ais.pk]),
        {"cle": "entrees", "valeur": "17", "motif": "Entrées saisies sur papier"},
    )
    pdf = client.get(reverse("pilotage:statistique_pdf", args=[ais.pk])).content
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    premiere = " ".join(pages[0].split())
    assert f"Statistiques annuelles {ANNEE}" in premiere
    assert "Entrées — Mandat de gestion" in premiere  # les chiffres dès la première page
    corrections = next(p for p in pages if "Entrées saisies sur papier" in p)
    assert "17,00" not in corrections and " 17 " in f" {' '.join(corrections.split())} "
    reponse = client.get(reverse("pilotage:statistique_xlsx", args=[ais.pk]))
    feuille = load_workbook(io.BytesIO(reponse.content))["Corrections"]
    assert [r[2] for r in feuille.iter_rows(min_row=2, values_only=True)] == [17]
    page = client.get(reverse("pilotage:statistique", args=[ais.pk])).content.decode()
    assert "17,00" not in page
