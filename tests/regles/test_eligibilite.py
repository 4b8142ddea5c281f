"""Éligibilité du porteur et accompagnement (R-ELIGIBILITY, R-ACCOMP-PLAN)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from regles.eligibilite import (
    PartenaireDelegue,
    Validite,
    verifier_accompagnement,
    verifier_eligibilite,
)
from regles.types import Agrement, ModaliteAccompagnement, Mode, Niveau, StatutJuridique

A = Agrement
MG, SL = Mode.MANDAT_GESTION, Mode.SOUS_LOCATION
M = ModaliteAccompagnement
DEPOT = date(2019, 3, 1)
VALIDE = Validite(date(2015, 1, 1))
TOUS = {a: VALIDE for a in Agrement}


@pytest.mark.parametrize(
    ("validite", "valide"),
    [
        (Validite(date(2019, 3, 1), date(2019, 3, 1)), True),
        (Validite(date(2019, 3, 2)), False),
        (Validite(date(2018, 1, 1), date(2019, 2, 28)), False),
        (Validite(date(2018, 1, 1), None), True),
        (Validite(None, None), False),
    ],
)
def test_r_eligibility_validite_bornes_incluses(validite: Validite, valide: bool) -> None:
    assert validite.valide_le(DEPOT) is valide


@pytest.mark.parametrize(
    ("modes", "interne", "retirer", "champs"),
    [
        ({SL}, False, set(), []),
        ({SL}, False, {A.L365_4}, ["agrements.L365_4"]),
        ({SL}, False, {A.CARTE_PROFESSIONNELLE, A.L365_3}, []),
        ({MG}, False, {A.CARTE_PROFESSIONNELLE}, ["agrements.CARTE_PROFESSIONNELLE"]),
        (
            {MG},
            False,
            {A.GARANTIE_FINANCIERE, A.ASSURANCE_RC},
            ["agrements.GARANTIE_FINANCIERE", "agrements.ASSURANCE_RC"],
        ),
        ({SL}, True, {A.L365_3}, ["agrements.L365_3"]),
    ],
)
def test_r_eligibility_pieces_selon_la_forme(
    modes: set[Mode], interne: bool, retirer: set[Agrement], champs: list[str]
) -> None:
    agrements = {a: v for a, v in TOUS.items() if a not in retirer}
    constats = verifier_eligibilite(
        StatutJuridique.ASSOCIATION, agrements, frozenset(modes), interne, DEPOT
    )
    assert [c.champ for c in constats] == champs
    assert all((c.regle, c.niveau) == ("R-ELIGIBILITY", Niveau.ERREUR) for c in constats)


def test_r_eligibility_assurance_expiree_au_depot() -> None:
    agrements = {**TOUS, A.ASSURANCE_RC: Validite(date(2018, 1, 1), date(2019, 2, 28))}
    (c,) = verifier_eligibilite(
        StatutJuridique.ASSOCIATION, agrements, frozenset({MG}), False, DEPOT
    )
    assert "non valide le 01/03/2019" in c.message and "28/02/2019" in c.message


def test_r_eligibility_personne_morale() -> None:
    (c,) = verifier_eligibilite(StatutJuridique.PERSONNE_PHYSIQUE, TOUS, frozenset(), False, DEPOT)
    assert c.champ == "porteur.statut"


PARTENAIRE = PartenaireDelegue("P", "descriptif", "convention", Decimal(30000), VALIDE)


@pytest.mark.parametrize(
    ("partenaire", "champs"),
    [
        (PARTENAIRE, []),
        (None, ["services.accompagnement.SOUS_LOCATION.partenaire_delegue"]),
        (
            PartenaireDelegue("P", None, None, None, VALIDE),
            [
                "services.accompagnement.SOUS_LOCATION.partenaire_delegue.description",
                "services.accompagnement.SOUS_LOCATION.partenaire_delegue.convention",
                "services.accompagnement.SOUS_LOCATION.partenaire_delegue.budget_annee_pleine",
            ],
        ),
        (
            PartenaireDelegue("P", "d", "c", Decimal(1), Validite(date(2020, 1, 1))),
            ["services.accompagnement.SOUS_LOCATION.partenaire_delegue.agrement_L365_3"],
        ),
    ],
)
def test_r_accomp_plan_delegation(partenaire: PartenaireDelegue | None, champs: list[str]) -> None:
    constats = verifier_accompagnement({SL: M.DELEGUE}, {SL: partenaire}, DEPOT)
    assert [c.champ for c in constats if c.niveau is Niveau.ERREUR] == champs


def test_r_accomp_plan_droit_commun_en_sous_location_alerte() -> None:
    (c,) = verifier_accompagnement({SL: M.DROIT_COMMUN}, {}, DEPOT)
    assert (c.regle, c.niveau) == ("R-ACCOMP-PLAN", Niveau.ALERTE)


def test_r_mg_gls_duration_accompagnement_facultatif_en_mandat() -> None:
    (c,) = verifier_accompagnement({MG: M.INTERNE}, {}, DEPOT)
    assert (c.regle, c.niveau) == ("R-MG-GLS-DURATION", Niveau.INFO)
    assert verifier_accompagnement({MG: M.DROIT_COMMUN}, {}, DEPOT) == ()
