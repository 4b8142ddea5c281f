"""Lectures cadrées de l'accompagnement : hors périmètre, un ménage, un plan, un contact ou un
partenaire est une 404. Le travail social lit les ménages dont il est référent, la direction
ceux de son organisation ; personne d'autre ne lit un plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iml.accompagnement import perms
from iml.accompagnement.models import (
    Contact,
    EtapeCochee,
    Objectif,
    OrientationPartenaire,
    Partenaire,
    Plan,
    TempsTravail,
)
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.menages.models import Menage
from iml.occupations.models import Occupation
from regles.types import Mode, StatutOccupation


def menages_accompagnes(acteur: Acteur) -> QuerySet[Menage]:
    """Les ménages dont l'acteur lit l'accompagnement."""
    qs = Menage.objects.select_related("operateur", "referent")
    if not perms.accompagne(acteur):
        return qs.none()
    qs = qs.filter(operateur=acteur.organisation)
    if acteur.role == Role.TRAVAILLEUR_SOCIAL:
        return qs.filter(referent=acteur.utilisateur)
    return qs


def menage_accompagne_ou_404(acteur: Acteur, pk: int) -> Menage:
    return get_object_or_404(menages_accompagnes(acteur), pk=pk)


def plan_ouvert(menage: Menage) -> Plan | None:
    """Le plan ouvert du ménage, s'il en a un (une requête)."""
    return menage.plans.filter(fin_le=None).select_related("occupation").first()


def plans_visibles(acteur: Acteur) -> QuerySet[Plan]:
    return Plan.objects.filter(menage__in=menages_accompagnes(acteur)).select_related(
        "menage", "occupation"
    )


def plan_ou_404(acteur: Acteur, pk: int) -> Plan:
    return get_object_or_404(plans_visibles(acteur), pk=pk)


def objectif_ou_404(acteur: Acteur, pk: int) -> Objectif:
    return get_object_or_404(
        Objectif.objects.filter(plan__in=plans_visibles(acteur)).select_related("plan__menage"),
        pk=pk,
    )


def etape_ou_404(acteur: Acteur, pk: int) -> EtapeCochee:
    return get_object_or_404(
        EtapeCochee.objects.filter(plan__in=plans_visibles(acteur)).select_related("plan__menage"),
        pk=pk,
    )


def contact_ou_404(acteur: Acteur, pk: int) -> Contact:
    return get_object_or_404(
        Contact.objects.filter(menage__in=menages_accompagnes(acteur)).select_related("menage"),
        pk=pk,
    )


def orientation_ou_404(acteur: Acteur, pk: int) -> OrientationPartenaire:
    qs = OrientationPartenaire.objects.filter(menage__in=menages_accompagnes(acteur))
    return get_object_or_404(qs.select_related("menage", "partenaire"), pk=pk)


def partenaires(acteur: Acteur, actifs_seulement: bool = False) -> QuerySet[Partenaire]:
    """L'annuaire des partenaires de l'opérateur de l'acteur (vide pour les autres)."""
    if not perms.tient_l_annuaire(acteur):
        return Partenaire.objects.none()
    qs = Partenaire.objects.filter(operateur=acteur.organisation)
    return qs.filter(actif=True) if actifs_seulement else qs


def partenaire_ou_404(acteur: Acteur, pk: int) -> Partenaire:
    return get_object_or_404(partenaires(acteur), pk=pk)


def forme_du_menage(menage: Menage, plan: Plan | None) -> tuple[Mode | None, bool]:
    """La forme et le bail glissant de l'occupation en cours du ménage, sinon de l'occupation
    à l'ouverture du plan ; (None, False) s'il n'a jamais été logé (une requête au plus)."""
    occupation = Occupation.objects.filter(
        menage=menage, statut=StatutOccupation.EN_COURS
    ).first() or (plan.occupation if plan else None)
    if occupation is None:
        return None, False
    return Mode(occupation.forme), occupation.bail_glissant


def etp_au(operateur_id: int, utilisateurs: list[int], jour: date) -> dict[int, Decimal]:
    """Le temps de travail (ETP) en vigueur au `jour` de chaque travailleur social donné ; un
    absent n'a pas d'ETP connu (R-UNKNOWN), jamais 0. Une requête."""
    etp: dict[int, Decimal] = {}
    lignes = TempsTravail.objects.filter(
        operateur_id=operateur_id, utilisateur_id__in=utilisateurs, depuis_le__lte=jour
    ).order_by("utilisateur_id", "depuis_le", "pk")
    for ligne in lignes:
        etp[ligne.utilisateur_id] = ligne.etp  # le plus récent l'emporte
    return etp
