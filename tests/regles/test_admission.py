"""R-CAPACITY, R-EFFORT-MG, R-EFFORT-SL, R-CATEGORY, R-SL-DURATION à l'admission : tables et
propriétés (règles pures, sans base)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.admission import DemandeAdmission, controler_admission
from regles.types import Categorie, Mode, SuiteParcours, Typologie

D = Decimal
MG, SL = Mode.MANDAT_GESTION, Mode.SOUS_LOCATION


def demande(**kw) -> DemandeAdmission:
    base = DemandeAdmission(
        mode=MG, bail_glissant=False, typologie=Typologie.T2, capacite_logement=3, personnes=2,
        loyer=D("500"), charges=D("0"), aide_logement=D("0"), ressources=D("1000"),
        categorie=Categorie.CLASSIQUE, public_specialise=None, categorie_financee=None,
        convention=True, suite_parcours=SuiteParcours.BAIL_GLISSANT,
    )  # fmt: skip
    return dataclasses.replace(base, **kw)


def erreurs(resultat) -> set[str]:
    return {c.regle for c in resultat.erreurs}


# (forme, loyer pour 1 000 € de ressources, bloquant) : 50 % et 30 % passent, 0,1 point de plus
# non ; 50,04 % s'arrondit à 50,0 % (pas de 0,1 point) et passe.
EFFORT = [
    (MG, "500", False),
    (MG, "500.40", False),
    (MG, "501", True),
    (SL, "300", False),
    (SL, "300.49", False),
    (SL, "301", True),
]


@pytest.mark.parametrize(("forme", "loyer", "bloque"), EFFORT)
def test_le_taux_d_effort_selon_la_forme_avec_l_arrondi_a_la_limite(
    bareme_national, forme, loyer, bloque
):
    r = controler_admission(demande(mode=forme, loyer=D(loyer)), bareme_national)
    regle = "R-EFFORT-SL" if forme is SL else "R-EFFORT-MG"
    assert (regle in erreurs(r)) is bloque
    assert r.derogeable is bloque


def test_la_capacite_bloque_et_ne_se_leve_pas(bareme_national):
    r = controler_admission(demande(personnes=4, capacite_logement=3), bareme_national)
    assert "R-CAPACITY" in erreurs(r) and r.bloquant and not r.derogeable


@pytest.mark.parametrize(("minimum", "bloque"), [(None, False), (D("5"), False), (D("20"), True)])
def test_le_reste_a_vivre_n_est_controle_que_si_le_bareme_fixe_un_minimum(
    bareme_national, minimum, bloque
):
    b = dataclasses.replace(bareme_national, reste_a_vivre_min_jour_personne=minimum)
    # 1 000 − 300 = 700 € pour 2 personnes : 700 ÷ 2 ÷ 30,42 ≈ 11,51 € par jour.
    r = controler_admission(demande(mode=SL, loyer=D("300")), b)
    assert ("R-EFFORT-SL" in erreurs(r)) is bloque
    texte = " ".join(c.message for c in r.constats)
    assert ("non contrôlé" in texte) is (minimum is None)


def test_la_categorie_contre_la_convention_se_leve_par_derogation(bareme_national):
    r = controler_admission(
        demande(categorie=Categorie.CLASSIQUE, categorie_financee=Categorie.PSY), bareme_national
    )
    assert erreurs(r) == {"R-CATEGORY"} and r.derogeable
    melange = controler_admission(
        demande(categorie_financee=Categorie.PSY, personnes=4, capacite_logement=3),
        bareme_national,
    )
    assert melange.bloquant and not melange.derogeable


def test_la_sous_location_sans_suite_prevue_alerte(bareme_national):
    r = controler_admission(demande(mode=SL, loyer=D("200"), suite_parcours=None), bareme_national)
    assert any(c.regle == "R-SL-DURATION" and c.niveau.value == "alerte" for c in r.constats)
    assert not r.bloquant


@given(
    loyer=st.decimals(min_value=0, max_value=3000, places=2),
    ressources=st.decimals(min_value=1, max_value=5000, places=2),
    forme=st.sampled_from([MG, SL]),
)
def test_le_blocage_d_effort_suit_exactement_le_taux_arrondi(
    bareme_national, loyer, ressources, forme
):
    r = controler_admission(
        demande(mode=forme, loyer=loyer, ressources=ressources), bareme_national
    )
    plafond = bareme_national.taux_effort_max_pct[forme]
    regle = "R-EFFORT-SL" if forme is SL else "R-EFFORT-MG"
    assert (r.effort.taux_pct > plafond) is any(
        c.regle == regle and c.niveau.value == "erreur" and "taux" in c.message for c in r.constats
    )
    assert not r.bloquant or r.derogeable == all(c.regle != "R-CAPACITY" for c in r.erreurs)
