"""Pièces jointes d'un dossier : contrôle du fichier, dépôt, suppression.

Un fichier est accepté s'il est un PDF, un PNG ou un JPEG reconnu par ses premiers octets
(« nombres magiques ») et par une extension cohérente, s'il se lit réellement dans ce format
(PDF ouvert par pypdf, page comprise ; image entièrement décodée par Pillow) sans rien après
sa fin (pas de HTML collé derrière une signature valide), et s'il ne dépasse pas
`settings.IML_PIECE_TAILLE_MAX` octets. Il est rangé sous MEDIA_ROOT (hors de la racine web)
sous un nom aléatoire ; le nom d'origine n'est gardé qu'en base.
"""

from __future__ import annotations

import io
import uuid
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image
from pypdf import PdfReader

from iml.appels import perms
from iml.appels.enums import TypePiece
from iml.appels.models import Dossier, PieceJointe
from iml.appels.services import appels as services
from iml.comptes.acteur import Acteur

TAILLE_MAX_DEFAUT = 10 * 1024 * 1024


@dataclass(frozen=True)
class FormatPiece:
    type_mime: str
    signature: bytes
    extensions: tuple[str, ...]


FORMATS = (
    FormatPiece("application/pdf", b"%PDF-", (".pdf",)),
    FormatPiece("image/png", b"\x89PNG\r\n\x1a\n", (".png",)),
    FormatPiece("image/jpeg", b"\xff\xd8\xff", (".jpg", ".jpeg")),
)


def taille_max() -> int:
    """Taille maximale d'une pièce, en octets (réglage IML_PIECE_TAILLE_MAX)."""
    return int(getattr(settings, "IML_PIECE_TAILLE_MAX", TAILLE_MAX_DEFAUT))


def en_mo(octets: int) -> str:
    """« 10 Mo », « 12,5 Mo »."""
    valeur = round(octets / (1024 * 1024), 1)
    texte = f"{valeur:.1f}".replace(".", ",").removesuffix(",0")
    return f"{texte}\u00a0Mo"


def taille_lisible(octets: int) -> str:
    """« 850 Ko », « 2,4 Mo »."""
    if octets < 1024 * 1024:
        return f"{max(1, round(octets / 1024))}\u00a0Ko"
    return en_mo(octets)


def _entete(fichier: UploadedFile) -> bytes:
    fichier.seek(0)
    entete = fichier.read(16)
    fichier.seek(0)
    return entete


#: Ce qui termine un PDF ou un PNG ; au-delà, seuls des blancs ou des octets nuls sont tolérés.
FINS = {"application/pdf": b"%%EOF", "image/png": b"IEND\xaeB`\x82"}
#: Un JPEG peut porter des données après sa fin (vidéo des « photos animées » des téléphones) :
#: il est refusé s'il contient du balisage web.
BALISES = (b"<html", b"<script", b"<body", b"<svg", b"<iframe", b"<!doctype", b"<object")


def _fin_propre(contenu: bytes, type_mime: str) -> bool:
    if type_mime == "image/jpeg":
        minuscules = contenu.lower()
        return not any(balise in minuscules for balise in BALISES)
    return contenu.rstrip(b" \t\r\n\f\x00").endswith(FINS[type_mime])


def _pdf_lisible(contenu: bytes) -> str | None:
    """None si le PDF s'ouvre et donne au moins une page ; sinon ce qui ne va pas."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lecteur = PdfReader(io.BytesIO(contenu), strict=False)
            if lecteur.is_encrypted and not lecteur.decrypt(""):
                return "il est protégé par un mot de passe"
            if len(lecteur.pages) == 0:
                return "il ne contient aucune page"
            lecteur.pages[0].mediabox  # noqa: B018 — lit la première page
    except Exception:  # pypdf lève des erreurs variées sur un fichier altéré
        return "son contenu est altéré ou n'est pas un PDF"
    return None


def _image_lisible(contenu: bytes, format_attendu: str) -> str | None:
    """None si l'image se décode entièrement dans le format annoncé ; sinon ce qui ne va pas."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(contenu)) as image:
                if image.format != format_attendu:
                    return f"ce n'est pas une image {format_attendu}"
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "l'image est démesurée"
    except Exception:  # Pillow lève des erreurs variées sur un fichier altéré
        return "son contenu est altéré"
    return None


def _defaut_de_contenu(fichier: UploadedFile, format_piece: FormatPiece) -> str | None:
    fichier.seek(0)
    contenu = fichier.read()
    fichier.seek(0)
    if format_piece.type_mime == "application/pdf":
        defaut = _pdf_lisible(contenu)
    else:
        defaut = _image_lisible(contenu, format_piece.type_mime.removeprefix("image/").upper())
    if defaut is None and not _fin_propre(contenu, format_piece.type_mime):
        defaut = "des données étrangères au format suivent la fin du fichier"
    return defaut


def verifier_fichier(fichier: UploadedFile, libelle: str) -> FormatPiece:
    """Contrôle un fichier déposé ; lève ValidationError (message nommant `libelle`)."""
    if fichier.size is None or fichier.size == 0:
        raise ValidationError(f"« {libelle} » : le fichier est vide.", code="vide")
    if fichier.size > taille_max():
        raise ValidationError(
            f"« {libelle} » : le fichier pèse {en_mo(fichier.size)}, la limite est de "
            f"{en_mo(taille_max())}.",
            code="taille",
        )
    extension = PurePath(fichier.name or "").suffix.lower()
    entete = _entete(fichier)
    reconnu = next((f for f in FORMATS if entete.startswith(f.signature)), None)
    if reconnu is None or extension not in reconnu.extensions:
        raise ValidationError(
            f"« {libelle} » : seuls les fichiers PDF, PNG ou JPEG sont acceptés (le contenu "
            f"du fichier « {fichier.name} » ne correspond pas à l'un de ces formats).",
            code="type",
        )
    defaut = _defaut_de_contenu(fichier, reconnu)
    if defaut is not None:
        nature = "un PDF" if reconnu.type_mime == "application/pdf" else "une image"
        raise ValidationError(
            f"« {libelle} » : le fichier « {fichier.name} » n'est pas {nature} lisible "
            f"({defaut}) ; enregistrez-le de nouveau depuis le logiciel d'origine puis "
            "déposez-le.",
            code="contenu",
        )
    return reconnu


@transaction.atomic
def deposer_piece(
    *,
    acteur: Acteur,
    dossier: Dossier,
    type_piece: str,
    fichier: UploadedFile,
    aujourd_hui: date,
) -> PieceJointe:
    """Joint un document au dossier tant que l'opérateur peut le rédiger."""
    if not perms.peut_rediger(acteur, dossier, aujourd_hui):
        raise PermissionDenied
    libelle = TypePiece(type_piece).label
    format_piece = verifier_fichier(fichier, libelle)
    piece = PieceJointe(
        dossier=dossier,
        type=type_piece,
        nom_original=PurePath(fichier.name or "document").name[:200],
        taille=fichier.size,
        type_mime=format_piece.type_mime,
        deposee_par=acteur.utilisateur,
    )
    nom = f"{uuid.uuid4().hex}{format_piece.extensions[0]}"
    piece.fichier.save(nom, fichier, save=False)
    piece.save()
    return piece


def piece_figee(piece: PieceJointe) -> bool:
    """Une pièce jointe avant un dépôt appartient à une version figée : elle ne se supprime
    plus (on en dépose une nouvelle, qui la remplace pour la version suivante)."""
    return piece.dossier.versions.filter(deposee_le__gte=piece.deposee_le).exists()


@transaction.atomic
def supprimer_piece(*, acteur: Acteur, piece: PieceJointe, aujourd_hui: date) -> None:
    """Retire une pièce (et son fichier) tant que le dossier est modifiable et que la pièce
    n'appartient à aucune version déposée."""
    if not perms.peut_rediger(acteur, piece.dossier, aujourd_hui):
        raise PermissionDenied
    if piece_figee(piece):
        raise ValidationError(
            f"« {piece.get_type_display()} » : ce document fait partie d'une version déposée et "
            "ne peut plus être supprimé ; déposez-en un nouveau pour la version suivante."
        )
    stockage, nom = piece.fichier.storage, piece.fichier.name
    piece.delete()
    transaction.on_commit(lambda: stockage.delete(nom))


@transaction.atomic
def enregistrer_etape_et_pieces(
    *,
    acteur: Acteur,
    dossier: Dossier,
    etape: str,
    donnees: dict[str, Any],
    fichiers: Iterable[tuple[str, UploadedFile]],
    aujourd_hui: date,
) -> Dossier:
    """Enregistre une étape et joint ses justificatifs, en une seule écriture."""
    dossier = services.enregistrer_etape(
        acteur=acteur, dossier=dossier, etape=etape, donnees=donnees, aujourd_hui=aujourd_hui
    )
    for type_piece, fichier in fichiers:
        deposer_piece(
            acteur=acteur,
            dossier=dossier,
            type_piece=type_piece,
            fichier=fichier,
            aujourd_hui=aujourd_hui,
        )
    return dossier
