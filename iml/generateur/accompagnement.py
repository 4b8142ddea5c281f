"""Accompagnement généré pour les ménages générés, construit en mémoire avec le parc de chaque
opérateur puis inséré par lots, sans passer par les services. Invariants des services
maintenus (vérifiés par `tests/generateur/test_accompagnement.py`) :

- un plan pour un ménage sur deux environ en sous-location, moins en mandat de gestion ; un
  seul plan par ménage, ouvert tant que le ménage est logé, clos le jour de sa sortie avec
  l'issue qui suit sa destination (les objectifs encore en cours abandonnés ce jour-là) ;
- le plan passe `regles.accompagnement.verifier_plan` (R-ACCOMP-PLAN, R-PETIT-CHEZ-SOI,
  R-CD-MEASURES) : au moins un besoin évalué, le partenaire délégué ou le service de droit
  commun nommé, « un petit chez-soi » en sous-location à bail glissant seulement, avec ses
  financeurs (R-COFUNDING), une mesure départementale financée par le CD et d'au plus 36 mois ;
- l'intensité du plan est celle de sa dernière revue ; un objectif clos a sa date, un objectif
  en cours n'en a pas ;
- les étapes cochées sont celles de la liste de la forme du ménage (R-ACCOMP-ETAPES), une fois
  chacune, par le référent ; un ménage suivi a pour référent un travailleur social de son
  opérateur, auteur de son plan et de ses contacts ; son « dernier contact » est celui du
  journal ;
- R-ACCOMP-IMPAYES : un plan ouvert dont le compte montre une dette échue d'au moins le seuil a
  son action de soutien budgétaire ouverte (la tâche quotidienne n'a rien à faire le jour de la
  génération) ;
- aucune date dans le futur (hors les dates de revue à venir d'un objectif).

Déterministe : un tirage propre à l'accompagnement par opérateur (`graine:siret:accompagnement`),
qui ne change rien au parc ni aux occupations d'une graine donnée.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from iml.accompagnement.models import (
    Besoin,
    Contact,
    EtapeCochee,
    FinancementPlan,
    Objectif,
    OrientationPartenaire,
    Partenaire,
    Plan,
    RevuePlan,
    TempsTravail,
)
from iml.accompagnement.parametres import bareme as bareme_accompagnement
from iml.comptes.enums import Role
from iml.comptes.models import Adhesion, Utilisateur
from iml.generateur import accompagnement_suivi as suivi
from iml.generateur.organisations import TAILLE_LOT
from iml.generateur.parc import tirer
from iml.menages.models import Menage
from regles.accompagnement import OUVRIR, action_impayes, etapes_de
from regles.bareme import Bareme
from regles.compte import Ligne, anciennete
from regles.parametres_accompagnement import Etape, ParametresAccompagnement
from regles.types import Mode, StatutOccupation
from regles.types_accompagnement import DomaineBesoin, OrigineObjectif, StatutObjectif

#: Part des ménages (logés ou sortis) qui ont un plan, selon la forme.
PART_PLANS = {Mode.SOUS_LOCATION: 0.5, Mode.MANDAT_GESTION: 0.2}
INTENSITES = {
    Mode.SOUS_LOCATION: {"LEGERE": 20, "REGULIERE": 50, "RENFORCEE": 30},
    Mode.MANDAT_GESTION: {"LEGERE": 50, "REGULIERE": 40, "RENFORCEE": 10},
}
REALISATIONS = {
    Mode.SOUS_LOCATION: {"INTERNE": 80, "DELEGUE": 10, "DROIT_COMMUN": 10},
    Mode.MANDAT_GESTION: {"INTERNE": 60, "DELEGUE": 5, "DROIT_COMMUN": 35},
}
SERVICES = {"FSL": 40, "SECTEUR": 25, "SAVS": 10, "SAMSAH": 5, "CMP": 10, "AUTRE": 10}
DELEGUES = ("AIVS du territoire", "Association agréée d'insertion par le logement")
ISSUES = {
    "LOGEMENT_SOCIAL": "SORTIE_LOGEMENT",
    "LOGEMENT_PRIVE": "SORTIE_LOGEMENT",
    "GLISSEMENT_BAIL": "OBJECTIFS_ATTEINTS",
    "HEBERGEMENT": "RELAIS_DROIT_COMMUN",
    "RUE": "RUPTURE",
    "INCONNUE": "RUPTURE",
}
DOMAINES = [d.value for d in DomaineBesoin]
LIBELLE_OBJECTIF = "Objectif {n} : {domaine}"
LIBELLE_IMPAYES = "Soutien budgétaire : reprise du paiement du loyer"


@dataclass(frozen=True)
class ContexteAccompagnement:
    parametres: ParametresAccompagnement
    bareme: Bareme
    seuil_impayes_mois: int
    aujourd_hui: date
    etapes: dict[Mode, tuple[Etape, ...]]  # R-ACCOMP-ETAPES : la liste de chaque forme


@dataclass
class LotAccompagnement:
    """Les lignes en attente d'insertion : les comptes des travailleurs sociaux avant les
    ménages (ils en sont les référents), le reste après les occupations."""

    comptes: list[Utilisateur] = field(default_factory=list)
    adhesions: list[Adhesion] = field(default_factory=list)
    temps: list[TempsTravail] = field(default_factory=list)
    partenaires: list[Partenaire] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    besoins: list[Besoin] = field(default_factory=list)
    objectifs: list[Objectif] = field(default_factory=list)
    revues: list[RevuePlan] = field(default_factory=list)
    financements: list[FinancementPlan] = field(default_factory=list)
    etapes: list[EtapeCochee] = field(default_factory=list)
    contacts: list[suivi.LigneContact] = field(default_factory=list)
    orientations: list[OrientationPartenaire] = field(default_factory=list)


def seuil_atteint_le(
    lignes: list[Ligne], mensuel: Decimal, seuil_mois: int, aujourd_hui: date
) -> date | None:
    """R-ACCOMP-IMPAYES : si la dette échue atteint aujourd'hui le seuil (`seuil_mois` mois de
    loyer ou de redevance), le premier jour où elle l'a atteint ; sinon `None`."""

    def a_ouvrir(jour: date) -> bool:
        dette = anciennete([x for x in lignes if x.le <= jour], jour).total
        return action_impayes(dette, mensuel, seuil_mois, ouverte=False) == OUVRIR

    if not a_ouvrir(aujourd_hui):
        return None
    jours = sorted({x.le for x in lignes if x.le <= aujourd_hui})
    return next((j for j in jours if a_ouvrir(j)), aujourd_hui)


def _dispositif(rng: random.Random, occupation) -> str:
    glissant = occupation.forme == Mode.SOUS_LOCATION and occupation.bail_glissant
    if glissant and rng.random() < 0.15:
        return "UN_PETIT_CHEZ_SOI"
    return "MESURE_CD" if rng.random() < 0.08 else "IML_ETAT"


def _financements(rng: random.Random, ctx: ContexteAccompagnement, plan: Plan) -> list:
    """R-COFUNDING : « un petit chez-soi » par place selon le barème (ARS + État), une mesure
    départementale par le CD ; l'IML d'État par la subvention globale (pas de ligne)."""
    if plan.dispositif == "UN_PETIT_CHEZ_SOI":
        par_place = ctx.bareme.petit_chez_soi_financement_par_place
        return [
            FinancementPlan(plan=plan, financeur=f, montant_annuel=m) for f, m in par_place.items()
        ]
    if plan.dispositif == "MESURE_CD":
        montant = Decimal(rng.randrange(2000, 5001, 100))
        return [
            FinancementPlan(plan=plan, financeur="CONSEIL_DEPARTEMENTAL", montant_annuel=montant)
        ]
    return []


def _plan(rng: random.Random, ctx, occupation, referent: Utilisateur) -> Plan:
    """Le plan, ouvert dans le mois de l'entrée, clos à la sortie (issue selon la
    destination)."""
    forme = Mode(occupation.forme)
    fin = occupation.date_sortie or ctx.aujourd_hui
    debut = min(occupation.date_entree + timedelta(days=rng.randint(0, 30)), fin)
    dispositif = _dispositif(rng, occupation)
    realisation = "INTERNE" if dispositif != "IML_ETAT" else tirer(rng, REALISATIONS[forme])
    duree = rng.choice((12, 24, 36) if dispositif == "MESURE_CD" else (6, 12, 18, 24))
    termine = occupation.statut == StatutOccupation.TERMINEE
    petit = dispositif == "UN_PETIT_CHEZ_SOI"
    return Plan(
        menage=occupation.menage, occupation=occupation, debut_le=debut,
        intensite="RENFORCEE" if petit else tirer(rng, INTENSITES[forme]),
        realisation=realisation,
        partenaire_delegue=rng.choice(DELEGUES) if realisation == "DELEGUE" else "",
        service_droit_commun=tirer(rng, SERVICES) if realisation == "DROIT_COMMUN" else "",
        duree_prevue_mois=duree, dispositif=dispositif,
        fin_le=occupation.date_sortie if termine else None,
        issue=ISSUES.get(occupation.destination, "AUTRE") if termine else "",
        cree_par=referent,
    )  # fmt: skip


def _besoins(rng: random.Random, plan: Plan) -> list[Besoin]:
    """Deux à quatre domaines évalués, le premier avec un besoin (R-ACCOMP-PLAN)."""
    domaines = rng.sample(DOMAINES, rng.randint(2, 4))
    niveaux = [rng.choice(("PONCTUEL", "IMPORTANT"))]
    niveaux += [rng.choice(("AUCUN", "PONCTUEL", "IMPORTANT")) for _ in domaines[1:]]
    return [Besoin(plan=plan, domaine=d, niveau=n) for d, n in zip(domaines, niveaux, strict=True)]


def _revues(rng: random.Random, plan: Plan, fin: date) -> list[RevuePlan]:
    """Une revue tous les six mois ; l'intensité décidée à la dernière devient celle du
    plan."""
    revues, le = [], plan.debut_le + timedelta(days=182)
    while le <= fin:
        intensite = rng.choice(("LEGERE", "REGULIERE", "RENFORCEE"))
        revues.append(RevuePlan(plan=plan, le=le, par=plan.cree_par, intensite=intensite))
        le += timedelta(days=182)
    if revues:
        plan.intensite = revues[-1].intensite
    return revues


def _objectifs(rng: random.Random, ctx, plan: Plan, besoins: list[Besoin], fin: date) -> list:
    """Un objectif par besoin évalué (trois au plus) : atteint à sa date de revue quand elle
    est passée (six fois sur dix), sinon en cours ; abandonné à la fin d'un plan clos."""
    objectifs = []
    for n, besoin in enumerate([b for b in besoins if b.niveau != "AUCUN"][:3], 1):
        revue = plan.debut_le + timedelta(days=30 * rng.randint(2, 6))
        o = Objectif(
            plan=plan, domaine=besoin.domaine, revue_le=revue, ouvert_le=plan.debut_le,
            libelle=LIBELLE_OBJECTIF.format(n=n, domaine=DomaineBesoin(besoin.domaine).libelle),
        )  # fmt: skip
        if revue <= fin and rng.random() < 0.6:
            o.statut, o.clos_le = StatutObjectif.ATTEINT, revue
        elif plan.fin_le is not None:
            o.statut, o.clos_le = StatutObjectif.ABANDONNE, plan.fin_le
        objectifs.append(o)
    return objectifs


def _action_impayes(ctx, plan: Plan, lignes: list[Ligne], mensuel) -> Objectif | None:
    """R-ACCOMP-IMPAYES : l'action ouverte le jour où la dette a atteint le seuil."""
    if plan.fin_le is not None or mensuel is None:
        return None
    ouverte = seuil_atteint_le(lignes, mensuel, ctx.seuil_impayes_mois, ctx.aujourd_hui)
    if ouverte is None:
        return None
    return Objectif(
        plan=plan, domaine="BUDGET", libelle=LIBELLE_IMPAYES, origine=OrigineObjectif.IMPAYES,
        revue_le=ctx.aujourd_hui + timedelta(days=30), ouvert_le=max(ouverte, plan.debut_le),
    )  # fmt: skip


def plan_de(
    rng: random.Random, ctx: ContexteAccompagnement, occupation, referent: Utilisateur,
    partenaires: list[tuple[Partenaire, str]], compte: tuple[list[Ligne], Decimal | None],
    lot: LotAccompagnement,
) -> Plan:  # fmt: skip
    """Le plan d'un ménage et tout ce qui s'y rattache, ajoutés au lot."""
    occupation.menage.referent = referent
    plan = _plan(rng, ctx, occupation, referent)
    fin = plan.fin_le or ctx.aujourd_hui
    besoins = _besoins(rng, plan)
    lot.plans.append(plan)
    lot.besoins += besoins
    lot.revues += _revues(rng, plan, fin)
    lot.objectifs += _objectifs(rng, ctx, plan, besoins, fin)
    if (action := _action_impayes(ctx, plan, *compte)) is not None:
        lot.objectifs.append(action)
    lot.financements += _financements(rng, ctx, plan)
    lot.etapes += suivi.etapes(rng, ctx, plan, fin)
    lot.contacts += suivi.contacts(rng, plan, fin)
    lot.orientations += suivi.orientations(rng, ctx, plan, fin, partenaires)
    return plan


def accompagner(
    rng: random.Random, ctx: ContexteAccompagnement, operateur, direction: Utilisateur,
    occupations: list, comptes: dict[int, tuple[list[Ligne], Decimal | None]],
    lot: LotAccompagnement,
) -> None:  # fmt: skip
    """Pour les `occupations` générées d'un opérateur : l'annuaire de ses partenaires, ses
    travailleurs sociaux (un pour 18 plans ouverts environ) et leur temps de travail, les
    plans de ses ménages suivis et un référent pour un tiers des autres ménages logés."""
    partenaires = suivi.partenaires(rng, operateur, occupations, lot)
    suivis = [o for o in occupations if rng.random() < PART_PLANS[Mode(o.forme)]]
    ouverts = sum(o.statut == StatutOccupation.EN_COURS for o in suivis)
    travailleurs = suivi.travailleurs(rng, ctx, operateur, direction, ouverts, lot)
    for occupation in suivis:
        compte = comptes.get(id(occupation), ([], None))
        plan_de(rng, ctx, occupation, rng.choice(travailleurs), partenaires, compte, lot)
    avec_plan = {id(o) for o in suivis}
    for occupation in occupations:
        loge = occupation.statut == StatutOccupation.EN_COURS
        if loge and id(occupation) not in avec_plan and rng.random() < 0.3:
            occupation.menage.referent = rng.choice(travailleurs)


def comptes_des_occupations(lot_occupations, depuis: tuple[int, int]) -> dict:
    """Lignes du compte (`regles.compte.Ligne`) et loyer mensuel de chaque occupation du lot
    ajoutée depuis les repères `(tarifs, lignes)` ; clé : `id()` de l'occupation (pas encore
    insérée)."""
    lignes: dict[int, list[Ligne]] = defaultdict(list)
    for x in lot_occupations.ecritures[depuis[1] :]:
        lignes[id(x.occupation)].append(Ligne(x.le, x.montant))
    return {
        id(t.occupation): (lignes[id(t.occupation)], t.loyer + t.charges)
        for t in lot_occupations.tarifs[depuis[0] :]
    }


def contexte(aujourd_hui: date) -> ContexteAccompagnement:
    bareme = bareme_accompagnement()
    assert bareme.accompagnement is not None and bareme.occupations is not None
    parametres = bareme.accompagnement
    return ContexteAccompagnement(
        parametres, bareme, bareme.occupations.impayes_seuil_mois, aujourd_hui,
        {forme: etapes_de(parametres.etapes, forme) for forme in Mode},
    )  # fmt: skip


@dataclass
class Generation:
    """L'accompagnement d'une génération : tirage propre à chaque opérateur, directions (qui
    fixent les temps de travail), lot en attente d'insertion."""

    graine: int
    ctx: ContexteAccompagnement
    directions: dict[int, Utilisateur]
    lot: LotAccompagnement = field(default_factory=LotAccompagnement)

    @classmethod
    def preparer(cls, graine: int, aujourd_hui: date, operateurs: list) -> Generation:
        directions = {
            a.organisation_id: a.utilisateur
            for a in Adhesion.objects.filter(
                organisation__in=[op.organisation for op in operateurs], role=Role.DIRECTION
            ).select_related("utilisateur")
        }
        return cls(graine, contexte(aujourd_hui), directions)

    @staticmethod
    def reperer(lot_occupations) -> tuple[int, int, int]:
        """Où commencent les occupations, tarifs et lignes du prochain opérateur."""
        o = lot_occupations
        return len(o.occupations), len(o.tarifs), len(o.ecritures)

    def accompagner(self, operateur, lot_occupations, repere: tuple[int, int, int]) -> None:
        rng = random.Random(f"{self.graine}:{operateur.siret}:accompagnement")
        accompagner(
            rng, self.ctx, operateur, self.directions[operateur.pk],
            lot_occupations.occupations[repere[0] :],
            comptes_des_occupations(lot_occupations, repere[1:]), self.lot,
        )  # fmt: skip


def inserer_comptes(lot: LotAccompagnement, lignes: Counter) -> None:
    """Les travailleurs sociaux et leurs adhésions, avant les ménages dont ils sont référents."""
    Utilisateur.objects.bulk_create(lot.comptes, batch_size=TAILLE_LOT)
    Adhesion.objects.bulk_create(lot.adhesions, batch_size=TAILLE_LOT)
    lignes["travailleurs sociaux"] += len(lot.comptes)
    lot.comptes.clear()
    lot.adhesions.clear()


def inserer_accompagnement(lot: LotAccompagnement, lignes: Counter) -> None:
    """Le reste, après les ménages et occupations, dans l'ordre des dépendances ; puis vide
    le lot."""
    for modele, objets, libelle in (
        (Partenaire, lot.partenaires, "partenaires"),
        (TempsTravail, lot.temps, "temps de travail"),
        (Plan, lot.plans, "plans d'accompagnement"),
        (Besoin, lot.besoins, "besoins évalués"),
        (Objectif, lot.objectifs, "objectifs"),
        (RevuePlan, lot.revues, "revues de plan"),
        (FinancementPlan, lot.financements, "financements de plan"),
        (EtapeCochee, lot.etapes, "étapes cochées"),
        (OrientationPartenaire, lot.orientations, "orientations vers un partenaire"),
    ):
        modele.objects.bulk_create(objets, batch_size=TAILLE_LOT)
        lignes[libelle] += len(objets)
        objets.clear()
    suivi.inserer_contacts(lot.contacts, TAILLE_LOT)
    lignes["contacts"] += len(lot.contacts)
    lot.contacts.clear()


def vider(organisations) -> None:
    """Supprime l'accompagnement généré de ces organisations (avant leurs ménages et leurs
    comptes) par des suppressions SQL directes, les lignes dépendantes d'abord."""
    menages = Menage.objects.filter(operateur__in=organisations)
    plans = Plan.objects.filter(menage__in=menages)
    for modele, filtre in (
        (Besoin, {"plan__in": plans}),
        (Objectif, {"plan__in": plans}),
        (RevuePlan, {"plan__in": plans}),
        (FinancementPlan, {"plan__in": plans}),
        (EtapeCochee, {"plan__in": plans}),
        (Contact, {"menage__in": menages}),
        (OrientationPartenaire, {"menage__in": menages}),
        (Plan, {"menage__in": menages}),
        (Partenaire, {"operateur__in": organisations}),
        (TempsTravail, {"operateur__in": organisations}),
    ):
        qs = modele.objects.filter(**filtre)
        qs._raw_delete(qs.db)
