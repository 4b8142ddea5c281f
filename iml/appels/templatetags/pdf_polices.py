"""Polices des PDF : Marianne (livrée par django-dsfr), embarquée en URL `data:` pour que le
rendu n'ait besoin ni du réseau ni du système de fichiers (`pdf.en_pdf` ne permet que `data:`)."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

import dsfr
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

POLICES = Path(dsfr.__file__).resolve().parent / "static" / "dsfr" / "dist" / "fonts"
#: (fichier, graisse, style) : les seules variantes qu'emploient les PDF.
VARIANTES = (
    ("Marianne-Regular.woff2", 400, "normal"),
    ("Marianne-Regular_Italic.woff2", 400, "italic"),
    ("Marianne-Bold.woff2", 700, "normal"),
    ("Marianne-Bold_Italic.woff2", 700, "italic"),
)


@cache
def _css() -> str:
    regles = []
    for fichier, graisse, style in VARIANTES:
        donnees = base64.b64encode((POLICES / fichier).read_bytes()).decode("ascii")
        regles.append(
            "@font-face { font-family: 'Marianne'; "
            f"src: url(data:font/woff2;base64,{donnees}) format('woff2'); "
            f"font-weight: {graisse}; font-style: {style}; }}"
        )
    return "\n".join(regles)


@register.simple_tag
def polices_marianne() -> SafeString:
    """Les règles @font-face de Marianne, à placer dans un <style> du gabarit PDF."""
    return mark_safe(_css())  # noqa: S308 — contenu produit ici, sans donnée saisie


@register.filter
def du_territoire(territoire: object) -> str:
    """« d'Ille-et-Vilaine », « de la Gironde » : pour « Préfet d'Ille-et-Vilaine »."""
    from iml.appels.documents_convention import du_territoire as charniere
    from iml.comptes.models import Territoire

    return charniere(territoire) if isinstance(territoire, Territoire) else ""
