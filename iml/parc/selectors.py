"""Lectures cadrées du parc : hors périmètre, une fiche est une 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iml.appels.models import Convention
from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.parc import perms
from iml.parc.models import Bailleur, ContratBailleur, Logement, MotifBlocage, Prospect


def bailleurs_visibles(acteur: Acteur) -> QuerySet[Bailleur]:
    """Les bailleurs de son organisation, pour la direction et la gestion locative seules."""
    qs = Bailleur.objects.select_related("operateur")
    if acteur.agit_pour_la_plateforme:
        return qs
    if perms.gere_le_parc(acteur):
        return qs.filter(operateur=acteur.organisation)
    return qs.none()


def bailleur_ou_404(acteur: Acteur, pk: int) -> Bailleur:
    return get_object_or_404(bailleurs_visibles(acteur), pk=pk)


def prospects_visibles(acteur: Acteur) -> QuerySet[Prospect]:
    qs = Prospect.objects.select_related("bailleur", "charge", "motif_abandon", "logement")
    if acteur.agit_pour_la_plateforme:
        return qs
    if perms.gere_le_parc(acteur):
        return qs.filter(operateur=acteur.organisation)
    return qs.none()


def prospect_ou_404(acteur: Acteur, pk: int) -> Prospect:
    return get_object_or_404(prospects_visibles(acteur), pk=pk)


def logements_visibles(acteur: Acteur) -> QuerySet[Logement]:
    """Gestion du parc : les logements de son organisation. Travail social : ceux de ses
    ménages (aucun tant que les occupations n'existent pas). Autres : aucun."""
    qs = Logement.objects.select_related("bailleur", "convention")
    if acteur.agit_pour_la_plateforme:
        return qs
    if perms.gere_le_parc(acteur):
        return qs.filter(operateur=acteur.organisation)
    if acteur.est_operateur and acteur.role == Role.TRAVAILLEUR_SOCIAL:
        return qs.none()
    return qs.none()


def logement_ou_404(acteur: Acteur, pk: int) -> Logement:
    return get_object_or_404(logements_visibles(acteur), pk=pk)


def contrats_visibles(acteur: Acteur) -> QuerySet[ContratBailleur]:
    qs = ContratBailleur.objects.select_related("logement__bailleur")
    if acteur.agit_pour_la_plateforme:
        return qs
    if perms.gere_le_parc(acteur):
        return qs.filter(logement__operateur=acteur.organisation)
    return qs.none()


def contrat_ou_404(acteur: Acteur, pk: int) -> ContratBailleur:
    return get_object_or_404(contrats_visibles(acteur), pk=pk)


def conventions_rattachables(acteur: Acteur) -> QuerySet[Convention]:
    """Les conventions de financement de l'opérateur, auxquelles un logement peut compter."""
    if not perms.gere_le_parc(acteur):
        return Convention.objects.none()
    return Convention.objects.filter(dossier__operateur=acteur.organisation).select_related(
        "dossier__appel"
    )


def motifs_actifs() -> QuerySet[MotifBlocage]:
    return MotifBlocage.objects.filter(actif=True)
