"""Subvention annuelle de l'État (R-SUBSIDY-PRORATA) et renouvellement (R-STATS).

Interprétation (paramètres) : un logement mobilisé le mois m compte 13 − m mois sa première
année civile (`prorata_mois_inclus`, sinon 12 − m) ; les logements d'un trimestre de l'annexe 2
sont réputés mobilisés le `mois_mobilisation_dans_trimestre`-ième mois du trimestre ; la
captation est payée en entier l'année de la captation ; l'accompagnement délégué est financé
directement au partenaire (003 §4.7), hors subvention de l'opérateur. Chaque ligne (captation,
fonctionnement d'une forme) est arrondie au centime, demi au-dessus, à la fin.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from regles.bareme import Bareme
from regles.budget import Budget, ProjetBudget, cout_gestion_unitaire
from regles.calcul import arrondir, somme
from regles.calendrier import Trimestre
from regles.capacite import LigneEcheancier, stock
from regles.constats import Constat, erreur, info
from regles.format import euros, pluriel
from regles.types import ModaliteAccompagnement, Mode

ZERO = Decimal("0.00")
DOUZE = Decimal(12)


@dataclass(frozen=True)
class Mobilisation:
    """`logements` logements de la forme `mode` mobilisés le mois `mois` de `annee`."""

    annee: int
    mois: int
    mode: Mode
    logements: int


@dataclass(frozen=True)
class CoutsUnitaires:
    """Coûts par logement : captation (une fois), fonctionnement annuel par forme."""

    captation: Decimal | None
    fonctionnement: Mapping[Mode, Decimal | None]
    accompagnement_delegue: frozenset[Mode] = frozenset()


@dataclass(frozen=True)
class SubventionAnnuelle:
    """Subvention d'une année civile, ligne par ligne ; `None` = non renseigné (R-UNKNOWN)."""

    annee: int
    logements_captes: int
    captation: Decimal | None
    fonctionnement: Mapping[Mode, Decimal | None]

    @property
    def total(self) -> Decimal | None:
        """Captation + fonctionnement de chaque forme."""
        return somme([self.captation, *self.fonctionnement.values()])


def mois_prorata(mois: int, bareme: Bareme) -> int:
    """R-SUBSIDY-PRORATA : mois financés la première année pour une mobilisation le mois `mois`.

    13 − m (mois de mobilisation compris) : janvier → 12, décembre → 1 ; 12 − m sinon.
    """
    if not 1 <= mois <= 12:
        raise ValueError(f"mois {mois} hors de 1..12")
    return 13 - mois if bareme.prorata_mois_inclus else 12 - mois


def mobilisations_echeancier(
    lignes: Sequence[LigneEcheancier], trimestres: Sequence[Trimestre], bareme: Bareme
) -> tuple[Mobilisation, ...]:
    """R-SUBSIDY-PRORATA : mobilisations datées tirées de l'annexe 2 (logements nouveaux).

    Un stock qui baisse (échéancier cumulatif) ne crée pas de mobilisation négative.
    """
    resultat = []
    for ligne in lignes:
        precedent = 0
        for t, s in zip(trimestres, stock(ligne, bareme), strict=False):
            nouveaux = s - precedent
            precedent = s
            if nouveaux > 0:
                mois = 3 * (t.rang - 1) + bareme.mois_mobilisation_dans_trimestre
                resultat.append(Mobilisation(t.annee, mois, ligne.mode, nouveaux))
    return tuple(resultat)


def couts_unitaires(projet: ProjetBudget, budget: Budget) -> CoutsUnitaires:
    """R-SUBSIDY-PRORATA, R-BUDGET-MODEL : coûts par logement tirés du budget annuel.

    Fonctionnement = gestion par logement + accompagnement ÷ logements de la forme, sauf si
    l'accompagnement est délégué (financé directement au partenaire).
    """
    delegue = frozenset(
        m
        for m, acc in projet.services.accompagnement.items()
        if acc.modalite is ModaliteAccompagnement.DELEGUE
    )
    fonctionnement: dict[Mode, Decimal | None] = {}
    for mode in Mode:
        gestion = cout_gestion_unitaire(projet.services.gestion.get(mode))
        n = projet.nb_logements(mode)
        total_acc = budget.accompagnement[mode].montant
        acc: Decimal | None = ZERO
        if mode not in delegue and n > 0:
            acc = None if total_acc is None else total_acc / n
        fonctionnement[mode] = somme([gestion, acc])
    return CoutsUnitaires(projet.services.captation_par_logement, fonctionnement, delegue)


def subvention_annuelle(
    mobilisations: Sequence[Mobilisation], couts: CoutsUnitaires, annee: int, bareme: Bareme
) -> SubventionAnnuelle:
    """R-SUBSIDY-PRORATA : subvention de l'année `annee`.

    Captation des logements captés dans l'année ; fonctionnement au prorata des mois la
    première année, en année pleine les années suivantes ; rien pour les années à venir.
    """
    captes = sum(m.logements for m in mobilisations if m.annee == annee)
    captation = ZERO if captes == 0 else None
    if couts.captation is not None:
        captation = arrondir(captes * couts.captation)
    fonctionnement: dict[Mode, Decimal | None] = {}
    for mode in Mode:
        mois_finances = sum(
            m.logements * (12 if m.annee < annee else mois_prorata(m.mois, bareme))
            for m in mobilisations
            if m.mode is mode and m.annee <= annee
        )
        cout = couts.fonctionnement.get(mode)
        if mois_finances == 0:
            fonctionnement[mode] = ZERO
        else:
            fonctionnement[mode] = None if cout is None else arrondir(cout * mois_finances / DOUZE)
    return SubventionAnnuelle(annee, captes, captation, fonctionnement)


def subventions(
    mobilisations: Sequence[Mobilisation],
    couts: CoutsUnitaires,
    annees: Sequence[int],
    bareme: Bareme,
) -> tuple[tuple[SubventionAnnuelle, ...], tuple[Constat, ...]]:
    """R-SUBSIDY-PRORATA : subventions des années demandées, avec un constat par année."""
    resultats = tuple(subvention_annuelle(mobilisations, couts, a, bareme) for a in annees)
    constats = [
        info(
            "R-SUBSIDY-PRORATA",
            f"subvention {s.annee} : {euros(s.total)} ({pluriel(s.logements_captes, 'logement')} "
            f"capté{'s' if s.logements_captes > 1 else ''}, captation {euros(s.captation)}).",
        )
        for s in resultats
    ]
    for mode in sorted(couts.accompagnement_delegue):
        constats.append(
            info(
                "R-SUBSIDY-PRORATA",
                f"accompagnement délégué en {mode.libelle.lower()} : financé directement au "
                "partenaire, hors subvention de l'opérateur.",
            )
        )
    return resultats, tuple(constats)


@dataclass(frozen=True)
class PlacesRetenues:
    """Décision du comité sur un dossier partiellement retenu : places retenues par forme, ou
    seulement au total (`par_forme` vide) quand la décision ne les répartit pas."""

    total: int
    par_forme: Mapping[Mode, int]


@dataclass(frozen=True)
class LigneForme:
    """Subvention d'une forme pour un exercice, avant (`demande`) et après (`montant`) la
    réduction aux places retenues ; `None` = non renseigné (R-UNKNOWN)."""

    mode: Mode
    logements_captes: int
    demande: Decimal | None
    montant: Decimal | None


@dataclass(frozen=True)
class AnneeRetenue:
    """Subvention retenue d'un exercice, forme par forme."""

    annee: int
    lignes: tuple[LigneForme, ...]

    @property
    def total(self) -> Decimal | None:
        return somme(ligne.montant for ligne in self.lignes)


def rapports_places_retenues(
    demandees: Mapping[Mode, int], retenues: PlacesRetenues
) -> dict[Mode, tuple[int, int]]:
    """R-SUBSIDY-PRORATA : pour chaque forme réduite, (places retenues, places demandées).

    Décision répartie par forme : chaque forme garde ses places retenues (au plus celles
    demandées). Sans répartition, le rapport global (total retenu ÷ total demandé) vaut pour
    les deux formes. Une forme sans place demandée ou entièrement retenue n'est pas réduite.
    """
    if any(retenues.par_forme.values()):
        rapports = {
            m: (min(retenues.par_forme.get(m, 0), demandees[m]), demandees[m])
            for m in Mode
            if demandees.get(m)
        }
    else:
        total = sum(demandees.values())
        garde = min(retenues.total, total)
        rapports = {m: (garde, total) for m in Mode if demandees.get(m)}
    return {m: r for m, r in rapports.items() if r[0] < r[1]}


def reduire(montant: Decimal | None, rapport: tuple[int, int] | None) -> Decimal | None:
    """R-SUBSIDY-PRORATA : montant × places retenues ÷ places demandées, arrondi au centime.

    Le calcul étant linéaire en nombre de logements, cela revient à ramener chaque ligne de
    l'annexe 2 de la forme dans cette proportion. Inconnu reste inconnu (R-UNKNOWN).
    """
    if montant is None or rapport is None:
        return montant
    retenues, demandees = rapport
    return arrondir(montant * Decimal(retenues) / Decimal(demandees))


def subventions_retenues(
    mobilisations: Sequence[Mobilisation],
    couts: CoutsUnitaires,
    annees: Sequence[int],
    bareme: Bareme,
    rapports: Mapping[Mode, tuple[int, int]],
) -> tuple[AnneeRetenue, ...]:
    """R-SUBSIDY-PRORATA : subvention de chaque exercice, forme par forme, ramenée aux places
    retenues pour les formes réduites (`rapports_places_retenues`)."""
    resultat = []
    for annee in annees:
        lignes = []
        for mode in Mode:
            propres = [m for m in mobilisations if m.mode is mode]
            s = subvention_annuelle(propres, couts, annee, bareme)
            montant = reduire(s.total, rapports.get(mode))
            lignes.append(LigneForme(mode, s.logements_captes, s.total, montant))
        resultat.append(AnneeRetenue(annee, tuple(lignes)))
    return tuple(resultat)


@dataclass(frozen=True)
class Versements:
    """Échéancier d'un exercice : avance puis solde ; `None` = non renseigné (R-UNKNOWN)."""

    avance_pct: Decimal | None
    avance: Decimal | None
    solde: Decimal | None


def versements(montant: Decimal | None, bareme: Bareme) -> Versements:
    """R-SUBSIDY-PRORATA : avance (`convention_avance_pct` du barème, arrondie au centime) et
    solde du montant d'un exercice ; sans pourcentage ou sans montant, les deux sont inconnus."""
    pct = bareme.convention_avance_pct
    if montant is None or pct is None:
        return Versements(pct, None, None)
    avance = arrondir(montant * pct / Decimal(100))
    return Versements(pct, avance, montant - avance)


def verifier_renouvellement_convention(
    annee: int, annee_debut: int, annees_transmises: Collection[int]
) -> tuple[Constat, ...]:
    """R-STATS : renouveler la convention pour `annee` exige les statistiques de `annee − 1`.

    La première année de la convention (`annee_debut`) n'exige rien.
    """
    if annee <= annee_debut or annee - 1 in annees_transmises:
        return ()
    return (
        erreur(
            "R-STATS",
            f"statistiques annuelles {annee - 1} (enquête DGCS IML) non transmises : la "
            f"convention ne peut être renouvelée pour {annee}.",
            "statistiques",
        ),
    )
