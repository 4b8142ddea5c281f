"""Vacance d'un logement en sous-location (R-VACANCE, 003 annexe 1a).

Entre deux occupations, l'opérateur continue de payer au bailleur le loyer et les charges du
logement qu'il sous-loue : ces jours vacants et leur coût sont comptés mois par mois.

- Période du logement : de sa mobilisation (ou, à défaut, du début du premier contrat avec le
  bailleur) à sa restitution incluse (ouverte si le logement n'est pas restitué). Sans date de
  début, la vacance est inconnue (`None`, R-UNKNOWN), jamais 0.
- Jours vacants d'un mois : jours de la période moins les jours occupés (entrée et sortie
  incluses, comme les appels au prorata de `regles.compte`).
- Un logement en travaux reste vacant : l'opérateur paie le bailleur pendant les travaux ; la
  vacance est prise en charge au coût réel (docs/adr/0008-compte-menage.md).
- Coût d'un mois : loyer dû au bailleur × jours vacants ÷ jours du mois, au centime.
- Plafond annuel (`vacance_plafond_jours_an`) : seuls les N premiers jours vacants de l'année
  (dans l'ordre du calendrier) sont pris en charge ; `None` = pas de plafond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from regles.calcul import arrondir
from regles.compte import ZERO, dernier_du_mois, jours_du_mois


@dataclass(frozen=True)
class Intervalle:
    """Jours du `debut` à la `fin` inclus ; `fin` à `None` : ouvert."""

    debut: date
    fin: date | None = None


@dataclass(frozen=True)
class MoisVacant:
    mois: date
    jours: int
    cout: Decimal | None  # None : loyer dû au bailleur inconnu ce mois-là


@dataclass(frozen=True)
class Vacance:
    """La vacance d'un logement sur une année : mois par mois, totaux, coût plafonné."""

    mois: tuple[MoisVacant, ...]
    jours_pris_en_charge: int
    cout_plafonne: Decimal | None

    @property
    def jours(self) -> int:
        return sum(m.jours for m in self.mois)

    @property
    def cout(self) -> Decimal | None:
        if any(m.cout is None for m in self.mois if m.jours):
            return None
        return sum((m.cout for m in self.mois if m.cout is not None), ZERO)


def _jours_communs(a: Intervalle, debut: date, fin: date) -> tuple[date, date] | None:
    bas = max(a.debut, debut)
    haut = fin if a.fin is None else min(a.fin, fin)
    return (bas, haut) if bas <= haut else None


def jours_occupes(occupations: Sequence[Intervalle], debut: date, fin: date) -> int:
    """Jours de [`debut`, `fin`] couverts par au moins une occupation (union, sans double
    compte de deux occupations qui se chevauchent le jour du passage)."""
    morceaux = sorted(c for o in occupations if (c := _jours_communs(o, debut, fin)))
    total, couvert_jusqu_a = 0, None
    for bas, haut in morceaux:
        if couvert_jusqu_a is not None and bas <= couvert_jusqu_a:
            if haut <= couvert_jusqu_a:
                continue
            bas = date.fromordinal(couvert_jusqu_a.toordinal() + 1)
        total += (haut - bas).days + 1
        couvert_jusqu_a = haut
    return total


def jours_vacants_du_mois(
    mois: date, periode: Intervalle, occupations: Sequence[Intervalle]
) -> int:
    """R-VACANCE : jours du `mois` dans la période du logement et sans occupation."""
    commun = _jours_communs(periode, mois, dernier_du_mois(mois))
    if commun is None:
        return 0
    debut, fin = commun
    return (fin - debut).days + 1 - jours_occupes(occupations, debut, fin)


def loyer_du_mois(loyers: Sequence[tuple[date, Decimal]], mois: date) -> Decimal | None:
    """Le loyer dû au bailleur ce mois : celui du dernier contrat (ou tarif) commencé au plus
    tard le dernier jour du mois ; `None` si aucun n'est connu."""
    connus = [(effet, montant) for effet, montant in loyers if effet <= dernier_du_mois(mois)]
    return max(connus, key=lambda x: x[0])[1] if connus else None


def cout_du_mois(mensuel: Decimal | None, mois: date, jours: int) -> Decimal | None:
    if jours == 0:
        return ZERO
    if mensuel is None:
        return None
    return arrondir(mensuel * jours / jours_du_mois(mois))


def vacance(
    annee: int,
    periode: Intervalle | None,
    occupations: Sequence[Intervalle],
    loyers: Sequence[tuple[date, Decimal]],
    plafond_jours: int | None,
) -> Vacance | None:
    """R-VACANCE : jours vacants et coût mois par mois d'un logement en sous-location pour
    l'`annee` ; `None` si la période du logement est inconnue (pas de date de début)."""
    if periode is None:
        return None
    mois_list, reste = [], plafond_jours
    pris, cout_plafonne = 0, ZERO
    inconnu = False
    for numero in range(1, 13):
        mois = date(annee, numero, 1)
        jours = jours_vacants_du_mois(mois, periode, occupations)
        mensuel = loyer_du_mois(loyers, mois)
        mois_list.append(MoisVacant(mois, jours, cout_du_mois(mensuel, mois, jours)))
        retenus = jours if reste is None else min(jours, reste)
        if reste is not None:
            reste -= retenus
        pris += retenus
        cout = cout_du_mois(mensuel, mois, retenus)
        if cout is None:
            inconnu = True
        else:
            cout_plafonne += cout
    return Vacance(tuple(mois_list), pris, None if inconnu else cout_plafonne)
