"""Tables des transitions de statut (R-AAC pour les appels, R-SELECTION pour les dossiers)."""

from __future__ import annotations

from datetime import date

import pytest

from regles.transitions import (
    TRANSITIONS_APPEL,
    TRANSITIONS_DOSSIER,
    verifier_cloture,
    verifier_transition,
)


@pytest.mark.parametrize(
    ("de", "vers"),
    [("BROUILLON", "PUBLIE"), ("PUBLIE", "CLOS"), ("CLOS", "DECIDE")],
)
def test_r_aac_le_cycle_d_un_appel(de: str, vers: str) -> None:
    assert verifier_transition(TRANSITIONS_APPEL, de, vers) is None


@pytest.mark.parametrize(
    ("de", "vers"),
    [("PUBLIE", "BROUILLON"), ("DECIDE", "CLOS"), ("DECIDE", "PUBLIE"), ("BROUILLON", "CLOS")],
)
def test_r_aac_transitions_interdites(de: str, vers: str) -> None:
    constat = verifier_transition(TRANSITIONS_APPEL, de, vers)
    assert constat is not None and constat.champ == "statut"
    assert constat.message.startswith("R-AAC : un appel «")


def test_r_aac_rouvrir_un_appel_clos_demande_un_motif() -> None:
    constat = verifier_transition(TRANSITIONS_APPEL, "CLOS", "PUBLIE", "  ")
    assert constat is not None and constat.champ == "motif"
    assert constat.message == (
        "R-AAC : pour rouvrir, indiquez le motif : il est conservé dans l'historique."
    )
    assert verifier_transition(TRANSITIONS_APPEL, "CLOS", "PUBLIE", "Dépôt bloqué.") is None


def test_r_aac_clore_avant_la_date_limite_demande_une_justification() -> None:
    limite = date(2019, 3, 4)
    constat = verifier_cloture(date(2018, 12, 20), limite, "")
    assert constat is not None and constat.champ == "justification"
    assert "jusqu'au 04/03/2019 inclus" in constat.message
    assert verifier_cloture(limite, limite, " ") is not None
    assert verifier_cloture(date(2018, 12, 20), limite, "Enveloppe supprimée.") is None
    assert verifier_cloture(date(2019, 3, 5), limite, "") is None
    assert verifier_cloture(date(2019, 3, 5), None, "") is None


def test_r_selection_decider_puis_amender_avec_motif() -> None:
    for vers in ("RETENU", "PARTIELLEMENT_RETENU", "REFUSE"):
        assert verifier_transition(TRANSITIONS_DOSSIER, "DEPOSE", vers) is None
    amendement = verifier_transition(TRANSITIONS_DOSSIER, "REFUSE", "RETENU")
    assert amendement is not None and amendement.regle == "R-SELECTION"
    assert "amender la décision" in amendement.message
    assert verifier_transition(TRANSITIONS_DOSSIER, "REFUSE", "RETENU", "Recours.") is None


def test_r_selection_un_dossier_decide_ne_revient_pas_en_depot() -> None:
    constat = verifier_transition(TRANSITIONS_DOSSIER, "RETENU", "DEPOSE", "x")
    assert constat is not None
    assert constat.message == (
        "R-SELECTION : un dossier « retenu » ne peut pas passer à « déposé »."
    )
    assert verifier_transition(TRANSITIONS_DOSSIER, "BROUILLON", "RETENU") is not None


def test_les_tables_ne_citent_que_des_statuts_libelles() -> None:
    for table in (TRANSITIONS_APPEL, TRANSITIONS_DOSSIER):
        for t in table.transitions:
            assert t.de in table.libelles and t.vers in table.libelles
            assert t.regle.startswith("R-")
