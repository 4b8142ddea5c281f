"""Paires éligibles du moteur d'appariement : règles dures, vectorisées (numpy) pour tout le
département, et leur explication paire par paire.

Une paire (ménage, logement) est éligible quand passent : R-CAPACITY (personnes ≤ places du
logement, bornées par la typologie), le taux d'effort de la forme (R-EFFORT-SL, R-EFFORT-MG ;
aide inconnue comptée nulle), le minimum de reste à vivre en sous-location s'il est fixé,
R-PLAIN-PIED, R-CATEGORY (catégories du logement, vide = toutes) et R-COMMUNES (communes
strictes du ménage). Le taux d'effort est comparé exactement comme `regles.effort` : arrondi au
pas du barème, demi au-dessus, en arithmétique entière sur les centimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

import numpy as np
import numpy.typing as npt

from regles.appariement_entrees import Instance, LogementVacant, MenageAttente
from regles.bareme import Bareme
from regles.calcul import arrondir
from regles.effort import REGLE_EFFORT, reste_a_vivre_jour, taux_effort
from regles.format import euros, pourcentage
from regles.types import Categorie, Mode

Tableau = npt.NDArray[np.int64]
INTERDIT = np.iinfo(np.int64).min // 4
CATEGORIES = list(Categorie)
TRANCHE = 256


def _centimes(d: Decimal) -> int:
    return int(d * 100)


def _pas(bareme: Bareme) -> tuple[int, int]:
    a, b = bareme.pourcentages_arrondi.as_integer_ratio()
    return a, b


def crans_max(bareme: Bareme, forme: Mode) -> int:
    """R-EFFORT-SL, R-EFFORT-MG : plafond du taux d'effort en pas d'arrondi (300 pour 30 %)."""
    q = bareme.taux_effort_max_pct[forme] / bareme.pourcentages_arrondi
    return int(q.to_integral_value(rounding=ROUND_FLOOR))


def seuil_brut(m: MenageAttente, forme: Mode, bareme: Bareme) -> int:
    """R-EFFORT-SL, R-EFFORT-MG : coût brut (loyer ou redevance + charges, centimes) le plus
    haut que le ménage peut supporter : taux arrondi ≤ plafond ⇔ 200·b·net < (2K+1)·a·ress."""
    ressources = _centimes(m.ressources)
    if ressources <= 0:
        return int(INTERDIT)
    a, b = _pas(bareme)
    n = (2 * crans_max(bareme, forme) + 1) * a * ressources
    net_max = -(-n // (200 * b)) - 1
    return net_max + _centimes(m.aide_logement or Decimal(0))


def places(lg: LogementVacant, bareme: Bareme) -> int:
    """R-CAPACITY : places du logement, bornées par celles de sa typologie."""
    return min(lg.capacite, bareme.capacite(lg.typologie))


@dataclass(frozen=True)
class Candidats:
    """Paires éligibles (indices dans l'instance) et leurs éléments de score."""

    menage: Tableau
    logement: Tableau
    sous_occupation: Tableau
    crans_effort: Tableau

    def __len__(self) -> int:
        return int(self.menage.shape[0])


@dataclass(frozen=True)
class _Menages:
    pers: Tableau
    seuils: dict[Mode, Tableau]
    cat: Tableau
    pp: npt.NDArray[np.bool_]
    strict: npt.NDArray[np.bool_]
    communes: npt.NDArray[np.bool_]


def _colonnes_menages(inst: Instance, bareme: Bareme, communes: dict[str, int]) -> _Menages:
    ms = inst.menages
    return _Menages(
        pers=np.array([m.personnes for m in ms], dtype=np.int64),
        seuils={f: np.array([seuil_brut(m, f, bareme) for m in ms], dtype=np.int64) for f in Mode},
        cat=np.array([CATEGORIES.index(m.categorie) for m in ms], dtype=np.int64),
        pp=np.array([m.plain_pied_requis for m in ms], dtype=bool),
        strict=np.array([m.communes_strictes for m in ms], dtype=bool),
        communes=_appartenance(inst, communes),
    )


def _appartenance(inst: Instance, communes: dict[str, int]) -> npt.NDArray[np.bool_]:
    """Matrice communes × ménages : vrai si la commune est parmi celles du ménage."""
    table = np.zeros((len(communes) + 1, len(inst.menages)), dtype=bool)
    for j, m in enumerate(inst.menages):
        for c in m.communes:
            if c in communes:
                table[communes[c], j] = True
    return table


def candidats(inst: Instance, bareme: Bareme) -> Candidats:
    """R-CAPACITY, R-EFFORT-SL, R-EFFORT-MG, R-PLAIN-PIED, R-CATEGORY, R-COMMUNES : toutes les
    paires éligibles, par tranches de logements (un tableau logements × ménages par tranche)."""
    communes = {c: i for i, c in enumerate(sorted({lg.commune for lg in inst.logements}))}
    col = _colonnes_menages(inst, bareme, communes)
    pers, cat, pp, strict = col.pers, col.cat, col.pp, col.strict
    ls = inst.logements
    cap = np.array([places(lg, bareme) for lg in ls], dtype=np.int64)
    brut = np.array([_centimes(lg.cout_brut) for lg in ls], dtype=np.int64)
    masque_cat = np.array(
        [sum(1 << CATEGORIES.index(c) for c in (lg.categories or CATEGORIES)) for lg in ls],
        dtype=np.int64,
    )
    lpp = np.array([lg.plain_pied for lg in ls], dtype=bool)
    lcom = np.array([communes[lg.commune] for lg in ls], dtype=np.int64)
    sl = np.array([lg.forme is Mode.SOUS_LOCATION for lg in ls], dtype=bool)
    s_sl, s_mg = col.seuils[Mode.SOUS_LOCATION], col.seuils[Mode.MANDAT_GESTION]
    morceaux_l, morceaux_m = [], []
    for debut in range(0, len(ls), TRANCHE):
        t = slice(debut, debut + TRANCHE)
        ok = pers[None, :] <= cap[t, None]
        ok &= brut[t, None] <= np.where(sl[t, None], s_sl[None, :], s_mg[None, :])
        ok &= ((masque_cat[t, None] >> cat[None, :]) & 1).astype(bool)
        ok &= ~(pp[None, :] & ~lpp[t, None])
        ok &= ~strict[None, :] | col.communes[lcom[t]]
        i, j = np.nonzero(ok)
        morceaux_l.append(i + debut)
        morceaux_m.append(j)
    return _scores(inst, bareme, _concat(morceaux_m), _concat(morceaux_l), cap, brut)


def _concat(morceaux: list[npt.NDArray[np.intp]]) -> Tableau:
    if not morceaux:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(morceaux).astype(np.int64)


def _crans(net: Tableau, ress: Tableau, bareme: Bareme) -> Tableau:
    """Taux d'effort en pas d'arrondi (demi au-dessus), en entiers, comme `regles.effort`."""
    a, b = _pas(bareme)
    num, den = np.maximum(net, 0) * 100 * b, ress * a
    crans: Tableau = (2 * num + den) // (2 * den)
    return crans


def _scores(
    inst: Instance, bareme: Bareme, m: Tableau, lg: Tableau, cap: Tableau, brut: Tableau
) -> Candidats:
    pers = np.array([x.personnes for x in inst.menages], dtype=np.int64)
    ress = np.array([_centimes(x.ressources) for x in inst.menages], dtype=np.int64)
    aide = np.array([_centimes(x.aide_logement or Decimal(0)) for x in inst.menages], np.int64)
    c = Candidats(m, lg, cap[lg] - pers[m], _crans(brut[lg] - aide[m], ress[m], bareme))
    return filtrer_reste_a_vivre(c, inst, bareme)


def filtrer_reste_a_vivre(c: Candidats, inst: Instance, bareme: Bareme) -> Candidats:
    """Minimum de reste à vivre en sous-location (R-EFFORT-SL), paire par paire s'il est fixé
    (sans valeur dans les jeux livrés)."""
    if bareme.reste_a_vivre_min_jour_personne is None or len(c) == 0:
        return c
    garde = np.array(
        [
            not _sous_minimum(inst.menages[i], inst.logements[j], bareme)
            for i, j in zip(c.menage, c.logement, strict=True)
        ],
        dtype=bool,
    )
    return Candidats(
        c.menage[garde], c.logement[garde], c.sous_occupation[garde], c.crans_effort[garde]
    )


def _sous_minimum(m: MenageAttente, lg: LogementVacant, bareme: Bareme) -> bool:
    minimum = bareme.reste_a_vivre_min_jour_personne
    if minimum is None or lg.forme is not Mode.SOUS_LOCATION or m.ressources <= 0:
        return False
    cout = lg.cout_brut - (m.aide_logement or Decimal(0))
    return reste_a_vivre_jour(m.ressources, cout, m.personnes, bareme) < minimum


def exclusions(m: MenageAttente, lg: LogementVacant, bareme: Bareme) -> list[tuple[str, str]]:
    """R-CAPACITY, R-EFFORT-SL, R-EFFORT-MG, R-PLAIN-PIED, R-CATEGORY, R-COMMUNES : règles
    qui excluent la paire, avec leur message (liste vide : paire éligible)."""
    sortie: list[tuple[str, str]] = []
    if m.personnes > places(lg, bareme):
        sortie.append(
            (
                "R-CAPACITY",
                f"{m.personnes} personnes pour {places(lg, bareme)} places "
                f"({lg.typologie.libelle}).",
            )
        )
    sortie += _exclusion_effort(m, lg, bareme)
    if m.plain_pied_requis and not lg.plain_pied:
        sortie.append(("R-PLAIN-PIED", "le ménage a besoin d'un accès de plain-pied."))
    if lg.categories and m.categorie not in lg.categories:
        admises = ", ".join(sorted(c.libelle for c in lg.categories))
        sortie.append(("R-CATEGORY", f"{m.categorie.libelle} ; logement réservé à : {admises}."))
    if m.communes_strictes and lg.commune not in m.communes:
        sortie.append(
            (
                "R-COMMUNES",
                f"commune {lg.commune} hors des communes exigées "
                f"({', '.join(sorted(m.communes))}).",
            )
        )
    return sortie


def _exclusion_effort(
    m: MenageAttente, lg: LogementVacant, bareme: Bareme
) -> list[tuple[str, str]]:
    regle = REGLE_EFFORT[lg.forme]
    if m.ressources <= 0:
        return [(regle, "ressources nulles : taux d'effort non calculable.")]
    aide = m.aide_logement
    cout = lg.cout_brut - (aide or Decimal(0))
    taux = taux_effort(cout, m.ressources, bareme)
    plafond = bareme.taux_effort_max_pct[lg.forme]
    sans_aide = " (aide au logement inconnue : comptée nulle)" if aide is None else ""
    estimee = " (aide estimée)" if aide is not None and m.aide_estimee else ""
    sortie = []
    if taux > plafond:
        sortie.append(
            (
                regle,
                f"taux d'effort {pourcentage(taux)} au-delà du plafond de "
                f"{pourcentage(plafond, 0)} ({euros(arrondir(cout))} de coût net pour "
                f"{euros(m.ressources)} de ressources){sans_aide}{estimee}.",
            )
        )
    if _sous_minimum(m, lg, bareme):
        sortie.append(("R-EFFORT-SL", "reste à vivre sous le minimum garanti."))
    return sortie
