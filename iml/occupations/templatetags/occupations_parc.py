"""Sur la fiche d'un logement du parc : son occupation en cours (lue par le sélecteur)."""

from __future__ import annotations

from django import template

from iml.occupations.models import Occupation
from iml.occupations.selectors import occupation_en_cours_du_logement

register = template.Library()


@register.simple_tag
def occupation_en_cours(logement) -> Occupation | None:
    return occupation_en_cours_du_logement(logement)
