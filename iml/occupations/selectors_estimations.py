"""Lectures cadrées des estimations de l'aide au logement : la direction et la gestion
locative de l'opérateur du ménage ; une estimation d'une autre organisation est une 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.occupations.models import EstimationAide


def estimations_visibles(acteur: Acteur) -> QuerySet[EstimationAide]:
    qs = EstimationAide.objects.select_related("menage", "logement")
    if perms.gere_les_menages(acteur):
        return qs.filter(menage__operateur=acteur.organisation)
    return qs.none()


def estimation_ou_404(acteur: Acteur, pk: int) -> EstimationAide:
    return get_object_or_404(estimations_visibles(acteur), pk=pk)


def derniere_demande(menage, logement, loyer, charges) -> EstimationAide | None:
    """La dernière estimation demandée pour ce ménage, ce logement et ce tarif (l'aperçu de
    l'admission la suit tant qu'elle n'est pas retenue par le contrôle)."""
    return (
        EstimationAide.objects.filter(
            menage=menage, logement=logement, loyer=loyer, charges=charges
        )
        .order_by("-demandee_le", "-pk")
        .first()
    )
