"""Les deux files de travail du tableau de bord que fournissent les volets du pilotage : les
jalons de montée en charge à surveiller (R-RAMPUP) et les statistiques annuelles attendues
(R-STATS). `None` : l'acteur n'a pas ce volet, la section n'est pas affichée."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.urls import reverse

from iml.comptes.acteur import Acteur
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Organisation
from iml.pilotage import perms, selectors_montee
from iml.pilotage.models import StatistiqueAnnuelle, StatutStatistique
from iml.pilotage.presentation_montee import Pastille, pastille
from iml.pilotage.statistiques.selectors import statistiques_visibles
from regles.format import nombre, pourcentage

#: Les statistiques attendues montrées sur le tableau de bord (la liste complète : sa page).
LIMITE_STATISTIQUES = 10


@dataclass(frozen=True)
class LigneJalon:
    url: str
    numero: str
    operateur: str
    date: date
    exigee: str
    atteinte: str
    pastille: Pastille


def _places(nombre_de_places: int) -> str:
    return f"{nombre(nombre_de_places, 0)}\u00a0place{'s' if nombre_de_places > 1 else ''}"


def _exigee(j: selectors_montee.JalonASurveiller) -> str:
    """« 50 % (4 places) » : la part exigée et les places qu'elle demande, si connues."""
    part = pourcentage(j.part_min_pct, 0)
    return part if j.places_exigees is None else f"{part} ({_places(j.places_exigees)})"


def _atteinte(j: selectors_montee.JalonASurveiller) -> str:
    """« 42,9 % (3 places) » : une décimale, comme le calcul (un jalon manqué ne se lit pas
    « exigée 50 %, atteinte 50 % »), et les places ouvertes."""
    if j.part_pct is None:
        return "non renseignée"
    return f"{pourcentage(j.part_pct, 1)} ({_places(j.places_ouvertes)})"


def jalons(acteur: Acteur, jour: date) -> list[LigneJalon] | None:
    """Les jalons à risque et manqués des conventions de l'acteur."""
    if not perms.voit_la_montee_en_charge(acteur):
        return None
    return [
        LigneJalon(
            reverse("pilotage:montee_convention", kwargs={"pk": j.convention_pk}),
            j.numero, j.operateur, j.date, _exigee(j), _atteinte(j), pastille(j.etat),
        )
        for j in selectors_montee.jalons_a_surveiller(acteur, jour)
    ]  # fmt: skip


@dataclass(frozen=True)
class Attendues:
    """Statistiques à soumettre (opérateur) ou attendues et à consolider (État)."""

    lignes: list[StatistiqueAnnuelle]
    total: int
    url_liste: str


def statistiques_attendues(acteur: Acteur) -> Attendues | None:
    """L'opérateur : ses statistiques à revoir et soumettre ; l'État : celles que ses
    opérateurs n'ont pas soumises, puis celles qui attendent sa consolidation : soumises pour
    la DDETS, consolidées par la DDETS pour la DREETS, ou soumises quand le département n'a
    aucune DDETS active (`perms.acces_consolider_statistique`)."""
    if not perms.voit_les_statistiques(acteur):
        return None
    statuts = [StatutStatistique.A_REVOIR]
    if acteur.est_etat_regional:
        statuts.append(StatutStatistique.CONSOLIDEE_DEPARTEMENT)
    elif acteur.est_etat:
        statuts.append(StatutStatistique.SOUMISE)
    filtre = Q(statut__in=statuts)
    if acteur.est_etat_regional:  # sans DDETS active, la DREETS consolide les soumises
        avec_ddets = Organisation.objects.filter(type=TypeOrganisation.ETAT, active=True)
        filtre |= Q(statut=StatutStatistique.SOUMISE) & ~Q(
            operateur__territoire_id__in=avec_ddets.values("territoire_id")
        )
    qs = statistiques_visibles(acteur).filter(filtre)
    lignes = list(qs.order_by("campagne__date_limite", "operateur__nom")[:LIMITE_STATISTIQUES])
    total = len(lignes) if len(lignes) < LIMITE_STATISTIQUES else qs.count()
    return Attendues(lignes, total, reverse("pilotage:statistiques"))
