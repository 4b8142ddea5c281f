"""Filtres des gabarits du suivi : `{% load accompagnement_suivi %}` puis
`{% if contact|retirable_par:request %}` (le lien « Retirer » n'est montré qu'à son auteur et
à la direction ; le service le vérifie à nouveau)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from iml.accompagnement.models import Contact
from iml.accompagnement.presentation_suivi import peut_retirer_contact

register = template.Library()


@register.filter
def retirable_par(contact: Contact, request: HttpRequest | None) -> bool:
    return peut_retirer_contact(getattr(request, "acteur", None), contact)
