"""Moteur d'appariement du SIAO (R-APPARIEMENT) : logements vacants × ménages en attente d'un
département, affectation optimale prouvée, déterministe et explicable (docs/adr/0011).

Objectif lexicographique : loger le plus de ménages ; parmi ces affectations, le plus grand poids
de priorité logé (R-PRIORITY-PUBLICS, bloc `siao` du barème) ; puis la meilleure adéquation par
paire (moins de sous-occupation, puis taux d'effort le plus bas). Résolu par un flot maximal de
coût minimal (OR-Tools `SimpleMinCostFlow.solve_max_flow_with_min_cost`) dont le coût entier
d'un arc est `(Pmax − priorité) × F + (Amax − adéquation)`, avec `F` plus grand que toute
différence d'adéquation totale : à cardinal égal, la priorité l'emporte toujours. Le nombre de
ménages logés est certifié par une couverture de sommets de même taille (théorème de Kőnig),
calculée à part (`preuve.borne`).
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

from regles.appariement_eligibilite import (
    Candidats,
    candidats,
    crans_max,
    exclusions,
)
from regles.appariement_entrees import EntreeInvalide, Instance, lire_instance
from regles.bareme import Bareme
from regles.parametres_siao import ParametresSiao, poids_menage
from regles.types import Mode

SOLVEUR = "OR-Tools SimpleMinCostFlow (flot maximal de coût minimal)"


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


def _flot(inst: Instance, c: Candidats, couts: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Flot maximal de coût minimal ; renvoie le masque des paires retenues."""
    n_m, n_l = len(inst.menages), len(inst.logements)
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


def couverture_konig(inst: Instance, c: Candidats, retenu: npt.NDArray[np.bool_]) -> int:
    """R-APPARIEMENT : taille d'une couverture de sommets (Kőnig) ; égale au nombre de paires
    retenues, elle prouve qu'aucune affectation ne loge plus de ménages."""
    n_m, n_l = len(inst.menages), len(inst.logements)
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
    inst: Instance, c: Candidats, retenu: npt.NDArray[np.bool_]
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    degre_m = np.bincount(c.menage, minlength=len(inst.menages))
    degre_l = np.bincount(c.logement, minlength=len(inst.logements))
    loges = set(c.menage[retenu].tolist())
    pourvus = set(c.logement[retenu].tolist())
    non_loges = tuple(
        (
            m.id,
            "aucun logement éligible (R-CAPACITY, R-EFFORT-SL, R-EFFORT-MG, R-PLAIN-PIED, "
            "R-CATEGORY, R-COMMUNES : demander les exclusions d'une paire pour le détail)."
            if degre_m[i] == 0
            else f"ses {degre_m[i]} logement(s) éligible(s) sont attribués à d'autres ménages : "
            "le loger logerait moins de ménages ou un poids de priorité moindre (R-APPARIEMENT).",
        )
        for i, m in enumerate(inst.menages)
        if i not in loges
    )
    non_pourvus = tuple(
        (
            lg.id,
            "aucun ménage éligible (règles dures : demander les exclusions d'une paire)."
            if degre_l[j] == 0
            else f"ses {degre_l[j]} ménage(s) éligible(s) sont logés ailleurs (R-APPARIEMENT).",
        )
        for j, lg in enumerate(inst.logements)
        if j not in pourvus
    )
    return non_loges, non_pourvus


def _exclusions_demandees(
    inst: Instance, bareme: Bareme, paires: Sequence[tuple[str, str]]
) -> tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]:
    menages = {m.id: m for m in inst.menages}
    logements = {lg.id: lg for lg in inst.logements}
    sortie = []
    for i, (m, lg) in enumerate(paires):
        if m not in menages:
            raise EntreeInvalide(f"paires[{i}]", f"ménage « {m} » absent de l'instance")
        if lg not in logements:
            raise EntreeInvalide(f"paires[{i}]", f"logement « {lg} » absent de l'instance")
        sortie.append((m, lg, tuple(exclusions(menages[m], logements[lg], bareme))))
    return tuple(sortie)


def _affectations(
    inst: Instance,
    c: Candidats,
    retenu: npt.NDArray[np.bool_],
    w: npt.NDArray[np.int64],
    details: Sequence[tuple[int, int, int]],
    adeq: npt.NDArray[np.int64],
    f: int,
    bareme: Bareme,
) -> tuple[tuple[str, str, Score], ...]:
    """Paires retenues dans l'ordre des ménages de l'entrée, avec leur score décomposé."""
    a, b = bareme.pourcentages_arrondi.as_integer_ratio()
    retenues = np.flatnonzero(retenu)
    sortie = []
    for k in sorted(retenues.tolist(), key=lambda k: int(c.menage[k])):
        i, j = int(c.menage[k]), int(c.logement[k])
        taux = Decimal(int(c.crans_effort[k]) * a) / b
        score = Score(
            int(w[i]),
            details[i],
            int(c.sous_occupation[k]),
            taux,
            int(adeq[k]),
            int(w[i]) * f + int(adeq[k]),
        )
        sortie.append((inst.menages[i].id, inst.logements[j].id, score))
    return tuple(sortie)


def apparier(
    donnees: Mapping[str, Any], bareme: Bareme, *, paires: Sequence[tuple[str, str]] = ()
) -> ResultatAppariement:
    """R-APPARIEMENT (R-CAPACITY, R-EFFORT-SL, R-EFFORT-MG, R-PLAIN-PIED, R-CATEGORY,
    R-COMMUNES, R-PRIORITY-PUBLICS) : affectation optimale des logements aux ménages."""
    inst = lire_instance(donnees)
    poids = _siao(bareme).poids_priorite
    exclus = _exclusions_demandees(inst, bareme, paires)
    details = [poids_menage(m.criteres, m.demande_le, inst.jour, poids) for m in inst.menages]
    w = np.array([sum(d) for d in details], dtype=np.int64)
    c = candidats(inst, bareme)
    adeq = _adequation(c, bareme)
    _, amax = adequation_max(bareme)
    f = amax * max(min(len(inst.menages), len(inst.logements)), 1) + 1
    couts = (poids.maximum - w[c.menage]) * f + (amax - adeq)
    retenu = _flot(inst, c, couts) if len(c) else np.zeros(0, dtype=bool)
    affectations = _affectations(inst, c, retenu, w, details, adeq, f, bareme)
    non_loges, non_pourvus = _raisons(inst, c, retenu)
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
            "borne": couverture_konig(inst, c, retenu) if len(c) else 0,
            "solveur": SOLVEUR,
            "version": ortools.__version__,
        },
        exclusions=exclus,
        parametres={"bareme": bareme.bareme_id, "version": bareme.version},
    )
