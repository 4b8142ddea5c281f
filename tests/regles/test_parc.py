"""Règles du parc : prise de contact (R-CONTACT), échéance des contrats (R-CONTRAT-FIN),
tables des prospects (R-CAPTATION) et des logements (R-PARC)."""

from __future__ import annotations

from datetime import date

import pytest

from regles.parc import echeance_contrat, mobilise_au, ouvert_au, verifier_contact
from regles.transitions import TRANSITIONS_LOGEMENT, TRANSITIONS_PROSPECT, verifier_transition

FIN = date(2027, 5, 14)


def test_r_contact_bloque_la_prise_de_contact_seulement() -> None:
    constat = verifier_contact(True, "CONTACTE")
    assert constat is not None and constat.message.startswith("R-CONTACT : ")
    assert verifier_contact(True, "A_CONTACTER") is not None
    assert verifier_contact(True, "VISITE") is not None
    assert verifier_contact(True, "CAPTE") is not None
    assert verifier_contact(True, "ABANDONNE") is None
    assert verifier_contact(False, "CONTACTE") is None


def test_r_contrat_fin_fenetre_de_90_jours_bornes_incluses() -> None:
    assert echeance_contrat(FIN, None, date(2027, 2, 12), 90) is None
    avant = echeance_contrat(FIN, None, date(2027, 2, 13), 90)
    assert avant is not None and "prend fin le 14/05/2027" in avant.message
    apres = echeance_contrat(FIN, None, date(2027, 8, 12), 90)
    assert apres is not None and "a pris fin le 14/05/2027" in apres.message
    assert echeance_contrat(FIN, None, date(2027, 8, 13), 90) is None


def test_r_contrat_fin_muet_pour_un_contrat_resilie() -> None:
    assert echeance_contrat(FIN, date(2027, 1, 10), date(2027, 4, 1), 90) is None
    assert echeance_contrat(FIN, date(2027, 6, 1), date(2027, 4, 1), 90) is not None


def test_r_captation_chemin_et_refus() -> None:
    chemin = ["A_CONTACTER", "CONTACTE", "VISITE", "NEGOCIATION", "CAPTE"]
    for de, vers in zip(chemin, chemin[1:], strict=False):
        assert verifier_transition(TRANSITIONS_PROSPECT, de, vers) is None
    refus = verifier_transition(TRANSITIONS_PROSPECT, "CAPTE", "ABANDONNE")
    assert refus is not None and "« capté » ne peut pas passer à « abandonné »" in refus.message
    relance = verifier_transition(TRANSITIONS_PROSPECT, "ABANDONNE", "A_CONTACTER")
    assert relance is not None and relance.champ == "motif"


def test_r_parc_restitution_definitive_et_motivee() -> None:
    assert verifier_transition(TRANSITIONS_LOGEMENT, "VACANT", "RESTITUE", "Vente") is None
    assert verifier_transition(TRANSITIONS_LOGEMENT, "VACANT", "RESTITUE") is not None
    # Un logement occupé n'est restitué qu'au glissement du bail, avec une note.
    assert verifier_transition(TRANSITIONS_LOGEMENT, "OCCUPE", "RESTITUE") is not None
    assert verifier_transition(TRANSITIONS_LOGEMENT, "OCCUPE", "RESTITUE", "Bail glissé") is None
    assert verifier_transition(TRANSITIONS_LOGEMENT, "EN_TRAVAUX", "OCCUPE") is not None
    assert TRANSITIONS_LOGEMENT.suivants("RESTITUE") == ()


@pytest.mark.parametrize(
    ("statut", "restitue_le", "mobilise", "ouvert_aujourdhui"),
    [
        ("DISPONIBLE", None, True, True),
        ("OCCUPE", None, True, True),
        ("VACANT", None, True, True),
        ("EN_TRAVAUX", None, True, False),  # mobilisé mais fermé
        ("EN_CAPTATION", None, False, False),  # date importée, jamais mis en location
        ("RESTITUE", None, False, False),  # restitué sans date : compté nulle part
        ("RESTITUE", date(2024, 1, 1), False, False),
    ],
)
def test_r_parc_logement_mobilise_et_place_ouverte(
    statut: str, restitue_le: date | None, mobilise: bool, ouvert_aujourdhui: bool
) -> None:
    mobilise_le, jour = date(2020, 3, 1), date(2025, 6, 1)
    assert mobilise_au(statut, mobilise_le, restitue_le, jour) is mobilise
    assert ouvert_au(statut, mobilise_le, restitue_le, jour, jour) is ouvert_aujourdhui
    # À une date passée, seules les dates comptent : le statut actuel n'en dit rien.
    passe = date(2023, 12, 31)
    attendu = statut != "EN_CAPTATION" and not (statut == "RESTITUE" and restitue_le is None)
    assert ouvert_au(statut, mobilise_le, restitue_le, passe, jour) is attendu
    assert not mobilise_au(statut, mobilise_le, restitue_le, date(2020, 2, 29))
    assert not mobilise_au(statut, None, None, jour)
