"""Lectures des imports des ménages : ceux de son organisation, pour la direction et la gestion
locative seules ; hors périmètre, 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.occupations.models_imports import ImportMenages


def imports_visibles(acteur: Acteur) -> QuerySet[ImportMenages]:
    qs = ImportMenages.objects.select_related("cree_par").defer("contenu")
    if perms.gere_les_menages(acteur):
        return qs.filter(operateur=acteur.organisation)
    return qs.none()


def import_ou_404(acteur: Acteur, pk: int) -> ImportMenages:
    return get_object_or_404(imports_visibles(acteur), pk=pk)
