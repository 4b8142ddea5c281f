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
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks import task

from iml.alertes.services import creer_alerte
from iml.comptes.communes import commune
from iml.comptes.models import Adhesion
from iml.parc.enums import TypeContrat
from iml.parc.models import ContratBailleur
from iml.parc.parametres import parametres_parc
from iml.parc.perms import ROLES_GESTION
from regles.format import date_fr
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


def message_fin(contrat: ContratBailleur, aujourd_hui: date) -> str:
    """« R-CONTRAT-FIN : le mandat de gestion du 12 rue X (Rennes) prend fin le 14/05/2027 :
    renouvelez-le ou préparez la restitution. »"""
    logement = contrat.logement
    lieu = commune(logement.commune)
    nom = lieu.nom if lieu else logement.code_postal
    verbe = "a pris fin" if contrat.date_fin < aujourd_hui else "prend fin"
    return (
        f"{REGLE_FIN} : {NATURE.get(contrat.type, 'le contrat')} du {logement.adresse} ({nom}) "
        f"{verbe} le {date_fr(contrat.date_fin)} : renouvelez-le ou préparez la restitution."
    )


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


def lien_logement(pk: int) -> str:
    """La fiche du logement (`parc:logement`, volet logements) ; tant que ce volet n'est pas
    fusionné, le chemin convenu `/parc/logements/<pk>/`."""
    try:
        return reverse("parc:logement", kwargs={"pk": pk})
    except NoReverseMatch:
        return f"/parc/logements/{pk}/"


@task()
def alerter_fins_de_contrat(aujourd_hui_iso: str | None = None) -> int:
    """Crée les alertes de fin de contrat du jour ; renvoie le nombre d'alertes créées."""
    aujourd_hui = date.fromisoformat(aujourd_hui_iso) if aujourd_hui_iso else timezone.localdate()
    contrats = list(contrats_a_echeance(aujourd_hui, parametres_parc().alerte_fin_contrat_jours))
    destinataires = _destinataires({c.logement.operateur_id for c in contrats})
    creees = 0
    for contrat in contrats:
        message = message_fin(contrat, aujourd_hui)
        lien = lien_logement(contrat.logement_id)
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
