"""Lectures cadrées des orientations : hors périmètre, une demande, une vacance ou une
proposition est une 404. Le SIAO lit ses demandes et ses propositions, les logements et les
vacances déclarées de son département ; l'opérateur lit ses vacances et les propositions qui
lui sont faites ; personne d'autre ne lit un nom."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.comptes.selectors import filtre_territoire
from iml.orientations import perms
from iml.orientations.models import (
    DeclarationVacance,
    Demande,
    ExecutionAppariement,
    Proposition,
)
from iml.orientations.models_imports import ImportDemandes
from iml.parc.models import Logement
from regles.transitions_orientations import PROPOSITION_EN_COURS
from regles.types import StatutLogement
from regles.types_orientations import StatutDemande, StatutVacance

#: Logements du registre des places : mobilisés, pas encore restitués.
STATUTS_REGISTRE = (
    StatutLogement.DISPONIBLE,
    StatutLogement.OCCUPE,
    StatutLogement.VACANT,
    StatutLogement.EN_TRAVAUX,
)


def _departement(acteur: Acteur) -> str | None:
    territoire = acteur.territoire
    return territoire.code if territoire is not None else None


def demandes_visibles(acteur: Acteur) -> QuerySet[Demande]:
    if not perms.coordonne(acteur):
        return Demande.objects.none()
    return Demande.objects.filter(siao=acteur.organisation).prefetch_related("criteres")


def demande_ou_404(acteur: Acteur, pk: int) -> Demande:
    return get_object_or_404(demandes_visibles(acteur), pk=pk)


def demandes_en_attente(acteur: Acteur) -> QuerySet[Demande]:
    """Les demandes en attente sans proposition en cours : celles qu'on peut proposer."""
    en_cours = Proposition.objects.filter(statut__in=PROPOSITION_EN_COURS)
    return (
        demandes_visibles(acteur)
        .filter(statut=StatutDemande.EN_ATTENTE)
        .exclude(pk__in=en_cours.values("demande_id"))
    )


def registre(acteur: Acteur) -> QuerySet[Logement]:
    """R-SIAO : les logements mobilisés du département du SIAO, avec leur opérateur, leur
    convention et leur vacance ouverte (une requête de plus)."""
    code = _departement(acteur)
    if not perms.coordonne(acteur) or not code:
        return Logement.objects.none()
    ouvertes = DeclarationVacance.objects.filter(statut=StatutVacance.DECLAREE)
    return (
        Logement.objects.filter(commune__startswith=code, statut__in=STATUTS_REGISTRE)
        .select_related("operateur", "convention")
        .prefetch_related(Prefetch("vacances", queryset=ouvertes, to_attr="vacances_ouvertes"))
        .order_by("operateur__nom", "commune", "adresse", "pk")
    )


def vacances_visibles(acteur: Acteur) -> QuerySet[DeclarationVacance]:
    """L'opérateur : toutes ses déclarations (brouillons compris) ; le SIAO : celles déclarées
    dans son département (jamais un brouillon)."""
    qs = DeclarationVacance.objects.select_related("logement", "operateur")
    if perms.gere_les_orientations(acteur):
        return qs.filter(operateur=acteur.organisation)
    code = _departement(acteur)
    if perms.coordonne(acteur) and code:
        return qs.filter(logement__commune__startswith=code).exclude(statut=StatutVacance.BROUILLON)
    return qs.none()


def vacance_ou_404(acteur: Acteur, pk: int) -> DeclarationVacance:
    return get_object_or_404(vacances_visibles(acteur), pk=pk)


def vacances_a_pourvoir(acteur: Acteur) -> QuerySet[DeclarationVacance]:
    """Les vacances déclarées sans proposition en cours sur leur logement."""
    en_cours = Proposition.objects.filter(statut__in=PROPOSITION_EN_COURS)
    return (
        vacances_visibles(acteur)
        .filter(statut=StatutVacance.DECLAREE)
        .exclude(logement_id__in=en_cours.values("logement_id"))
    )


def propositions_visibles(acteur: Acteur) -> QuerySet[Proposition]:
    qs = Proposition.objects.select_related("demande", "logement", "operateur", "siao")
    if perms.coordonne(acteur):
        return qs.filter(siao=acteur.organisation)
    if perms.gere_les_orientations(acteur):
        return qs.filter(operateur=acteur.organisation)
    return qs.none()


def proposition_ou_404(acteur: Acteur, pk: int) -> Proposition:
    return get_object_or_404(propositions_visibles(acteur), pk=pk)


def executions(acteur: Acteur) -> QuerySet[ExecutionAppariement]:
    if not perms.coordonne(acteur):
        return ExecutionAppariement.objects.none()
    return ExecutionAppariement.objects.filter(siao=acteur.organisation)


def imports_visibles(acteur: Acteur) -> QuerySet[ImportDemandes]:
    """Les imports des demandes du SIAO de l'acteur (sans le fichier) ; les autres : aucun."""
    if not perms.coordonne(acteur):
        return ImportDemandes.objects.none()
    return (
        ImportDemandes.objects.filter(siao=acteur.organisation)
        .select_related("cree_par")
        .defer("contenu")
    )


def import_ou_404(acteur: Acteur, pk: int) -> ImportDemandes:
    return get_object_or_404(imports_visibles(acteur), pk=pk)


def _territoire(acteur: Acteur, chemin: str) -> Q:
    """Le territoire de l'acteur sur le champ Territoire `chemin` (département exact, ou les
    départements de sa région) ; la plateforme : tout. Jamais un préfixe de code : un code
    de région (« 75 », Nouvelle-Aquitaine) n'est pas un code de département (Paris)."""
    if acteur.agit_pour_la_plateforme:
        return Q()
    return filtre_territoire(acteur, chemin)


def logements_du_territoire(acteur: Acteur) -> Q:
    """Sur un objet qui porte `logement` : le territoire de l'opérateur du logement."""
    return _territoire(acteur, "logement__operateur__territoire")


def chiffres(acteur: Acteur) -> dict[str, int]:
    """Nombres anonymes du territoire de l'acteur (État : son département ou sa région ; SIAO
    : son département)."""
    demandes = Demande.objects.filter(_territoire(acteur, "siao__territoire"))
    vacances = DeclarationVacance.objects.filter(logements_du_territoire(acteur))
    propositions = Proposition.objects.filter(logements_du_territoire(acteur))
    return {
        "demandes_en_attente": demandes.filter(statut=StatutDemande.EN_ATTENTE).count(),
        "vacances_declarees": vacances.filter(statut=StatutVacance.DECLAREE).count(),
        "propositions_en_cours": propositions.filter(statut__in=PROPOSITION_EN_COURS).count(),
        "propositions_refusees": propositions.filter(statut="REFUS_CONFIRME").count(),
        "propositions_admises": propositions.filter(statut="ADMISE").count(),
    }


def logements_a_proposer(acteur: Acteur) -> QuerySet[Logement]:
    """Les logements des vacances déclarées du département sans proposition en cours."""
    ids = vacances_a_pourvoir(acteur).values("logement_id")
    return Logement.objects.filter(pk__in=ids).select_related("operateur")
