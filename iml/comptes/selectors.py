"""Lectures cadrées par l'acteur : ce qui est hors de son périmètre n'existe pas (404)."""

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Adhesion, Organisation, Utilisateur
from iml.comptes.perms import peut_lire_journal


def filtre_territoire(acteur: Acteur, chemin: str) -> Q:
    """Q limitant un champ territoire (département) au périmètre d'un service de l'État ou SIAO.

    Un service départemental voit son département ; un service régional, les départements de
    sa région. `chemin` désigne le champ Territoire (département) de l'objet filtré.
    """
    territoire = acteur.territoire
    if territoire is None:
        return Q(pk__in=[])
    if acteur.est_etat_regional:
        return Q(**{f"{chemin}__region": territoire}) | Q(**{chemin: territoire})
    return Q(**{chemin: territoire})


def organisations_visibles(acteur: Acteur) -> QuerySet[Organisation]:
    """État : les organisations de son territoire ; SIAO : lui-même et les opérateurs de son
    département ; opérateur et cofinanceur : leur seule organisation."""
    qs = Organisation.objects.select_related("territoire__region")
    if acteur.agit_pour_la_plateforme:
        return qs
    if acteur.organisation is None:
        return qs.none()
    propre = Q(pk=acteur.organisation.pk)
    if acteur.est_etat:
        return qs.filter(propre | filtre_territoire(acteur, "territoire"))
    if acteur.est_siao:
        operateurs = Q(type=TypeOrganisation.OPERATEUR) & filtre_territoire(acteur, "territoire")
        return qs.filter(propre | operateurs)
    return qs.filter(propre)


def organisation_ou_404(acteur: Acteur, pk: int) -> Organisation:
    return get_object_or_404(organisations_visibles(acteur), pk=pk)


def membres_visibles(acteur: Acteur, organisation: Organisation) -> QuerySet[Adhesion]:
    """Les membres d'une organisation visible : seulement pour ses propres membres et l'État."""
    if not (acteur.est_etat or acteur.organisation == organisation or acteur.est_administrateur):
        return Adhesion.objects.none()
    return (
        Adhesion.objects.filter(organisation=organisation, actif=True)
        .select_related("utilisateur")
        .order_by("utilisateur__last_name")
    )


def utilisateurs_de(organisation: Organisation) -> QuerySet[Utilisateur]:
    return Utilisateur.objects.filter(
        adhesions__organisation=organisation, adhesions__actif=True
    ).distinct()


#: Applications dont le journal n'est pas montré à la plateforme (données personnelles).
APPS_PERSONNELLES = ("menages", "occupations")


def entrees_du_journal(acteur: Acteur) -> QuerySet[LogEntry]:
    """Le journal d'audit, du plus récent au plus ancien : l'administrateur de la plateforme
    seul le lit ; pour tout autre acteur, il est vide. Les changements des ménages et de leurs
    occupations n'y figurent pas : ils portent des noms et des ressources que la plateforme
    ne lit pas (ils restent au journal, en base, pour un contrôle)."""
    if not peut_lire_journal(acteur):
        return LogEntry.objects.none()
    return (
        LogEntry.objects.select_related("actor", "content_type")
        .exclude(content_type__app_label__in=APPS_PERSONNELLES)
        .order_by("-timestamp")
    )
