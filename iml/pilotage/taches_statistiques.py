"""Tâche quotidienne des statistiques annuelles (django-tasks), idempotente : la rejouer ne
crée rien de plus (une alerte par destinataire et par clé).

`alerter_statistiques` — R-STATS : une statistique encore à revoir après la date limite de sa
campagne alerte la direction et la gestion locative de l'opérateur, et les agents du service
de l'État qui a ouvert la campagne (le renouvellement de la convention est signalé). Des
nombres et des noms d'organisations seulement, jamais un ménage.

À brancher par l'intégrateur dans `iml/alertes/management/commands/alertes_quotidiennes.py`.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from iml.alertes.services import creer_alerte
from iml.pilotage.models import StatistiqueAnnuelle, StatutStatistique
from iml.pilotage.taches_montee import destinataires
from regles.format import date_fr

REGLE = "R-STATS"


@task()
def alerter_statistiques(aujourd_hui_iso: str | None = None) -> int:
    """Crée les alertes R-STATS du jour ; renvoie le nombre d'alertes créées."""
    aujourd_hui = date.fromisoformat(aujourd_hui_iso) if aujourd_hui_iso else timezone.localdate()
    en_retard = list(
        StatistiqueAnnuelle.objects.filter(
            statut=StatutStatistique.A_REVOIR, campagne__date_limite__lt=aujourd_hui
        ).select_related("campagne", "operateur")
    )
    organisations = {s.operateur_id for s in en_retard} | {
        s.campagne.ouverte_par_organisation_id for s in en_retard
    }
    adhesions = destinataires(organisations)
    creees = 0
    for s in en_retard:
        message = (
            f"{REGLE} : les statistiques {s.annee} de {s.operateur.nom} n'ont pas été soumises à "
            f"la date limite du {date_fr(s.campagne.date_limite)} ; le renouvellement de la "
            "convention est signalé."
        )
        lien = reverse("pilotage:statistique", kwargs={"pk": s.pk})
        for a in adhesions[s.operateur_id] + adhesions[s.campagne.ouverte_par_organisation_id]:
            alerte = creer_alerte(
                destinataire=a.utilisateur, organisation=a.organisation, regle=REGLE,
                message=message, cle=f"{REGLE}:retard-{s.pk}", lien=lien,
                echeance=s.campagne.date_limite,
            )  # fmt: skip
            creees += alerte is not None
    return creees
