"""Lectures cadrées des ménages : hors périmètre, une fiche est une 404. L'administration de la
plateforme et l'État ne lisent aucun ménage (des nombres seulement, voir les chiffres)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.menages.models import Menage, Ressource
from regles.types import NatureRessource


def menages_visibles(acteur: Acteur) -> QuerySet[Menage]:
    qs = Menage.objects.select_related("operateur", "referent")
    if perms.gere_les_menages(acteur):
        return qs.filter(operateur=acteur.organisation)
    if perms.suit_des_menages(acteur):
        return qs.filter(operateur=acteur.organisation, referent=acteur.utilisateur)
    return qs.none()


def menage_ou_404(acteur: Acteur, pk: int) -> Menage:
    return get_object_or_404(menages_visibles(acteur), pk=pk)


def ressources_au(ressources: list[Ressource], jour: date) -> dict[NatureRessource, Decimal]:
    """La ressource la plus récente de chaque nature connue au `jour` (les lignes passées en
    argument, déjà lues : aucune requête)."""
    courantes: dict[NatureRessource, tuple[date, int, Decimal]] = {}
    for r in ressources:
        if r.connue_le > jour:
            continue
        nature = NatureRessource(r.nature)
        cle = (r.connue_le, r.pk or 0)
        if nature not in courantes or cle > courantes[nature][:2]:
            courantes[nature] = (r.connue_le, r.pk or 0, r.montant)
    return {nature: valeur[2] for nature, valeur in courantes.items()}


def personnes(menage: Menage) -> int:
    """La personne de référence et les autres membres."""
    return 1 + menage.personnes.count()
