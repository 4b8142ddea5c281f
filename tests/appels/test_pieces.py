"""Pièces jointes du dossier : type reconnu par le contenu (PDF, PNG, JPEG), taille bornée,
rangement hors de la racine web, téléchargement cadré et journalisé, suppression tant que le
dossier est modifiable (R-ELIGIBILITY : justificatifs des agréments)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from iml.appels.models import PieceJointe
from tests.appels.matrice_dossiers import (
    JPEG,
    PDF,
    PNG,
    appel_ouvert,
    contenu_complet,
    dossier_de,
    fermer_le_depot,
    fichier,
    figer,
    joindre,
)
from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.fixture
def appel(distribution):
    return appel_ouvert(distribution.claire, "Appel IML 35 — dépôt ouvert")


@pytest.fixture
def dossier(distribution, appel):
    return dossier_de(appel, distribution.marc, contenu_complet())


@pytest.fixture
def marc(client, distribution):
    connecter(client, distribution.marc)
    return client


def url_agrements(dossier) -> str:
    return reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": "agrements"})


def url_telecharger(piece) -> str:
    return reverse("appels:piece_telecharger", kwargs={"pk": piece.pk})


def url_supprimer(piece) -> str:
    return reverse("appels:piece_supprimer", kwargs={"pk": piece.pk})


def texte(reponse) -> str:
    brut = re.sub(r"<[^>]+>", " ", reponse.content.decode()).replace("&#x27;", "'")
    return re.sub(r"[\s\u00a0\u202f]+", " ", brut)


def deposer_dans_l_etape(client, dossier, nom: str, contenu: bytes, champ="L365_4_fichier"):
    return client.post(
        url_agrements(dossier),
        {"L365_4_debut": "2015-01-01", champ: fichier(nom, contenu), "rester": "1"},
    )


# --- Contrôle du fichier ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nom", "contenu", "type_mime"),
    [
        ("agrement L365-4.pdf", PDF, "application/pdf"),
        ("scan.png", PNG, "image/png"),
        ("photo.JPEG", JPEG, "image/jpeg"),
        ("photo.jpg", JPEG, "image/jpeg"),
    ],
)
def test_pdf_png_et_jpeg_sont_acceptes_et_ranges_hors_de_la_racine_web(
    marc, dossier, nom, contenu, type_mime
):
    reponse = deposer_dans_l_etape(marc, dossier, nom, contenu)
    assert reponse.status_code == 302
    piece = PieceJointe.objects.get(dossier=dossier)
    assert (piece.type, piece.nom_original, piece.type_mime) == ("AGREMENT_L365_4", nom, type_mime)
    assert piece.taille == len(contenu)
    chemin = Path(piece.fichier.path)
    assert chemin.is_relative_to(Path(settings.MEDIA_ROOT))
    assert not chemin.is_relative_to(Path(settings.STATIC_ROOT))
    assert Path(nom).stem not in chemin.name  # nom aléatoire, jamais celui de l'opérateur
    assert chemin.read_bytes() == contenu
    dossier.refresh_from_db()
    assert dossier.contenu["agrements"]["L365_4"] == {"date_debut": "2015-01-01"}


@pytest.mark.parametrize(
    ("nom", "contenu"),
    [
        ("faux.pdf", b"MZ\x90\x00 un executable deguise"),
        ("texte.pdf", b"Ceci n'est pas un PDF."),
        ("image.pdf", PNG),  # contenu PNG, extension PDF : incohérent
        ("document.docx", PDF),  # contenu PDF, extension refusée
    ],
)
def test_le_type_est_reconnu_par_le_contenu_pas_seulement_par_l_extension(
    marc, dossier, nom, contenu
):
    avant = dict(dossier.contenu)
    reponse = deposer_dans_l_etape(marc, dossier, nom, contenu)
    assert reponse.status_code == 200
    assert (
        "« Agrément L 365-4 (intermédiation et gestion locative sociale) : justificatif » : "
        "seuls les fichiers PDF, PNG ou JPEG sont acceptés" in texte(reponse)
    )
    assert not PieceJointe.objects.exists()
    dossier.refresh_from_db()
    assert dossier.contenu == avant


HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(
    ("nom", "contenu", "nature"),
    [
        ("signature.pdf", b"%PDF-1.7\n" + HTML, "un PDF"),
        ("pdf-puis-html.pdf", PDF + HTML, "un PDF"),
        ("signature.png", b"\x89PNG\r\n\x1a\n" + HTML, "une image"),
        ("png-puis-html.png", PNG + HTML, "une image"),
        ("signature.jpg", b"\xff\xd8\xff\xe0" + HTML, "une image"),
        ("jpeg-puis-html.jpg", JPEG + HTML, "une image"),
        ("tronquee.png", PNG[:-30], "une image"),
    ],
)
def test_le_fichier_est_lu_pour_de_vrai_une_signature_suivie_de_html_est_refusee(
    marc, dossier, nom, contenu, nature
):
    reponse = deposer_dans_l_etape(marc, dossier, nom, contenu)
    assert reponse.status_code == 200
    assert (
        "« Agrément L 365-4 (intermédiation et gestion locative sociale) : justificatif » : "
        f"le fichier « {nom} » n'est pas {nature} lisible" in texte(reponse)
    )
    assert not PieceJointe.objects.exists()


@pytest.mark.parametrize(
    ("nom", "contenu"),
    [
        ("scan.pdf", PDF + b"\r\n\x00\x00"),  # blancs et remplissage après %%EOF
        ("photo-animee.jpg", JPEG + b"\x00\x00\x00\x18ftypmp42" + bytes(range(256))),
    ],
)
def test_un_fichier_reel_avec_une_fin_usuelle_reste_accepte(marc, dossier, nom, contenu):
    assert deposer_dans_l_etape(marc, dossier, nom, contenu).status_code == 302
    assert PieceJointe.objects.filter(dossier=dossier, nom_original=nom).exists()


def test_la_taille_est_bornee_par_un_reglage(marc, dossier, settings):
    settings.IML_PIECE_TAILLE_MAX = 2048
    reponse = deposer_dans_l_etape(marc, dossier, "gros.pdf", PDF + b"0" * 4096)
    assert reponse.status_code == 200
    assert "le fichier pèse" in texte(reponse)
    assert "la limite est de" in texte(reponse)
    assert not PieceJointe.objects.exists()
    assert deposer_dans_l_etape(marc, dossier, "petit.pdf", PDF).status_code == 302


def test_la_limite_par_defaut_est_de_10_mo(marc, dossier):
    assert settings.IML_PIECE_TAILLE_MAX == 10 * 1024 * 1024
    assert "10 Mo au plus" in texte(marc.get(url_agrements(dossier)))


def test_le_panneau_de_conformite_n_envoie_pas_les_fichiers(marc, dossier):
    page = marc.get(url_agrements(dossier)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert re.search(r'hx-params="not [^"]*L365_4_fichier', page)


# --- Téléchargement -----------------------------------------------------------------------------


def test_l_operateur_telecharge_sa_piece_en_piece_jointe_et_la_consultation_est_journalisee(
    marc, distribution, dossier
):
    piece = joindre(dossier, distribution.marc)
    reponse = marc.get(url_telecharger(piece))
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"].startswith("attachment;")
    assert 'filename="agrement.pdf"' in reponse["Content-Disposition"]
    assert reponse["Content-Type"] == "application/pdf"
    assert b"".join(reponse.streaming_content) == PDF
    entree = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(PieceJointe),
        object_pk=str(piece.pk),
        action=LogEntry.Action.ACCESS,
    )
    assert entree.actor == distribution.marc


def test_un_autre_operateur_ne_voit_pas_la_piece(client, distribution, dossier):
    piece = joindre(dossier, distribution.marc)
    connecter(client, distribution.helene)
    assert client.get(url_telecharger(piece)).status_code == 404
    assert client.post(url_supprimer(piece)).status_code == 404


def test_l_etat_du_territoire_telecharge_la_piece_d_un_dossier_depose(
    client, distribution, dossier
):
    piece = joindre(dossier, distribution.marc)
    connecter(client, distribution.claire)
    assert client.get(url_telecharger(piece)).status_code == 404  # brouillon : pas encore lu
    figer(dossier, distribution.marc)
    reponse = client.get(url_telecharger(piece))
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"].startswith("attachment;")
    assert LogEntry.objects.filter(
        object_pk=str(piece.pk), action=LogEntry.Action.ACCESS, actor=distribution.claire
    ).exists()


def test_l_etat_ne_telecharge_pas_une_piece_jointe_apres_le_dernier_depot(
    client, distribution, dossier
):
    """Une pièce jointe après le dernier dépôt appartient au brouillon : seul l'opérateur la
    lit ; l'État la reçoit avec la version suivante (les identifiants se suivent : /pieces/N+1/
    ne doit rien livrer)."""
    deposee = joindre(dossier, distribution.marc)
    figer(dossier, distribution.marc)
    brouillon = joindre(dossier, distribution.marc, "CARTE_PROFESSIONNELLE")
    connecter(client, distribution.claire)
    assert client.get(url_telecharger(deposee)).status_code == 200
    assert client.get(url_telecharger(brouillon)).status_code == 404
    connecter(client, distribution.marc)
    assert client.get(url_telecharger(brouillon)).status_code == 200
    figer(dossier, distribution.marc)  # version 2 : la pièce en fait partie
    connecter(client, distribution.claire)
    assert client.get(url_telecharger(brouillon)).status_code == 200


def test_une_piece_n_est_jamais_gardee_en_cache(marc, distribution, dossier):
    piece = joindre(dossier, distribution.marc)
    reponse = marc.get(url_telecharger(piece))
    assert reponse.status_code == 200
    assert "no-store" in reponse["Cache-Control"]


def test_l_etat_d_un_autre_territoire_ne_voit_pas_la_piece(client, distribution, dossier):
    piece = joindre(dossier, distribution.marc)
    figer(dossier, distribution.marc)
    connecter(client, distribution.paul)
    assert client.get(url_telecharger(piece)).status_code == 404


def test_les_documents_deposes_ne_sont_pas_servis_en_statique(marc, distribution, dossier):
    piece = joindre(dossier, distribution.marc)
    assert marc.get(f"/{piece.fichier.name}").status_code == 404
    assert marc.get(f"/media/{piece.fichier.name}").status_code == 404


# --- Suppression --------------------------------------------------------------------------------


def test_supprimer_une_piece_tant_que_le_dossier_est_modifiable(
    marc, distribution, dossier, django_capture_on_commit_callbacks
):
    piece = joindre(dossier, distribution.marc)
    chemin = Path(piece.fichier.path)
    page = marc.get(url_agrements(dossier)).content.decode()
    assert f'form="supprimer-piece-{piece.pk}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        reponse = marc.post(url_supprimer(piece))
    assert reponse.status_code == 302
    assert reponse["Location"] == url_agrements(dossier)
    assert not PieceJointe.objects.filter(pk=piece.pk).exists()
    assert not chemin.exists()


def test_une_piece_d_une_version_deposee_ne_se_supprime_plus(marc, distribution, dossier):
    piece = joindre(dossier, distribution.marc)
    figer(dossier, distribution.marc)
    reponse = marc.post(url_supprimer(piece), follow=True)
    assert "fait partie d'une version déposée" in texte(reponse)
    assert PieceJointe.objects.filter(pk=piece.pk).exists()
    assert (
        f'form="supprimer-piece-{piece.pk}"'
        not in marc.get(url_agrements(dossier)).content.decode()
    )


def test_apres_la_date_limite_on_ne_supprime_ni_ne_joint_plus_rien(
    marc, distribution, appel, dossier
):
    piece = joindre(dossier, distribution.marc)
    fermer_le_depot(appel)
    assert marc.post(url_supprimer(piece)).status_code == 403
    assert deposer_dans_l_etape(marc, dossier, "autre.pdf", PDF).status_code == 403
    assert PieceJointe.objects.filter(dossier=dossier).count() == 1
    assert marc.get(url_telecharger(piece)).status_code == 200


def test_l_etat_ne_supprime_pas_la_piece_d_un_operateur(client, distribution, dossier):
    piece = joindre(dossier, distribution.marc)
    figer(dossier, distribution.marc)
    connecter(client, distribution.claire)
    assert client.post(url_supprimer(piece)).status_code == 403
    assert PieceJointe.objects.filter(pk=piece.pk).exists()
