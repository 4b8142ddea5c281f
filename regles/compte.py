"""Compte d'un ménage : appels de loyer ou de redevance au prorata, solde, impayés par
ancienneté (R-IMPAYES).

Le compte est une suite de lignes jamais modifiées : un appel (montant positif : le ménage
doit), un paiement (montant négatif), une correction (de signe quelconque). Le solde est la
somme ; les paiements soldent les appels les plus anciens d'abord.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from regles.calcul import arrondir
from regles.calendrier import ajouter_mois
from regles.constats import Constat, alerte
from regles.format import euros, pluriel

ZERO = Decimal("0.00")


def jours_du_mois(mois: date) -> int:
    return calendar.monthrange(mois.year, mois.month)[1]


def premier_du_mois(jour: date) -> date:
    return jour.replace(day=1)


def dernier_du_mois(jour: date) -> date:
    return jour.replace(day=jours_du_mois(jour))


def mois_suivant(mois: date) -> date:
    return date(mois.year + mois.month // 12, mois.month % 12 + 1, 1)


def mois_entre(debut: date, fin: date) -> list[date]:
    """Les premiers jours des mois de `debut` à `fin` inclus."""
    mois, dernier, resultat = premier_du_mois(debut), premier_du_mois(fin), []
    while mois <= dernier:
        resultat.append(mois)
        mois = mois_suivant(mois)
    return resultat


def jours_occupes(mois: date, entree: date, sortie: date | None) -> int:
    """Jours du `mois` où le ménage occupe le logement (entrée et sortie incluses)."""
    debut = max(premier_du_mois(mois), entree)
    fin = dernier_du_mois(mois) if sortie is None else min(dernier_du_mois(mois), sortie)
    return max(0, (fin - debut).days + 1)


def montant_du_mois(mensuel: Decimal, mois: date, entree: date, sortie: date | None) -> Decimal:
    """R-IMPAYES : le loyer ou la redevance du `mois`, au prorata des jours d'occupation le
    premier et le dernier mois (au centime) ; un mois entier vaut le montant mensuel."""
    jours = jours_occupes(mois, entree, sortie)
    total = jours_du_mois(mois)
    if jours == total:
        return mensuel
    return arrondir(mensuel * jours / total)


def date_appel(mois: date, jour_appel: int) -> date:
    """Le jour où le loyer du `mois` est appelé et dû (paramètre `jour_appel_loyer`)."""
    return mois.replace(day=min(jour_appel, jours_du_mois(mois)))


def mois_a_appeler(
    entree: date, sortie: date | None, aujourd_hui: date, jour_appel: int
) -> list[date]:
    """R-IMPAYES : les mois d'occupation dont l'appel est dû au `aujourd_hui` (le mois
    d'entrée est appelé dès l'entrée, même après le jour d'appel)."""
    fin = aujourd_hui if sortie is None else min(aujourd_hui, sortie)
    if fin < entree:
        return []
    return [
        m
        for m in mois_entre(entree, fin)
        if m == premier_du_mois(entree) or date_appel(m, jour_appel) <= aujourd_hui
    ]


@dataclass(frozen=True)
class Ligne:
    """Une ligne du compte : date de valeur et montant signé (+ dû, − payé)."""

    le: date
    montant: Decimal


@dataclass(frozen=True)
class Anciennete:
    """Impayés par ancienneté : moins d'un mois de retard (« 1 mois »), 1 à 2 mois
    (« 2 mois »), 2 mois et plus (« 3 mois et plus ») ; `total` = somme des trois."""

    un_mois: Decimal
    deux_mois: Decimal
    trois_mois_et_plus: Decimal

    @property
    def total(self) -> Decimal:
        return self.un_mois + self.deux_mois + self.trois_mois_et_plus


def nettes(lignes: Sequence[tuple[int, int | None, Ligne]]) -> list[Ligne]:
    """R-IMPAYES : chaque correction portée sur la ligne qu'elle corrige (`(id, corrige, ligne)`),
    avant l'imputation aux plus anciennes dettes : un appel annulé disparaît au lieu de solder
    une dette plus ancienne, une correction d'un vieil appel garde l'âge de cet appel. Une
    correction sans ligne corrigée (ou de ligne absente) reste une ligne à sa date."""
    par_id = {ident: ligne for ident, _, ligne in lignes}
    ajouts: dict[int, Decimal] = {}
    autres: list[Ligne] = []
    for _, corrige, ligne in lignes:
        if corrige is not None and corrige in par_id:
            ajouts[corrige] = ajouts.get(corrige, ZERO) + ligne.montant
    for ident, corrige, ligne in lignes:
        if corrige is not None and corrige in par_id:
            continue
        montant = ligne.montant + ajouts.get(ident, ZERO)
        if montant != 0:
            autres.append(Ligne(ligne.le, montant))
    return autres


def solde(lignes: Sequence[Ligne]) -> Decimal:
    """R-IMPAYES : la somme des lignes (positif : le ménage doit ; négatif : il a d'avance)."""
    return sum((ligne.montant for ligne in lignes), ZERO)


def mois_de_retard(echeance: date, aujourd_hui: date) -> int:
    """Mois entiers écoulés depuis l'échéance (0 le mois de l'échéance)."""
    mois = (aujourd_hui.year - echeance.year) * 12 + aujourd_hui.month - echeance.month
    if aujourd_hui.day < echeance.day:
        mois -= 1
    return max(0, mois)


def impayes_restants(lignes: Sequence[Ligne], aujourd_hui: date) -> list[Ligne]:
    """Les dettes échues encore dues, les crédits (paiements, corrections négatives) soldant
    les plus anciennes d'abord ; une dette future (après `aujourd_hui`) n'est pas échue."""
    dettes = sorted((ligne for ligne in lignes if ligne.montant > 0), key=lambda x: x.le)
    credit = -sum((ligne.montant for ligne in lignes if ligne.montant < 0), ZERO)
    restantes = []
    for dette in dettes:
        imputee = min(credit, dette.montant)
        credit -= imputee
        reste = dette.montant - imputee
        if reste > 0 and dette.le <= aujourd_hui:
            restantes.append(Ligne(dette.le, reste))
    return restantes


def anciennete(lignes: Sequence[Ligne], aujourd_hui: date) -> Anciennete:
    """R-IMPAYES : impayés échus par ancienneté (1, 2, 3 mois et plus)."""
    paniers = [ZERO, ZERO, ZERO]
    for dette in impayes_restants(lignes, aujourd_hui):
        paniers[min(mois_de_retard(dette.le, aujourd_hui), 2)] += dette.montant
    return Anciennete(*paniers)


def alerte_impayes(
    lignes: Sequence[Ligne], mensuel: Decimal, seuil_mois: int, aujourd_hui: date, qui: str
) -> Constat | None:
    """R-IMPAYES : une alerte quand la dette échue atteint `seuil_mois` mois de loyer ou de
    redevance (`mensuel`), sinon `None`. Le message ne dit pas le montant : il part aussi par
    courriel, le montant reste dans le compte."""
    dette = anciennete(lignes, aujourd_hui).total
    if mensuel <= 0 or dette < mensuel * seuil_mois:
        return None
    return alerte(
        "R-IMPAYES",
        f"{qui} doit au moins {pluriel(seuil_mois, 'mois', 'mois')} de loyer ou de redevance "
        "échus : voyez son compte et proposez un plan d'apurement.",
    )


def date_du_mois(premier: date, rang: int) -> date:
    """Le même jour que `premier`, `rang` mois plus tard (borné à la fin du mois)."""
    return ajouter_mois(premier, rang)


def echeancier(montant: Decimal, nombre: int, premier: date) -> list[Ligne]:
    """Plan d'apurement : `nombre` versements mensuels égaux à partir de `premier`, arrondis
    au centime inférieur, le reste sur le dernier ; la somme vaut exactement `montant`."""
    if nombre < 1 or montant <= 0:
        return []
    part = (montant / nombre).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    parts = [part] * (nombre - 1) + [montant - part * (nombre - 1)]
    return [Ligne(date_du_mois(premier, rang), p) for rang, p in enumerate(parts)]


@dataclass(frozen=True)
class SuiviPlan:
    """Suivi d'un plan d'apurement au jour dit : `du` = versements échus du plan + appels
    (et corrections) depuis son début ; `paye` = paiements (et corrections au crédit) depuis
    son début ; `retard` = ce qui manque (0 si le ménage est à jour ou en avance)."""

    du: Decimal
    paye: Decimal

    @property
    def retard(self) -> Decimal:
        return max(ZERO, self.du - self.paye)

    @property
    def a_jour(self) -> bool:
        return self.retard == ZERO

    @property
    def libelle(self) -> str:
        return "à jour" if self.a_jour else f"en retard de {euros(self.retard)}"


def suivi_plan(
    versements: Sequence[Ligne], lignes_depuis: Sequence[Ligne], aujourd_hui: date
) -> SuiviPlan:
    """R-IMPAYES : un plan est tenu quand les paiements depuis son début couvrent ses
    versements échus ET le loyer ou la redevance appelés depuis (sinon la dette se reforme).
    `lignes_depuis` : les lignes du compte datées du début du plan au `aujourd_hui`."""
    echus = sum((v.montant for v in versements if v.le <= aujourd_hui), ZERO)
    lignes = [ligne for ligne in lignes_depuis if ligne.le <= aujourd_hui]
    dettes = sum((ligne.montant for ligne in lignes if ligne.montant > 0), ZERO)
    credits = -sum((ligne.montant for ligne in lignes if ligne.montant < 0), ZERO)
    return SuiviPlan(du=echus + dettes, paye=credits)


def soldes_courants(montants: Sequence[Decimal], report: Decimal = ZERO) -> list[Decimal]:
    """Le solde après chaque ligne, à partir du solde reporté `report`."""
    courant, resultat = report, []
    for montant in montants:
        courant += montant
        resultat.append(courant)
    return resultat
