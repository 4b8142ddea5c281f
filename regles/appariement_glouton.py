"""Réduction exacte du moteur d'appariement par le matroïde transversal (R-APPARIEMENT,
R-PRIORITY-PUBLICS ; docs/adr/0011).

Les ensembles de ménages qu'on peut loger ensemble forment un matroïde (transversal) ; le poids
de priorité est porté par le ménage. Donc :

- le glouton « ménages par poids décroissant, chacun ajouté si un chemin augmentant le loge »
  donne une base de poids maximal B : le plus de ménages logés (toutes les bases ont la même
  taille), puis le plus grand poids de priorité ;
- toutes les bases de poids maximal ont le même nombre `n_v` de ménages de chaque poids `v` ;
- un ménage appartient à une base de poids maximal si et seulement s'il n'est pas engendré par
  les ménages strictement plus lourds, c'est-à-dire si son circuit dans B contient un ménage
  de même poids (« survivant »). Les autres ne sont logés par aucun optimum : on les retire.

Reste à choisir, parmi les survivants, `n_v` ménages de chaque poids et leurs logements pour
la meilleure adéquation : un flot de coût minimal dont les coûts ne portent plus que
l'adéquation (coûts petits, graphe réduit).

Le glouton marque « morts » les logements visités par une recherche de chemin augmentant qui
échoue : une région close sans logement libre le reste (aucun chemin augmentant ultérieur ne
peut y entrer), chaque logement n'est donc parcouru en échec qu'une fois.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

Tableau = npt.NDArray[np.int64]
Masque = npt.NDArray[np.bool_]
SANS = np.int64(-1)


@dataclass(frozen=True)
class Base:
    """Base gloutonne de poids maximal et ménages survivants (indices de l'instance)."""

    base: Masque
    survivants: Masque
    logement_de: Tableau  # logement du ménage dans la base gloutonne (−1 hors base)


@dataclass
class _Etat:
    debut: Tableau  # voisins du ménage i : logements[debut[i]:debut[i + 1]]
    logements: Tableau
    w: Tableau
    match_l: Tableau
    match_m: Tableau
    mort: Masque
    poids_mort: Tableau  # poids de la classe dont la région morte contient un ménage de ce poids
    parent: Tableau  # ménage par lequel la recherche en cours a atteint le logement (−1 : non)

    def voisins(self, menages: Tableau) -> tuple[Tableau, Tableau]:
        """(logements voisins, ménage d'où l'on vient) des `menages`, à plat."""
        debuts = self.debut[menages]
        longueurs = self.debut[menages + 1] - debuts
        decalage = np.repeat(debuts - np.cumsum(longueurs) + longueurs, longueurs)
        return self.logements[decalage + np.arange(int(longueurs.sum()))], np.repeat(
            menages, longueurs
        )


def _etat(n_m: int, n_l: int, menage: Tableau, logement: Tableau, w: Tableau) -> _Etat:
    # Tri par ménage en O(paires) (comptage) ; l'ordre des logements d'un ménage est conservé.
    g = csr_matrix((np.ones(len(menage), np.int8), (menage, logement)), shape=(n_m, n_l))
    return _Etat(
        g.indptr.astype(np.int64),
        g.indices.astype(np.int64),
        w,
        np.full(n_l, SANS, dtype=np.int64),
        np.full(n_m, SANS, dtype=np.int64),
        np.zeros(n_l, dtype=bool),
        np.full(n_l, SANS, dtype=np.int64),
        np.full(n_l, SANS, dtype=np.int64),
    )


def _inverser(e: _Etat, h: int, lg: int, p: int) -> None:
    """Chemin augmentant trouvé : `lg` libre atteint depuis `p` ; on remonte jusqu'à `h`."""
    while True:
        precedent = int(e.match_m[p])
        e.match_l[lg], e.match_m[p] = p, lg
        if p == h:
            return
        lg, p = precedent, int(e.parent[precedent])


def _augmenter(e: _Etat, h: int, depart: Tableau) -> bool:
    """Chemin augmentant depuis `h` (largeur d'abord, par niveaux vectorisés) ; en échec, la
    région visitée devient morte. Renvoie vrai si `h` est logé ou si son circuit contient un
    ménage du même poids (il appartient alors à une base de poids maximal)."""
    v, front, vus = e.w[h], depart, [depart]
    e.parent[depart] = h
    egal = False
    while front.size:
        nb, src = e.voisins(e.match_l[front])
        libres = np.flatnonzero(e.match_l[nb] == SANS)
        if libres.size:
            _inverser(e, h, int(nb[libres[0]]), int(src[libres[0]]))
            e.parent[np.concatenate(vus)] = SANS
            return True
        egal = egal or bool((e.poids_mort[nb] == v).any())
        neufs = ~e.mort[nb] & (e.parent[nb] == SANS)
        front, premier = np.unique(nb[neufs], return_index=True)
        e.parent[front] = src[neufs][premier]
        vus.append(front)
    visites = np.concatenate(vus)
    egal = egal or bool((e.w[e.match_l[visites]] == v).any())
    e.mort[visites] = True
    e.poids_mort[visites] = v if egal else SANS
    e.parent[visites] = SANS
    return egal


def _examiner(e: _Etat, h: int) -> bool:
    """Ménage `h` : logé directement, par chemin augmentant, ou seulement survivant ?"""
    nb = e.logements[e.debut[h] : e.debut[h + 1]]
    if not nb.size:
        return False
    libres = nb[e.match_l[nb] == SANS]
    if libres.size:
        e.match_l[libres[0]], e.match_m[h] = h, libres[0]
        return True
    egal = bool((e.poids_mort[nb] == e.w[h]).any())
    vivants = nb[~e.mort[nb]]
    return (_augmenter(e, h, vivants) if vivants.size else False) or egal


def base_gloutonne(n_m: int, n_l: int, menage: Tableau, logement: Tableau, w: Tableau) -> Base:
    """R-APPARIEMENT, R-PRIORITY-PUBLICS : base gloutonne (poids décroissant, ordre de
    l'entrée à poids égal) et survivants, sur les paires éligibles (`menage`, `logement`)."""
    e = _etat(n_m, n_l, menage, logement, w)
    survivants = np.zeros(n_m, dtype=bool)
    libres = n_l
    poids_base: set[int] = set()
    for h in np.argsort(-w, kind="stable").tolist():
        # Plus de logement libre : seuls les ménages d'un poids déjà présent dans la base
        # peuvent encore y entrer (par échange à poids égal) ; les autres sont engendrés.
        if not libres and int(w[h]) not in poids_base:
            continue
        survivants[h] = _examiner(e, h)
        if e.match_m[h] != SANS:
            libres -= 1
            poids_base.add(int(w[h]))
    return Base(e.match_m != SANS, survivants, e.match_m)
