"""Publics prioritaires et catégories (R-PRIORITY-PUBLICS, R-CATEGORY)."""

from __future__ import annotations

import pytest

from regles.bareme import Bareme
from regles.publics import (
    SituationLogement,
    publics_prioritaires,
    verifier_categorie,
    verifier_publics,
)
from regles.types import Categorie, Niveau
from regles.types import PublicPrioritaire as P


@pytest.mark.parametrize(
    ("situation", "attendus"),
    [
        (SituationLogement(), set()),
        (SituationLogement(sans_domicile=True), {P.SANS_LOGEMENT, P.DALO_SANS_DOMICILE}),
        (SituationLogement(mois_hebergement_structure=6), {P.HEBERGE_TEMPORAIREMENT}),
        (
            SituationLogement(mois_hebergement_structure=7),
            {P.HEBERGE_TEMPORAIREMENT, P.DALO_HEBERGE},
        ),
        (SituationLogement(mois_logement_transition=18), {P.HEBERGE_TEMPORAIREMENT}),
        (
            SituationLogement(mois_logement_transition=19),
            {P.HEBERGE_TEMPORAIREMENT, P.DALO_HEBERGE},
        ),
        (SituationLogement(logement_indecent_ou_suroccupe=True), set()),
        (
            SituationLogement(
                logement_indecent_ou_suroccupe=True, mineur_ou_personne_handicapee_a_charge=True
            ),
            {P.DALO_INDECENT_SUROCCUPE},
        ),
        (
            SituationLogement(menace_expulsion_sans_relogement=True),
            {P.MENACE_EXPULSION, P.DALO_MENACE_EXPULSION},
        ),
        (
            SituationLogement(public_pdalhpd=True, sortant_hebergement=True),
            {P.PDALHPD, P.SORTANT_HEBERGEMENT},
        ),
    ],
)
def test_r_priority_publics_criteres(
    bareme: Bareme, situation: SituationLogement, attendus: set[P]
) -> None:
    assert set(publics_prioritaires(situation, bareme)) == attendus


@pytest.mark.parametrize(
    ("publics", "sante", "niveaux"),
    [
        ([P.SORTANT_HEBERGEMENT], True, []),
        ([P.DALO_SANS_DOMICILE], True, [Niveau.INFO]),
        ([], True, [Niveau.ERREUR]),
        ([P.SORTANT_HEBERGEMENT], False, [Niveau.ALERTE]),
    ],
)
def test_r_priority_publics_dossier(publics: list[P], sante: bool, niveaux: list[Niveau]) -> None:
    constats = verifier_publics(publics, sante)
    assert [c.niveau for c in constats] == niveaux
    assert all(c.regle == "R-PRIORITY-PUBLICS" for c in constats)


@pytest.mark.parametrize(
    ("categorie", "public", "sante", "bloque"),
    [
        (Categorie.CLASSIQUE, None, False, False),
        (Categorie.SPECIALISEE, None, True, True),
        (Categorie.SPECIALISEE, "Jeunes de moins de 25 ans", False, False),
        (Categorie.PSY, None, False, True),
        (Categorie.PSY, None, True, False),
        (None, None, False, False),
    ],
)
def test_r_category(
    categorie: Categorie | None, public: str | None, sante: bool, bloque: bool
) -> None:
    constats = verifier_categorie(categorie, public, sante)
    assert bool(constats) is bloque
    assert all(c.regle == "R-CATEGORY" for c in constats)
