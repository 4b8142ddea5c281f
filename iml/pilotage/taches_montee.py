"""Tâche quotidienne de la montée en charge (django-tasks), idempotente : la rejouer ne crée
rien de plus (une alerte par destinataire et par clé, `iml.alertes.services.creer_alerte`).

`alerter_montee` (R-RAMPUP) : pour chaque convention dont un jalon est
- « à risque » (non atteint, à `pilotage.alerte_jalon_jours` jours ou moins de sa date) ;
- « manqué » (sa date passée sans la part exigée) ;
une alerte au service de l'État qui a lancé l'appel (ses membres actifs) et à la direction et
à la gestion locative de l'opérateur. Une clé par convention, jalon et état : le passage de
« à risque » à « manqué » alerte une seconde fois, jamais plus. Des nombres seulement.

À lancer chaque jour par `manage.py alertes_quotidiennes` (cron ; l'intégrateur l'y branche).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from iml.alertes.services import creer_alerte
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Adhesion
from iml.parc.perms import ROLES_GESTION
from iml.pilotage import selectors_montee
from regles.format import date_fr, pourcentage
from regles.montee_en_charge import EtatJalon, JalonMontee

REGLE = "R-RAMPUP"


def destinataires(organisations: set[int]) -> dict[int, list[Adhesion]]:
    """Les destinataires des alertes du pilotage (montée en charge, statistiques annuelles),
    par organisation, en une requête : les adhésions actives de ces organisations, tout
    l'État, la direction et la gestion locative d'un opérateur."""
    par: dict[int, list[Adhesion]] = defaultdict(list)
    for a in Adhesion.objects.filter(
        organisation_id__in=organisations, actif=True, utilisateur__is_active=True
    ).select_related("utilisateur", "organisation"):
        if a.organisation.type != TypeOrganisation.OPERATEUR or a.role in ROLES_GESTION:
            par[a.organisation_id].append(a)
    return par


def message(numero: str, operateur: str, jalon: JalonMontee) -> str:
    """Le texte de l'alerte : la convention, les places ouvertes et exigées, l'état."""
    part = "" if jalon.part_pct is None else f", soit {pourcentage(jalon.part_pct)}"
    ouvertes = f"{jalon.places_ouvertes} place{'s' if jalon.places_ouvertes > 1 else ''}"
    exigees = jalon.places_exigees
    exigence = (
        f"{exigees} exigée{'s' if exigees is not None and exigees > 1 else ''} "
        f"({pourcentage(jalon.part_min_pct, 0)} des places financées)"
    )
    if jalon.etat is EtatJalon.MANQUE:
        return (
            f"{REGLE} : jalon du {date_fr(jalon.date)} manqué pour la convention {numero} "
            f"({operateur}) : {ouvertes} ouverte{'s' if jalon.places_ouvertes > 1 else ''}"
            f"{part}, {exigence}."
        )
    return (
        f"{REGLE} : jalon du {date_fr(jalon.date)} à risque pour la convention {numero} "
        f"({operateur}) : {ouvertes} ouverte{'s' if jalon.places_ouvertes > 1 else ''}"
        f"{part} ; {exigence}."
    )


@task()
def alerter_montee(aujourd_hui_iso: str | None = None) -> int:
    """Crée les alertes de montée en charge du jour ; renvoie le nombre d'alertes créées."""
    jour = date.fromisoformat(aujourd_hui_iso) if aujourd_hui_iso else timezone.localdate()
    conventions = list(selectors_montee.toutes_les_conventions())
    montees = {m.pk: m for m in selectors_montee.montees(conventions, jour)}
    adhesions = destinataires(
        {c.dossier.appel.service_id for c in conventions}
        | {c.dossier.operateur_id for c in conventions}
    )
    creees = 0
    for c in conventions:
        m = montees[c.pk]
        for jalon in m.montee.jalons:
            if jalon.etat not in selectors_montee.A_SURVEILLER:
                continue
            texte = message(m.numero, m.operateur, jalon)
            cle = f"{REGLE}:jalon-{c.pk}-{jalon.date.isoformat()}-{jalon.etat.value}"
            lien = reverse("pilotage:montee_convention", kwargs={"pk": c.pk})
            for a in adhesions[c.dossier.appel.service_id] + adhesions[c.dossier.operateur_id]:
                alerte = creer_alerte(
                    destinataire=a.utilisateur, organisation=a.organisation, regle=REGLE,
                    message=texte, cle=cle, lien=lien, echeance=jalon.date,
                )  # fmt: skip
                creees += alerte is not None
    return creees
