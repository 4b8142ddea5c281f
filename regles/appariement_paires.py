"""Paires éligibles du moteur d'appariement, par blocs commune × forme, sur l'entrée en colonnes
(R-CAPACITY, R-EFFORT-SL, R-EFFORT-MG, R-PLAIN-PIED, R-CATEGORY, R-COMMUNES ; docs/adr/0011).

Mêmes règles et même arithmétique que `regles.appariement_eligibilite.candidats` (gardée comme
contrôle : un test hypothesis vérifie l'égalité des paires), mais sans parcourir toute la matrice
logements × ménages : les logements d'une commune ne sont comparés qu'aux ménages qui la
souhaitent en l'exigeant et à ceux qui n'exigent aucune commune (R-COMMUNES par construction du
bloc) ; dans un bloc, une seule forme, donc un seul seuil de coût brut par ménage. Les paires
sortent dans l'ordre des logements, puis des ménages, comme le contrôle.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from regles.appariement_colonnes import TYPOLOGIES, Colonnes
from regles.appariement_eligibilite import INTERDIT, Candidats, _crans, _pas, crans_max
from regles.bareme import Bareme
from regles.types import Mode

Tableau = npt.NDArray[np.int64]
TRANCHE = 256


def seuils_bruts(col: Colonnes, forme: Mode, bareme: Bareme) -> Tableau:
    """R-EFFORT-SL, R-EFFORT-MG : coût brut (centimes) le plus haut que chaque ménage peut
    supporter (`regles.appariement_eligibilite.seuil_brut`, en colonnes) :
    taux arrondi ≤ plafond ⇔ 200·b·net < (2K+1)·a·ressources."""
    a, b = _pas(bareme)
    ress = col.ressources
    if ress.size and int(ress.max()) > 2**40:  # entiers Python au-delà (lecture typée)
        ress = ress.astype(object)
    n = (2 * crans_max(bareme, forme) + 1) * a * ress
    net_max = -(-n // (200 * b)) - 1
    seuils = np.where(ress <= 0, INTERDIT, np.minimum(net_max + col.aide, 2**62))
    return seuils.astype(np.int64)


def places(col: Colonnes, bareme: Bareme) -> Tableau:
    """R-CAPACITY : places de chaque logement, bornées par celles de sa typologie."""
    table = np.zeros(len(TYPOLOGIES), dtype=np.int64)
    for t in np.unique(col.typologie).tolist():
        table[t] = bareme.capacite(TYPOLOGIES[t])
    return np.minimum(col.capacite, table[col.typologie])


def _menages_par_commune(col: Colonnes) -> list[Tableau]:
    """Pour chaque commune des logements : ménages qui l'exigent ou n'exigent rien (triés)."""
    m, r = col.souhaits
    stricts = col.strictes[m]
    libres = np.flatnonzero(~col.strictes)
    ordre = np.argsort(r[stricts], kind="stable")
    m_tries = m[stricts][ordre]
    bornes = np.searchsorted(r[stricts][ordre], np.arange(len(col.communes) + 1))
    return [
        np.union1d(m_tries[bornes[c] : bornes[c + 1]], libres) for c in range(len(col.communes))
    ]


def paires_eligibles(col: Colonnes, bareme: Bareme) -> Candidats:
    """Toutes les paires éligibles (sans le minimum de reste à vivre, voir
    `appariement_eligibilite.filtrer_reste_a_vivre`), avec leurs éléments de score."""
    cap = places(col, bareme)
    seuils = {sl: seuils_bruts(col, f, bareme) for sl, f in _FORMES}
    pers, cat, pp = col.personnes, col.categorie, col.plain_pied_requis
    morceaux_l, morceaux_m = [], []
    par_commune = _menages_par_commune(col)
    for ligne in _blocs(col):
        c, sl = int(col.commune[ligne[0]]), bool(col.sous_location[ligne[0]])
        ms = par_commune[c]
        if not ms.size:
            continue
        p, s, k, q = pers[ms], seuils[sl][ms], cat[ms], pp[ms]
        for debut in range(0, len(ligne), TRANCHE):
            t = ligne[debut : debut + TRANCHE]
            ok = p[None, :] <= cap[t, None]
            ok &= col.brut[t, None] <= s[None, :]
            ok &= ((col.categories[t, None] >> k[None, :]) & 1).astype(bool)
            ok &= ~(q[None, :] & ~col.plain_pied[t, None])
            i, j = np.nonzero(ok)
            morceaux_l.append(t[i])
            morceaux_m.append(ms[j])
    lg, m = _dans_l_ordre(_concat(morceaux_l), _concat(morceaux_m))
    crans = _crans(col.brut[lg] - col.aide[m], col.ressources[m], bareme)
    return Candidats(m, lg, cap[lg] - pers[m], crans)


_FORMES = ((True, Mode.SOUS_LOCATION), (False, Mode.MANDAT_GESTION))


def _blocs(col: Colonnes) -> list[Tableau]:
    """Logements groupés par (commune, forme), chaque groupe dans l'ordre de l'entrée."""
    cle = col.commune * 2 + col.sous_location
    ordre = np.argsort(cle, kind="stable")
    coupures = np.flatnonzero(np.diff(cle[ordre])) + 1
    return [g for g in np.split(ordre, coupures) if g.size]


def _concat(morceaux: list[Tableau]) -> Tableau:
    if not morceaux:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(morceaux).astype(np.int64)


def _dans_l_ordre(lg: Tableau, m: Tableau) -> tuple[Tableau, Tableau]:
    """Remet les paires dans l'ordre des logements : celles d'un logement sont contiguës (un
    seul bloc) et déjà dans l'ordre des ménages ; on permute les séquences, pas les paires."""
    if not lg.size:
        return lg, m
    debuts = np.flatnonzero(np.diff(lg, prepend=-1))
    longueurs = np.diff(debuts, append=lg.size)
    ordre = np.argsort(lg[debuts], kind="stable")
    d, n = debuts[ordre], longueurs[ordre]
    index = np.repeat(d - np.cumsum(n) + n, n) + np.arange(lg.size)
    return lg[index], m[index]
