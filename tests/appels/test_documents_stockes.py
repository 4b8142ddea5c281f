"""Documents d'un dossier : PDF établi une fois par version dans le worker (borné dans le
temps) puis servi depuis le stockage ; page d'attente en français ; chaque téléchargement
journalisé (qui, quel document, quand) et jamais gardé en cache (R-DOSSIER)."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from iml.appels import pdf
from iml.appels.enums import EtatDocument
from iml.appels.models import Dossier, VersionDossier
from iml.appels.services.conventions import calculer_convention, etablir_convention
from tests.appels.matrice_documents import acteur_de, preparer
from tests.appels.matrice_dossiers import (
    appel_ouvert,
    contenu_complet,
    deposer,
    dossier_de,
    figer,
    joindre,
)
from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(distribution):
    appel = appel_ouvert(distribution.claire, "Appel IML 35 — dépôt ouvert")
    return dossier_de(appel, distribution.marc, contenu_complet())


def url_pdf(dossier: Dossier, numero: int | None = None) -> str:
    url = reverse("appels:dossier_pdf", kwargs={"pk": dossier.pk})
    return url if numero is None else f"{url}?version={numero}"


def url_version(version: VersionDossier) -> str:
    return reverse(
        "appels:dossier_version", kwargs={"pk": version.dossier_id, "numero": version.numero}
    )


def texte(reponse) -> str:
    brut = re.sub(r"<[^>]+>", " ", reponse.content.decode()).replace("&#x27;", "'")
    return re.sub(r"[\s\u00a0\u202f]+", " ", brut)


def _sans_rendu_a_la_demande(monkeypatch) -> None:
    def interdit(*args, **kwargs):
        raise AssertionError("PDF rendu pendant la requête")

    monkeypatch.setattr(pdf, "en_pdf", interdit)
    monkeypatch.setattr(pdf, "en_pdf_borne", interdit)


# --- PDF établi au dépôt, servi depuis le stockage ----------------------------------------------


def test_le_depot_etablit_le_pdf_et_le_telechargement_le_sert_sans_le_refaire(
    client, distribution, dossier, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = deposer(dossier, distribution.marc)
    version.refresh_from_db()
    assert version.pdf_etat == EtatDocument.PRET
    with version.pdf.open("rb") as f:
        stocke = f.read()
    assert stocke.startswith(b"%PDF")

    _sans_rendu_a_la_demande(monkeypatch)
    connecter(client, distribution.claire)
    reponse = client.get(url_pdf(dossier))
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/pdf"
    assert reponse["Content-Disposition"] == f'attachment; filename="dossier-{dossier.pk}-v1.pdf"'
    assert "no-store" in reponse["Cache-Control"]
    assert reponse.getvalue() == stocke
    page = client.get(url_version(version)).content.decode()
    assert f'href="{url_pdf(dossier, 1)}" download' in page


def test_tant_que_le_pdf_n_est_pas_pret_la_page_le_dit_sans_faire_attendre(
    client, distribution, dossier, monkeypatch
):
    version = figer(dossier, distribution.marc)
    VersionDossier.objects.filter(pk=version.pk).update(
        pdf_etat=EtatDocument.EN_COURS, pdf_demande_le=timezone.now()
    )
    _sans_rendu_a_la_demande(monkeypatch)
    connecter(client, distribution.claire)

    reponse = client.get(url_pdf(dossier, 1))
    assert reponse.status_code == 202
    assert reponse["Content-Type"].startswith("text/html")
    assert "Le PDF est en cours de préparation…" in texte(reponse)

    page = client.get(url_version(version))
    assert "le PDF est en cours de préparation…" in texte(page)
    assert f'href="{url_pdf(dossier, 1)}" download' not in page.content.decode()


def test_une_version_deposee_avant_est_preparee_a_la_premiere_demande(
    client, distribution, dossier
):
    version = figer(dossier, distribution.marc)  # sans tâche : PDF à préparer
    assert version.pdf_etat == EtatDocument.A_PREPARER
    connecter(client, distribution.marc)
    assert "Préparer le dossier complet" in texte(client.get(url_version(version)))
    reponse = client.get(url_pdf(dossier, 1))  # le worker « immédiat » des tests l'établit
    assert reponse.status_code == 200
    assert reponse.getvalue().startswith(b"%PDF")
    version.refresh_from_db()
    assert version.pdf_etat == EtatDocument.PRET


def test_une_preparation_perdue_est_relancee(client, distribution, dossier, settings):
    """Worker arrêté pendant la tâche : au-delà du délai de relance, la demande suivante la
    reprogramme au lieu d'annoncer « en cours » pour toujours."""
    settings.IML_PDF_RELANCE_APRES = 1800
    version = figer(dossier, distribution.marc)
    VersionDossier.objects.filter(pk=version.pk).update(
        pdf_etat=EtatDocument.EN_COURS, pdf_demande_le=timezone.now() - timedelta(minutes=31)
    )
    connecter(client, distribution.marc)
    reponse = client.get(url_pdf(dossier, 1))
    assert reponse.status_code == 200
    assert reponse.getvalue().startswith(b"%PDF")


def test_un_pdf_disparu_du_stockage_est_etabli_de_nouveau(client, distribution, dossier):
    version = figer(dossier, distribution.marc)
    connecter(client, distribution.marc)
    assert client.get(url_pdf(dossier, 1)).status_code == 200
    version.refresh_from_db()
    version.pdf.storage.delete(version.pdf.name)  # base restaurée sans les documents
    reponse = client.get(url_pdf(dossier, 1))
    assert reponse.status_code == 200
    assert reponse.getvalue().startswith(b"%PDF")


def test_la_mise_en_page_est_bornee_dans_le_temps_et_l_echec_est_dit_en_francais(
    client, distribution, dossier, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.IML_PDF_DUREE_MAX = 7
    limites = []

    def trop_long(commande, **options):
        limites.append(options["timeout"])
        raise subprocess.TimeoutExpired(commande, options["timeout"])

    monkeypatch.setattr(pdf.subprocess, "run", trop_long)
    with django_capture_on_commit_callbacks(execute=True):
        version = deposer(dossier, distribution.marc)
    assert limites == [7]
    version.refresh_from_db()
    assert (version.pdf_etat, bool(version.pdf)) == (EtatDocument.ECHEC, False)

    connecter(client, distribution.claire)
    reponse = client.get(url_pdf(dossier, 1))
    assert reponse.status_code == 200
    message = texte(reponse)
    assert "Le PDF de la version 1 n'a pas pu être préparé" in message
    assert "la mise en page a dépassé la durée maximale de 7 secondes" in message
    assert limites == [7]  # pas de nouvel essai à chaque demande


def test_sans_version_deposee_il_n_y_a_pas_de_pdf(client, distribution, dossier):
    connecter(client, distribution.marc)
    reponse = client.get(url_pdf(dossier))
    assert reponse.status_code == 200
    assert "aucune version de ce dossier n'est encore déposée" in texte(reponse)


# --- Journal des téléchargements ----------------------------------------------------------------


def _consultations(dossier: Dossier, utilisateur) -> list[str]:
    return [
        (e.additional_data or {}).get("document", "")
        for e in LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Dossier),
            object_pk=str(dossier.pk),
            action=LogEntry.Action.ACCESS,
            actor=utilisateur,
        )
    ]


@pytest.mark.parametrize(
    ("nom_url", "document"),
    [
        ("appels:dossier_annexes_xlsx", "Annexes (XLSX), version 1"),
        ("appels:dossier_annexes_ods", "Annexes (ODS), version 1"),
        ("appels:dossier_pdf", "Dossier complet (PDF), version 1"),
    ],
)
def test_chaque_telechargement_d_un_document_du_dossier_est_journalise(
    client, distribution, nom_url, document
):
    preparer(distribution)
    dossier = distribution.documents.dossier
    connecter(client, distribution.claire)
    reponse = client.get(reverse(nom_url, kwargs={"pk": dossier.pk}))
    assert reponse.status_code == 200
    assert "no-store" in reponse["Cache-Control"]
    assert _consultations(dossier, distribution.claire) == [document]
    entree = LogEntry.objects.get(actor=distribution.claire, action=LogEntry.Action.ACCESS)
    assert entree.timestamp is not None


def test_la_synthese_et_la_convention_telechargees_sont_journalisees(client, distribution):
    preparer(distribution)
    docs = distribution.documents
    connecter(client, distribution.claire)
    synthese = client.get(reverse("appels:appel_synthese_xlsx", kwargs={"pk": docs.appel.pk}))
    assert synthese.status_code == 200 and "no-store" in synthese["Cache-Control"]
    assert _consultations(docs.dossier, distribution.claire) == [
        f"Synthèse de l'appel « {docs.appel.nom} » (XLSX), version 1"
    ]
    # Le même classeur en OpenDocument est journalisé de même.
    client.get(reverse("appels:appel_synthese_ods", kwargs={"pk": docs.appel.pk}))
    assert f"Synthèse de l'appel « {docs.appel.nom} » (ODS), version 1" in _consultations(
        docs.dossier, distribution.claire
    )
    convention = etablir_convention(
        acteur=acteur_de(distribution.claire),
        dossier=docs.dossier,
        montants_negocies={a.annee: a.total for a in calculer_convention(docs.dossier).annees},
        motif_ecart="",
        cofinancements=[],
    )
    connecter(client, distribution.marc)
    reponse = client.get(reverse("appels:convention_pdf", kwargs={"pk": docs.dossier.pk}))
    assert reponse.status_code == 200 and "no-store" in reponse["Cache-Control"]
    assert _consultations(docs.dossier, distribution.marc) == [
        f"Convention {convention.numero} (PDF)"
    ]


def test_le_journal_d_audit_nomme_le_document_telecharge(client, distribution):
    preparer(distribution)
    dossier = distribution.documents.dossier
    connecter(client, distribution.claire)
    client.get(reverse("appels:dossier_annexes_ods", kwargs={"pk": dossier.pk}))
    connecter(client, distribution.admin)
    page = client.get(reverse("ui:journal")).content.decode()
    ligne = next(
        ligne
        for ligne in page.split("<tr>")
        if "<td>Consultation</td>" in ligne and "<td>Claire Moreau</td>" in ligne
    )
    assert "<li>document téléchargé : Annexes (ODS), version 1</li>" in ligne


@pytest.mark.parametrize("numero", ["²", "٣", "99999999999999999999", "1a"])
def test_un_numero_de_version_invalide_donne_404(client, distribution, numero):
    preparer(distribution)
    dossier = distribution.documents.dossier
    connecter(client, distribution.marc)
    for nom_url in ("appels:dossier_pdf", "appels:dossier_annexes_xlsx"):
        url = reverse(nom_url, kwargs={"pk": dossier.pk})
        assert client.get(url, {"version": numero}).status_code == 404


def test_les_fichiers_partent_avec_le_dossier_supprime(
    client, distribution, dossier, django_capture_on_commit_callbacks
):
    """Données personnelles : ni pièce ni PDF ne restent sur le disque après la suppression
    d'un dossier (suppression en cascade, réinitialisation de la démonstration)."""
    piece = joindre(dossier, distribution.marc)
    figer(dossier, distribution.marc)
    connecter(client, distribution.marc)
    assert client.get(url_pdf(dossier, 1)).status_code == 200
    version = VersionDossier.objects.get(dossier=dossier)
    chemins = [Path(piece.fichier.path), Path(version.pdf.path)]
    assert all(chemin.exists() for chemin in chemins)
    with django_capture_on_commit_callbacks(execute=True):
        Dossier.objects.get(pk=dossier.pk).delete()
    assert not any(chemin.exists() for chemin in chemins)
