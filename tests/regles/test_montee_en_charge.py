"""R-RAMPUP : montée en charge d'une convention (prévu, réel, jalons), agrégats, et bloc
`pilotage` du barème. Cas calculés à la main sur l'appel d'Ille-et-Vilaine 2019-2020
(trimestres 2019T1 à 2020T4 ; jalons 50 % au 31/12/2019, 100 % au 31/12/2020)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles import conversion as cv
from regles.bareme import Bareme
from regles.calendrier import Trimestre
from regles.capacite import LigneEcheancier
from regles.montee_en_charge import (
    Compte,
    EntreeMontee,
    EtatJalon,
    JalonMontee,
    LogementReel,
    Montee,
    OccupationReelle,
    etat_jalon,
    montee_convention,
    reel_au,
    stocks_prevus,
)
from regles.montee_en_charge_agregats import agreger, trimestres_communs
from regles.parametres import parametres_de
from regles.parametres_pilotage import lire_pilotage
from regles.types import Mode, Typologie

T, M = Typologie, Mode
D = Decimal
SL, MG = M.SOUS_LOCATION, M.MANDAT_GESTION

PLACES = (
    LigneEcheancier(T.T2, SL, (0, 2, 2, 0, 0, 0, 0, 0)),
    LigneEcheancier(T.T1, MG, (0, 0, 2, 0, 2, 0, 0, 0)),
)
LOGEMENTS = (
    LigneEcheancier(T.T2, SL, (0, 1, 1, 0, 0, 0, 0, 0)),
    LigneEcheancier(T.T1, MG, (0, 0, 1, 0, 1, 0, 0, 0)),
)
PARC = (
    LogementReel(1, T.T2, SL, 3, date(2019, 5, 10)),
    LogementReel(2, T.T1, MG, 2, date(2019, 11, 15), date(2020, 3, 1)),
    LogementReel(3, T.T2, SL, 3, date(2020, 2, 1)),
)
OCCUPATIONS = (
    OccupationReelle(1, date(2019, 6, 1)),
    OccupationReelle(2, date(2019, 12, 1), date(2020, 1, 15)),
)
JOUR = date(2020, 5, 15)


def _entree(capacite: int | None = 8, rapports=None) -> EntreeMontee:
    return EntreeMontee(LOGEMENTS, PLACES, rapports or {}, capacite, PARC, OCCUPATIONS)


def test_le_prevu_et_le_reel_trimestre_par_trimestre(bareme: Bareme) -> None:
    m = montee_convention(_entree(), bareme, JOUR, 90)
    assert [t.trimestre.code for t in m.trimestres][:2] == ["2019T1", "2019T2"]
    assert [t.prevu.places for t in m.trimestres if t.prevu] == [0, 2, 6, 6, 8, 8, 8, 8]
    assert [t.prevu.logements for t in m.trimestres if t.prevu] == [0, 1, 3, 3, 4, 4, 4, 4]
    reels = [(r.logements, r.places, r.occupees) if (r := t.reel) else None for t in m.trimestres]
    assert reels == [
        (0, 0, 0),
        (1, 3, 3),  # logement 1 mobilisé le 10/05, occupé depuis le 01/06
        (1, 3, 3),
        (2, 5, 5),  # logement 2 mobilisé le 15/11, occupé du 01/12 au 15/01
        (2, 6, 3),  # logement 2 restitué le 01/03, logement 3 mobilisé le 01/02
        (2, 6, 3),  # trimestre en cours : compté au 15/05/2020
        None,  # à venir : non renseigné, jamais 0
        None,
    ]
    assert m.trimestres[1].ecart_places == 1 and m.trimestres[6].ecart_places is None


def test_le_reel_va_jusqu_au_trimestre_en_cours_apres_l_echeancier(bareme: Bareme) -> None:
    """Revue 13, constat 16 : au 01/12/2026, l'échéancier (2019T1-2020T4) est fini ; le réel se
    lit jusqu'au 4e trimestre 2026, le prévu y reste le stock du dernier trimestre."""
    logement_tardif = LogementReel(4, T.T3, MG, 5, date(2025, 6, 1))
    entree = EntreeMontee(LOGEMENTS, PLACES, {}, 8, (*PARC, logement_tardif), OCCUPATIONS)
    m = montee_convention(entree, bareme, date(2026, 12, 1), 90)
    codes = [t.trimestre.code for t in m.trimestres]
    assert codes[0] == "2019T1" and codes[-1] == "2026T4" and len(codes) == 32
    assert all(t.prevu == Compte(4, 8) for t in m.trimestres[7:])  # stock final de 2020T4
    assert m.trimestres[-1].reel == Compte(3, 11, 3)  # logements 1, 3 et 4 ouverts au jour
    assert m.trimestres[7].reel == Compte(2, 6, 3)  # 2020T4 : le logement 4 n'y est pas
    assert all(t.reel is not None for t in m.trimestres)  # rien « à venir »
    communs = trimestres_communs([bareme])
    aligne = montee_convention(entree, bareme, date(2026, 12, 1), 90, trimestres=communs)
    assert len(aligne.trimestres) == 32  # les agrégats aussi


def test_par_typologie_et_forme(bareme: Bareme) -> None:
    m = montee_convention(_entree(), bareme, JOUR, 90)
    lignes = {(c.typologie, c.mode): c for c in m.par_cle}
    t2 = lignes[(T.T2, SL)]
    assert t2.prevu_final == Compte(2, 4) and t2.prevu_au_jour == Compte(2, 4)
    assert t2.reel == Compte(2, 6, 3)
    t1 = lignes[(T.T1, MG)]
    assert t1.prevu_final == Compte(2, 4) and t1.reel == Compte(0, 0, 0)
    assert lignes[(T.T3, SL)].prevu_final == Compte(0, 0)


@pytest.mark.parametrize(
    ("jour", "etats"),
    [
        (date(2019, 9, 1), ("A_VENIR", "A_VENIR")),  # 3 places ouvertes sur 4 exigées
        (date(2019, 10, 2), ("A_RISQUE", "A_VENIR")),  # 90 jours avant le 31/12 : à risque
        (date(2019, 10, 1), ("A_VENIR", "A_VENIR")),  # 91 jours avant : encore à venir
        (JOUR, ("ATTEINT", "A_VENIR")),  # 5 places au 31/12/2019 sur 4 exigées
        (date(2020, 10, 2), ("ATTEINT", "A_RISQUE")),
        (date(2020, 12, 31), ("ATTEINT", "A_RISQUE")),  # le jour même : encore à temps
        (date(2021, 1, 1), ("ATTEINT", "MANQUE")),  # 6 places sur 8 au 31/12/2020
    ],
)
def test_l_etat_des_jalons(bareme: Bareme, jour: date, etats: tuple[str, str]) -> None:
    m = montee_convention(_entree(), bareme, jour, 90)
    assert tuple(j.etat.value for j in m.jalons) == etats
    premier = m.jalons[0]
    assert premier.places_exigees == 4 and premier.part_min_pct == D(50)


def test_part_atteinte_au_jalon(bareme: Bareme) -> None:
    premier, second = montee_convention(_entree(), bareme, date(2021, 1, 1), 90).jalons
    assert (premier.places_ouvertes, premier.part_pct) == (5, D("62.5"))
    assert (second.places_exigees, second.places_ouvertes, second.part_pct) == (8, 6, D("75.0"))


def test_capacite_inconnue_jalon_non_renseigne(bareme: Bareme) -> None:
    m = montee_convention(_entree(capacite=None), bareme, JOUR, 90)
    assert {j.etat for j in m.jalons} == {EtatJalon.NON_RENSEIGNE}
    assert all(j.part_pct is None and j.places_exigees is None for j in m.jalons)
    assert m.capacites_inconnues == 1


def test_annexes_illisibles_prevu_non_renseigne(bareme: Bareme) -> None:
    entree = EntreeMontee(None, None, {}, 8, PARC, OCCUPATIONS)
    m = montee_convention(entree, bareme, JOUR, 90)
    assert all(t.prevu is None for t in m.trimestres)
    assert m.trimestres[1].reel == Compte(1, 3, 3)


def test_retenue_partielle_reduit_la_forme(bareme: Bareme) -> None:
    # 2 places retenues en sous-location sur 4 demandées : 2 → 1, 4 → 2 ; 1 logement → 0,5 → 1.
    stocks = stocks_prevus(PLACES, {SL: (2, 4)}, bareme)
    assert stocks[(T.T2, SL)] == (0, 1, 2, 2, 2, 2, 2, 2)
    assert stocks[(T.T1, MG)] == (0, 0, 2, 2, 4, 4, 4, 4)
    logements = stocks_prevus(LOGEMENTS, {SL: (2, 4)}, bareme)
    assert logements[(T.T2, SL)] == (0, 1, 1, 1, 1, 1, 1, 1)


def test_retenue_partielle_au_plus_fort_reste(bareme: Bareme) -> None:
    # 10 places retenues sur 25 demandées : 6 → 2,4 ; 6 → 2,4 ; 6 → 2,4 ; 7 → 2,8 au total
    # (10 = 2 + 2 + 2 + 2 + 2 restes : 2,8 puis la première ligne à 0,4).
    lignes = tuple(
        LigneEcheancier(t, MG, (0, n, 0, 0, 0, 0, 0, 0))
        for t, n in ((T.STUDIO, 6), (T.T1, 6), (T.T2, 6), (T.T3, 7))
    )
    stocks = stocks_prevus(lignes, {MG: (10, 25)}, bareme)
    assert [stocks[(t, MG)][-1] for t in (T.STUDIO, T.T1, T.T2, T.T3)] == [3, 2, 2, 3]


def test_agregat_capacite_inconnue_jamais_complete(bareme: Bareme) -> None:
    a = montee_convention(_entree(), bareme, JOUR, 90)
    b = montee_convention(_entree(capacite=None), bareme, JOUR, 90)
    total = agreger([a, b], JOUR, 90, D("0.1"))
    assert total is not None
    assert total.capacite is None and total.capacites_inconnues == 1 and total.conventions == 2
    assert total.jalons[0].etat is EtatJalon.NON_RENSEIGNE
    assert total.etats[date(2019, 12, 31), Decimal(50)] == {
        EtatJalon.ATTEINT: 1,
        EtatJalon.NON_RENSEIGNE: 1,
    }
    assert total.trimestres[4].reel == Compte(4, 12, 6)
    assert total.trimestres[4].prevu == Compte(8, 16)
    assert agreger([], JOUR, 90, D("0.1")) is None


def test_agregat_de_deux_capacites_connues(bareme: Bareme) -> None:
    a = montee_convention(_entree(), bareme, JOUR, 90)
    total = agreger([a, a], JOUR, 90, D("0.1"))
    assert total is not None and total.capacite == 16
    assert total.jalons[0].places_exigees == 8 and total.jalons[0].places_ouvertes == 10
    assert total.jalons[0].etat is EtatJalon.ATTEINT


def test_alignement_sur_des_trimestres_plus_larges(bareme: Bareme) -> None:
    communs = (Trimestre(2018, 4), *trimestres_communs([bareme]), Trimestre(2021, 1))
    assert len(communs) == 10
    m = montee_convention(_entree(), bareme, JOUR, 90, trimestres=communs)
    assert m.trimestres[0].prevu == Compte(0, 0)  # avant l'appel : rien de prévu
    assert m.trimestres[-1].prevu == Compte(4, 8)  # après : le stock final reste


def test_trimestres_communs_sans_trou(bareme: Bareme, bareme_national: Bareme) -> None:
    assert trimestres_communs([]) == ()
    assert len(trimestres_communs([bareme, bareme])) == 8


# --- Propriétés ---------------------------------------------------------------------------

_jours = st.dates(min_value=date(2018, 1, 1), max_value=date(2022, 12, 31))


@st.composite
def _parc(draw):
    n = draw(st.integers(min_value=0, max_value=6))
    logements = []
    for i in range(n):
        debut = draw(_jours)
        fin = draw(st.none() | st.integers(min_value=0, max_value=800))
        logements.append(
            LogementReel(
                i, draw(st.sampled_from(list(T))), draw(st.sampled_from(list(M))),
                draw(st.integers(min_value=1, max_value=7)), debut,
                None if fin is None else debut + timedelta(days=fin),
            )
        )  # fmt: skip
    occupations = [
        OccupationReelle(draw(st.integers(min_value=0, max_value=7)), draw(_jours))
        for _ in range(draw(st.integers(min_value=0, max_value=6)))
    ]
    return tuple(logements), tuple(occupations)


@given(_parc(), _jours)
def test_propriete_occupees_au_plus_ouvertes(parc, jour: date) -> None:
    logements, occupations = parc
    r = reel_au(jour, logements, occupations)
    assert r.occupees is not None and 0 <= r.occupees <= r.places
    assert r.logements <= len(logements)
    par_cle = [reel_au(jour, logements, occupations, (t, m)) for t in T for m in M]
    assert sum(c.places for c in par_cle) == r.places


@given(
    st.lists(st.none() | st.integers(min_value=0, max_value=50), min_size=1, max_size=5),
    _parc(),
    _jours,
)
def test_propriete_un_total_avec_une_part_inconnue_n_est_jamais_complet(
    bareme: Bareme, capacites, parc, jour: date
) -> None:
    logements, occupations = parc
    montees = [
        montee_convention(EntreeMontee(LOGEMENTS, PLACES, {}, c, logements, occupations),
                          bareme, jour, 90)
        for c in capacites
    ]  # fmt: skip
    total = agreger(montees, jour, 90, D("0.1"))
    assert total is not None
    inconnues = sum(1 for c in capacites if not c)
    assert total.capacites_inconnues == inconnues
    if None in capacites:
        assert total.capacite is None
        assert all(j.etat is EtatJalon.NON_RENSEIGNE and j.part_pct is None for j in total.jalons)


@given(
    st.integers(min_value=1, max_value=200),
    st.integers(min_value=0, max_value=250),
    st.sampled_from([D(50), D(100), D("33.3")]),
    _jours,
)
def test_propriete_atteint_si_et_seulement_si_assez_de_places(
    capacite: int, ouvertes: int, pct: Decimal, jour: date
) -> None:
    j = etat_jalon(date(2020, 12, 31), pct, capacite, ouvertes, jour, 90, D("0.1"))
    assert j.places_exigees is not None
    assert (j.etat is EtatJalon.ATTEINT) == (ouvertes >= j.places_exigees)
    assert j.places_exigees * 100 >= capacite * pct


@given(st.lists(st.integers(min_value=0, max_value=9), min_size=8, max_size=8), st.data())
def test_propriete_la_reduction_ne_depasse_pas_le_dossier(bareme: Bareme, entrees, data) -> None:
    demandees = data.draw(st.integers(min_value=1, max_value=40))
    retenues = data.draw(st.integers(min_value=0, max_value=demandees))
    ligne = (LigneEcheancier(T.T2, SL, tuple(entrees)),)
    plein = stocks_prevus(ligne, {}, bareme)[(T.T2, SL)]
    reduit = stocks_prevus(ligne, {SL: (retenues, demandees)}, bareme)[(T.T2, SL)]
    assert all(r <= p for r, p in zip(reduit, plein, strict=True))
    assert stocks_prevus(ligne, {SL: (demandees, demandees)}, bareme)[(T.T2, SL)] == plein


@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=9), min_size=8, max_size=8),
        min_size=1, max_size=4,
    ),
    st.data(),
)  # fmt: skip
def test_propriete_la_forme_reduite_tombe_sur_le_total_arrondi(
    bareme: Bareme, lignes_brutes, data
) -> None:
    demandees = data.draw(st.integers(min_value=1, max_value=40))
    retenues = data.draw(st.integers(min_value=0, max_value=demandees))
    typologies = list(T)
    lignes = tuple(
        LigneEcheancier(typologies[i], MG, tuple(v)) for i, v in enumerate(lignes_brutes)
    )
    plein = stocks_prevus(lignes, {}, bareme)
    reduit = stocks_prevus(lignes, {MG: (retenues, demandees)}, bareme)
    for q in range(8):
        total = sum(s[q] for s in plein.values())
        attendu = (Decimal(total * retenues) / Decimal(demandees)).quantize(D(1), "ROUND_HALF_UP")
        assert sum(s[q] for s in reduit.values()) == attendu


# --- Bloc `pilotage` du barème ---------------------------------------------------------------


def test_le_national_porte_l_alerte_de_90_jours(bareme: Bareme, bareme_national: Bareme) -> None:
    assert bareme_national.pilotage is not None
    assert bareme_national.pilotage.alerte_jalon_jours == 90
    assert bareme.pilotage == bareme_national.pilotage
    assert "alerte_jalon_jours" in {p.nom for p in parametres_de("R-RAMPUP")}


@pytest.mark.parametrize(
    ("bloc", "message"),
    [
        ({}, "alerte_jalon_jours"),
        ({"alerte_jalon_jours": 0}, "alerte_jalon_jours"),
        ({"alerte_jalon_jours": 90, "autre": 1}, "autre"),
    ],
)
def test_lecture_stricte_du_bloc(bloc: dict, message: str) -> None:
    with pytest.raises(cv.ValeurInvalide, match=message):
        lire_pilotage(bloc, "parametres.pilotage")
    assert lire_pilotage(None, "parametres.pilotage") is None


def deux_jalons_du_meme_jour(bareme: Bareme) -> Montee:
    """Deux conventions de deux appels dont les jalons tombent le 31/12/2019 : l'une doit 50 %
    et l'a manqué (3 places sur 4 exigées), l'autre 30 % et l'a atteint (3 sur 3)."""
    from dataclasses import replace

    base = montee_convention(_entree(), bareme, JOUR, 90)
    fin = date(2019, 12, 31)
    manque = JalonMontee(fin, D(50), 8, 4, 3, D("37.5"), EtatJalon.MANQUE)
    atteint = JalonMontee(fin, D(30), 8, 3, 3, D("37.5"), EtatJalon.ATTEINT)
    total = agreger(
        [replace(base, jalons=(manque,)), replace(base, jalons=(atteint,))], JOUR, 90, D("0.1")
    )
    assert total is not None
    return total


def test_agregat_compte_les_etats_par_jalon_date_et_part(bareme: Bareme) -> None:
    total = deux_jalons_du_meme_jour(bareme)
    assert [(j.part_min_pct, j.etat) for j in total.jalons] == [
        (D(30), EtatJalon.ATTEINT),  # 6 places sur 5 exigées (30 % de 16)
        (D(50), EtatJalon.MANQUE),  # 6 sur 8
    ]
    assert total.etats[date(2019, 12, 31), D(50)] == {EtatJalon.MANQUE: 1}
    assert total.etats[date(2019, 12, 31), D(30)] == {EtatJalon.ATTEINT: 1}
