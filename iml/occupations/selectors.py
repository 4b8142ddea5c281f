"""Lectures cadrées des occupations et des comptes : celles des ménages visibles."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.occupations.models import Occupation


def occupations_visibles(acteur: Acteur) -> QuerySet[Occupation]:
    qs = Occupation.objects.select_related("menage", "logement", "operateur")
    if perms.gere_les_menages(acteur):
        return qs.filter(operateur=acteur.organisation)
    if perms.suit_des_menages(acteur):
        return qs.filter(operateur=acteur.organisation, menage__referent=acteur.utilisateur)
    return qs.none()


def occupation_ou_404(acteur: Acteur, pk: int) -> Occupation:
    return get_object_or_404(occupations_visibles(acteur), pk=pk)


def occupation_en_cours_du_logement(logement) -> Occupation | None:
    """L'occupation en cours d'un logement déjà lu dans le périmètre de l'acteur (fiche du
    logement du parc) : une requête."""
    return (
        Occupation.objects.select_related("menage")
        .filter(logement=logement, statut="EN_COURS")
        .first()
    )
