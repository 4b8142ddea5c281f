"""Moteur d'appariement du SIAO (R-APPARIEMENT) : logements vacants × ménages en attente d'un
département, affectation optimale prouvée, déterministe et explicable (docs/adr/0011).

Objectif lexicographique : loger le plus de ménages ; parmi ces affectations, le plus grand poids
de priorité logé (R-PRIORITY-PUBLICS, bloc `siao` du barème) ; puis la meilleure adéquation par
paire (moins de sous-occupation, puis taux d'effort le plus bas).

Les deux premiers critères sont ceux d'une base de poids maximal du matroïde transversal des
ménages : un glouton par poids décroissant les atteint exactement et écarte les ménages
qu'aucun optimum ne loge (`regles.appariement_glouton`) ; l'adéquation est ensuite optimisée
par un flot de coût minimal (OR-Tools `SimpleMinCostFlow`) sur les seuls ménages restants, à
nombre de ménages fixé par poids. Le nombre de ménages logés est certifié par une couverture de
sommets de même taille (théorème de Kőnig), calculée à part sur toutes les paires
(`preuve.borne`). `flot_lexicographique` (flot maximal de coût minimal sur toutes les paires,
coût `(Pmax − priorité) × F + (Amax − adéquation)`) est gardé comme contrôle.

L'entrée est lue une fois, en colonnes numpy (`regles.appariement_colonnes`), et les paires
éligibles sont calculées par blocs commune × forme (`regles.appariement_paires`) ; seuls les
ménages et logements des paires dont on demande les exclusions sont relus en objets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
import ortools
from ortools.graph.python import min_cost_flow
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order

from regles.appariement_colonnes import Colonnes, lire_colonnes
from regles.appariement_eligibilite import (
    Candidats,
    crans_max,
    exclusions,
    filtrer_reste_a_vivre,
)
from regles.appariement_entrees import (
    EntreeInvalide,
    LogementVacant,
    MenageAttente,
    lire_instance,
    lire_un,
)
from regles.appariement_glouton import Base, base_gloutonne
from regles.appariement_paires import paires_eligibles
from regles.bareme import Bareme
from regles.format import pluriel
from regles.parametres_siao import ParametresSiao, PoidsPriorite
from regles.types import Mode

SOLVEUR = (
    "glouton du matroïde transversal (ménages logés, priorité) puis OR-Tools SimpleMinCostFlow "
    "(adéquation)"
)


@dataclass(frozen=True)
class Score:
    """Score décomposé d'une paire retenue."""

    priorite: int
    detail_priorite: tuple[int, int, int]
    sous_occupation: int
    taux_effort: Decimal
    adequation: int
    total: int

    def en_json(self) -> dict[str, Any]:
        """Forme JSON (taux en chaîne décimale)."""
        dalo, pdalhpd, anciennete = self.detail_priorite
        return {
            "priorite": self.priorite,
            "detail_priorite": {"dalo": dalo, "pdalhpd": pdalhpd, "anciennete": anciennete},
            "sous_occupation": self.sous_occupation,
            "taux_effort": format(self.taux_effort, "f"),
            "adequation": self.adequation,
            "total": self.total,
        }


@dataclass(frozen=True)
class ResultatAppariement:
    """Affectations, ménages non logés et logements non pourvus, objectif, preuve, exclusions."""

    affectations: tuple[tuple[str, str, Score], ...]
    menages_non_loges: tuple[tuple[str, str], ...]
    logements_non_pourvus: tuple[tuple[str, str], ...]
    objectif: dict[str, int]
    preuve: dict[str, Any]
    exclusions: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()
    parametres: dict[str, Any] = field(default_factory=dict)

    def en_json(self) -> dict[str, Any]:
        """Sortie JSON du moteur (format du contrat de l'issue 12)."""
        return {
            "affectations": [
                {"menage": m, "logement": lg, "score": s.en_json()}
                for m, lg, s in self.affectations
            ],
            "menages_non_loges": [{"menage": m, "raison": r} for m, r in self.menages_non_loges],
            "logements_non_pourvus": [
                {"logement": lg, "raison": r} for lg, r in self.logements_non_pourvus
            ],
            "objectif": dict(self.objectif),
            "preuve": dict(self.preuve),
            "exclusions": [
                {
                    "menage": m,
                    "logement": lg,
                    "regles": [r for r, _ in ex],
                    "messages": [f"{r} : {t}" for r, t in ex]
                    or ["paire éligible : aucune règle dure ne l'exclut."],
                }
                for m, lg, ex in self.exclusions
            ],
            "parametres": dict(self.parametres),
        }


def _siao(bareme: Bareme) -> ParametresSiao:
    if bareme.siao is None:
        raise EntreeInvalide(
            "bareme", f"le barème {bareme.bareme_id} n'a pas de bloc « siao » (version 6 et +)"
        )
    return bareme.siao


def adequation_max(bareme: Bareme) -> tuple[int, int]:
    """R-APPARIEMENT : (crans d'effort les plus hauts, adéquation la plus haute d'une paire)."""
    kmax = max(crans_max(bareme, f) for f in Mode)
    somax = max(bareme.capacite_max_places.values())
    return kmax, somax * (kmax + 1) + kmax


def _adequation(c: Candidats, bareme: Bareme) -> npt.NDArray[np.int64]:
    kmax, _ = adequation_max(bareme)
    somax = max(bareme.capacite_max_places.values())
    crans = np.minimum(c.crans_effort, kmax)
    adeq: npt.NDArray[np.int64] = (somax - c.sous_occupation) * (kmax + 1) + (kmax - crans)
    return adeq


def flot_lexicographique(
    n_m: int,
    n_l: int,
    c: Candidats,
    w: npt.NDArray[np.int64],
    adeq: npt.NDArray[np.int64],
    pmax: int,
    amax: int,
) -> npt.NDArray[np.bool_]:
    """R-APPARIEMENT, méthode directe (contrôle des tests et des mesures) : flot maximal de
    coût minimal sur toutes les paires, coût `(Pmax − priorité) × F + (Amax − adéquation)`
    avec `F` plus grand que toute différence d'adéquation totale."""
    if not len(c):
        return np.zeros(0, dtype=bool)
    f = amax * max(min(n_m, n_l), 1) + 1
    couts = (pmax - w[c.menage]) * f + (amax - adeq)
    source, puits = n_m + n_l, n_m + n_l + 1
    debuts = np.concatenate([np.full(n_m, source), c.menage, n_m + np.arange(n_l)])
    fins = np.concatenate([np.arange(n_m), n_m + c.logement, np.full(n_l, puits)])
    tous_couts = np.concatenate([np.zeros(n_m, np.int64), couts, np.zeros(n_l, np.int64)])
    flot = min_cost_flow.SimpleMinCostFlow()
    arcs = flot.add_arcs_with_capacity_and_unit_cost(
        debuts.astype(np.int32), fins.astype(np.int32), np.ones(len(debuts), np.int64), tous_couts
    )
    borne = min(n_m, n_l)
    flot.set_node_supply(source, borne)
    flot.set_node_supply(puits, -borne)
    statut = flot.solve_max_flow_with_min_cost()
    if statut != min_cost_flow.SimpleMinCostFlow.OPTIMAL:  # pragma: no cover
        raise RuntimeError(f"R-APPARIEMENT : le solveur n'a pas conclu ({statut})")
    retenu: npt.NDArray[np.bool_] = flot.flows(arcs[n_m : n_m + len(c)]) > 0
    return retenu


def flot_reduit(
    n_m: int,
    n_l: int,
    c: Candidats,
    base: Base,
    w: npt.NDArray[np.int64],
    couts: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]:
    """R-APPARIEMENT : parmi les ménages survivants (appariement_glouton), `n_v` ménages de
    chaque poids `v` (ceux de la base gloutonne), logés au coût d'adéquation minimal.

    Réseau : source → une classe par poids (capacité n_v) → ménages survivants → logements →
    puits ; offre égale à la taille de la base : tout flot admissible loge une base de poids
    maximal, le coût minimal choisit la meilleure adéquation."""
    garde = np.flatnonzero(base.survivants[c.menage])
    menages = np.flatnonzero(base.survivants)
    poids, classe = np.unique(w[menages], return_inverse=True)
    n_v = np.bincount(np.searchsorted(poids, w[base.base]), minlength=len(poids))
    k = len(poids)
    source, puits = n_m + n_l + k, n_m + n_l + k + 1
    debuts = np.concatenate(
        [np.full(k, source), n_m + n_l + classe, c.menage[garde], n_m + np.arange(n_l)]
    )
    fins = np.concatenate(
        [n_m + n_l + np.arange(k), menages, n_m + c.logement[garde], [puits] * n_l]
    )
    capacites = np.concatenate([n_v, np.ones(len(debuts) - k, np.int64)])
    tous_couts = np.zeros(len(debuts), np.int64)
    tous_couts[k + len(menages) : k + len(menages) + len(garde)] = couts[garde]
    flots = _flot_minimal(debuts, fins, capacites, tous_couts, source, puits, int(base.base.sum()))
    retenu = np.zeros(len(c), dtype=bool)
    retenu[garde] = flots[k + len(menages) : k + len(menages) + len(garde)] > 0
    return retenu


Entiers = npt.NDArray[np.int64]


def _flot_minimal(
    debuts: Entiers, fins: Entiers, capacites: Entiers, couts: Entiers, source: int, puits: int,
    offre: int,
) -> Entiers:  # fmt: skip
    """Flot de coût minimal (OR-Tools) portant `offre` de la source au puits, arc par arc."""
    flot = min_cost_flow.SimpleMinCostFlow()
    arcs = flot.add_arcs_with_capacity_and_unit_cost(
        debuts.astype(np.int32), fins.astype(np.int32), capacites.astype(np.int64), couts
    )
    flot.set_node_supply(source, offre)
    flot.set_node_supply(puits, -offre)
    statut = flot.solve()
    if statut != min_cost_flow.SimpleMinCostFlow.OPTIMAL:  # pragma: no cover
        raise RuntimeError(f"R-APPARIEMENT : le solveur n'a pas conclu ({statut})")
    return np.asarray(flot.flows(arcs), dtype=np.int64)


def couverture_konig(n_m: int, n_l: int, c: Candidats, retenu: npt.NDArray[np.bool_]) -> int:
    """R-APPARIEMENT : taille d'une couverture de sommets (Kőnig) ; égale au nombre de paires
    retenues, elle prouve qu'aucune affectation ne loge plus de ménages."""
    s = n_m + n_l
    loge = np.zeros(n_m, dtype=bool)
    loge[c.menage[retenu]] = True
    libres = np.flatnonzero(~loge)
    libre = ~retenu
    debuts = np.concatenate([np.full(len(libres), s), c.menage[libre], n_m + c.logement[retenu]])
    fins = np.concatenate([libres, n_m + c.logement[libre], c.menage[retenu]])
    g = csr_matrix((np.ones(len(debuts), np.int8), (debuts, fins)), shape=(s + 1, s + 1))
    atteints = np.zeros(s + 1, dtype=bool)
    atteints[breadth_first_order(g, s, directed=True, return_predecessors=False)] = True
    return int((~atteints[:n_m] & loge).sum() + atteints[n_m:s].sum())


def _raisons(
    col: Colonnes, c: Candidats, retenu: npt.NDArray[np.bool_]
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    n_m, n_l = len(col.ids_menages), len(col.ids_logements)
    degre_m = np.bincount(c.menage, minlength=n_m)
    degre_l = np.bincount(c.logement, minlength=n_l)
    loge = np.zeros(n_m, dtype=bool)
    loge[c.menage[retenu]] = True
    pourvu = np.zeros(n_l, dtype=bool)
    pourvu[c.logement[retenu]] = True
    non_loges = tuple(
        (
            col.ids_menages[i],
            "aucun logement éligible (R-CAPACITY, R-EFFORT-SL, R-EFFORT-MG, R-PLAIN-PIED, "
            "R-CATEGORY, R-COMMUNES : demander les exclusions d'une paire pour le détail)."
            if d == 0
            else f"{_eligibles(d, 'logement', 'attribué')} à d'autres ménages : "
            "le loger logerait moins de ménages ou un poids de priorité moindre (R-APPARIEMENT).",
        )
        for i, d in zip(np.flatnonzero(~loge).tolist(), degre_m[~loge].tolist(), strict=True)
    )
    non_pourvus = tuple(
        (
            col.ids_logements[j],
            "aucun ménage éligible (règles dures : demander les exclusions d'une paire)."
            if d == 0
            else f"{_eligibles(d, 'ménage', 'logé')} ailleurs (R-APPARIEMENT).",
        )
        for j, d in zip(np.flatnonzero(~pourvu).tolist(), degre_l[~pourvu].tolist(), strict=True)
    )
    return non_loges, non_pourvus


def _exclusions_demandees(
    donnees: Mapping[str, Any],
    col: Colonnes,
    bareme: Bareme,
    paires: Sequence[tuple[str, str]],
) -> tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]:
    """Règles qui excluent chaque paire demandée : seuls ces ménages et logements sont relus en
    objets (lecture typée) pour l'explication."""
    menages = {m: i for i, m in enumerate(col.ids_menages)}
    logements = {lg: j for j, lg in enumerate(col.ids_logements)}
    sortie = []
    for i, (m, lg) in enumerate(paires):
        if m not in menages:
            raise EntreeInvalide(f"paires[{i}]", f"ménage « {m} » absent de l'instance")
        if lg not in logements:
            raise EntreeInvalide(f"paires[{i}]", f"logement « {lg} » absent de l'instance")
        menage = lire_un(donnees, "menages", menages[m])
        logement = lire_un(donnees, "logements", logements[lg])
        assert isinstance(menage, MenageAttente) and isinstance(logement, LogementVacant)
        sortie.append((m, lg, tuple(exclusions(menage, logement, bareme))))
    return tuple(sortie)


def _eligibles(n: int, nom: str, participe: str) -> str:
    """« son seul logement éligible est attribué », « ses 5 logements éligibles sont attribués »."""
    if n == 1:
        return f"son seul {nom} éligible est {participe}"
    return f"ses {pluriel(n, nom)} éligibles sont {participe}s"


def poids_colonnes(col: Colonnes, poids: PoidsPriorite) -> npt.NDArray[np.int64]:
    """R-PRIORITY-PUBLICS : parts (DALO, PDALHPD / loi 1990, ancienneté) du poids de chaque
    ménage, une ligne par part (`regles.parametres_siao.poids_menage`, en colonnes)."""
    j = col.jour
    mois = (j.year * 12 + j.month) - col.demande // 32 - (j.day < col.demande % 32)
    mois = np.minimum(np.maximum(mois, 0), poids.anciennete_max_mois)
    return np.stack(
        [col.dalo * poids.dalo, col.pdalhpd * poids.pdalhpd, mois * poids.anciennete_par_mois]
    ).astype(np.int64)


def _affectations(
    col: Colonnes,
    c: Candidats,
    retenu: npt.NDArray[np.bool_],
    parts: npt.NDArray[np.int64],
    adeq: npt.NDArray[np.int64],
    f: int,
    bareme: Bareme,
) -> tuple[tuple[str, str, Score], ...]:
    """Paires retenues dans l'ordre des ménages de l'entrée, avec leur score décomposé."""
    a, b = bareme.pourcentages_arrondi.as_integer_ratio()
    retenues = np.flatnonzero(retenu)
    retenues = retenues[np.argsort(c.menage[retenues], kind="stable")]
    i, j = c.menage[retenues], c.logement[retenues]
    w = parts.sum(axis=0)[i]
    colonnes = zip(
        i.tolist(),
        j.tolist(),
        w.tolist(),
        parts[:, i].T.tolist(),
        c.sous_occupation[retenues].tolist(),
        c.crans_effort[retenues].tolist(),
        adeq[retenues].tolist(),
        strict=True,
    )
    return tuple(
        (
            col.ids_menages[m],
            col.ids_logements[lg],
            Score(p, (d[0], d[1], d[2]), so, Decimal(k * a) / b, ad, p * f + ad),
        )
        for m, lg, p, d, so, k, ad in colonnes
    )


def apparier(
    donnees: Mapping[str, Any], bareme: Bareme, *, paires: Sequence[tuple[str, str]] = ()
) -> ResultatAppariement:
    """R-APPARIEMENT (R-CAPACITY, R-EFFORT-SL, R-EFFORT-MG, R-PLAIN-PIED, R-CATEGORY,
    R-COMMUNES, R-PRIORITY-PUBLICS) : affectation optimale des logements aux ménages."""
    col = lire_colonnes(donnees)
    n_m, n_l = len(col.ids_menages), len(col.ids_logements)
    parts = poids_colonnes(col, _siao(bareme).poids_priorite)
    exclus = _exclusions_demandees(donnees, col, bareme, paires)
    w = parts.sum(axis=0)
    c = paires_eligibles(col, bareme)
    if bareme.reste_a_vivre_min_jour_personne is not None:
        c = filtrer_reste_a_vivre(c, lire_instance(donnees), bareme)
    adeq = _adequation(c, bareme)
    _, amax = adequation_max(bareme)
    f = amax * max(min(n_m, n_l), 1) + 1
    base = base_gloutonne(n_m, n_l, c.menage, c.logement, w)
    retenu = flot_reduit(n_m, n_l, c, base, w, amax - adeq) if len(c) else np.zeros(0, bool)
    affectations = _affectations(col, c, retenu, parts, adeq, f, bareme)
    non_loges, non_pourvus = _raisons(col, c, retenu)
    return ResultatAppariement(
        affectations=affectations,
        menages_non_loges=non_loges,
        logements_non_pourvus=non_pourvus,
        objectif={
            "menages_loges": len(affectations),
            "poids_priorite": sum(s.priorite for _, _, s in affectations),
            "adequation": sum(s.adequation for _, _, s in affectations),
        },
        preuve={
            "statut": "OPTIMAL",
            "borne": couverture_konig(n_m, n_l, c, retenu) if len(c) else 0,
            "solveur": SOLVEUR,
            "version": ortools.__version__,
        },
        exclusions=exclus,
        parametres={"bareme": bareme.bareme_id, "version": bareme.version},
    )
