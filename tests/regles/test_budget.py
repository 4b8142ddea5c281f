"""Modèle budgétaire et contrôles de coûts (R-BUDGET-MODEL, R-SW-RATIO, R-COST-CAPTATION,
R-COST-GESTION, R-COST-ACCOMP, R-COST-PLACE-MAX, R-CEILING-NA, R-UNKNOWN)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.bareme import Bareme
from regles.budget import (
    Accompagnement,
    Budget,
    LigneCout,
    ProjetBudget,
    Services,
    calculer_budget,
    cout_par_personne,
    etp_necessaires,
)
from regles.calcul import somme
from regles.constats import Constat
from regles.eligibilite import PartenaireDelegue
from regles.libelles import libelle_chemin
from regles.plafonds import verifier_budget
from regles.types import Categorie, ModaliteAccompagnement, Mode, Niveau, Zone

D = Decimal
MG, SL = Mode.MANDAT_GESTION, Mode.SOUS_LOCATION
M = ModaliteAccompagnement
INTERNE, DROIT_COMMUN = Accompagnement(M.INTERNE), Accompagnement(M.DROIT_COMMUN)


def services(
    captation: str | None = "600",
    gestion_mg: str | None = "800",
    gestion_sl: str | None = "1500",
    acc_sl: Accompagnement | None = INTERNE,
    acc_mg: Accompagnement | None = DROIT_COMMUN,
) -> Services:
    def d(x: str | None) -> Decimal | None:
        return None if x is None else D(x)

    accomp = {m: a for m, a in ((MG, acc_mg), (SL, acc_sl)) if a is not None}
    return Services(
        d(captation),
        {MG: (LigneCout("GLA", d(gestion_mg)),), SL: (LigneCout("GLA", d(gestion_sl)),)},
        accomp,
    )


def annexe_1b(**kw: object) -> ProjetBudget:
    projet = ProjetBudget(
        {MG: 15, SL: 15}, {MG: 25, SL: 25}, services(), Categorie.CLASSIQUE, Zone.TENDUE
    )
    return dataclasses.replace(projet, **kw)  # type: ignore[arg-type]


def regles_niveaux(constats: tuple[Constat, ...], regle: str) -> list[Niveau]:
    return [c.niveau for c in constats if c.regle == regle]


def test_r_budget_model_annexe_1b_a_l_euro(bareme: Bareme) -> None:
    b = calculer_budget(annexe_1b(), bareme)
    assert b.total_captation == D("18000.00")
    assert b.gestion == {MG: D("12000.00"), SL: D("22500.00")}
    assert b.total_gestion == D("34500.00")
    assert b.accompagnement[SL].montant == D("33000.00")
    assert b.accompagnement[SL].etp == D("0.75")
    assert b.accompagnement[MG].montant == D(0)
    assert b.total == D("85500.00")
    assert b.cout_par_place == D("1710.00")
    assert b.cout_par_logement_par_mode == {MG: D("1400.00"), SL: D("4300.00")}


@pytest.mark.parametrize(
    ("gestion", "accompagnement", "places", "attendu"),
    [
        ("800", "0", 1, "1400"),
        ("800", "0", 4, "350"),
        ("1500", "2200", 1, "4300"),
        ("1500", "2200", 4, "1075"),
    ],
)
def test_r_budget_model_exemples_par_personne(
    gestion: str, accompagnement: str, places: int, attendu: str
) -> None:
    assert cout_par_personne(D(600), D(gestion), D(accompagnement), places) == D(attendu)


def test_r_budget_model_accompagnement_par_menage_4300(bareme: Bareme) -> None:
    """Annexe 1b : 4 300 € pour une personne seule en sous-location (2 200 € d'accompagnement)."""
    projet = ProjetBudget(
        {SL: 1}, {SL: 1}, services(acc_sl=Accompagnement(M.INTERNE, montant_par_menage=D(2200)))
    )
    b = calculer_budget(projet, bareme)
    assert (b.total, b.cout_par_place) == (D("4300.00"), D("4300.00"))


@pytest.mark.parametrize(
    ("acc", "montant", "methode"),
    [
        (Accompagnement(M.INTERNE), "33000.00", "RATIO"),
        (Accompagnement(M.INTERNE, etp=D(1)), "44000.00", "ETP"),
        (
            Accompagnement(M.INTERNE, etp=D(1), montant_par_menage=D(1000)),
            "15000.00",
            "MONTANT_PAR_MENAGE",
        ),
        (
            Accompagnement(M.DELEGUE, partenaire=PartenaireDelegue("P", "d", "c", D(30000))),
            "30000.00",
            "BUDGET_DELEGUE",
        ),
        (Accompagnement(M.DROIT_COMMUN, etp=D(1)), "0.00", "DROIT_COMMUN"),
        (None, None, "NON_RENSEIGNE"),
    ],
)
def test_r_sw_ratio_et_methodes_d_accompagnement(
    bareme: Bareme, acc: Accompagnement | None, montant: str | None, methode: str
) -> None:
    b = calculer_budget(annexe_1b(services=services(acc_sl=acc)), bareme)
    poste = b.accompagnement[SL]
    assert poste.montant == (None if montant is None else D(montant))
    assert poste.methode == methode


@pytest.mark.parametrize(("etp", "alerte"), [("0.75", False), ("0.74", True), ("1", False)])
def test_r_sw_ratio_un_travailleur_social_pour_20_menages(
    bareme: Bareme, etp: str, alerte: bool
) -> None:
    assert etp_necessaires(15, bareme) == D("0.75")
    projet = annexe_1b(services=services(acc_sl=Accompagnement(M.INTERNE, etp=D(etp))))
    constats = verifier_budget(projet, calculer_budget(projet, bareme), bareme)
    assert (Niveau.ALERTE in regles_niveaux(constats, "R-SW-RATIO")) is alerte


@pytest.mark.parametrize(
    ("captation", "alerte"), [("300", False), ("900", False), ("299.99", True), ("900.01", True)]
)
def test_r_cost_captation_fourchette(bareme: Bareme, captation: str, alerte: bool) -> None:
    projet = annexe_1b(services=services(captation=captation))
    constats = verifier_budget(projet, calculer_budget(projet, bareme), bareme)
    assert (Niveau.ALERTE in regles_niveaux(constats, "R-COST-CAPTATION")) is alerte


@pytest.mark.parametrize(
    ("mg", "sl", "alertes"),
    [
        ("600", "1000", 0),
        ("1000", "2000", 0),
        ("599", "1500", 1),
        ("800", "2000.01", 1),
        ("1001", "999", 2),
    ],
)
def test_r_cost_gestion_fourchettes_par_forme(
    bareme: Bareme, mg: str, sl: str, alertes: int
) -> None:
    projet = annexe_1b(services=services(gestion_mg=mg, gestion_sl=sl))
    constats = verifier_budget(projet, calculer_budget(projet, bareme), bareme)
    assert regles_niveaux(constats, "R-COST-GESTION").count(Niveau.ALERTE) == alertes


def test_r_cost_accomp_base_indicative_rappelee(bareme: Bareme) -> None:
    projet = annexe_1b()
    constats = verifier_budget(projet, calculer_budget(projet, bareme), bareme)
    (c,) = [c for c in constats if c.regle == "R-COST-ACCOMP"]
    assert c.niveau is Niveau.INFO
    assert "2\u202f200\u00a0€ par ménage" in c.message and "2\u202f100\u00a0€" in c.message


@pytest.mark.parametrize(("places", "bloque"), [(50, False), (38, True), (39, False)])
def test_r_cost_place_max_boundary(bareme: Bareme, places: int, bloque: bool) -> None:
    """85 500 € ÷ 39 places = 2 192,31 € passe ; ÷ 38 = 2 250 € est refusé."""
    projet = annexe_1b(places={MG: places - 25, SL: 25})
    constats = verifier_budget(projet, calculer_budget(projet, bareme), bareme)
    assert (Niveau.ERREUR in regles_niveaux(constats, "R-COST-PLACE-MAX")) is bloque


@pytest.mark.parametrize(("plafond", "bloque"), [("1710.00", False), ("1709.99", True)])
def test_r_cost_place_max_exactement_au_plafond(bareme: Bareme, plafond: str, bloque: bool) -> None:
    b = dataclasses.replace(bareme, cout_moyen_max_par_place=D(plafond))
    projet = annexe_1b()
    constats = verifier_budget(projet, calculer_budget(projet, b), b)
    assert (Niveau.ERREUR in regles_niveaux(constats, "R-COST-PLACE-MAX")) is bloque


@pytest.mark.parametrize(
    ("categorie", "zone", "gestion_sl", "bloque"),
    [
        (Categorie.CLASSIQUE, Zone.TENDUE, "1700", False),  # 600 + 1 700 + 2 200 = 4 500
        (Categorie.CLASSIQUE, Zone.TENDUE, "1700.01", True),
        (Categorie.CLASSIQUE, Zone.DETENDUE, "2000", False),
        (Categorie.PSY, Zone.TENDUE, "2000", False),
    ],
)
def test_r_ceiling_na_sous_location(
    bareme_na: Bareme, categorie: Categorie, zone: Zone, gestion_sl: str, bloque: bool
) -> None:
    projet = annexe_1b(categorie=categorie, zone=zone, services=services(gestion_sl=gestion_sl))
    constats = verifier_budget(projet, calculer_budget(projet, bareme_na), bareme_na)
    niveaux = [c.niveau for c in constats if c.regle == "R-CEILING-NA" and "sous-loc" in c.message]
    assert (Niveau.ERREUR in niveaux) is bloque


@pytest.mark.parametrize(
    ("acc_mg", "zone", "gestion_mg", "bloque"),
    [
        (Accompagnement(M.DROIT_COMMUN), Zone.TENDUE, "1100", False),  # 600 + 1 100 = 1 700
        (Accompagnement(M.DROIT_COMMUN), Zone.TENDUE, "1100.01", True),
        (Accompagnement(M.DROIT_COMMUN), Zone.DETENDUE, "601", True),  # plafond 1 200
        (Accompagnement(M.INTERNE, montant_par_menage=D(600)), Zone.TENDUE, "1000", False),
        (Accompagnement(M.INTERNE, montant_par_menage=D(600)), Zone.DETENDUE, "1000", True),
    ],
)
def test_r_ceiling_na_mandat_avec_ou_sans_accompagnement(
    bareme_na: Bareme, acc_mg: Accompagnement, zone: Zone, gestion_mg: str, bloque: bool
) -> None:
    projet = annexe_1b(zone=zone, services=services(gestion_mg=gestion_mg, acc_mg=acc_mg))
    constats = verifier_budget(projet, calculer_budget(projet, bareme_na), bareme_na)
    niveaux = [c.niveau for c in constats if c.regle == "R-CEILING-NA" and "mandat" in c.message]
    assert (Niveau.ERREUR in niveaux) is bloque


def test_r_ceiling_na_sans_plafond_ou_sans_zone_non_controle(
    bareme: Bareme, bareme_na: Bareme
) -> None:
    for b, projet in ((bareme, annexe_1b()), (bareme_na, annexe_1b(zone=None))):
        constats = verifier_budget(projet, calculer_budget(projet, b), b)
        assert set(regles_niveaux(constats, "R-CEILING-NA")) == {Niveau.INFO}


@pytest.mark.parametrize(
    ("champ", "kw"),
    [
        ("services.captation.cout_par_logement", {"captation": None}),
        ("services.gestion.SOUS_LOCATION", {"gestion_sl": None}),
        ("services.accompagnement.SOUS_LOCATION", {"acc_sl": None}),
    ],
)
def test_r_unknown_un_poste_non_renseigne_rend_le_total_non_renseigne(
    bareme: Bareme, champ: str, kw: dict[str, object]
) -> None:
    projet = annexe_1b(services=services(**kw))  # type: ignore[arg-type]
    b = calculer_budget(projet, bareme)
    assert b.total is None and b.cout_par_place is None
    assert b.non_renseignes == (champ,)
    constats = verifier_budget(projet, b, bareme)
    (inconnu,) = [c for c in constats if "postes non renseignés" in c.message]
    # Le poste est nommé en français, jamais par son chemin dans le contenu.
    assert f"« {libelle_chemin(champ)} »" in inconnu.message and champ not in inconnu.message
    assert Niveau.ERREUR not in [c.niveau for c in constats]


def test_r_unknown_zero_logement_vaut_zero_pas_inconnu(bareme: Bareme) -> None:
    projet = ProjetBudget({SL: 15}, {SL: 25}, services(gestion_mg=None, acc_mg=None))
    b = calculer_budget(projet, bareme)
    assert b.gestion[MG] == D(0) and b.total == D("64500.00")


def _lignes(b: Budget) -> list[Decimal | None]:
    return [
        *b.captation.values(),
        *b.gestion.values(),
        *(p.montant for p in b.accompagnement.values()),
    ]


cout = st.decimals(min_value=0, max_value=5000, places=2)


@given(
    mg=st.integers(0, 60),
    sl=st.integers(0, 60),
    captation=cout,
    g_mg=cout,
    g_sl=cout,
    etp=st.none() | st.decimals(min_value=0, max_value=10, places=2),
    par_menage=st.none() | cout,
)
def test_r_budget_model_total_egal_somme_des_postes(
    bareme: Bareme,
    mg: int,
    sl: int,
    captation: Decimal,
    g_mg: Decimal,
    g_sl: Decimal,
    etp: Decimal | None,
    par_menage: Decimal | None,
) -> None:
    acc = Accompagnement(M.INTERNE, etp=etp, montant_par_menage=par_menage)
    s = Services(
        captation,
        {MG: (LigneCout("a", g_mg),), SL: (LigneCout("b", g_sl),)},
        {MG: Accompagnement(M.DROIT_COMMUN), SL: acc},
    )
    b = calculer_budget(ProjetBudget({MG: mg, SL: sl}, {MG: 2 * mg, SL: 2 * sl}, s), bareme)
    assert b.total == somme(_lignes(b))
    assert all(x is not None and x == x.quantize(D("0.01")) for x in _lignes(b))
    if mg + sl:
        assert b.cout_par_logement is not None
        assert abs(b.cout_par_logement * (mg + sl) - b.total) <= D("0.005") * (mg + sl)  # type: ignore[operator]


def test_r_sw_ratio_ne_chiffre_pas_le_mandat_de_gestion(bareme: Bareme) -> None:
    """10 ménages en mandat de gestion accompagnés en interne, sans chiffre : non renseigné
    (R-UNKNOWN), et non 22 000 € au ratio de la sous-location (003 annexe 1b)."""
    projet = ProjetBudget({MG: 10}, {MG: 10}, services(acc_mg=INTERNE))
    b = calculer_budget(projet, bareme)
    assert b.accompagnement[MG].montant is None
    assert b.accompagnement[MG].methode == "NON_RENSEIGNE"
    assert b.total is None
    assert "services.accompagnement.MANDAT_GESTION" in b.non_renseignes


def test_r_sw_ratio_portee_parametree(bareme: Bareme) -> None:
    """La portée du ratio est un paramètre : l'étendre au mandat le chiffre (10 → 22 000 €)."""
    assert bareme.ratio_accompagnement_modes == frozenset({SL})
    etendu = dataclasses.replace(bareme, ratio_accompagnement_modes=frozenset({MG, SL}))
    projet = ProjetBudget({MG: 10}, {MG: 10}, services(acc_mg=INTERNE))
    assert calculer_budget(projet, etendu).accompagnement[MG].montant == D("22000.00")


def test_r_sw_ratio_pas_d_alerte_de_ratio_en_mandat(bareme: Bareme) -> None:
    """0,1 ETP pour 15 ménages en mandat : pas d'alerte au ratio propre à la sous-location."""
    projet = annexe_1b(services=services(acc_mg=Accompagnement(M.INTERNE, etp=D("0.1"))))
    constats = verifier_budget(projet, calculer_budget(projet, bareme), bareme)
    assert not [c for c in constats if c.regle == "R-SW-RATIO" and "MANDAT" in (c.champ or "")]
