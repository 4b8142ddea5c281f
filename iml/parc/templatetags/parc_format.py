"""Filtres du parc : `{% load parc_format %}` puis `{{ logement.commune|commune }}`
(« Rennes (35238) ») et `{{ valeur|oui_non }}` (« oui », « non », « non renseigné »)."""

from __future__ import annotations

from django import template

from iml.parc.presentation_logements import badge_statut, libelle_commune, oui_non_inconnu

register = template.Library()


@register.filter
def commune(code: object) -> str:
    """« Rennes (35238) » ; le code seul si le COG ne le connaît pas."""
    return libelle_commune(str(code or ""))


@register.filter
def oui_non(valeur: object) -> str:
    """« oui », « non », ou « non renseigné » (R-UNKNOWN) pour une valeur absente."""
    return oui_non_inconnu(valeur)


@register.filter
def classe_badge(statut: object) -> str:
    """La couleur DSFR du badge d'un statut de logement."""
    return badge_statut(str(statut))["classe"]


@register.filter
def colonne_import(nom: object) -> str:
    """La colonne d'un import nommée comme l'utilisateur la lit : « Surface (m²) » (surface_m2),
    le libellé de l'export suivi du nom du modèle d'import."""
    from iml.parc.imports.colonnes import LIBELLES

    libelle = LIBELLES.get(str(nom))
    return f"«\xa0{libelle}\xa0» ({nom})" if libelle else f"«\xa0{nom}\xa0»"
