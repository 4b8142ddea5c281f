"""Lectures du volet plan : le dossier d'accompagnement d'un ménage (plan ouvert avec ses
besoins, objectifs, revues, financeurs et étapes cochées ; plans clos) et le résumé du plan sur
la fiche du ménage. Un nombre fixe de requêtes, quel que soit le nombre de lignes.

Le ménage arrive déjà cadré (`selectors.menage_accompagne_ou_404` pour le dossier,
`iml.menages.selectors.menage_de_la_fiche` pour la fiche) : ces lectures ne cadrent plus."""

from __future__ import annotations

from django.db.models import Prefetch

from iml.accompagnement.models import EtapeCochee, Objectif, Plan, RevuePlan
from iml.menages.models import Menage


def plan_du_dossier(menage: Menage) -> Plan | None:
    """Le plan ouvert et tout ce que le dossier en montre (six requêtes, lignes comprises)."""
    return (
        menage.plans.filter(fin_le=None)
        .select_related("occupation")
        .prefetch_related(
            "besoins",
            "financements",
            Prefetch("objectifs", queryset=Objectif.objects.order_by("statut", "revue_le", "pk")),
            Prefetch("revues", queryset=RevuePlan.objects.select_related("par")),
            Prefetch("etapes", queryset=EtapeCochee.objects.select_related("par")),
        )
        .first()
    )


def plans_clos(menage: Menage) -> list[Plan]:
    """Les plans clos du ménage, le plus récent d'abord (une requête)."""
    return list(menage.plans.exclude(fin_le=None).order_by("-fin_le", "-pk"))


def plan_ouvert_de_la_fiche(menage: Menage) -> Plan | None:
    """Le plan ouvert pour le résumé de la fiche (une requête)."""
    return menage.plans.filter(fin_le=None).first()
