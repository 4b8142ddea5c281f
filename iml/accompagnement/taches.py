"""Tâche quotidienne de l'accompagnement (django-tasks), idempotente : la rejouer ne crée rien
de plus.

`alerter_accompagnement` :
- R-PETIT-CHEZ-SOI : pour chaque plan ouvert « un petit chez-soi », la dernière semaine civile
  écoulée sans assez de visites (`petit_chez_soi_visites_min_semaine`, canaux `canaux_visite`
  du barème) : une alerte au référent et à la direction, une par semaine manquée ;
- R-ACCOMP-IMPAYES : pour chaque ménage au plan ouvert et à l'occupation en cours, la dette échue
  (`regles.compte.anciennete`) contre le loyer ou la redevance en vigueur ; au seuil des impayés
  (`impayes_seuil_mois` du bloc `occupations`), une action de soutien budgétaire s'ouvre sur le
  plan ; quand la dette échue est soldée, l'action passe « atteinte ». Si le ménage n'a plus
  d'occupation en cours (sortie), c'est le compte de sa dernière occupation qui dit si la dette
  est soldée (rien ne s'ouvre alors) ; et le plan clos abandonne l'action (`clore_plan`).
  À chaque passage, chaque action en cours d'un plan ouvert produit son alerte au référent (la
  direction quand le ménage n'a pas de référent actif) : la clé est propre à l'action, une
  alerte manquée (tâche interrompue, référent absent) est rattrapée, jamais doublée.

Le message ne nomme le ménage que par sa référence (les courriels sortent du système). Les
lectures sont groupées : un nombre fixe de requêtes, quel que soit le nombre de plans ; seules
les alertes nouvelles et les actions qui changent s'écrivent. Lancée chaque jour par
`manage.py alertes_quotidiennes` (cron), après les alertes des occupations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, DecimalField, OuterRef, Q, Subquery, Sum, When
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from iml.accompagnement.models import Contact, Objectif, Plan
from iml.accompagnement.parametres import bareme
from iml.accompagnement.services.impayes import fermer_action_impayes, ouvrir_action_impayes
from iml.alertes.models import Alerte
from iml.alertes.services import creer_alerte
from iml.comptes.enums import Role
from iml.comptes.models import Adhesion
from iml.menages.models import Menage
from iml.occupations.models import Ecriture, Occupation
from iml.occupations.parametres import parametres_occupations
from iml.occupations.selectors_compte import lignes_par_occupation
from iml.occupations.taches import mensuels_en_vigueur, paquets
from regles.accompagnement import (
    FERMER,
    OUVRIR,
    action_impayes,
    alerte_visites,
    message_action_ouverte,
    semaines_sans_visite,
)
from regles.compte import anciennete
from regles.types import Dispositif, StatutOccupation
from regles.types_accompagnement import OrigineObjectif, StatutObjectif


@dataclass(frozen=True)
class AFaire:
    """Une alerte à envoyer pour un ménage : au référent, et à la direction si `direction`
    (ou faute de référent actif)."""

    menage: Menage
    regle: str
    cle: str
    message: str
    echeance: date | None
    direction: bool


def _visites(menages: list[int], canaux: Iterable[str]) -> dict[int, list[date]]:
    """Une requête par paquet : les dates des visites de ces ménages."""
    visites: dict[int, list[date]] = defaultdict(list)
    for paquet in paquets(menages):
        contacts = Contact.objects.filter(menage_id__in=paquet, canal__in=list(canaux))
        for menage_id, le in contacts.values_list("menage_id", "le"):
            visites[menage_id].append(le)
    return visites


def _petits_chez_soi(aujourd_hui: date) -> Iterable[AFaire]:
    """R-PETIT-CHEZ-SOI : deux requêtes (les plans, leurs visites)."""
    b = bareme()
    assert b.accompagnement is not None
    minimum = b.petit_chez_soi_visites_min_semaine
    plans = list(
        Plan.objects.filter(fin_le=None, dispositif=Dispositif.UN_PETIT_CHEZ_SOI).select_related(
            "menage"
        )
    )
    visites = _visites([p.menage_id for p in plans], b.accompagnement.canaux_visite)
    for plan in plans:
        manquees = semaines_sans_visite(
            plan.debut_le, None, visites[plan.menage_id], aujourd_hui, minimum
        )
        due = alerte_visites(plan.menage.reference, manquees, minimum)
        if due is not None:
            cle = f"R-PETIT-CHEZ-SOI:plan-{plan.pk}:{due.cle}"
            yield AFaire(
                plan.menage, "R-PETIT-CHEZ-SOI", cle, due.constat.message, due.echeance, True
            )


def _plans_a_examiner(aujourd_hui: date) -> list[Plan]:
    """Une requête : les plans ouverts avec l'occupation examinée du ménage (celle en cours, à
    défaut la dernière), `en_cours` (oui / non), l'action ouverte s'il y en a une et le solde
    du compte au jour ; seuls ceux qui ont une action ouverte, ou un solde positif et une
    occupation en cours, peuvent changer."""
    derniere = (
        Occupation.objects.filter(menage_id=OuterRef("menage_id"))
        .annotate(rang=Case(When(statut=StatutOccupation.EN_COURS, then=0), default=1))
        .order_by("rang", "-date_entree", "-pk")
    )
    action = Objectif.objects.filter(
        plan_id=OuterRef("pk"), origine=OrigineObjectif.IMPAYES, statut=StatutObjectif.EN_COURS
    )
    solde = (
        Ecriture.objects.filter(occupation_id=OuterRef("occupation_examinee"), le__lte=aujourd_hui)
        .order_by()
        .values("occupation_id")
        .annotate(s=Sum("montant"))
        .values("s")
    )
    return list(
        Plan.objects.filter(fin_le=None)
        .annotate(
            occupation_examinee=Subquery(derniere.values("pk")[:1]),
            en_cours=Subquery(derniere.values("statut")[:1]),
            action_id=Subquery(action.values("pk")[:1]),
            solde=Subquery(solde, output_field=DecimalField(max_digits=14, decimal_places=2)),
        )
        .filter(occupation_examinee__isnull=False)
        .filter(Q(action_id__isnull=False) | Q(solde__gt=0, en_cours=StatutOccupation.EN_COURS))
        .select_related("menage")
    )


@dataclass
class Bilan:
    alertes: list[AFaire]
    ouvertes: int = 0
    fermees: int = 0


def _impayes(aujourd_hui: date, seuil: int, bilan: Bilan) -> None:
    """R-ACCOMP-IMPAYES : trois requêtes (par paquet de 500) pour lire, plus une pour les actions
    à fermer ; une écriture par action qui s'ouvre ou se ferme. Sans occupation en cours, rien
    ne s'ouvre : l'action ouverte se ferme seulement, quand la dernière occupation est soldée."""
    a_fermer: dict[int, Plan] = {}
    for paquet in paquets(_plans_a_examiner(aujourd_hui)):
        ids = [p.occupation_examinee for p in paquet]  # type: ignore[attr-defined]
        lignes = lignes_par_occupation(ids, aujourd_hui)
        mensuels = mensuels_en_vigueur(ids, aujourd_hui)
        for plan in paquet:
            occupation_id = plan.occupation_examinee  # type: ignore[attr-defined]
            dette = anciennete(lignes[occupation_id], aujourd_hui).total
            ouverte = plan.action_id is not None  # type: ignore[attr-defined]
            quoi = action_impayes(dette, mensuels.get(occupation_id), seuil, ouverte)
            loge = plan.en_cours == StatutOccupation.EN_COURS  # type: ignore[attr-defined]
            if quoi == OUVRIR and loge:
                ouverte_ici = ouvrir_action_impayes(plan=plan, aujourd_hui=aujourd_hui)
                bilan.ouvertes += ouverte_ici is not None
            elif quoi == FERMER:
                a_fermer[plan.action_id] = plan  # type: ignore[attr-defined]
    for objectif in Objectif.objects.filter(pk__in=list(a_fermer)):
        fermer_action_impayes(objectif=objectif, aujourd_hui=aujourd_hui)
        bilan.fermees += 1


def _alertes_impayes(seuil: int) -> Iterable[AFaire]:
    """R-ACCOMP-IMPAYES : une alerte par action en cours d'un plan ouvert, à chaque passage (la
    clé, propre à l'action, rend l'envoi idempotent : une alerte manquée est rattrapée). Une
    requête."""
    actions = Objectif.objects.filter(
        origine=OrigineObjectif.IMPAYES, statut=StatutObjectif.EN_COURS, plan__fin_le=None
    ).select_related("plan__menage")
    for objectif in actions.order_by("pk"):
        plan = objectif.plan
        message = message_action_ouverte(plan.menage.reference, seuil).message
        cle = f"R-ACCOMP-IMPAYES:plan-{plan.pk}:objectif-{objectif.pk}"
        yield AFaire(plan.menage, "R-ACCOMP-IMPAYES", cle, message, objectif.revue_le, False)


Destinataires = tuple[dict[int, list[Adhesion]], dict[tuple[int, int], Adhesion]]


def _destinataires(a_faire: list[AFaire]) -> Destinataires:
    """Deux requêtes : la direction active de chaque opérateur ; les référents (une adhésion de
    travail social active à l'opérateur du ménage)."""
    operateurs = {f.menage.operateur_id for f in a_faire}
    actives = Adhesion.objects.filter(
        organisation_id__in=operateurs, actif=True, utilisateur__is_active=True
    ).select_related("utilisateur", "organisation")
    direction: dict[int, list[Adhesion]] = defaultdict(list)
    for adhesion in actives.filter(role=Role.DIRECTION):
        direction[adhesion.organisation_id].append(adhesion)
    referents_ids = {f.menage.referent_id for f in a_faire} - {None}
    referents = {
        (a.utilisateur_id, a.organisation_id): a
        for a in actives.filter(role=Role.TRAVAILLEUR_SOCIAL, utilisateur_id__in=referents_ids)
    }
    return direction, referents


def _pour(f: AFaire, destinataires: Destinataires) -> list[Adhesion]:
    """Le référent actif du ménage ; la direction aussi si l'alerte la concerne, ou à sa place
    quand le ménage n'a pas de référent actif."""
    direction, referents = destinataires
    referent = referents.get((f.menage.referent_id, f.menage.operateur_id))  # type: ignore[arg-type]
    adhesions = [referent] if referent is not None else []
    if f.direction or referent is None:
        adhesions += direction.get(f.menage.operateur_id, [])
    uniques: dict[int, Adhesion] = {}
    for adhesion in adhesions:
        uniques.setdefault(adhesion.utilisateur_id, adhesion)
    return list(uniques.values())


def _envoyer(a_faire: list[AFaire]) -> int:
    if not a_faire:
        return 0
    destinataires = _destinataires(a_faire)
    deja: set[tuple[int, str]] = set()
    for paquet in paquets(sorted({f.cle for f in a_faire})):
        deja.update(Alerte.objects.filter(cle__in=paquet).values_list("destinataire_id", "cle"))
    creees = 0
    for f in a_faire:
        lien = reverse("accompagnement:dossier", kwargs={"pk": f.menage.pk})
        for adhesion in _pour(f, destinataires):
            if (adhesion.utilisateur_id, f.cle) in deja:
                continue
            alerte = creer_alerte(
                destinataire=adhesion.utilisateur, organisation=adhesion.organisation,
                regle=f.regle, message=f.message, cle=f.cle, lien=lien, echeance=f.echeance,
            )  # fmt: skip
            creees += alerte is not None
    return creees


@task()
def alerter_accompagnement(aujourd_hui_iso: str | None = None) -> dict[str, int]:
    """Crée les alertes de l'accompagnement du jour, ouvre et ferme les actions budgétaires ;
    renvoie les nombres d'alertes créées et d'actions ouvertes et fermées."""
    aujourd_hui = date.fromisoformat(aujourd_hui_iso) if aujourd_hui_iso else timezone.localdate()
    bilan = Bilan(alertes=list(_petits_chez_soi(aujourd_hui)))
    seuil = parametres_occupations().impayes_seuil_mois
    _impayes(aujourd_hui, seuil, bilan)
    bilan.alertes.extend(_alertes_impayes(seuil))
    return {
        "alertes": _envoyer(bilan.alertes),
        "actions_ouvertes": bilan.ouvertes,
        "actions_fermees": bilan.fermees,
    }
