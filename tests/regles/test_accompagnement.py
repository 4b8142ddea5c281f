"""Règles de l'accompagnement : plan, étapes, visites d'« un petit chez-soi », charge des
travailleurs sociaux, ménages sans contact, action budgétaire ouverte par les impayés."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from regles import conversion as cv
from regles.accompagnement import (
    FERMER,
    OUVRIR,
    CriteresChezSoi,
    PlanSaisi,
    action_impayes,
    alerte_visites,
    avancement,
    charge_travail,
    etapes_de,
    fin_prevue,
    jours_sans_contact,
    message_action_ouverte,
    moyenne,
    sans_contact,
    semaines_sans_visite,
    verifier_plan,
)
from regles.bareme import Bareme
from regles.dispositifs import Financement
from regles.parametres_accompagnement import lire_accompagnement
from regles.types import Dispositif, Financeur, Mode
from regles.types_accompagnement import MomentEtape, NiveauBesoin, Realisation

BUDGET = {"BUDGET": NiveauBesoin.IMPORTANT}


def _plan(**surcharge) -> PlanSaisi:
    valeurs = {
        "besoins": BUDGET,
        "realisation": Realisation.INTERNE,
        "partenaire_delegue": "",
        "service_droit_commun": "",
        "duree_prevue_mois": 12,
        "dispositif": Dispositif.IML_ETAT,
        "forme": Mode.SOUS_LOCATION,
        "bail_glissant": False,
    }
    return PlanSaisi(**(valeurs | surcharge))


def _regles(constats) -> list[tuple[str, str]]:
    return [(c.regle, c.niveau.value) for c in constats]


# --- R-ACCOMP-PLAN ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surcharge", "attendu"),
    [
        ({}, []),
        ({"besoins": {}}, [("R-ACCOMP-PLAN", "erreur")]),
        ({"besoins": {"BUDGET": NiveauBesoin.AUCUN}}, [("R-ACCOMP-PLAN", "erreur")]),
        ({"realisation": Realisation.DELEGUE}, [("R-ACCOMP-PLAN", "erreur")]),
        (
            {"realisation": Realisation.DELEGUE, "partenaire_delegue": "  "},
            [("R-ACCOMP-PLAN", "erreur")],
        ),
        ({"realisation": Realisation.DELEGUE, "partenaire_delegue": "AIVS Ouest"}, []),
        ({"realisation": Realisation.DROIT_COMMUN}, [("R-ACCOMP-PLAN", "erreur")]),
        ({"realisation": Realisation.DROIT_COMMUN, "service_droit_commun": "SAVS"}, []),
        ({"forme": None}, []),  # un plan peut précéder l'entrée dans le logement
    ],
)
def test_r_accomp_plan_besoins_et_realisation(surcharge, attendu, bareme_national: Bareme) -> None:
    assert _regles(verifier_plan(_plan(**surcharge), bareme_national)) == attendu


def test_r_accomp_plan_message_nomme_le_champ(bareme_national: Bareme) -> None:
    (constat,) = verifier_plan(_plan(realisation=Realisation.DELEGUE), bareme_national)
    assert constat.champ == "partenaire_delegue"
    assert constat.message.startswith("R-ACCOMP-PLAN : accompagnement délégué")
    assert "L. 365-3" in constat.message


@pytest.mark.parametrize(
    ("debut", "mois", "fin"),
    [
        (date(2026, 1, 15), 12, date(2027, 1, 14)),
        (date(2026, 1, 31), 1, date(2026, 2, 27)),  # 28/02 borné, veille : 27/02
        (date(2024, 3, 1), 6, date(2024, 8, 31)),
    ],
)
def test_r_accomp_plan_fin_prevue(debut: date, mois: int, fin: date) -> None:
    assert fin_prevue(debut, mois) == fin


# --- Dispositifs : R-CHEZ-SOI, R-PETIT-CHEZ-SOI, R-CD-MEASURES, R-COFUNDING ----------------


@pytest.mark.parametrize(
    ("criteres", "erreur"),
    [
        (CriteresChezSoi(True, True, True), False),
        (CriteresChezSoi(True, True, False), True),
        (CriteresChezSoi(True, None, True), True),
        (None, True),
    ],
)
def test_r_chez_soi_criteres_oui_non_du_plan(criteres, erreur: bool, bareme_national) -> None:
    plan = _plan(dispositif=Dispositif.UN_CHEZ_SOI_D_ABORD, criteres_chez_soi=criteres)
    constats = verifier_plan(plan, bareme_national)
    assert (("R-CHEZ-SOI", "erreur") in _regles(constats)) is erreur


def test_r_chez_soi_le_message_nomme_ce_qui_manque(bareme_national) -> None:
    plan = _plan(
        dispositif=Dispositif.UN_CHEZ_SOI_D_ABORD,
        criteres_chez_soi=CriteresChezSoi(True, None, False),
    )
    (constat,) = verifier_plan(plan, bareme_national)
    assert "trouble psychique sévère attesté par un psychiatre" in constat.message
    assert "demande à être logée" in constat.message
    assert "sans abri" not in constat.message


@pytest.mark.parametrize(
    ("forme", "glissant", "erreur"),
    [
        (Mode.SOUS_LOCATION, True, False),
        (Mode.SOUS_LOCATION, False, True),
        (Mode.MANDAT_GESTION, True, True),
        (None, False, True),
    ],
)
def test_r_petit_chez_soi_plan_en_sous_location_a_bail_glissant(
    forme, glissant: bool, erreur: bool, bareme_national
) -> None:
    plan = _plan(dispositif=Dispositif.UN_PETIT_CHEZ_SOI, forme=forme, bail_glissant=glissant)
    assert (
        ("R-PETIT-CHEZ-SOI", "erreur") in _regles(verifier_plan(plan, bareme_national))
    ) is erreur


def test_r_cofunding_petit_chez_soi_rappelle_les_14_000_euros(bareme_national) -> None:
    plan = _plan(
        dispositif=Dispositif.UN_PETIT_CHEZ_SOI,
        bail_glissant=True,
        financements=(
            Financement(Financeur.ARS, D(7000)),
            Financement(Financeur.ETAT_P177, D(7000)),
        ),
    )
    (constat,) = verifier_plan(plan, bareme_national)
    assert constat.regle == "R-COFUNDING"
    assert constat.message == (
        "R-COFUNDING : financement annuel de 14\u202f000\u00a0€ (référence « un petit chez-soi » : "
        "14\u202f000\u00a0€ par place)."
    )


@pytest.mark.parametrize(
    ("financeurs", "duree", "attendu"),
    [
        ((Financeur.CONSEIL_DEPARTEMENTAL,), 36, [("R-COFUNDING", "info")]),
        ((Financeur.FAPI,), 24, [("R-COFUNDING", "info")]),
        ((Financeur.ETAT_P177,), 12, [("R-CD-MEASURES", "erreur"), ("R-COFUNDING", "info")]),
        ((), 12, [("R-CD-MEASURES", "erreur")]),
        (
            (Financeur.CONSEIL_DEPARTEMENTAL,),
            37,
            [("R-CD-MEASURES", "alerte"), ("R-COFUNDING", "info")],
        ),
    ],
)
def test_r_cd_measures_financeur_departemental_et_duree(
    financeurs, duree, attendu, bareme_national
) -> None:
    plan = _plan(
        dispositif=Dispositif.MESURE_CD,
        duree_prevue_mois=duree,
        financements=tuple(Financement(f, D(3000)) for f in financeurs),
    )
    assert _regles(verifier_plan(plan, bareme_national)) == attendu


# --- R-ACCOMP-ETAPES -----------------------------------------------------------------------


def test_r_accomp_etapes_par_forme(bareme_national: Bareme) -> None:
    parametres = bareme_national.accompagnement
    assert parametres is not None
    mg = etapes_de(parametres.etapes, Mode.MANDAT_GESTION)
    sl = etapes_de(parametres.etapes, Mode.SOUS_LOCATION)
    assert {e.moment for e in mg} == {
        MomentEtape.ENTREE,
        MomentEtape.PENDANT,
    }  # sortie : non concerné
    assert [e.moment for e in sl][0] is MomentEtape.ENTREE
    assert [e.moment for e in sl][-1] is MomentEtape.SORTIE
    assert "EXPLIQUER_CONTRATS" in {e.code for e in mg} & {e.code for e in sl}
    assert "PRISE_EN_MAIN_TECHNIQUE" in {e.code for e in sl} - {e.code for e in mg}


@pytest.mark.parametrize(
    ("forme", "cochees", "attendu"),
    [
        (Mode.MANDAT_GESTION, [], [("ENTREE", 0, 3), ("PENDANT", 0, 3)]),
        (
            Mode.MANDAT_GESTION,
            ["EXPLIQUER_CONTRATS", "PRISE_EN_MAIN_TECHNIQUE"],
            [("ENTREE", 1, 3), ("PENDANT", 0, 3)],
        ),
        (
            Mode.SOUS_LOCATION,
            ["EXPLIQUER_CONTRATS", "OUVERTURE_DROITS", "INCONNU"],
            [("ENTREE", 2, 4), ("PENDANT", 0, 7), ("SORTIE", 0, 3)],
        ),
    ],
)
def test_r_accomp_etapes_avancement(forme, cochees, attendu, bareme_national) -> None:
    etats = avancement(bareme_national.accompagnement.etapes, forme, cochees)
    assert [(a.moment.value, len(a.faites), a.total) for a in etats] == attendu


@pytest.mark.parametrize(
    ("bloc", "champ"),
    [
        ({"etapes": [], "canaux_visite": [], "sans_contact_jours": 30}, "a.canaux_visite"),
        (
            {"etapes": [], "canaux_visite": ["TELEPHONE"], "sans_contact_jours": 0},
            "a.sans_contact_jours",
        ),
        (
            {
                "etapes": [{"code": "X", "moment": "ENTREE", "formes": [], "libelle": "x"}],
                "canaux_visite": ["TELEPHONE"],
                "sans_contact_jours": 3,
            },
            "a.etapes[0].formes",
        ),
        (
            {
                "etapes": [
                    {"code": "x-y", "moment": "ENTREE", "formes": ["SOUS_LOCATION"], "libelle": "x"}
                ],
                "canaux_visite": ["TELEPHONE"],
                "sans_contact_jours": 3,
            },
            "a.etapes[0].code",
        ),
        (
            {
                "etapes": [
                    {"code": "A", "moment": "ENTREE", "formes": ["SOUS_LOCATION"], "libelle": "x"}
                ]
                * 2,
                "canaux_visite": ["TELEPHONE"],
                "sans_contact_jours": 3,
            },
            "a.etapes",
        ),
        ({"etapes": [], "canaux_visite": ["TELEPHONE"]}, "a.sans_contact_jours"),
    ],
)
def test_r_accomp_etapes_lecture_stricte_du_bloc(bloc, champ: str) -> None:
    with pytest.raises(cv.ValeurInvalide) as e:
        lire_accompagnement(bloc, "a")
    assert e.value.champ == champ


# --- R-PETIT-CHEZ-SOI : visites hebdomadaires ------------------------------------------------

LUNDI = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("debut", "visites", "aujourd_hui", "fin", "attendu"),
    [
        # Début un lundi : sa semaine compte dès qu'elle est écoulée.
        (LUNDI, [date(2026, 11, 4)], date(2026, 11, 9), None, []),
        (LUNDI, [], date(2026, 11, 9), None, [LUNDI]),
        # La semaine en cours ne compte jamais.
        (LUNDI, [], date(2026, 11, 8), None, []),
        # Début un mercredi : la semaine entamée ne compte pas.
        (date(2026, 11, 4), [], date(2026, 11, 9), None, []),
        (date(2026, 11, 4), [], date(2026, 11, 16), None, [date(2026, 11, 9)]),
        # Une semaine sur deux sans visite.
        (
            LUNDI,
            [date(2026, 11, 8), date(2026, 11, 20)],
            date(2026, 11, 30),
            None,
            [date(2026, 11, 9), date(2026, 11, 23)],
        ),
        # Dimanche compte dans sa semaine ; deux visites la même semaine n'en couvrent pas deux.
        (
            LUNDI,
            [date(2026, 11, 8), date(2026, 11, 8)],
            date(2026, 11, 16),
            None,
            [date(2026, 11, 9)],
        ),
        # Après la fin de l'accompagnement, plus rien.
        (LUNDI, [], date(2026, 12, 31), date(2026, 11, 10), [LUNDI]),
    ],
)
def test_r_petit_chez_soi_semaines_sans_visite(debut, visites, aujourd_hui, fin, attendu) -> None:
    assert list(semaines_sans_visite(debut, fin, visites, aujourd_hui, 1)) == attendu


def test_r_petit_chez_soi_deux_visites_minimum() -> None:
    visites = [date(2026, 11, 3)]
    assert semaines_sans_visite(LUNDI, None, visites, date(2026, 11, 9), 2) == (LUNDI,)


def test_r_petit_chez_soi_alerte_de_la_derniere_semaine_manquee() -> None:
    assert alerte_visites("MEN-1", (), 1) is None
    due = alerte_visites("MEN-1", (LUNDI, date(2026, 11, 16)), 1)
    assert due.cle == "semaine-2026-11-16"
    assert due.echeance == date(2026, 11, 22)
    assert due.constat.message == (
        "R-PETIT-CHEZ-SOI : 1\u00a0visite au moins par semaine pour MEN-1 (« un petit chez-soi ») "
        ": aucune la semaine du 16/11/2026 au 22/11/2026."
    )


# --- R-SW-RATIO : charge ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("menages", "etp", "capacite", "taux", "surcharge"),
    [
        (20, D(1), D(20), D(100), False),
        (21, D(1), D(20), D(105), True),
        (10, D("0.5"), D(10), D(100), False),
        (15, D("0.5"), D(10), D(150), True),
        (0, D("0.8"), D(16), D(0), False),
        (3, D(0), D(0), None, True),
        (3, None, None, None, None),  # ETP inconnu : jamais 0 (R-UNKNOWN)
    ],
)
def test_r_sw_ratio_charge_d_un_travailleur_social(menages, etp, capacite, taux, surcharge) -> None:
    c = charge_travail(menages, etp, D(20))
    assert (c.capacite, c.taux_pct, c.surcharge) == (capacite, taux, surcharge)


# --- R-ACCOMP-CONTACT ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dernier", "debut", "aujourd_hui", "jours", "signale"),
    [
        (date(2026, 11, 1), date(2026, 1, 1), date(2026, 11, 30), 29, False),
        (date(2026, 10, 31), date(2026, 1, 1), date(2026, 11, 30), 30, True),
        (None, date(2026, 11, 20), date(2026, 11, 30), 10, False),
        (None, date(2026, 10, 1), date(2026, 11, 30), 60, True),
        # un contact d'avant le plan ne compte pas : on compte depuis le début du plan
        (date(2026, 9, 1), date(2026, 11, 20), date(2026, 11, 30), 10, False),
        (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 30), 60, True),
    ],
)
def test_r_accomp_contact_sans_contact_depuis(dernier, debut, aujourd_hui, jours, signale) -> None:
    assert jours_sans_contact(dernier, debut, aujourd_hui) == jours
    assert sans_contact(dernier, debut, aujourd_hui, 30) is signale


# --- R-ACCOMP-IMPAYES ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dette", "mensuel", "ouverte", "attendu"),
    [
        (D("999.99"), D(500), False, None),
        (D("1000.00"), D(500), False, OUVRIR),
        (D("1500.00"), D(500), False, OUVRIR),
        (D("1500.00"), D(500), True, None),  # déjà ouverte : rien de plus
        (D("0.01"), D(500), True, None),  # un centime dû : reste ouverte
        (D(0), D(500), True, FERMER),
        (D("-20.00"), D(500), True, FERMER),  # ménage en avance
        (D(5000), None, False, None),  # loyer inconnu : rien ne s'ouvre
        (D(5000), D(0), False, None),
        (D(0), None, True, FERMER),
    ],
)
def test_r_accomp_impayes_ouvre_et_ferme(dette, mensuel, ouverte, attendu) -> None:
    assert action_impayes(dette, mensuel, 2, ouverte) == attendu


def test_r_accomp_impayes_message_sans_montant() -> None:
    constat = message_action_ouverte("MEN-00042", 2)
    assert constat.message.startswith("R-ACCOMP-IMPAYES : la dette de MEN-00042 atteint 2")
    assert "€" not in constat.message


def test_moyenne_au_dixieme_et_inconnue_sans_effectif() -> None:
    assert moyenne(7, 3) == D("2.3")
    assert moyenne(0, 4) == D(0)
    assert moyenne(5, 0) is None
