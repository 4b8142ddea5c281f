"""Fichiers réels et minuscules pour les pièces jointes : un PDF d'une page (pypdf), une image
PNG et une JPEG (Pillow). Les pièces sont lues pour de vrai au dépôt : une simple signature ne
suffit plus."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter


def pdf_une_page() -> bytes:
    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


def image(format_image: str) -> bytes:
    tampon = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 0, 145)).save(tampon, format=format_image)
    return tampon.getvalue()


PDF = pdf_une_page()
PNG = image("PNG")
JPEG = image("JPEG")
