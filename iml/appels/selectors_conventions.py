"""Lectures cadrées de la convention : cofinanceurs proposés, avenants, scans signés.

Hors périmètre = 404 : une convention, un avenant ou un scan ne se lisent que par l'opérateur du
dossier et les services de l'État du territoire de l'appel (`selectors.dossiers_visibles`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from iml.appels.models import AppelACandidatures, AvenantConvention, Convention
from iml.appels.selectors import appels_visibles, dossiers_visibles
from iml.comptes.acteur import Acteur
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Organisation


def cofinanceurs_de_l_appel(acteur: Acteur, appel: AppelACandidatures) -> QuerySet[Organisation]:
    """R-COFUNDING : les cofinanceurs actifs du département de l'appel ou de sa région (ARS,
    conseil départemental, FSL…) ; rien si l'acteur ne voit pas l'appel."""
    if not appels_visibles(acteur).filter(pk=appel.pk).exists():
        return Organisation.objects.none()
    territoire = appel.territoire
    lieu = Q(territoire=territoire)
    if territoire.region_id is not None:
        lieu |= Q(territoire_id=territoire.region_id)
    return Organisation.objects.filter(
        lieu, type=TypeOrganisation.COFINANCEUR, active=True
    ).order_by("nom")


def avenants(convention: Convention) -> QuerySet[AvenantConvention]:
    """Les avenants d'une convention déjà lue dans le périmètre, du premier au dernier."""
    return convention.avenants.select_related("signature_enregistree_par").order_by("numero")


def avenant_ou_404(acteur: Acteur, dossier_pk: int, numero: int) -> AvenantConvention:
    qs = AvenantConvention.objects.select_related(
        "convention__dossier__appel__territoire", "convention__dossier__operateur"
    ).filter(convention__dossier__in=dossiers_visibles(acteur))
    return get_object_or_404(qs, convention__dossier_id=dossier_pk, numero=numero)
