"""Ce que montrent les pages du compte : lignes avec solde courant, solde (« Solde dû » ou
« Avance »), impayés par ancienneté, suivi des plans d'apurement, liste des impayés de
l'opérateur, vacance des logements en sous-location et chiffres « vacance et impayés » de
l'annexe 1a. Les calculs sont ceux de `regles.compte` et `regles.vacance`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from iml.occupations.models import Ecriture, Occupation, PlanApurement
from iml.parc.models import Logement
from regles.compte import ZERO, Anciennete, Ligne, SuiviPlan, anciennete, nettes, soldes_courants
from regles.compte import solde as somme
from regles.compte import suivi_plan as suivre
from regles.format import euros
from regles.types import NatureEcriture
from regles.vacance import Intervalle, Vacance, vacance


def texte_solde(solde: Decimal) -> str:
    """« Solde dû : 1 234,50 € », « Avance : 12 € » ou « Compte soldé »."""
    if solde > 0:
        return f"Solde dû : {euros(solde)}"
    if solde < 0:
        return f"Avance : {euros(-solde)}"
    return "Compte soldé"


@dataclass
class LigneCompte:
    ecriture: Ecriture
    nature: str
    debit: Decimal | None
    credit: Decimal | None
    solde: Decimal
    corrections: list[Ecriture] = field(default_factory=list)


@dataclass
class PlanSuivi:
    plan: PlanApurement
    suivi: SuiviPlan | None  # None : plan clos


@dataclass
class Compte:
    lignes: list[LigneCompte]
    annees: list[int]
    annee: int | None
    report: Decimal | None
    solde: Decimal
    texte_solde: str
    anciennete: Anciennete
    plans: list[PlanSuivi]

    @property
    def plan_ouvert(self) -> PlanSuivi | None:
        return next((p for p in self.plans if p.suivi is not None), None)


def debut_du_plan(plan: PlanApurement) -> date:
    """Le plan court de sa conclusion (ou de son premier versement s'il est antérieur)."""
    return min(timezone.localdate(plan.cree_le), plan.debut)


def suivi_du_plan(plan: PlanApurement, lignes: list[Ligne], aujourd_hui: date) -> SuiviPlan:
    depuis = debut_du_plan(plan)
    versements = [Ligne(v.echeance, v.montant) for v in plan.versements.all()]
    return suivre(versements, [ligne for ligne in lignes if ligne.le >= depuis], aujourd_hui)


def _lignes(ecritures: list[Ecriture], annee: int | None) -> tuple[list[LigneCompte], Decimal]:
    corrections: dict[int, list[Ecriture]] = {}
    for e in ecritures:
        if e.corrige_id is not None:
            corrections.setdefault(e.corrige_id, []).append(e)
    report = somme([Ligne(e.le, e.montant) for e in ecritures if annee and e.le.year < annee])
    retenues = [e for e in ecritures if annee is None or e.le.year == annee]
    soldes = soldes_courants([e.montant for e in retenues], report)
    lignes = [
        LigneCompte(
            ecriture=e,
            nature=NatureEcriture(e.nature).libelle,
            debit=e.montant if e.montant > 0 else None,
            credit=-e.montant if e.montant < 0 else None,
            solde=s,
            corrections=corrections.get(e.pk, []),
        )
        for e, s in zip(retenues, soldes, strict=True)
    ]
    return lignes, report


def compte(
    ecritures: list[Ecriture], plans: list[PlanApurement], annee: int | None, aujourd_hui: date
) -> Compte:
    """Le compte d'une occupation : lignes de l'`annee` (toutes si `None`) avec le solde
    reporté au 1er janvier, solde et impayés au `aujourd_hui`, plans et leur suivi."""
    toutes = nettes([(e.pk, e.corrige_id, Ligne(e.le, e.montant)) for e in ecritures])
    echues = [ligne for ligne in toutes if ligne.le <= aujourd_hui]
    lignes, report = _lignes(ecritures, annee)
    solde = somme(toutes)
    return Compte(
        lignes=lignes,
        annees=sorted({e.le.year for e in ecritures}, reverse=True),
        annee=annee,
        report=report if annee else None,
        solde=solde,
        texte_solde=texte_solde(solde),
        anciennete=anciennete(echues, aujourd_hui),
        plans=[
            PlanSuivi(p, None if p.clos_le else suivi_du_plan(p, echues, aujourd_hui))
            for p in plans
        ],
    )


@dataclass
class Impaye:
    occupation: Occupation
    solde: Decimal
    anciennete: Anciennete
    plan: str  # « aucun », « à jour », « en retard de 120 € »


def impayes(
    occupations: list[Occupation], lignes: dict[int, list[Ligne]], au: date
) -> tuple[list[Impaye], Anciennete]:
    """Les ménages qui doivent (solde exact, en Python), du plus gros montant au plus petit,
    et les totaux par ancienneté."""
    rangs = []
    for o in occupations:
        a_lui = lignes.get(o.pk, [])
        solde = somme(a_lui)
        if solde <= 0:
            continue
        ouverts = getattr(o, "plans_ouverts", [])
        plan = suivi_du_plan(ouverts[0], a_lui, au).libelle if ouverts else "aucun"
        rangs.append(Impaye(o, solde, anciennete(a_lui, au), plan))
    rangs.sort(key=lambda r: (-r.solde, r.occupation.pk))
    total = Anciennete(
        sum((r.anciennete.un_mois for r in rangs), ZERO),
        sum((r.anciennete.deux_mois for r in rangs), ZERO),
        sum((r.anciennete.trois_mois_et_plus for r in rangs), ZERO),
    )
    return rangs, total


@dataclass
class VacanceLogement:
    logement: Logement
    vacance: Vacance | None  # None : date de mobilisation inconnue


def loyers_du_bailleur(logement: Logement) -> list[tuple[date, Decimal]]:
    """Le loyer dû au bailleur : celui du contrat (bail à l'association) à partir de son
    début, à défaut le loyer et les charges de la fiche du logement (tous deux connus)."""
    loyers = []
    if logement.loyer is not None and logement.charges is not None:
        loyers.append((date.min, logement.loyer + logement.charges))
    loyers += [(c.date_debut, c.loyer) for c in logement.contrats_lus if c.loyer is not None]
    return loyers


def vacance_du_logement(
    logement: Logement, annee: int, plafond: int | None, aujourd_hui: date
) -> VacanceLogement:
    """R-VACANCE du logement pour l'`annee`, comptée jusqu'à sa restitution ou jusqu'à
    `aujourd_hui` (les jours à venir ne sont pas encore vacants)."""
    debuts = [logement.date_mobilisation] + [c.date_debut for c in logement.contrats_lus]
    connus = [d for d in debuts if d is not None]
    debut = logement.date_mobilisation or (min(connus) if connus else None)
    fin = min(logement.date_restitution or aujourd_hui, aujourd_hui)
    periode = None if debut is None or debut > fin else Intervalle(debut, fin)
    occupations = [Intervalle(o.date_entree, o.date_sortie) for o in logement.occupations_lues]
    return VacanceLogement(
        logement, vacance(annee, periode, occupations, loyers_du_bailleur(logement), plafond)
    )


@dataclass
class Annexe1a:
    """« Vacance et impayés » de l'annexe 1a pour une année."""

    jours_vacants: int
    cout_vacance: Decimal | None
    cout_pris_en_charge: Decimal | None
    logements_inconnus: int
    impayes: Anciennete
    menages_concernes: int


def annexe_1a(vacances: list[VacanceLogement], rangs: list[Impaye], total: Anciennete) -> Annexe1a:
    connues = [v.vacance for v in vacances if v.vacance is not None]
    couts = [v.cout for v in connues]
    plafonnes = [v.cout_plafonne for v in connues]
    return Annexe1a(
        jours_vacants=sum(v.jours for v in connues),
        cout_vacance=None if None in couts else sum((c for c in couts if c), ZERO),
        cout_pris_en_charge=None if None in plafonnes else sum((c for c in plafonnes if c), ZERO),
        logements_inconnus=len(vacances) - len(connues),
        impayes=total,
        menages_concernes=len({r.occupation.menage_id for r in rangs if r.anciennete.total > 0}),
    )
