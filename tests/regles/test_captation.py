"""Entonnoir de la captation : statuts, prospects atteignant chaque statut, taux, délais
médians (nombre pair et impair), motifs d'abandon ; inconnu ≠ zéro (R-UNKNOWN)."""

from __future__ import annotations

import time
from datetime import date, timedelta
from decimal import Decimal

import pytest

from regles.captation import Passage, ProspectSuivi, entonnoir, mediane
from regles.types import StatutProspect

D = Decimal
J0 = date(2026, 1, 5)
TOUS = {s.value for s in StatutProspect}


def _suivi(etapes: list[tuple[str, int]], motif: str | None = None) -> ProspectSuivi:
    """Prospect créé à J0 dans le premier statut, puis passant aux suivants (jours depuis J0)."""
    passages = []
    precedent: str | None = None
    for statut, jour in etapes:
        passages.append(Passage(precedent, statut, J0 + timedelta(days=jour)))
        precedent = statut
    return ProspectSuivi(statut=etapes[-1][0], passages=tuple(passages), motif_abandon=motif)


def test_r_unknown_entonnoir_vide() -> None:
    e = entonnoir([])
    assert e.prospects == 0 and e.captes == 0
    assert e.taux_captation_pct is None
    assert dict(e.par_statut) == dict.fromkeys(TOUS, 0)
    assert dict(e.atteints) == dict.fromkeys(TOUS, 0)
    assert dict(e.delai_median_jours) == dict.fromkeys(TOUS, None)
    assert e.motifs_abandon == ()


def test_r_unknown_aucun_prospect_clos_taux_non_renseigne() -> None:
    e = entonnoir([_suivi([("A_CONTACTER", 0), ("CONTACTE", 3)])])
    assert e.taux_captation_pct is None
    assert e.captes == 0


def test_entonnoir_complet() -> None:
    prospects = [
        _suivi(
            [
                ("A_CONTACTER", 0),
                ("CONTACTE", 2),
                ("VISITE", 12),
                ("NEGOCIATION", 20),
                ("CAPTE", 50),
            ]
        ),
        _suivi([("A_CONTACTER", 0), ("CONTACTE", 4), ("VISITE", 10), ("CAPTE", 30)]),
        _suivi([("A_CONTACTER", 0), ("CONTACTE", 6), ("ABANDONNE", 7)], "LOYER_TROP_ELEVE"),
        _suivi([("A_CONTACTER", 0), ("ABANDONNE", 1)], None),
        _suivi([("A_CONTACTER", 0), ("CONTACTE", 1), ("ABANDONNE", 9)], "LOYER_TROP_ELEVE"),
        _suivi([("A_CONTACTER", 0), ("CONTACTE", 5), ("ABANDONNE", 6)], "TRAVAUX"),
        _suivi([("CONTACTE", 0)]),
    ]
    e = entonnoir(prospects)
    assert e.prospects == 7
    assert dict(e.par_statut) == {
        "A_CONTACTER": 0,
        "CONTACTE": 1,
        "VISITE": 0,
        "NEGOCIATION": 0,
        "CAPTE": 2,
        "ABANDONNE": 4,
    }
    assert dict(e.atteints) == {
        "A_CONTACTER": 6,
        "CONTACTE": 6,
        "VISITE": 2,
        "NEGOCIATION": 1,
        "CAPTE": 2,
        "ABANDONNE": 4,
    }
    assert e.captes == 2
    assert e.taux_captation_pct == D("33.3")  # 2 captés sur 6 clos
    # A_CONTACTER : 2, 4, 6, 1, 1, 5 → triés 1 1 2 4 5 6 → (2 + 4) / 2
    assert e.delai_median_jours["A_CONTACTER"] == D(3)
    # CONTACTE : 10, 6, 1, 8, 1 → triés 1 1 6 8 10 → 6
    assert e.delai_median_jours["CONTACTE"] == D(6)
    # VISITE : 8, 20 → 14 ; NEGOCIATION : 30
    assert e.delai_median_jours["VISITE"] == D(14)
    assert e.delai_median_jours["NEGOCIATION"] == D(30)
    assert e.delai_median_jours["CAPTE"] is None
    assert e.delai_median_jours["ABANDONNE"] is None
    assert e.motifs_abandon == (("LOYER_TROP_ELEVE", 2), ("NON_RENSEIGNE", 1), ("TRAVAUX", 1))


def test_mediane_paire_impaire_et_demi_jour() -> None:
    assert mediane([]) is None
    assert mediane([7]) == D(7)
    assert mediane([3, 1, 2]) == D(2)
    assert mediane([4, 1, 2, 3]) == D("2.5")
    assert mediane([1, 2]) == D("1.5")


def test_taux_arrondi_au_dixieme_demi_au_dessus() -> None:
    captes = [_suivi([("A_CONTACTER", 0), ("CAPTE", 1)]) for _ in range(2)]
    abandons = [_suivi([("A_CONTACTER", 0), ("ABANDONNE", 1)], "X") for _ in range(14)]
    # 2 / 16 = 12,5 % exactement ; 1 / 8 aussi
    assert entonnoir(captes + abandons).taux_captation_pct == D("12.5")
    un_sur_trois = [captes[0], abandons[0], abandons[1]]
    assert entonnoir(un_sur_trois).taux_captation_pct == D("33.3")
    deux_sur_trois = [captes[0], captes[1], abandons[0]]
    assert entonnoir(deux_sur_trois).taux_captation_pct == D("66.7")


def test_un_retour_en_arriere_compte_chaque_sejour_et_une_seule_atteinte() -> None:
    p = _suivi([("CONTACTE", 0), ("VISITE", 4), ("CONTACTE", 10), ("VISITE", 20)])
    e = entonnoir([p])
    assert e.atteints["CONTACTE"] == 1 and e.atteints["VISITE"] == 1
    assert e.delai_median_jours["CONTACTE"] == D(7)  # séjours de 4 et 10 jours
    assert e.delai_median_jours["VISITE"] == D(6)


def test_le_statut_courant_compte_comme_atteint_sans_passage() -> None:
    e = entonnoir([ProspectSuivi("NEGOCIATION", (), None)])
    assert e.atteints["NEGOCIATION"] == 1
    assert e.par_statut["NEGOCIATION"] == 1


def test_un_statut_inconnu_est_refuse() -> None:
    with pytest.raises(ValueError, match="PERDU"):
        entonnoir([ProspectSuivi("PERDU", (), None)])
    with pytest.raises(ValueError, match="VENDU"):
        entonnoir([ProspectSuivi("CAPTE", (Passage(None, "VENDU", J0),), None)])


def test_dix_mille_prospects_rapidement() -> None:
    modele = [
        _suivi([("A_CONTACTER", 0), ("CONTACTE", i % 7), ("VISITE", 10 + i % 13), ("CAPTE", 40)])
        if i % 3
        else _suivi([("A_CONTACTER", 0), ("ABANDONNE", i % 11)], f"M{i % 5}")
        for i in range(10_000)
    ]
    debut = time.perf_counter()
    e = entonnoir(iter(modele))
    assert time.perf_counter() - debut < 2
    assert e.prospects == 10_000
    assert e.captes + e.par_statut["ABANDONNE"] == 10_000
    assert sum(n for _, n in e.motifs_abandon) == e.par_statut["ABANDONNE"]
