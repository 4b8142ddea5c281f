"""Indicateurs des tableaux de bord (`regles/indicateurs.py`), contre des cas calculés à la
main ; « non renseigné » n'est jamais calculé comme 0 (R-UNKNOWN)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from regles.indicateurs import (
    au_dessus,
    cout_par_place,
    jours_de_vacance,
    moyenne_jours,
    parts_des_financeurs,
    repartition_formes,
    sous_le_minimum,
    taux_occupation,
    taux_ouverture,
    taux_pct,
)
from regles.types import Mode

PAS = Decimal("0.1")
CIBLE = {Mode.MANDAT_GESTION: Decimal(50), Mode.SOUS_LOCATION: Decimal(50)}


@pytest.mark.parametrize(
    ("occupees", "ouvertes", "attendu"),
    [
        (18, 24, Decimal("75.0")),  # 18 ÷ 24 = 0,75
        (2, 3, Decimal("66.7")),  # 66,666… → 66,7 (demi au-dessus au dixième)
        (1, 8, Decimal("12.5")),
        (0, 5, Decimal("0.0")),  # zéro occupée est un vrai zéro
        (0, 0, None),  # aucune place ouverte : pas de taux
        (None, 5, None),
        (3, None, None),
    ],
)
def test_taux_d_occupation(occupees, ouvertes, attendu):
    assert taux_occupation(occupees, ouvertes, PAS) == attendu


def test_taux_d_ouverture_et_taux_general():
    assert taux_ouverture(13, 40, PAS) == Decimal("32.5")
    assert taux_ouverture(13, None, PAS) is None  # places financées non renseignées
    assert taux_pct(1, 3, Decimal(1)) == Decimal(33)


def test_repartition_des_formes_contre_la_cible_de_l_appel():
    # 25 places MG et 15 SL : 62,5 % / 37,5 %, 12,5 points au-dessus de la cible de 50 %.
    r = repartition_formes(25, 15, CIBLE, PAS)
    assert (r.part_mg, r.part_sl) == (Decimal("62.5"), Decimal("37.5"))
    assert r.ecart_mg_points == Decimal("12.5")
    assert repartition_formes(0, 10, CIBLE, PAS).ecart_mg_points == Decimal(-50)
    assert repartition_formes(None, 10, CIBLE, PAS) is None
    assert repartition_formes(0, 0, CIBLE, PAS) is None


def test_cout_par_place_et_plafond_bornes_incluses():
    # R-BUDGET-MODEL : 85 500 € pour 50 places = 1 710 € par place.
    assert cout_par_place(Decimal(85500), 50) == Decimal("1710.00")
    assert cout_par_place(Decimal(100), 3) == Decimal("33.33")
    assert cout_par_place(None, 50) is None
    assert cout_par_place(Decimal(100), None) is None
    assert cout_par_place(Decimal(100), 0) is None
    plafond = Decimal(2200)
    assert au_dessus(Decimal("2200.00"), plafond) is False
    assert au_dessus(Decimal("2200.01"), plafond) is True
    assert au_dessus(None, plafond) is None
    assert au_dessus(Decimal(1), None) is None
    assert sous_le_minimum(Decimal("29.9"), Decimal(30)) is True
    assert sous_le_minimum(Decimal(30), Decimal(30)) is False
    assert sous_le_minimum(None, Decimal(30)) is None


def test_jours_de_vacance_bornes_incluses():
    jour = date(2026, 3, 5)
    # 1er mars → 5 mars : 5 jours ; le jour même : 1 ; une vacance future : 0.
    assert jours_de_vacance([date(2026, 3, 1), date(2026, 3, 5), date(2026, 4, 1)], jour) == 6
    assert jours_de_vacance([], jour) == 0
    assert jours_de_vacance([date(2026, 3, 1), None], jour) is None
    assert moyenne_jours(6, 2) == Decimal("3.0")
    assert moyenne_jours(10, 3) == Decimal("3.3")
    assert moyenne_jours(None, 2) is None
    assert moyenne_jours(0, 0) is None


def test_parts_des_financeurs():
    # Un petit chez-soi : 7 000 € ARS + 7 000 € État = 50 % chacun.
    parts, inconnus = parts_des_financeurs({"ARS": Decimal(7000), "ETAT_P177": Decimal(7000)}, PAS)
    assert inconnus == 0
    assert [(p.financeur, p.montant, p.part_pct) for p in parts] == [
        ("ARS", Decimal(7000), Decimal(50)),
        ("ETAT_P177", Decimal(7000), Decimal(50)),
    ]
    # Deux-Sèvres : 53 mesures État, 30 conseil départemental → 63,9 % / 36,1 %.
    parts, _ = parts_des_financeurs({"ETAT": Decimal(53), "CD": Decimal(30)}, PAS)
    assert [p.part_pct for p in parts] == [Decimal("63.9"), Decimal("36.1")]
    # Un montant inconnu : pas de part calculée sur un total incomplet.
    parts, inconnus = parts_des_financeurs({"ETAT": Decimal(53), "CD": None}, PAS)
    assert inconnus == 1 and parts[0].part_pct is None


def _bareme(code: str):
    import json
    from pathlib import Path

    from regles.bareme import fusionner_couches, resoudre_chaine

    donnees = Path(__file__).resolve().parents[2] / "iml" / "referentiel" / "data"
    jeux = {}
    for chemin in donnees.glob("*.json"):
        jeu = json.loads(chemin.read_text(encoding="utf-8"), parse_float=Decimal)
        jeux[jeu["code"]] = jeu
    return fusionner_couches(resoudre_chaine(jeux, code))


def test_plafond_regional_des_logements_mobilises():
    """R-CEILING-NA : 3 logements en sous-location (IML classique, zone tendue, 4 500 €) et 2
    en mandat de gestion avec accompagnement (zone tendue, 2 200 €) : 17 900 €."""
    from regles.indicateurs import plafond_regional
    from regles.types import Categorie, Zone

    na = _bareme("region-75-nouvelle-aquitaine")
    logements = {Mode.SOUS_LOCATION: 3, Mode.MANDAT_GESTION: 2}
    tendue, classique = Zone.TENDUE, Categorie.CLASSIQUE
    assert plafond_regional(na, logements, classique, tendue, True) == Decimal(17900)
    # Sans accompagnement, zone détendue : 3 × 5 000 + 2 × 1 200 = 17 400 €.
    assert plafond_regional(na, logements, classique, Zone.DETENDUE, False) == Decimal(17400)
    # Zone ou catégorie (en sous-location) inconnues : on ne peut pas dire.
    assert plafond_regional(na, logements, classique, None, True) is None
    assert plafond_regional(na, logements, None, tendue, True) is None
    assert plafond_regional(na, {Mode.MANDAT_GESTION: 2}, None, tendue, False) == Decimal(3400)
    # Le barème national n'a pas de plafond régional.
    national = _bareme("national-2018")
    assert plafond_regional(national, logements, classique, tendue, True) is None
    # Sans logement mobilisé : pas de plafond (jamais 0 €), même zone et catégorie connues.
    assert plafond_regional(na, {Mode.SOUS_LOCATION: 0}, classique, tendue, True) is None
    assert plafond_regional(na, {}, classique, tendue, True) is None
    assert plafond_regional(national, {Mode.SOUS_LOCATION: 0}, None, None, True) is None


def test_les_vacances_a_venir_ne_comptent_ni_au_cumul_ni_a_la_moyenne():
    """Une vacance ouverte depuis 10 jours (bornes incluses) et une qui commence dans 10 jours :
    10 jours, 1 vacance en cours à 10,0 jours en moyenne, l'autre annoncée à venir."""
    from datetime import timedelta

    from iml.pilotage.indicateurs_tableaux import indicateur_vacance

    jour = date(2026, 3, 15)
    vacance = indicateur_vacance([jour - timedelta(days=9), jour + timedelta(days=10)], jour)
    assert vacance.valeur.replace("\u00a0", " ") == "10 jours"
    assert vacance.detail.replace("\u00a0", " ") == (
        "1 vacance en cours, avec ou sans proposition ; 10,0 jours en moyenne ; 1 vacance à venir"
    )
    # Sans vacance à venir, rien n'est annoncé ; une date inconnue rend le cumul inconnu.
    seule = indicateur_vacance([jour - timedelta(days=9)], jour)
    assert seule.detail.replace("\u00a0", " ") == (
        "1 vacance en cours, avec ou sans proposition ; 10,0 jours en moyenne"
    )
    inconnue = indicateur_vacance([None, jour + timedelta(days=1)], jour)
    assert inconnue.valeur == "non renseigné"
    assert inconnue.detail.replace("\u00a0", " ") == (
        "1 vacance en cours, avec ou sans proposition ; 1 vacance à venir"
    )


def test_le_siao_compte_les_vacances_a_pourvoir_sous_un_autre_libelle():
    """Constat 8 : 7 vacances en cours chez l'État, 2 chez le SIAO (qui exclut celles qui ont
    une proposition en cours) — deux définitions, jamais le même libellé."""
    from iml.pilotage.indicateurs_tableaux import indicateur_vacance

    jour = date(2026, 3, 15)
    etat = indicateur_vacance([jour] * 7, jour)
    siao = indicateur_vacance([jour] * 2, jour, a_pourvoir=True)
    assert etat.libelle != siao.libelle
    assert "7 vacances en cours, avec ou sans proposition" in etat.detail.replace("\u00a0", " ")
    assert "2 vacances à pourvoir, sans proposition en cours" in siao.detail.replace("\u00a0", " ")
