"""Lectures des imports : ceux de son organisation, pour la direction et la gestion locative
seules ; hors périmètre, 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.parc import perms
from iml.parc.models import Logement
from iml.parc.models_imports import ImportParc


def imports_visibles(acteur: Acteur) -> QuerySet[ImportParc]:
    qs = ImportParc.objects.select_related("cree_par").defer("contenu")
    if perms.gere_le_parc(acteur):
        return qs.filter(operateur=acteur.organisation)
    return qs.none()


def import_ou_404(acteur: Acteur, pk: int) -> ImportParc:
    return get_object_or_404(imports_visibles(acteur), pk=pk)


def logements_a_exporter(acteur: Acteur) -> QuerySet[Logement]:
    """Le parc de son organisation, bailleur et convention joints (trois tables, une requête)."""
    if not perms.gere_le_parc(acteur):
        return Logement.objects.none()
    return (
        Logement.objects.filter(operateur=acteur.organisation)
        .select_related("bailleur", "convention")
        .order_by("reference", "pk")
    )
