"""Moteur d'appariement (R-APPARIEMENT) : chaque règle dure exclut avec son identifiant, et
propriétés (hypothesis) : affectations éligibles, sans doublon, cardinal maximal (chemins
augmentants écrits ici), priorité optimale (force brute), déterminisme."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regles.appariement import adequation_max, apparier, flot_lexicographique
from regles.appariement_colonnes import colonnes_de, lire_colonnes
from regles.appariement_eligibilite import candidats, exclusions
from regles.appariement_entrees import EntreeInvalide, lire_instance
from regles.appariement_paires import paires_eligibles
from regles.bareme import Bareme

JOUR = "2026-12-01"


def logement(i: str = "L1", **k: Any) -> dict[str, Any]:
    base = {
        "id": i,
        "typologie": "T2",
        "capacite": 3,
        "forme": "SOUS_LOCATION",
        "commune": "35238",
        "plain_pied": False,
        "categories": [],
        "loyer": "450.00",
        "charges": "50.00",
        "redevance": "300.00",
    }
    return base | k


def menage(i: str = "D1", **k: Any) -> dict[str, Any]:
    base = {
        "id": i,
        "personnes": 2,
        "ressources": "1200.00",
        "aide_logement": "150.00",
        "categorie": "CLASSIQUE",
        "communes": ["35238"],
        "communes_strictes": False,
        "criteres": [],
        "demande_le": "2025-03-01",
    }
    return base | k


def instance(logements: list[dict[str, Any]], menages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"date": JOUR, "logements": logements, "menages": menages}


@pytest.mark.parametrize(
    ("lg", "mn", "regle"),
    [
        ({}, {"personnes": 4}, "R-CAPACITY"),
        ({"typologie": "STUDIO", "capacite": 3}, {}, "R-CAPACITY"),
        ({"redevance": "500.00"}, {"aide_logement": "0"}, "R-EFFORT-SL"),
        ({}, {"aide_logement": None, "ressources": "1000.00"}, "R-EFFORT-SL"),
        ({"forme": "MANDAT_GESTION", "loyer": "900.00"}, {}, "R-EFFORT-MG"),
        ({}, {"ressources": "0"}, "R-EFFORT-SL"),
        ({}, {"plain_pied_requis": True}, "R-PLAIN-PIED"),
        ({"categories": ["PSY"]}, {}, "R-CATEGORY"),
        ({"commune": "35288"}, {"communes_strictes": True}, "R-COMMUNES"),
    ],
)
def test_chaque_regle_dure_exclut_avec_son_id(
    bareme: Bareme, lg: dict[str, Any], mn: dict[str, Any], regle: str
) -> None:
    donnees = instance([logement(**lg)], [menage(**mn)])
    r = apparier(donnees, bareme, paires=[("D1", "L1")]).en_json()
    assert r["affectations"] == []
    assert r["exclusions"][0]["regles"] == [regle]
    assert r["exclusions"][0]["messages"][0].startswith(f"{regle} : ")
    assert "aucun logement éligible" in r["menages_non_loges"][0]["raison"]


def test_l_aide_inconnue_est_dite_dans_l_exclusion(bareme: Bareme) -> None:
    donnees = instance([logement()], [menage(aide_logement=None, ressources="1000.00")])
    ex = apparier(donnees, bareme, paires=[("D1", "L1")]).en_json()["exclusions"][0]
    assert "aide au logement inconnue" in ex["messages"][0]


@pytest.mark.parametrize(
    ("redevance", "eligible"),
    # 1 200 € de ressources, 150 € d'aide, 50 € de charges : 30,04 % s'arrondit à 30,0 %.
    [("460.50", True), ("460.60", False)],
)
def test_r_effort_sl_arrondi_comme_le_controle_d_effort(
    bareme: Bareme, redevance: str, eligible: bool
) -> None:
    donnees = instance([logement(redevance=redevance)], [menage()])
    assert (len(apparier(donnees, bareme).affectations) == 1) is eligible


def test_r_appariement_priorite_puis_adequation(bareme: Bareme) -> None:
    # Un seul logement, deux ménages éligibles : le DALO passe avant le plus ancien.
    donnees = instance(
        [logement()],
        [
            menage("ANCIEN", demande_le="2015-01-01"),
            menage("DALO", criteres=["DALO_SANS_DOMICILE"], demande_le="2026-11-01"),
        ],
    )
    r = apparier(donnees, bareme).en_json()
    assert [a["menage"] for a in r["affectations"]] == ["DALO"]
    assert r["preuve"] == {
        "statut": "OPTIMAL",
        "borne": 1,
        "solveur": r["preuve"]["solveur"],
        "version": r["preuve"]["version"],
    }
    assert "attribué à d'autres ménages" in r["menages_non_loges"][0]["raison"]
    # À priorité égale, le logement le moins sous-occupé.
    donnees = instance(
        [logement("GRAND", typologie="T5", capacite=6), logement("JUSTE")], [menage()]
    )
    r = apparier(donnees, bareme).en_json()
    assert r["affectations"][0]["logement"] == "JUSTE"
    assert r["affectations"][0]["score"]["sous_occupation"] == 1
    assert r["logements_non_pourvus"][0]["logement"] == "GRAND"


def test_r_appariement_le_nombre_de_menages_loges_passe_avant_la_priorite(bareme: Bareme) -> None:
    # Le DALO peut prendre L1 ou L2 ; l'autre ménage seulement L1 : on loge les deux.
    donnees = instance(
        [logement("L1"), logement("L2", commune="35288")],
        [
            menage("DALO", criteres=["DALO_HEBERGE"]),
            menage("STRICT", communes_strictes=True),
        ],
    )
    r = apparier(donnees, bareme).en_json()
    assert {(a["menage"], a["logement"]) for a in r["affectations"]} == {
        ("DALO", "L2"),
        ("STRICT", "L1"),
    }


@pytest.mark.parametrize(
    ("donnees", "champ"),
    [
        (instance([logement(redevance=None)], []), "logements[0].redevance"),
        (
            instance([logement()], [menage(communes=[], communes_strictes=True)]),
            "menages[0].communes",
        ),
        (instance([logement(), logement()], []), "logements[1].id"),
        (instance([], [menage(criteres=["INCONNU"])]), "menages[0].criteres[0]"),
        ({"date": JOUR, "logements": []}, "menages"),
    ],
)
def test_entree_invalide_nomme_le_champ(donnees: dict[str, Any], champ: str) -> None:
    for lire in (lire_instance, lire_colonnes):
        with pytest.raises(EntreeInvalide) as e:
            lire(donnees)
        assert e.value.champ == champ


def test_paire_inconnue_nommee(bareme: Bareme) -> None:
    with pytest.raises(EntreeInvalide) as e:
        apparier(instance([logement()], [menage()]), bareme, paires=[("D1", "L9")])
    assert e.value.champ == "paires[0]"


# --- Propriétés ---------------------------------------------------------------------------

LOGEMENTS = st.fixed_dictionaries(
    {
        "typologie": st.sampled_from(["STUDIO", "T1", "T2", "T3", "T4"]),
        "capacite": st.integers(1, 5),
        "forme": st.sampled_from(["SOUS_LOCATION", "MANDAT_GESTION"]),
        "commune": st.sampled_from(["35238", "35288", "35047"]),
        "plain_pied": st.booleans(),
        "categories": st.sampled_from([[], ["CLASSIQUE"], ["PSY", "SPECIALISEE"]]),
        "loyer": st.integers(200, 900).map(str),
        "charges": st.integers(0, 120).map(str),
        "redevance": st.integers(150, 500).map(str),
    }
)
MENAGES = st.fixed_dictionaries(
    {
        "personnes": st.integers(1, 5),
        "ressources": st.integers(0, 2500).map(str),
        "aide_logement": st.one_of(st.none(), st.integers(0, 400).map(str)),
        "categorie": st.sampled_from(["CLASSIQUE", "CLASSIQUE", "PSY", "SPECIALISEE"]),
        "plain_pied_requis": st.booleans(),
        "communes": st.sampled_from([["35238"], ["35288", "35047"]]),
        "communes_strictes": st.booleans(),
        "criteres": st.sampled_from([[], ["SANS_LOGEMENT"], ["DALO_SANS_DOMICILE"]]),
        "demande_le": st.dates(date(2016, 1, 1), date(2026, 12, 1)).map(date.isoformat),
    }
)


def _instance(nl: int, nm: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda ls, ms: instance(
            [{"id": f"L{i}"} | x for i, x in enumerate(ls)],
            [{"id": f"M{i}"} | x for i, x in enumerate(ms)],
        ),
        st.lists(LOGEMENTS, min_size=0, max_size=nl),
        st.lists(MENAGES, min_size=0, max_size=nm),
    )


def _couplage_maximum(aretes: dict[str, list[str]]) -> int:
    """Couplage maximum par chemins augmentants (Kuhn), indépendant du moteur."""
    pris: dict[str, str] = {}

    def augmenter(m: str, vus: set[str]) -> bool:
        for lg in aretes[m]:
            if lg not in vus:
                vus.add(lg)
                if lg not in pris or augmenter(pris[lg], vus):
                    pris[lg] = m
                    return True
        return False

    return sum(augmenter(m, set()) for m in aretes)


def _eligibles(donnees: dict[str, Any], bareme: Bareme) -> dict[str, list[str]]:
    inst = lire_instance(donnees)
    return {
        m.id: [lg.id for lg in inst.logements if not exclusions(m, lg, bareme)]
        for m in inst.menages
    }


@settings(max_examples=50, deadline=None)
@given(_instance(6, 8))
def test_r_appariement_eligible_sans_doublon_et_maximale(bareme: Bareme, donnees: dict) -> None:
    r = apparier(donnees, bareme)
    eligibles = _eligibles(donnees, bareme)
    paires = [(m, lg) for m, lg, _ in r.affectations]
    assert all(lg in eligibles[m] for m, lg in paires)
    assert len({m for m, _ in paires}) == len({lg for _, lg in paires}) == len(paires)
    assert len(paires) == _couplage_maximum(eligibles) == r.preuve["borne"]
    # Les candidats vectorisés sont exactement les paires que l'explication déclare éligibles ;
    # ceux des blocs (sur les colonnes) sont les mêmes, dans le même ordre.
    inst = lire_instance(donnees)
    c = candidats(inst, bareme)
    vectorises = {
        (inst.menages[i].id, inst.logements[j].id)
        for i, j in zip(c.menage, c.logement, strict=True)
    }
    assert vectorises == {(m, lg) for m, ls in eligibles.items() for lg in ls}
    blocs = paires_eligibles(lire_colonnes(donnees), bareme)
    for champ in ("menage", "logement", "sous_occupation", "crans_effort"):
        assert np.array_equal(getattr(blocs, champ), getattr(c, champ))
    # Déterminisme.
    assert apparier(donnees, bareme) == r


@settings(max_examples=50, deadline=None)
@given(_instance(3, 4))
def test_r_appariement_priorite_optimale_par_force_brute(bareme: Bareme, donnees: dict) -> None:
    r = apparier(donnees, bareme)
    eligibles = _eligibles(donnees, bareme)
    poids = {m: s.priorite for m, _, s in r.affectations}
    inst = lire_instance(donnees)
    from regles.parametres_siao import poids_menage

    assert bareme.siao is not None
    w = {
        m.id: sum(poids_menage(m.criteres, m.demande_le, inst.jour, bareme.siao.poids_priorite))
        for m in inst.menages
    }
    meilleur = (0, 0)
    ids_l = [lg.id for lg in inst.logements]
    for ordre in itertools.permutations([*w, *[None] * len(ids_l)], len(ids_l)):
        couple = [(m, lg) for m, lg in zip(ordre, ids_l, strict=True) if m is not None]
        if all(lg in eligibles[m] for m, lg in couple):
            meilleur = max(meilleur, (len(couple), sum(w[m] for m, _ in couple)))
    assert (len(r.affectations), sum(poids.values())) == meilleur


def _objectif_direct(donnees: dict[str, Any], bareme: Bareme) -> tuple[int, int, int]:
    """Objectif lexicographique du contrôle : flot maximal de coût minimal sur toutes les
    paires, priorité et adéquation dans un seul coût (méthode directe, sans réduction)."""
    from regles.appariement import _adequation
    from regles.parametres_siao import poids_menage

    inst = lire_instance(donnees)
    assert bareme.siao is not None
    p = bareme.siao.poids_priorite
    w = np.array(
        [sum(poids_menage(m.criteres, m.demande_le, inst.jour, p)) for m in inst.menages],
        dtype=np.int64,
    )
    c = candidats(inst, bareme)
    adeq = _adequation(c, bareme)
    n_m, n_l = len(inst.menages), len(inst.logements)
    retenu = flot_lexicographique(n_m, n_l, c, w, adeq, p.maximum, adequation_max(bareme)[1])
    return int(retenu.sum()), int(w[c.menage[retenu]].sum()), int(adeq[retenu].sum())


#: Peu de dates de demande et de communes : beaucoup d'égalités de poids et de paires.
MENAGES_EGAUX = MENAGES.map(
    lambda m: m | {"demande_le": "2016-01-01", "communes_strictes": False, "criteres": []}
)


@settings(max_examples=60, deadline=None)
@given(
    st.builds(
        lambda ls, ms, egaux: instance(
            [{"id": f"L{i}"} | x for i, x in enumerate(ls)],
            [{"id": f"M{i}"} | x for i, x in enumerate(ms + egaux)],
        ),
        st.lists(LOGEMENTS, max_size=12),
        st.lists(MENAGES, max_size=10),
        st.lists(MENAGES_EGAUX, max_size=10),
    )
)
def test_r_appariement_meme_objectif_que_la_methode_directe(bareme: Bareme, donnees: dict) -> None:
    # La réduction (glouton du matroïde, ménages survivants, flot d'adéquation) atteint le
    # même optimum lexicographique que le flot maximal de coût minimal sur toutes les paires.
    o = apparier(donnees, bareme).objectif
    direct = _objectif_direct(donnees, bareme)
    assert (o["menages_loges"], o["poids_priorite"], o["adequation"]) == direct


def test_r_plain_pied_et_r_communes_excluent(bareme: Bareme) -> None:
    donnees = instance(
        [logement(commune="35288")], [menage(plain_pied_requis=True, communes_strictes=True)]
    )
    ex = apparier(donnees, bareme, paires=[("D1", "L1")]).exclusions[0][2]
    assert [r for r, _ in ex] == ["R-PLAIN-PIED", "R-COMMUNES"]


def test_r_communes_souhaitees_sans_exclure_quand_elles_ne_sont_pas_strictes(
    bareme: Bareme,
) -> None:
    donnees = instance([logement(commune="35288")], [menage(communes=["35238"])])
    assert len(apparier(donnees, bareme).affectations) == 1


#: Écritures non canoniques mais valides : la lecture en colonnes passe par la lecture typée.
MONTANTS_LIBRES = st.one_of(
    st.integers(0, 3000),
    st.integers(0, 3000).map(str),
    st.decimals(0, 3000, places=3).map(str),
    st.sampled_from(["1200.5", "0012.30", "980.", " 700.00", "1e3"]),
)


@settings(max_examples=60, deadline=None)
@given(
    _instance(4, 5),
    st.lists(st.tuples(st.sampled_from(["ressources", "aide_logement"]), MONTANTS_LIBRES)),
    st.lists(st.sampled_from([("loyer", "450.125"), ("charges", 40), ("commune", " 35238")])),
)
def test_lecture_en_colonnes_egale_la_lecture_typee(
    donnees: dict[str, Any], menages: list[tuple[str, Any]], logements: list[tuple[str, Any]]
) -> None:
    # Voie rapide (écriture canonique) ou lecture typée (le reste) : mêmes colonnes.
    for i, (cle, v) in enumerate(menages):
        if donnees["menages"]:
            donnees["menages"][i % len(donnees["menages"])][cle] = v
    for i, (cle, v) in enumerate(logements):
        if donnees["logements"]:
            donnees["logements"][i % len(donnees["logements"])][cle] = v
    col = lire_colonnes(donnees)
    assert col.egale(colonnes_de(lire_instance(donnees)))


@settings(max_examples=40, deadline=None)
@given(_instance(1, 8), st.dates(date(2026, 1, 1), date(2028, 12, 31)))
def test_r_priority_publics_poids_en_colonnes_comme_par_menage(
    bareme: Bareme, donnees: dict[str, Any], jour: date
) -> None:
    from regles.appariement import poids_colonnes
    from regles.parametres_siao import poids_menage

    assert bareme.siao is not None
    p = bareme.siao.poids_priorite
    donnees["date"] = jour.isoformat()
    parts = poids_colonnes(lire_colonnes(donnees), p)
    inst = lire_instance(donnees)
    attendu = [poids_menage(m.criteres, m.demande_le, jour, p) for m in inst.menages]
    assert [tuple(x) for x in parts.T.tolist()] == attendu
