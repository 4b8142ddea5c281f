"""Ménages et occupations générés pour un logement du parc, construits en mémoire puis insérés
par lots, sans passer par les services. Invariants des services maintenus (vérifiés par
`tests/generateur/test_occupations.py` sur une échelle département) :

- le logement est occupé exactement pendant ses occupations : la période « occupé » que le
  parc a tirée (R-PARC) est découpée en séjours successifs séparés par de la vacance, chaque
  départ et chaque entrée étant un changement de statut permis par la table (OCCUPE → VACANT,
  VACANT → OCCUPE, un événement par passage) ; une entrée n'a lieu que si le logement passe le
  contrôle de décence ce jour-là ; au plus une occupation en cours par logement et par ménage ;
- un ménage par occupation, à la taille du logement (R-CAPACITY), ressources telles que le
  contrôle d'admission passe (R-EFFORT-SL, R-EFFORT-MG) ; le contrôle est figé avec le code et
  la version du barème en vigueur ; la forme est celle du logement (R-MODE) ;
- sous-location (R-SL-DURATION) : suite du parcours prévue dès l'entrée, période initiale puis
  0 à 2 renouvellements décidés avant la fin de la période qu'ils prolongent, jamais plus :
  une occupation ne dure pas au-delà de la dernière période permise ;
- mandat de gestion (R-MG-GLS-DURATION) : fin du financement = entrée + 3 ans − 1 jour, revues
  annuelles passées enregistrées ;
- sorties (R-SORTIE) : destinations variées, le glissement de bail seulement en sous-location
  avec bail glissant prévu, et alors le logement est restitué le jour même (OCCUPE →
  RESTITUE) ;
- un tarif par occupation (loyer ou redevance du logement, charges) et son compte
  (`iml.generateur.ecritures`).
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from iml.comptes.models import Utilisateur
from iml.generateur.admissions import ContexteOccupations, admis, controle_fige, tarif_logement
from iml.generateur.ecritures import LigneCompte, ecritures_de, inserer_lignes
from iml.generateur.menages import LotMenages, MenageGenere, fusionner
from iml.generateur.organisations import TAILLE_LOT
from iml.generateur.parc import Lot, decent, instant, tirer
from iml.menages.models import CriterePriorite, Menage, Personne, Ressource
from iml.occupations.models import (
    ControleAdmission,
    Ecriture,
    EvenementOccupation,
    Occupation,
    Periode,
    RevueMandat,
    Tarif,
)
from iml.parc.models import EvenementLogement, Logement
from regles.bareme import Bareme
from regles.format import date_fr
from regles.occupations import fin_financement_mandat, periodes_permises, revues_mandat
from regles.types import DestinationSortie, Mode, SuiteParcours

DESTINATIONS = {
    "LOGEMENT_SOCIAL": 34,
    "LOGEMENT_PRIVE": 20,
    "HEBERGEMENT": 13,
    "AUTRE": 9,
    "INCONNUE": 9,
    "RUE": 3,
    "DECES": 2,
}
SUITES = {
    "BAIL_GLISSANT": 35,
    "RELOGEMENT_SOCIAL": 40,
    "RELOGEMENT_PRIVE": 15,
    "PROCEDURE_PRIORITAIRE": 10,
}
MOTIFS_RENOUVELLEMENT = (
    "Demande de logement social en cours.",
    "Projet de glissement du bail.",
    "Ressources en cours de stabilisation.",
    "Relogement proposé, en attente.",
)
#: Part des sous-locations à bail glissant prévu qui finissent par le glissement du bail.
PART_GLISSEMENT = 0.8


@dataclass
class LotOccupations:
    menages: LotMenages = field(default_factory=LotMenages)
    occupations: list[Occupation] = field(default_factory=list)
    evenements: list[EvenementOccupation] = field(default_factory=list)
    controles: list[ControleAdmission] = field(default_factory=list)
    periodes: list[Periode] = field(default_factory=list)
    revues: list[RevueMandat] = field(default_factory=list)
    tarifs: list[Tarif] = field(default_factory=list)
    ecritures: list[LigneCompte] = field(default_factory=list)


@dataclass(frozen=True)
class Sejour:
    entree: date
    sortie: date | None


def _limite(entree: date, forme: str, bareme: Bareme) -> date | None:
    """Dernier jour permis d'une sous-location (R-SL-DURATION) ; `None` en mandat de gestion."""
    if forme != Mode.SOUS_LOCATION:
        return None
    return periodes_permises(entree, bareme)[-1].fin


def planifier(
    rng: random.Random,
    ctx: ContexteOccupations,
    logement: Logement,
    d0: date,
    fin: date,
    termine: bool,
) -> tuple[list[Sejour], bool]:
    """Découpe la période occupée [d0, fin] en séjours séparés de 7 à 120 jours de vacance ;
    vrai en second si le dernier séjour finit avant `fin` (logement non décent pour une
    nouvelle entrée et sous-location à son terme : le logement reste vacant)."""
    sejours, entree = [], d0
    while True:
        limite = _limite(entree, logement.forme, ctx.bareme)
        peut_finir = limite is None or fin <= limite
        reste = (fin - entree).days
        if peut_finir and (reste < 365 or rng.random() < 0.5):
            sejours.append(Sejour(entree, fin if termine else None))
            return sejours, False
        maxi = (limite - entree).days if limite else 5 * 365
        duree = min(rng.randint(120, maxi), reste - 45)
        sortie = entree + timedelta(days=duree)
        suivante = sortie + timedelta(days=rng.randint(7, min(120, reste - duree - 30)))
        if not decent(logement, ctx.parc, suivante):
            if peut_finir:
                sejours.append(Sejour(entree, fin if termine else None))
                return sejours, False
            sejours.append(Sejour(entree, sortie))
            return sejours, True
        sejours.append(Sejour(entree, sortie))
        entree = suivante


def _periodes(rng, ctx, occupation: Occupation, fin: date, par) -> list[Periode]:
    """R-SL-DURATION : la période initiale et les renouvellements qu'il a fallu pour aller
    jusqu'à `fin` (sortie ou jour de référence), chacun décidé avant la fin de la précédente."""
    permises = periodes_permises(occupation.date_entree, ctx.bareme)
    besoin = next(i for i, p in enumerate(permises) if p.fin >= fin)
    lignes = []
    for p in permises[: besoin + 1]:
        if p.rang == 0:
            decide, motif = occupation.date_entree, "Entrée dans le logement."
        else:
            avant = permises[p.rang - 1]
            decide = max(avant.fin - timedelta(days=rng.randint(3, 30)), avant.debut)
            motif = rng.choice(MOTIFS_RENOUVELLEMENT)
        lignes.append(
            Periode(
                occupation=occupation,
                rang=p.rang,
                debut=p.debut,
                fin=p.fin,
                decide_le=min(decide, ctx.aujourd_hui),
                decide_par=par,
                motif=motif,
            )
        )
    return lignes


def _revues(ctx, occupation: Occupation, fin: date, par) -> list[RevueMandat]:
    """R-MG-GLS-DURATION : les revues annuelles échues avant `fin`."""
    return [
        RevueMandat(
            occupation=occupation,
            le=le,
            par=par,
            poursuite=True,
            note="Revue annuelle : la gestion reste nécessaire.",
        )
        for le in revues_mandat(occupation.date_entree, ctx.bareme)
        if le <= fin
    ]


def _suite_et_destination(
    rng: random.Random, logement: Logement, sejour: Sejour, glissement_possible: bool
) -> tuple[str, str]:
    """Suite du parcours prévue dès l'entrée (sous-location), destination à la sortie."""
    suite = tirer(rng, SUITES) if logement.forme == Mode.SOUS_LOCATION else ""
    if suite and logement.bail_glissant_possible and rng.random() < 0.5:
        suite = SuiteParcours.BAIL_GLISSANT  # le bailleur l'accepte : on le prévoit souvent
    elif suite == SuiteParcours.BAIL_GLISSANT and not logement.bail_glissant_possible:
        suite = SuiteParcours.RELOGEMENT_SOCIAL
    destination = "" if sejour.sortie is None else tirer(rng, DESTINATIONS)
    glisse = glissement_possible and suite == SuiteParcours.BAIL_GLISSANT
    if glisse and rng.random() < PART_GLISSEMENT:
        destination = DestinationSortie.GLISSEMENT_BAIL
    return suite, destination


def _evenements(rng: random.Random, occupation: Occupation, par) -> list[EvenementOccupation]:
    """L'entrée (« » → en cours), puis la sortie (en cours → terminée) avec sa destination."""
    lignes = [
        EvenementOccupation(occupation=occupation, de="", vers="EN_COURS",
                            le=instant(occupation.date_entree, rng), par=par)
    ]  # fmt: skip
    if occupation.date_sortie is not None:
        libelle = DestinationSortie(occupation.destination).libelle
        lignes.append(
            EvenementOccupation(occupation=occupation, de="EN_COURS", vers="TERMINEE",
                                le=instant(occupation.date_sortie, rng), par=par,
                                note=f"{libelle} le {date_fr(occupation.date_sortie)}")
        )  # fmt: skip
    return lignes


def _occupation(ctx, logement, mg: MenageGenere, sejour: Sejour, suite, destination, par):
    sl = logement.forme == Mode.SOUS_LOCATION
    return Occupation(
        operateur=logement.operateur, menage=mg.menage, logement=logement, forme=logement.forme,
        bail_glissant=suite == SuiteParcours.BAIL_GLISSANT, date_entree=sejour.entree,
        suite_parcours=suite, statut="EN_COURS" if sejour.sortie is None else "TERMINEE",
        date_sortie=sejour.sortie, destination=destination, cree_par=par,
        fin_financement=None if sl else fin_financement_mandat(sejour.entree, ctx.bareme),
    )  # fmt: skip


def _tarif_et_compte(rng, ctx, occupation: Occupation, aide, par, lot: LotOccupations) -> None:
    """Le tarif (loyer ou redevance du logement, charges) et les lignes du compte."""
    loyer, charges = tarif_logement(occupation.logement)
    lot.tarifs.append(
        Tarif(occupation=occupation, date_effet=occupation.date_entree, loyer=loyer,
              charges=charges, cree_par=par)
    )  # fmt: skip
    lot.ecritures += ecritures_de(
        rng, occupation, loyer + charges, aide, ctx.aujourd_hui, ctx.jour_appel, par
    )


def occupation_de(
    rng: random.Random,
    ctx: ContexteOccupations,
    logement: Logement,
    sejour: Sejour,
    glissement_possible: bool,
    par: Utilisateur,
    rang: int,
    lot: LotOccupations,
) -> Occupation:
    """Ménage, occupation, contrôle figé, périodes ou revues, tarif, compte et événements ;
    la sortie va où le tirage l'envoie, au glissement du bail seulement si `glissement_possible`
    et le bail glissant prévu dès l'entrée (R-SORTIE)."""
    suite, destination = _suite_et_destination(rng, logement, sejour, glissement_possible)
    mg, lot_menage, resultat = admis(rng, ctx, logement, par, rang, sejour.entree, suite)
    fusionner(lot.menages, lot_menage)
    occupation = _occupation(ctx, logement, mg, sejour, suite, destination, par)
    lot.occupations.append(occupation)
    lot.controles.append(controle_fige(rng, occupation, resultat, mg, ctx, par))
    fin = sejour.sortie or ctx.aujourd_hui
    if logement.forme == Mode.SOUS_LOCATION:
        lot.periodes += _periodes(rng, ctx, occupation, fin, par)
    else:
        lot.revues += _revues(ctx, occupation, fin, par)
    _tarif_et_compte(rng, ctx, occupation, mg.aide_logement, par, lot)
    lot.evenements += _evenements(rng, occupation, par)
    return occupation


def _evenement(logement, de, vers, jour, rng, par, ref) -> EvenementLogement:
    """Un passage du logement à l'entrée (→ OCCUPE) ou à la sortie (→ VACANT) d'un ménage."""
    quoi = "Entrée" if vers == "OCCUPE" else "Sortie"
    note = f"{quoi} du ménage {ref} le {date_fr(jour)}."
    return EvenementLogement(
        logement=logement, de=de, vers=vers, le=instant(jour, rng), par=par, note=note
    )


def _fin(logement: Logement, derniere: Occupation, depart, apres: list, arrete: bool) -> list:
    """Les événements du logement après son dernier séjour : aucun si le logement reste
    vacant (`arrete`), la restitution le jour du glissement du bail, sinon ceux du parc."""
    if arrete:
        logement.statut, logement.date_restitution = "VACANT", None
        return []
    if depart is None or derniere.date_sortie is None:
        return apres
    ref, jour = derniere.menage.reference, date_fr(derniere.date_sortie)
    if derniere.destination == DestinationSortie.GLISSEMENT_BAIL:
        depart.vers, depart.note = "RESTITUE", f"Glissement du bail au ménage {ref} le {jour}."
        logement.statut, logement.date_restitution = "RESTITUE", derniere.date_sortie
        return [depart]
    depart.note = f"Sortie du ménage {ref} le {jour}."
    return apres


def occuper(
    rng: random.Random, ctx: ContexteOccupations, logement: Logement, premier: int,
    parc: Lot, lot: LotOccupations, par: Utilisateur, rangs: itertools.count,
) -> None:  # fmt: skip
    """Occupations du logement dont les événements commencent à `parc.evenements_logement
    [premier]` : la période occupée tirée par le parc est découpée en séjours, les événements
    du logement réécrits en conséquence (vacance entre deux ménages, glissement, arrêt)."""
    evenements = parc.evenements_logement
    propres = evenements[premier:]
    i = next((k for k, e in enumerate(propres) if e.vers == "OCCUPE"), None)
    if i is None:
        return
    depart = propres[i + 1] if i + 1 < len(propres) else None
    fin = depart.le.date() if depart else ctx.aujourd_hui
    sejours, arrete = planifier(rng, ctx, logement, propres[i].le.date(), fin, depart is not None)
    nouveaux: list[EvenementLogement] = []
    for n, sejour in enumerate(sejours):
        dernier = n == len(sejours) - 1
        glisse = dernier and not arrete and sejour.sortie is not None
        occupation = occupation_de(rng, ctx, logement, sejour, glisse, par, next(rangs), lot)
        ref = occupation.menage.reference
        if n == 0:
            propres[i].note = f"Entrée du ménage {ref} le {date_fr(sejour.entree)}."
        else:
            nouveaux.append(_evenement(logement, "VACANT", "OCCUPE", sejour.entree, rng, par, ref))
        if sejour.sortie is not None and (not dernier or arrete):
            nouveaux.append(_evenement(logement, "OCCUPE", "VACANT", sejour.sortie, rng, par, ref))
    apres = _fin(logement, occupation, depart, propres[i + 1 :], arrete)
    evenements[premier:] = [*propres[: i + 1], *nouveaux, *apres]
    if parc.contrats and parc.contrats[-1].logement is logement:
        parc.contrats[-1].resilie_le = logement.date_restitution


def inserer_occupations(lot: LotOccupations, lignes: Counter) -> None:
    """Insère le lot dans l'ordre des dépendances (logements déjà insérés), puis le vide."""
    m = lot.menages
    for modele, objets, libelle in (
        (Menage, m.menages, "ménages"),
        (Personne, m.personnes, "autres membres des ménages"),
        (Ressource, m.ressources, "ressources des ménages"),
        (CriterePriorite, m.criteres, "critères de priorité"),
        (Occupation, lot.occupations, "occupations"),
        (EvenementOccupation, lot.evenements, "changements de statut d'occupation"),
        (ControleAdmission, lot.controles, "contrôles d'admission"),
        (Periode, lot.periodes, "périodes de sous-location"),
        (RevueMandat, lot.revues, "revues du mandat de gestion"),
        (Tarif, lot.tarifs, "tarifs"),
    ):
        modele.objects.bulk_create(objets, batch_size=TAILLE_LOT)
        lignes[libelle] += len(objets)
        objets.clear()
    inserer_lignes(lot.ecritures, TAILLE_LOT)
    lignes["lignes de compte"] += len(lot.ecritures)
    lot.ecritures.clear()


def vider(organisations) -> None:
    """Supprime ménages, occupations et comptes générés de ces organisations, par des
    suppressions SQL directes (ni signaux ni journal : des centaines de milliers de lignes de
    compte à l'échelle nationale ; les lignes de compte ne s'effacent jamais autrement)."""
    occupations = Occupation.objects.filter(operateur__in=organisations)
    menages = Menage.objects.filter(operateur__in=organisations)
    for modele, filtre in (
        (Ecriture, {"occupation__in": occupations}),
        (EvenementOccupation, {"occupation__in": occupations}),
        (ControleAdmission, {"occupation__in": occupations}),
        (Periode, {"occupation__in": occupations}),
        (RevueMandat, {"occupation__in": occupations}),
        (Tarif, {"occupation__in": occupations}),
        (Personne, {"menage__in": menages}),
        (Ressource, {"menage__in": menages}),
        (CriterePriorite, {"menage__in": menages}),
    ):
        qs = modele.objects.filter(**filtre)
        qs._raw_delete(qs.db)
    occupations.filter(precedente__isnull=False).update(precedente=None)
    occupations.delete()
    menages.delete()
