"""Orientations générées (R-SIAO) : pour chaque département, un compte de coordination du SIAO
généré, ses demandes en attente, les vacances déclarées par les opérateurs générés et des
propositions dans chaque état, construites en mémoire puis insérées par lots, sans passer par
les services. Invariants des services maintenus (vérifiés par
`tests/generateur/test_orientations.py`) :

- une demande : composition dans la capacité du plus grand logement (R-CAPACITY), dates dans
  le passé, communes du département, aide estimée seulement si un montant est donné,
  critères de priorité connus et datés dans le passé (R-PRIORITY-PUBLICS) ;
- une déclaration de vacance par logement vacant ou disponible (déclarée ou brouillon) et,
  pour quelques logements occupés, « bientôt vacant » à une date à venir ; jamais deux
  ouvertes pour un logement ;
- une proposition lie une demande en attente et un logement vacant déclaré du même
  département, ménage dans la capacité ; au plus une en cours par demande et par logement ;
  proposée après la déclaration, échéance au délai du barème ; statut atteint en franchissant
  la table `regles.transitions_orientations` (un événement par passage, le refus avec son
  motif, la décision du SIAO avec la sienne) ; aucune admission (elle passe par les
  occupations) ;
- aucune date dans le futur (hors « disponible le » d'un logement bientôt vacant).

Déterministe : un tirage propre aux orientations par département
(`graine:code:orientations`), qui ne change rien au parc, aux occupations ni à
l'accompagnement d'une graine donnée.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from iml.comptes.communes import communes_du_departement
from iml.comptes.enums import Role, TypeOrganisation
from iml.comptes.models import Adhesion, Organisation, Territoire, Utilisateur
from iml.generateur.menages import TAILLES
from iml.generateur.noms import NOMS, PRENOMS
from iml.generateur.organisations import DOMAINE, TAILLE_LOT
from iml.generateur.parc import tirer
from iml.orientations.models import (
    ConsultationDemande,
    CritereDemande,
    DeclarationVacance,
    Demande,
    EvenementProposition,
    ExecutionAppariement,
    Proposition,
)
from iml.orientations.parametres import delai_reponse_jours
from iml.parc.models import Logement
from regles.types import PublicPrioritaire, StatutLogement
from regles.types_orientations import MotifRefus, StatutProposition

#: Demandes en attente par opérateur du département (≈ 60 pour dix opérateurs).
DEMANDES_PAR_OPERATEUR = 6
CATEGORIES = {"CLASSIQUE": 80, "SPECIALISEE": 12, "PSY": 8}
CRITERES = [c.value for c in PublicPrioritaire if not c.value.startswith("DALO_")]
DALO = [c.value for c in PublicPrioritaire if c.value.startswith("DALO_")]
#: Part des logements libres déclarés au SIAO (les autres gardent leur brouillon).
PART_DECLAREES = 0.75
PART_BIENTOT_VACANTS = 0.03
#: Part des vacances déclarées sans proposition.
PART_SANS_PROPOSITION = 0.15
#: Histoire d'une proposition sur une vacance déclarée : les passages après « proposée ».
HISTOIRES = {
    "": 35, "ACCEPTEE": 24, "REFUSEE": 12, "REFUSEE/REFUS_CONFIRME": 17,
    "REFUSEE/ACCEPTEE": 6, "ANNULEE": 6,
}  # fmt: skip
STATUTS = (StatutLogement.VACANT, StatutLogement.DISPONIBLE, StatutLogement.OCCUPE)
MOTIFS = [m.value for m in MotifRefus if m != MotifRefus.AUTRE]


@dataclass
class LotOrientations:
    comptes: list[Utilisateur] = field(default_factory=list)
    adhesions: list[Adhesion] = field(default_factory=list)
    demandes: list[Demande] = field(default_factory=list)
    criteres: list[CritereDemande] = field(default_factory=list)
    vacances: list[DeclarationVacance] = field(default_factory=list)
    propositions: list[Proposition] = field(default_factory=list)
    evenements: list[EvenementProposition] = field(default_factory=list)


@dataclass(frozen=True)
class Contexte:
    aujourd_hui: date
    delai: int
    capacite_max: int


def _midi(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(12, 0)))


def _compte_siao(siao: Organisation, rang: int, lot: LotOrientations) -> Utilisateur:
    compte = Utilisateur(
        email=f"siao.{rang:03d}@{DOMAINE}", first_name="Coordination",
        last_name=f"SIAO {siao.territoire.code}", password=make_password(None),
    )  # fmt: skip
    lot.comptes.append(compte)
    lot.adhesions.append(Adhesion(utilisateur=compte, organisation=siao, role=Role.COORDINATION))
    return compte


def _demande(rng: random.Random, ctx: Contexte, siao, par, n: int, lot) -> Demande:
    personnes = min(int(tirer(rng, {str(k): v for k, v in TAILLES.items()})), ctx.capacite_max)
    adultes = 1 if personnes == 1 or rng.random() < 0.6 else 2
    ressources = Decimal(rng.randint(550, 1000) + 280 * personnes)
    aide = rng.choice((None, "connue", "estimee"))
    communes = [c.code for c in communes_du_departement(siao.territoire.code)]
    souhaitees = sorted(rng.sample(communes, min(len(communes), rng.randint(1, 3))))
    d = Demande(
        siao=siao, reference_siao=f"SIAO{siao.territoire.code}-{n:06d}",
        nom=rng.choice(NOMS), prenom=rng.choice(PRENOMS), adultes=adultes,
        enfants=personnes - adultes,
        ressources=None if rng.random() < 0.03 else ressources,
        aide_logement=None if aide is None else Decimal(rng.randint(80, 120) * personnes),
        aide_estimee=aide == "estimee",
        demande_le=ctx.aujourd_hui - timedelta(days=rng.randint(1, 900)),
        communes=[] if rng.random() < 0.25 else souhaitees,
        plain_pied_requis=rng.random() < 0.05, categorie=tirer(rng, CATEGORIES), cree_par=par,
    )  # fmt: skip
    d.communes_strictes = bool(d.communes) and rng.random() < 0.1
    lot.demandes.append(d)
    criteres = rng.sample(CRITERES, rng.choice((0, 1, 1, 2)))
    if rng.random() < 0.08:
        criteres.append(rng.choice(DALO))
    for critere in criteres:
        jour = d.demande_le + timedelta(days=rng.randint(-200, 200))
        le = min(jour, ctx.aujourd_hui - timedelta(days=1))
        lot.criteres.append(CritereDemande(demande=d, critere=critere, reconnu_le=le))
    return d


def _vacance(rng: random.Random, ctx: Contexte, logement: Logement, par, lot):
    """Un logement libre : déclaré (ou brouillon) ; un logement occupé : parfois bientôt
    vacant. Renvoie la déclaration si elle est déclarée au SIAO."""
    jour = ctx.aujourd_hui
    if logement.statut == StatutLogement.OCCUPE:
        if rng.random() >= PART_BIENTOT_VACANTS:
            return None
        v = DeclarationVacance(
            logement=logement, operateur_id=logement.operateur_id, nature="BIENTOT_VACANT",
            disponible_le=jour + timedelta(days=rng.randint(5, 60)), statut="DECLAREE",
            declaree_le=jour - timedelta(days=rng.randint(0, 10)), cree_par=par,
        )  # fmt: skip
        lot.vacances.append(v)
        return None  # pas encore libre : pas de proposition générée
    disponible = jour - timedelta(days=rng.randint(0, 120))
    declaree = rng.random() < PART_DECLAREES
    v = DeclarationVacance(
        logement=logement, operateur_id=logement.operateur_id, nature="VACANT",
        disponible_le=disponible, statut="DECLAREE" if declaree else "BROUILLON",
        declaree_le=None, cree_par=par,
    )  # fmt: skip
    if declaree:
        v.declaree_le = min(jour, disponible + timedelta(days=rng.randint(0, 10)))
    lot.vacances.append(v)
    return v if declaree else None


def _proposition(
    rng: random.Random, ctx: Contexte, v: DeclarationVacance, demande: Demande,
    siao_par: Utilisateur, operateur_par: Utilisateur, lot: LotOrientations,
) -> None:  # fmt: skip
    """Une proposition et ses passages, datés dans l'ordre, jamais après aujourd'hui."""
    histoire = tirer(rng, HISTOIRES)
    assert v.declaree_le is not None
    attente = (ctx.aujourd_hui - v.declaree_le).days
    proposee = v.declaree_le + timedelta(days=rng.randint(0, attente))
    p = Proposition(
        demande=demande, logement=v.logement, declaration=v, siao=demande.siao,
        operateur_id=v.operateur_id, proposee_le=proposee,
        echeance=proposee + timedelta(days=ctx.delai), cree_par=siao_par,
    )  # fmt: skip
    passages = [("", StatutProposition.PROPOSEE, proposee, siao_par, "")]
    jour = proposee
    for vers in histoire.split("/") if histoire else ():
        jour = min(ctx.aujourd_hui, jour + timedelta(days=rng.randint(1, ctx.delai)))
        par, motif = (operateur_par, "") if passages[-1][1] == "PROPOSEE" else (siao_par, "")
        if vers == "REFUSEE":
            p.motif_refus, p.repondue_le = rng.choice(MOTIFS), jour
            motif = MotifRefus(p.motif_refus).libelle
        elif vers == "ACCEPTEE" and passages[-1][1] == "PROPOSEE":
            p.repondue_le = jour
        elif vers in ("REFUS_CONFIRME", "ACCEPTEE"):
            p.decidee_le, par = jour, siao_par
            p.decision_siao = "CONFIRME" if vers == "REFUS_CONFIRME" else "PASSE_OUTRE"
            motif = p.motif_decision = (
                "Le logement convient au ménage." if vers == "ACCEPTEE" else ""
            )
        elif vers == "ANNULEE":
            par, motif = siao_par, "Le ménage a trouvé une autre solution."
        passages.append((passages[-1][1], vers, jour, par, motif))
    p.statut = passages[-1][1]
    lot.propositions.append(p)
    for de, vers, le, par, motif in passages:
        lot.evenements.append(
            EvenementProposition(proposition=p, de=de, vers=vers, le=_midi(le), par=par,
                                 motif=motif)
        )  # fmt: skip


def _gestionnaires(operateurs: set[int]) -> dict[int, Utilisateur]:
    return {
        a.organisation_id: a.utilisateur
        for a in Adhesion.objects.filter(
            organisation_id__in=operateurs, role=Role.GESTIONNAIRE_LOCATIF
        ).select_related("utilisateur")
    }


def orienter_departement(
    rng: random.Random, ctx: Contexte, siao: Organisation, rang: int,
    logements: list[Logement], gestionnaires: dict[int, Utilisateur], lot: LotOrientations,
) -> None:  # fmt: skip
    """Les demandes du SIAO, les vacances des logements du département, les propositions."""
    par = _compte_siao(siao, rang, lot)
    operateurs = len({lg.operateur_id for lg in logements}) or 1
    demandes = [
        _demande(rng, ctx, siao, par, n, lot)
        for n in range(1, DEMANDES_PAR_OPERATEUR * operateurs + 1)
    ]
    libres = list(demandes)
    rng.shuffle(libres)
    for logement in logements:
        v = _vacance(rng, ctx, logement, gestionnaires[logement.operateur_id], lot)
        if v is None or rng.random() < PART_SANS_PROPOSITION:
            continue
        demande = next((d for d in libres if d.personnes <= (logement.capacite or 0)), None)
        if demande is not None:
            libres.remove(demande)
            _proposition(rng, ctx, v, demande, par, gestionnaires[logement.operateur_id], lot)


def inserer(lot: LotOrientations, lignes: Counter) -> None:
    """Insère le lot dans l'ordre des dépendances, puis le vide."""
    for modele, objets, libelle in (
        (Utilisateur, lot.comptes, "comptes du SIAO"),
        (Adhesion, lot.adhesions, None),
        (Demande, lot.demandes, "demandes en attente au SIAO"),
        (CritereDemande, lot.criteres, "critères de priorité des demandes"),
        (DeclarationVacance, lot.vacances, "déclarations de vacance"),
        (Proposition, lot.propositions, "propositions du SIAO"),
        (EvenementProposition, lot.evenements, "passages de statut des propositions"),
    ):
        modele.objects.bulk_create(objets, batch_size=TAILLE_LOT)
        if libelle:
            lignes[libelle] += len(objets)
        objets.clear()


def generer_orientations(
    graine: int, aujourd_hui: date, departements: list[Territoire], capacite_max: int,
    lignes: Counter,
) -> None:  # fmt: skip
    """Après le parc : les orientations de chaque département couvert (SIAO générés)."""
    ctx = Contexte(aujourd_hui, delai_reponse_jours(), capacite_max)
    siaos = {
        o.territoire_id: o
        for o in Organisation.objects.filter(
            siret__startswith="99", type=TypeOrganisation.SIAO, territoire__in=departements
        ).select_related("territoire")
    }
    lot = LotOrientations()
    for rang, dept in enumerate(departements, 1):
        siao = siaos.get(dept.pk)
        if siao is None:
            continue
        logements = list(
            Logement.objects.filter(
                operateur__siret__startswith="99", operateur__territoire=dept,
                statut__in=STATUTS,
            ).order_by("pk")
        )  # fmt: skip
        gestionnaires = _gestionnaires({lg.operateur_id for lg in logements})
        rng = random.Random(f"{graine}:{dept.code}:orientations")
        orienter_departement(rng, ctx, siao, rang, logements, gestionnaires, lot)
        if len(lot.demandes) >= TAILLE_LOT:
            inserer(lot, lignes)
    inserer(lot, lignes)


def vider(organisations) -> None:
    """Supprime les orientations générées de ces organisations (avant leur parc et leurs
    comptes), par des suppressions SQL directes, les lignes dépendantes d'abord."""
    propositions = Proposition.objects.filter(siao__in=organisations)
    demandes = Demande.objects.filter(siao__in=organisations)
    for qs in (
        EvenementProposition.objects.filter(proposition__in=propositions),
        propositions,
        CritereDemande.objects.filter(demande__in=demandes),
        ConsultationDemande.objects.filter(demande__in=demandes),
        demandes,
        ExecutionAppariement.objects.filter(siao__in=organisations),
        DeclarationVacance.objects.filter(operateur__in=organisations),
    ):
        qs._raw_delete(qs.db)
