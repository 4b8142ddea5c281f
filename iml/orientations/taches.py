"""Tâche quotidienne des orientations (django-tasks), idempotente : la rejouer ne crée rien
de plus (une alerte par destinataire et par clé).

`alerter_orientations` :
- R-SIAO, proposition sans réponse à l'échéance (`siao.proposition_delai_reponse_jours`) :
  une alerte à la direction et à la gestion locative de l'opérateur, et à la coordination du
  SIAO ;
- R-SIAO, vacance déclarée non pourvue après `siao.vacance_alerte_jours` jours : une alerte
  des deux côtés (opérateur, SIAO du département).

Les messages ne nomment personne : l'adresse du logement et la référence SI-SIAO suffisent.
Lancée chaque jour par `manage.py alertes_quotidiennes` (cron).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from iml.comptes.enums import Role, TypeOrganisation
from iml.comptes.models import Adhesion
from iml.orientations.models import DeclarationVacance, Proposition
from iml.orientations.parametres import vacance_alerte_jours
from iml.orientations.services.notifications import envoyer
from iml.parc.perms import ROLES_GESTION
from regles.format import date_fr
from regles.types_orientations import StatutProposition, StatutVacance

REGLE = "R-SIAO"


def _operateurs(ids: set[int]) -> dict[int, list[Adhesion]]:
    par: dict[int, list[Adhesion]] = defaultdict(list)
    for a in Adhesion.objects.filter(
        organisation_id__in=ids, actif=True, role__in=ROLES_GESTION, utilisateur__is_active=True
    ).select_related("utilisateur", "organisation"):
        par[a.organisation_id].append(a)
    return par


def _siao_par_departement() -> dict[str, list[Adhesion]]:
    par: dict[str, list[Adhesion]] = defaultdict(list)
    for a in Adhesion.objects.filter(
        organisation__type=TypeOrganisation.SIAO, role=Role.COORDINATION, actif=True,
        utilisateur__is_active=True,
    ).select_related("utilisateur", "organisation__territoire"):  # fmt: skip
        if a.organisation.territoire is not None:
            par[a.organisation.territoire.code].append(a)
    return par


def _siao_du_logement(siao: dict[str, list[Adhesion]], commune: str) -> list[Adhesion]:
    return next((v for code, v in siao.items() if commune.startswith(code)), [])


def _propositions_en_retard(aujourd_hui: date):
    return Proposition.objects.filter(
        statut=StatutProposition.PROPOSEE, echeance__lt=aujourd_hui
    ).select_related("logement", "demande")


def _vacances_non_pourvues(aujourd_hui: date):
    limite = aujourd_hui - timedelta(days=vacance_alerte_jours())
    return DeclarationVacance.objects.filter(
        statut=StatutVacance.DECLAREE, disponible_le__lte=limite
    ).select_related("logement")


@task()
def alerter_orientations(aujourd_hui_iso: str | None = None) -> int:
    """Crée les alertes des orientations du jour ; renvoie le nombre d'alertes créées."""
    aujourd_hui = date.fromisoformat(aujourd_hui_iso) if aujourd_hui_iso else timezone.localdate()
    propositions = list(_propositions_en_retard(aujourd_hui))
    declarations = list(_vacances_non_pourvues(aujourd_hui))
    operateurs = _operateurs({p.operateur_id for p in propositions + declarations})
    siao = _siao_par_departement()
    creees = 0
    for p in propositions:
        message = (
            f"{REGLE} : la proposition de la demande {p.demande.reference_siao} pour le "
            f"logement {p.logement.adresse} attendait une réponse le {date_fr(p.echeance)}."
        )
        lien = reverse("orientations:proposition", kwargs={"pk": p.pk})
        destinataires = operateurs[p.operateur_id] + _siao_du_logement(siao, p.logement.commune)
        creees += envoyer(destinataires, message, f"{REGLE}:proposition-{p.pk}", lien, p.echeance)
    for v in declarations:
        message = (
            f"{REGLE} : le logement {v.logement.adresse} est vacant depuis le "
            f"{date_fr(v.disponible_le)} sans être pourvu."
        )
        lien = reverse("orientations:accueil")
        destinataires = operateurs[v.operateur_id] + _siao_du_logement(siao, v.logement.commune)
        creees += envoyer(destinataires, message, f"{REGLE}:vacance-{v.pk}", lien, None)
    return creees
