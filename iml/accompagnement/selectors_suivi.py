"""Lectures du suivi d'un ménage pour son dossier d'accompagnement : chronologie des contacts,
orientations vers les partenaires (volet suivi)."""

from __future__ import annotations

from iml.menages.models import Menage


def chronologie(menage: Menage) -> list:
    """Les contacts du ménage, du plus récent au plus ancien (volet suivi : à compléter)."""
    return list(menage.contacts.select_related("par").order_by("-le", "-pk"))


def orientations(menage: Menage) -> list:
    """Les orientations du ménage vers des partenaires (volet suivi : à compléter)."""
    return list(menage.orientations_partenaires.select_related("partenaire").order_by("-le", "-pk"))
