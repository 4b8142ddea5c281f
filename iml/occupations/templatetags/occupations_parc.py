"""Sur la fiche d'un logement du parc : son occupation en cours (une requête)."""

from __future__ import annotations

from django import template

from iml.occupations.models import Occupation

register = template.Library()


@register.simple_tag
def occupation_en_cours(logement) -> Occupation | None:
    return (
        Occupation.objects.select_related("menage")
        .filter(logement=logement, statut="EN_COURS")
        .first()
    )
