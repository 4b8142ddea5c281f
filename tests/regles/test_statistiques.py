"""R-STATS : statistiques annuelles d'un opérateur, calculées à la main sur un petit cas."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regles.statistiques import (
    ActiviteFigee,
    LogementFige,
    MenageFige,
    OccupationFigee,
    calculer,
    composition,
    consolider,
    reviser,
)

MG, SL = "MANDAT_GESTION", "SOUS_LOCATION"

LOGEMENTS = [
    LogementFige(MG, "T2", 3, date(2023, 5, 1), None),
    LogementFige(SL, "T3", 4, date(2024, 2, 1), None),
    LogementFige(SL, "STUDIO", 1, date(2024, 12, 31), None),  # mobilisé le 31/12 : compté
    LogementFige(MG, "T1", 2, date(2022, 1, 1), date(2024, 6, 30)),  # restitué : non compté
    LogementFige(MG, "T4", 5, date(2025, 1, 1), None),  # mobilisé l'année suivante
    LogementFige(MG, "T2", 3, None, None),  # jamais mobilisé
]

MENAGES = {
    1: MenageFige(1, "CLASSIQUE", "", "HEBERGEMENT", date(1980, 1, 1), (("ENFANT", 2010),),
                  (("SALAIRE", Decimal("1000"), date(2023, 1, 1)),
                   ("SALAIRE", Decimal("1200"), date(2024, 6, 1)),
                   ("RSA", Decimal("300"), date(2025, 2, 1)))),  # RSA connu après : ignoré
    2: MenageFige(2, "SPECIALISEE", "JEUNES", "", date(2007, 3, 1), (),
                  (("RSA", Decimal("600"), date(2024, 1, 1)),)),
    3: MenageFige(3, "", "", "RUE", date(1970, 1, 1), (("CONJOINT", 1972),)),
    4: MenageFige(4, "PSY", "", "HOTEL", date(1990, 1, 1), (("CONJOINT", 1991), ("ENFANT", 2020))),
    5: MenageFige(5, "CLASSIQUE", "", "TIERS", date(1995, 1, 1)),
}  # fmt: skip

OCCUPATIONS = [
    # 1 : présent au 1er janvier, sorti en logement social le 30/06 (parcours de 546 jours).
    OccupationFigee(1, MG, date(2023, 1, 1), date(2024, 7, 1), "LOGEMENT_SOCIAL", date(2023, 1, 1)),
    # 2 : entré en SL en 2024, bail glissé le 01/10 puis mandat de gestion : une entrée, pas de
    # sortie.
    OccupationFigee(2, SL, date(2024, 3, 1), date(2024, 10, 1), "GLISSEMENT_BAIL",
                    date(2024, 3, 1), a_une_suivante=True),
    OccupationFigee(2, MG, date(2024, 10, 1), None, "", date(2024, 3, 1), a_une_precedente=True),
    # 3 : entré et sorti dans l'année, destination non saisie (compte en « inconnue »).
    OccupationFigee(3, SL, date(2024, 2, 1), date(2024, 3, 2), "", date(2024, 2, 1)),
    # 4 : présent toute l'année.
    OccupationFigee(4, SL, date(2022, 6, 1), None, "", date(2022, 6, 1)),
    # 5 : sorti en 2023 : hors de l'année.
    OccupationFigee(5, MG, date(2022, 1, 1), date(2023, 12, 31), "RUE", date(2022, 1, 1)),
]  # fmt: skip

ACTIVITE = ActiviteFigee(
    contacts=7, contacts_minutes=150, contacts_sans_duree=2,
    menages_accompagnes=3, plans_ouverts=1, orientations_partenaires=4,
)  # fmt: skip


@pytest.fixture
def stats() -> dict:
    lignes = calculer(
        2024, LOGEMENTS, MENAGES, OCCUPATIONS, ACTIVITE,
        publics=[("JEUNES", "Jeunes"), ("AUTRE", "Autre public")],
        situations=[("HEBERGEMENT", "Hébergement"), ("RUE", "Rue"), ("HOTEL", "Hôtel")],
    )  # fmt: skip
    cles = [ligne.cle for ligne in lignes]
    assert len(cles) == len(set(cles)), "chaque clé une fois"
    return {ligne.cle: ligne.valeur for ligne in lignes}


def test_places_au_31_decembre_par_forme_et_typologie(stats):
    assert stats["logements"] == 3
    assert stats["places"] == 3 + 4 + 1
    assert stats["places.MANDAT_GESTION"] == 3
    assert stats["places.SOUS_LOCATION"] == 5
    assert stats["places.MANDAT_GESTION.T2"] == 3
    assert stats["places.SOUS_LOCATION.T3"] == 4
    assert stats["places.SOUS_LOCATION.STUDIO"] == 1
    assert stats["places.MANDAT_GESTION.T1"] == 0  # restitué le 30/06


def test_menages_loges_entrees_et_sorties(stats):
    assert stats["menages_loges"] == 4  # 1, 2, 3, 4 (le 5 est sorti en 2023)
    assert stats["presents_debut"] == 2  # 1 et 4
    assert stats["presents_fin"] == 2  # 2 (en mandat) et 4
    assert stats["menages_loges.SOUS_LOCATION"] == 3  # 2, 3, 4
    assert stats["menages_loges.MANDAT_GESTION"] == 2  # 1, 2
    assert stats["entrees"] == 2  # 2 et 3 ; le mandat qui suit le bail glissé n'en est pas une
    assert stats["entrees.SOUS_LOCATION"] == 2
    assert stats["sorties"] == 2  # 1 et 3
    assert stats["sorties.LOGEMENT_SOCIAL"] == 1
    assert stats["sorties.INCONNUE"] == 1
    assert stats["sorties.GLISSEMENT_BAIL"] == 0
    assert stats["sorties_logement"] == 1
    assert stats["glissements_suivis_mandat"] == 1
    # présents au début + entrées − sorties = présents à la fin
    assert stats["presents_debut"] + stats["entrees"] - stats["sorties"] == stats["presents_fin"]


def test_duree_moyenne_de_sejour_en_jours(stats):
    # 1 : du 01/01/2023 au 01/07/2024 = 547 jours ; 3 : du 01/02 au 02/03/2024 = 30 jours.
    assert stats["duree_moyenne_jours"] == Decimal("288.5")


def test_sans_sortie_la_duree_moyenne_est_non_renseignee_jamais_zero():
    lignes = calculer(2024, [], MENAGES, [OCCUPATIONS[4]], ActiviteFigee())
    valeurs = {ligne.cle: ligne.valeur for ligne in lignes}
    assert valeurs["duree_moyenne_jours"] is None
    assert valeurs["ressources_moyennes"] is None  # le ménage 4 n'a aucune ressource connue
    assert valeurs["ressources.NON_RENSEIGNE"] == 1


def test_composition_et_personnes(stats):
    assert stats["composition.monoparentale"] == 1  # 1
    assert stats["composition.isole"] == 1  # 2
    assert stats["composition.couple"] == 1  # 3
    assert stats["composition.couple_enfants"] == 1  # 4
    assert stats["personnes"] == 2 + 1 + 2 + 3
    # enfant de 2010 (14 ans), personne de référence née en 2007 (17 ans), enfant de 2020
    assert stats["mineurs"] == 3


def test_publics_et_categories_avec_non_renseigne_a_part(stats):
    assert stats["categorie.CLASSIQUE"] == 1
    assert stats["categorie.SPECIALISEE"] == 1
    assert stats["categorie.PSY"] == 1
    assert stats["categorie.NON_RENSEIGNE"] == 1  # ménage 3
    assert stats["public.JEUNES"] == 1
    assert stats["public.NON_RENSEIGNE"] == 0
    assert stats["situation.NON_RENSEIGNE"] == 1  # ménage 2
    assert stats["situation.RUE"] == 1


def test_ressources_connues_au_31_decembre_ou_a_la_sortie(stats):
    # 1 : salaire de 1 200 € (le plus récent avant sa sortie) ; 2 : RSA 600 € ; 3 et 4 : rien.
    assert stats["ressources.SALAIRE"] == 1
    assert stats["ressources.RSA"] == 1
    assert stats["ressources.NON_RENSEIGNE"] == 2
    assert stats["ressources_moyennes"] == Decimal("900.00")


def test_activite_d_accompagnement(stats):
    assert stats["contacts"] == 7
    assert stats["contacts_heures"] == Decimal("2.5")
    assert stats["contacts_sans_duree"] == 2
    assert stats["orientations_partenaires"] == 4


def test_composition_autre_membre():
    assert composition(MenageFige(9, "", "", "", date(1980, 1, 1), (("PARENT", 1950),))) == "autre"


def test_revision_garde_la_valeur_calculee_a_cote_de_la_retenue():
    lignes = calculer(2024, LOGEMENTS, MENAGES, OCCUPATIONS, ACTIVITE)
    revues = {r.cle: r for r in reviser(lignes, {"entrees": 3, "inconnue": 9})}
    assert (revues["entrees"].calculee, revues["entrees"].retenue) == (2, 3)
    assert revues["entrees"].corrigee
    assert not revues["sorties"].corrigee and revues["sorties"].retenue == 2
    assert "inconnue" not in revues


def test_consolidation_ne_compte_jamais_l_inconnu_pour_zero():
    total = consolider([3, None, 4])
    assert (total.valeur, total.inconnues, total.complet) == (7, 1, False)
    assert consolider([None]).valeur is None
    assert consolider([2, 0]).complet


@given(st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=10_000))))
def test_un_total_avec_une_part_inconnue_n_est_jamais_complet(valeurs):
    total = consolider(valeurs)
    assert total.complet == (None not in valeurs and len(valeurs) > 0)
    assert total.inconnues == valeurs.count(None)


def test_un_membre_ne_apres_l_annee_n_est_ni_loge_ni_mineur_au_31_decembre():
    # R-STATS : ménage 5 (né en 1995) avec un enfant de 2020 et un enfant né en 2025.
    menage = MenageFige(5, "CLASSIQUE", "", "TIERS", date(1995, 1, 1),
                        (("ENFANT", 2020), ("ENFANT", 2025)))  # fmt: skip
    occupation = OccupationFigee(5, SL, date(2024, 2, 1), None, "", date(2024, 2, 1))
    lignes = calculer(2024, [], {5: menage}, [occupation], ActiviteFigee())
    valeurs = {ligne.cle: ligne.valeur for ligne in lignes}
    assert valeurs["personnes"] == 2  # la personne de référence et l'enfant de 2020
    assert valeurs["mineurs"] == 1


def test_moyennes_et_heures_arrondies_au_demi_superieur_comme_la_maison():
    # 15 minutes = 0,25 h → 0,3 (et non 0,2, arrondi demi pair) ; ressources 10,00 € et
    # 10,01 € → moyenne 10,005 € → 10,01 € (et non 10,00 €).
    menages = {
        1: MenageFige(1, "", "", "", date(1980, 1, 1), (),
                      (("SALAIRE", Decimal("10.00"), date(2024, 1, 1)),)),
        2: MenageFige(2, "", "", "", date(1980, 1, 1), (),
                      (("SALAIRE", Decimal("10.01"), date(2024, 1, 1)),)),
    }  # fmt: skip
    occupations = [
        OccupationFigee(i, SL, date(2024, 2, 1), None, "", date(2024, 2, 1)) for i in (1, 2)
    ]
    lignes = calculer(2024, [], menages, occupations, ActiviteFigee(contacts_minutes=15))
    valeurs = {ligne.cle: ligne.valeur for ligne in lignes}
    assert valeurs["contacts_heures"] == Decimal("0.3")
    assert valeurs["ressources_moyennes"] == Decimal("10.01")
