"""Mesures (make bench) : moteur d'appariement (R-APPARIEMENT) sur un département, côte à côte
avec la pratique qu'il remplace, l'ordre de boston-cas et l'autre bibliothèque (scipy) comme
contrôle d'optimalité et de temps. Instances générées de façon déterministe (graine fixe).

- `departement` : 2 000 logements × 10 000 ménages à densité d'éligibilité réaliste (≈ 7,6 %
  des paires). Hypothèses : l'IML d'un département se concentre sur quelques pôles (40
  communes ont des logements : la métropole 25 %, quatre villes moyennes 6 % chacune, 35
  petites communes le reste) ; un ménage souhaite 1 à 3 communes (la sienne d'abord, tirée
  comme les logements, puis 0 à 2 voisines) et 95 % les exigent (un ménage suivi refuse une
  proposition hors de son secteur : école, travail, accompagnement) ; tailles des ménages
  (50 % de personnes seules) et typologies des logements assorties ; ressources de minima
  sociaux (550 à 1 100 € pour une personne seule, + 300 € par personne), aide au logement
  inconnue pour 20 % (taux d'effort sans aide) ; catégories et plain-pied comme en 2025 ;
- `departement_dense` : l'instance de la première mesure (≈ 34 % des paires : 60 % des
  ménages sans communes exigées, ressources jusqu'à 2 400 €), gardée comme cas de charge ;
- `grands_rares` : grands logements rares, ressources mixtes ; le moteur doit loger au moins
  10 % de ménages de plus que la pratique (asserté).

Le moteur est comparé à sa version précédente (entrée lue en objets, paires éligibles par
tranches de toute la matrice : mêmes ménages logés, asserté) et au contrôle « flot direct »
(flot maximal de coût minimal OR-Tools sur toutes les paires, la méthode de la première
version) : même objectif lexicographique (asserté).

Chiffres retenus : docs/performance.md, section « Appariement ».
"""

from __future__ import annotations

import random
import resource
import time
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from iml.referentiel import fichiers
from regles.appariement import (
    _adequation,
    adequation_max,
    apparier,
    couverture_konig,
    flot_lexicographique,
    flot_reduit,
    poids_colonnes,
)
from regles.appariement_colonnes import lire_colonnes
from regles.appariement_eligibilite import candidats
from regles.appariement_entrees import lire_instance
from regles.appariement_glouton import base_gloutonne
from regles.appariement_paires import paires_eligibles
from regles.parametres_siao import poids_menage

BAREME = fichiers.bareme_pour("national-2018")
JOUR = date(2026, 12, 1)
COMMUNES = [f"35{n:03d}" for n in range(1, 61)]
POIDS_COMMUNES = [40 if c == "35001" else 8 if int(c[2:]) < 6 else 1 for c in COMMUNES]
TYPO = [("STUDIO", 1, 330), ("T1", 2, 390), ("T2", 3, 470), ("T3", 4, 560), ("T4", 5, 650)]
CRITERES = [[], [], [], ["SANS_LOGEMENT"], ["HEBERGE_TEMPORAIREMENT"], ["DALO_SANS_DOMICILE"]]


def _logement(r: random.Random, i: int, typo: tuple[str, int, int]) -> dict[str, Any]:
    nom, cap, loyer = typo
    loyer += r.randint(-60, 90)
    sl = r.random() < 0.5
    return {
        "id": f"L{i}",
        "typologie": nom,
        "capacite": cap,
        "forme": "SOUS_LOCATION" if sl else "MANDAT_GESTION",
        "commune": r.choices(COMMUNES, POIDS_COMMUNES)[0],
        "plain_pied": r.random() < 0.3,
        "categories": r.choices([[], ["CLASSIQUE"], ["PSY"], ["SPECIALISEE"]], [70, 15, 5, 10])[0],
        "loyer": f"{loyer}.00",
        "charges": f"{r.randint(20, 90)}.00",
        "redevance": f"{int(loyer * 0.6)}.00" if sl else None,
    }


def _menage(r: random.Random, i: int, personnes: int) -> dict[str, Any]:
    strict = r.random() < 0.4
    return {
        "id": f"M{i}",
        "personnes": personnes,
        "ressources": f"{r.randint(550, 2400)}.00",
        "aide_logement": None if r.random() < 0.3 else f"{r.randint(80, 120 + 60 * personnes)}.00",
        "aide_estimee": r.random() < 0.3,
        "categorie": r.choices(["CLASSIQUE", "SPECIALISEE", "PSY"], [80, 15, 5])[0],
        "plain_pied_requis": r.random() < 0.05,
        "communes": r.sample(COMMUNES[:8], r.randint(1, 3)),
        "communes_strictes": strict,
        "criteres": r.choice(CRITERES),
        "demande_le": (JOUR - timedelta(days=r.randint(0, 2500))).isoformat(),
    }


#: Pôles : la métropole, quatre villes moyennes, 35 petites communes (part des logements).
POLES = [f"35{n:03d}" for n in range(101, 141)]
POIDS_POLES = [25.0] + [6.0] * 4 + [51 / 35] * 35
VOISINS = {p: [q for q in POLES if q != p and abs(int(p[2:]) - int(q[2:])) <= 3] for p in POLES}


def _logement_pole(r: random.Random, i: int, typo: tuple[str, int, int]) -> dict[str, Any]:
    return _logement(r, i, typo) | {"commune": r.choices(POLES, POIDS_POLES)[0]}


def _menage_realiste(r: random.Random, i: int, personnes: int) -> dict[str, Any]:
    premiere = r.choices(POLES, POIDS_POLES)[0]
    autres = r.sample(VOISINS[premiere], r.choices([0, 1, 2], [50, 30, 20])[0])
    ressources = r.randint(550, 1100) + 300 * (personnes - 1) + r.randint(0, 300) * (personnes > 1)
    aide = None if r.random() < 0.2 else f"{r.randint(180, 260) + 50 * (personnes - 1)}.00"
    return {
        "id": f"M{i}",
        "personnes": personnes,
        "ressources": f"{ressources}.00",
        "aide_logement": aide,
        "aide_estimee": r.random() < 0.3,
        "categorie": r.choices(["CLASSIQUE", "SPECIALISEE", "PSY"], [80, 15, 5])[0],
        "plain_pied_requis": r.random() < 0.05,
        "communes": [premiere, *autres],
        "communes_strictes": r.random() < 0.95,
        "criteres": r.choice(CRITERES),
        "demande_le": (JOUR - timedelta(days=r.randint(0, 2500))).isoformat(),
    }


def departement(n_l: int = 2000, n_m: int = 10000, graine: int = 35) -> dict[str, Any]:
    """Densité réaliste (hypothèses en tête du module)."""
    r = random.Random(graine)
    typos = r.choices(TYPO, [25, 30, 25, 14, 6], k=n_l)
    logements = [_logement_pole(r, i, t) for i, t in enumerate(typos)]
    tailles = r.choices([1, 2, 3, 4, 5], [50, 22, 14, 9, 5], k=n_m)
    menages = [_menage_realiste(r, i, n) for i, n in enumerate(tailles)]
    return {"date": JOUR.isoformat(), "logements": logements, "menages": menages}


def departement_dense(n_l: int = 2000, n_m: int = 10000, graine: int = 35) -> dict[str, Any]:
    """Instance de la première mesure (≈ 34 % des paires éligibles), cas de charge."""
    r = random.Random(graine)
    logements = [_logement(r, i, r.choices(TYPO, [15, 30, 30, 17, 8])[0]) for i in range(n_l)]
    tailles = [1, 2, 3, 4, 5]
    menages = [_menage(r, i, r.choices(tailles, [45, 25, 15, 10, 5])[0]) for i in range(n_m)]
    return {"date": JOUR.isoformat(), "logements": logements, "menages": menages}


def grands_rares(graine: int = 7) -> dict[str, Any]:
    """Grands logements rares (listés d'abord), petits ménages prioritaires qui peuvent tout
    prendre, familles qui ne tiennent que dans les grands."""
    r = random.Random(graine)
    logements = [_logement(r, i, TYPO[4]) for i in range(30)]
    logements += [_logement(r, 30 + i, TYPO[r.randint(0, 1)]) for i in range(70)]
    menages = [_menage(r, i, 1) | {"criteres": ["SANS_LOGEMENT"]} for i in range(60)]
    menages += [_menage(r, 60 + i, 5) for i in range(80)]
    for x in logements:
        x["categories"] = []
    for x in menages:
        x.update(communes_strictes=False, plain_pied_requis=False, categorie="CLASSIQUE")
    return {"date": JOUR.isoformat(), "logements": logements, "menages": menages}


def _graphe(donnees: dict[str, Any]) -> tuple[Any, Any, np.ndarray]:
    inst = lire_instance(donnees)
    c = candidats(inst, BAREME)
    assert BAREME.siao is not None
    p = BAREME.siao.poids_priorite
    w = np.array(
        [sum(poids_menage(m.criteres, m.demande_le, JOUR, p)) for m in inst.menages],
        dtype=np.int64,
    )
    return inst, c, w


def _etapes(donnees: dict[str, Any]) -> None:
    """Où passe le temps du moteur (une mesure de chaque étape)."""
    assert BAREME.siao is not None
    t = [time.perf_counter()]
    col = lire_colonnes(donnees)
    n_m, n_l = len(col.ids_menages), len(col.ids_logements)
    w = poids_colonnes(col, BAREME.siao.poids_priorite).sum(axis=0)
    t.append(time.perf_counter())
    c = paires_eligibles(col, BAREME)
    t.append(time.perf_counter())
    base = base_gloutonne(n_m, n_l, c.menage, c.logement, w)
    t.append(time.perf_counter())
    adeq = _adequation(c, BAREME)
    retenu = flot_reduit(n_m, n_l, c, base, w, adequation_max(BAREME)[1] - adeq)
    t.append(time.perf_counter())
    couverture_konig(n_m, n_l, c, retenu)
    t.append(time.perf_counter())
    d = [f"{b - a:.2f}" for a, b in zip(t, t[1:], strict=False)]
    print(
        f"étapes : lecture en colonnes et poids {d[0]} s, paires éligibles (blocs) {d[1]} s, "
        f"glouton {d[2]} s ({int(base.survivants.sum())} ménages survivants, "
        f"{int(base.survivants[c.menage].sum())} paires gardées), flot d'adéquation {d[3]} s, "
        f"couverture de Kőnig {d[4]} s"
    )


def version_precedente(donnees: dict[str, Any]) -> list[int]:
    """Le moteur avant la lecture en colonnes (contrôle de temps) : objets par ménage, paires
    par tranches de toute la matrice, poids ménage par ménage ; même glouton, même flot."""
    inst, c, w = _graphe(donnees)
    n_m, n_l = len(inst.menages), len(inst.logements)
    base = base_gloutonne(n_m, n_l, c.menage, c.logement, w)
    adeq = _adequation(c, BAREME)
    retenu = flot_reduit(n_m, n_l, c, base, w, adequation_max(BAREME)[1] - adeq)
    couverture_konig(n_m, n_l, c, retenu)
    return [int(x) for x in c.menage[retenu]]


ADEQUATION_DIRECTE: dict[str, int] = {}


def controle_direct(inst: Any, c: Any, w: np.ndarray) -> list[int]:
    """Première version du moteur : flot maximal de coût minimal sur toutes les paires."""
    assert BAREME.siao is not None
    adeq = _adequation(c, BAREME)
    pmax = BAREME.siao.poids_priorite.maximum
    n_m, n_l = len(inst.menages), len(inst.logements)
    retenu = flot_lexicographique(n_m, n_l, c, w, adeq, pmax, adequation_max(BAREME)[1])
    ADEQUATION_DIRECTE["derniere"] = int(adeq[retenu].sum())
    return [int(x) for x in c.menage[retenu]]


def pratique(inst: Any, c: Any, w: np.ndarray) -> list[int]:
    """Ménages par priorité puis ancienneté ; chacun prend le premier logement éligible libre."""
    par_menage: dict[int, list[int]] = {}
    for i, j in sorted(zip(c.menage.tolist(), c.logement.tolist(), strict=True)):
        par_menage.setdefault(i, []).append(j)
    ordre = sorted(range(len(inst.menages)), key=lambda i: (-w[i], inst.menages[i].demande_le))
    pris: set[int] = set()
    loges = []
    for i in ordre:
        j = next((j for j in par_menage.get(i, []) if j not in pris), None)
        if j is not None:
            pris.add(j)
            loges.append(i)
    return loges


def boston(inst: Any, c: Any, w: np.ndarray) -> list[int]:
    """boston-cas : logement le plus difficile à pourvoir d'abord, ménage éligible le plus
    ancien."""
    par_logement: dict[int, list[int]] = {}
    for i, j in zip(c.menage.tolist(), c.logement.tolist(), strict=True):
        par_logement.setdefault(j, []).append(i)
    ordre = sorted(par_logement, key=lambda j: (len(par_logement[j]), j))
    loges: set[int] = set()
    for j in ordre:
        libres = [i for i in par_logement[j] if i not in loges]
        if libres:
            loges.add(min(libres, key=lambda i: (inst.menages[i].demande_le, i)))
    return list(loges)


def controle_scipy(inst: Any, c: Any, w: np.ndarray) -> list[int]:
    """Même objectif, autre bibliothèque : couplage de poids minimal (LAPJVsp), une colonne
    fictive par logement (« non pourvu ») au coût supérieur à tout gain possible."""
    n_m, n_l = len(inst.menages), len(inst.logements)
    kmax, amax = adequation_max(BAREME)
    somax = max(BAREME.capacite_max_places.values())
    adeq = (somax - c.sous_occupation) * (kmax + 1) + (kmax - np.minimum(c.crans_effort, kmax))
    f = amax * min(n_m, n_l) + 1
    cout = (w.max() + 1 - w[c.menage]) * f + (amax - adeq) + 1
    fictif = float(cout.max()) * (min(n_m, n_l) + 1)
    lignes = np.concatenate([c.logement, np.arange(n_l)])
    colonnes = np.concatenate([c.menage, n_m + np.arange(n_l)])
    a = csr_matrix(
        (np.concatenate([cout.astype(float), np.full(n_l, fictif)]), (lignes, colonnes)),
        shape=(n_l, n_m + n_l),
    )
    _, col = min_weight_full_bipartite_matching(a)
    return [int(x) for x in col if x < n_m]


def _rapport(nom: str, loges: list[int], w: np.ndarray, secondes: float) -> None:
    print(f"{nom:<28} {len(loges):>6} logés  poids {int(w[loges].sum()):>12}  {secondes:6.2f} s")


INSTANCES = {
    "departement": departement,
    "departement_dense": departement_dense,
    "grands_rares": grands_rares,
}


@pytest.mark.parametrize("cas", list(INSTANCES))
def test_bench_appariement(benchmark, cas: str) -> None:
    donnees = INSTANCES[cas]()
    avant = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    resultat = benchmark.pedantic(apparier, args=(donnees, BAREME), rounds=3, iterations=1)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    inst, c, w = _graphe(donnees)
    densite = 100 * len(c) / (len(inst.logements) * len(inst.menages))
    print(
        f"\n{cas} : {len(inst.logements)} logements × {len(inst.menages)} ménages, "
        f"{len(c)} paires éligibles ({densite:.2f} %)"
    )
    t = time.perf_counter()
    _graphe(donnees)
    print(f"version précédente, lecture + paires éligibles : {time.perf_counter() - t:.2f} s")
    ids = {m.id: i for i, m in enumerate(inst.menages)}
    moteur = [ids[m] for m, _, _ in resultat.affectations]
    _rapport("moteur", moteur, w, benchmark.stats.stats.median)
    print(f"mémoire : RSS max du processus {rss} Mo après le moteur (avant : {avant} Mo)")
    _etapes(donnees)
    cpu = time.process_time()
    apparier(donnees, BAREME)
    print(f"temps CPU du processus pour un passage du moteur : {time.process_time() - cpu:.2f} s")
    mesures = {}
    methodes = [
        ("version précédente", lambda *_: version_precedente(donnees)),
        ("contrôle flot direct", controle_direct),
        ("pratique", pratique),
        ("boston-cas", boston),
        ("contrôle scipy", controle_scipy),
    ]
    for nom, f in methodes[:-1] if cas == "departement_dense" else methodes:
        t = time.perf_counter()
        mesures[nom] = f(inst, c, w)
        _rapport(nom, mesures[nom], w, time.perf_counter() - t)
    precedente = mesures["version précédente"]
    assert sorted(precedente) == sorted(moteur)  # mêmes paires éligibles, même glouton, même flot
    direct = mesures["contrôle flot direct"]
    assert len(direct) == len(moteur)
    assert int(w[direct].sum()) == resultat.objectif["poids_priorite"]
    assert ADEQUATION_DIRECTE["derniere"] == resultat.objectif["adequation"]
    assert resultat.preuve["borne"] == len(moteur)
    if cas == "departement_dense":  # scipy : 47 s à cette densité (première mesure)
        return
    assert len(mesures["contrôle scipy"]) == len(moteur)
    assert int(w[mesures["contrôle scipy"]].sum()) == resultat.objectif["poids_priorite"]
    assert len(moteur) >= max(len(mesures["pratique"]), len(mesures["boston-cas"]))
    if cas == "grands_rares":
        assert len(moteur) >= 1.10 * len(mesures["pratique"])
