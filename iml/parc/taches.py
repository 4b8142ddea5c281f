"""Tâches quotidiennes du parc (django-tasks), idempotentes : les rejouer ne crée rien de plus.

`alerter_fins_de_contrat` (R-CONTRAT-FIN) : pour chaque contrat avec un bailleur non résilié,
d'un logement non restitué, dont la date de fin tombe à `alerte_fin_contrat_jours` jours au
plus (paramètre du parc), ou est passée d'au plus autant, une alerte à chaque membre actif de
la direction et de la gestion locative de l'opérateur ; un courriel en plus pour qui l'a
demandé. Lancée chaque jour par `manage.py alertes_quotidiennes` (cron).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from iml.alertes.services import creer_alerte
from iml.comptes.communes import commune
from iml.comptes.models import Adhesion
from iml.parc.enums import TypeContrat
from iml.parc.models import ContratBailleur
from iml.parc.parametres import parametres_parc
from iml.parc.perms import ROLES_GESTION
from regles.constats import Constat
from regles.parc import echeance_contrat
from regles.types import StatutLogement

REGLE_FIN = "R-CONTRAT-FIN"
NATURE = {
    TypeContrat.MANDAT_GESTION: "le mandat de gestion",
    TypeContrat.BAIL_ASSOCIATION: "le bail à l'association",
}


def contrats_a_echeance(aujourd_hui: date, jours: int):
    """Contrats non résiliés à ce jour (R-CONTRAT-FIN), de logements non restitués, finissant
    dans [J − N, J + N]."""
    return (
        ContratBailleur.objects.filter(
            Q(resilie_le__isnull=True) | Q(resilie_le__gt=aujourd_hui),
            date_fin__gte=aujourd_hui - timedelta(days=jours),
            date_fin__lte=aujourd_hui + timedelta(days=jours),
        )
        .exclude(logement__statut=StatutLogement.RESTITUE)
        .select_related("logement")
        .order_by("date_fin", "pk")
    )


def echeance(contrat: ContratBailleur, aujourd_hui: date, jours: int) -> Constat | None:
    """La règle R-CONTRAT-FIN (`regles.parc.echeance_contrat`) appliquée au contrat, nommé par
    sa nature et son logement : « le mandat de gestion du 12 rue X (Rennes) »."""
    logement = contrat.logement
    lieu = commune(logement.commune)
    objet = (
        f"{NATURE.get(contrat.type, 'le contrat')} du {logement.adresse} "
        f"({lieu.nom if lieu else logement.code_postal})"
    )
    return echeance_contrat(contrat.date_fin, contrat.resilie_le, aujourd_hui, jours, objet)


def _destinataires(operateurs: set[int]) -> dict[int, list]:
    """Une requête : les membres actifs de la direction et de la gestion locative."""
    par_operateur: dict[int, list] = {}
    adhesions = Adhesion.objects.filter(
        organisation_id__in=operateurs,
        actif=True,
        role__in=ROLES_GESTION,
        utilisateur__is_active=True,
    ).select_related("utilisateur", "organisation")
    for adhesion in adhesions:
        par_operateur.setdefault(adhesion.organisation_id, []).append(adhesion)
    return par_operateur


@task()
def alerter_fins_de_contrat(aujourd_hui_iso: str | None = None) -> int:
    """Crée les alertes de fin de contrat du jour ; renvoie le nombre d'alertes créées. La
    requête préfiltre les contrats, la règle décide et écrit le message."""
    aujourd_hui = date.fromisoformat(aujourd_hui_iso) if aujourd_hui_iso else timezone.localdate()
    jours = parametres_parc().alerte_fin_contrat_jours
    contrats = list(contrats_a_echeance(aujourd_hui, jours))
    destinataires = _destinataires({c.logement.operateur_id for c in contrats})
    creees = 0
    for contrat in contrats:
        if (constat := echeance(contrat, aujourd_hui, jours)) is None:
            continue
        message = constat.message
        lien = reverse("parc:logement", kwargs={"pk": contrat.logement_id})
        for adhesion in destinataires.get(contrat.logement.operateur_id, []):
            alerte = creer_alerte(
                destinataire=adhesion.utilisateur,
                organisation=adhesion.organisation,
                regle=REGLE_FIN,
                message=message,
                cle=f"{REGLE_FIN}:contrat-{contrat.pk}:{contrat.date_fin.isoformat()}",
                lien=lien,
                echeance=contrat.date_fin,
            )
            creees += alerte is not None
    return creees
