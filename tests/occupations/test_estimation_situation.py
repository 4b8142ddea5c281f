"""La situation OpenFisca d'un ménage (`iml.occupations.openfisca.situation`) : une fonction
pure, vérifiée sans OpenFisca ni base de données. Ce que le moteur reçoit : des rôles, des dates
de naissance, des montants sur l'année glissante ; jamais un nom."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from iml.occupations import openfisca

MOIS = date(2026, 11, 1)


def donnees(**changements):
    base = {
        "naissance": date(1990, 5, 17),
        "membres": [],
        "ressources": {},
        "commune": "35238",
        "meuble": False,
        "loyer": Decimal("520.00"),
        "charges": Decimal("40.00"),
        "mois": MOIS,
    }
    return base | changements


def test_les_mois_vont_de_m_moins_13_au_mois_lui_meme():
    mois = openfisca.mois_precedents(date(2026, 1, 1))
    assert mois[0] == "2024-12" and mois[-1] == "2026-01" and len(mois) == 14
    assert "2025-12" in mois


def test_une_personne_seule_locataire_d_un_logement_vide_a_rennes():
    s = openfisca.situation(donnees(ressources={"SALAIRE": Decimal("900.00")}))
    reference = s["individus"][openfisca.REFERENCE]
    assert reference["date_naissance"] == {"ETERNITY": "1990-05-17"}
    assert reference["salaire_net"]["2026-11"] == 900.0
    assert reference["salaire_imposable"]["2025-10"] == 900.0
    assert len(reference["salaire_net"]) == 14
    menage = s["menages"][openfisca.MENAGE]
    assert menage["depcom"] == {"2026-11": "35238"}
    assert menage["statut_occupation_logement"] == {"2026-11": "locataire_vide"}
    assert menage["loyer"] == {"2026-11": 520.0}
    assert menage["charges_locatives"] == {"2026-11": 40.0}
    famille = s["familles"][openfisca.FAMILLE]
    assert famille["parents"] == [openfisca.REFERENCE] and famille["enfants"] == []
    assert famille["aide_logement"] == {"2026-11": None}
    assert s["foyers_fiscaux"][openfisca.FOYER]["declarants"] == [openfisca.REFERENCE]


@pytest.mark.parametrize(
    ("membres", "parents", "enfants", "autres"),
    [
        ([("CONJOINT", 1988)], ["personne_reference", "conjoint"], [], []),
        ([("ENFANT", 2016)], ["personne_reference"], ["enfant_1"], []),
        # 21 ans dans l'année : plus à charge, une famille à part dans le même logement.
        ([("ENFANT", 2005)], ["personne_reference"], [], ["autre_1"]),
        ([("PARENT", 1950), ("AUTRE", 1995)], ["personne_reference"], [], ["autre_1", "autre_2"]),
        (
            [("CONJOINT", 1985), ("ENFANT", 2012), ("ENFANT", 2019), ("CONJOINT", 1980)],
            ["personne_reference", "conjoint"],
            ["enfant_2", "enfant_3"],
            ["autre_4"],
        ),
    ],
)
def test_les_liens_rangent_chaque_membre(membres, parents, enfants, autres):
    s = openfisca.situation(donnees(membres=membres))
    famille = s["familles"][openfisca.FAMILLE]
    assert famille["parents"] == parents
    assert famille["enfants"] == enfants
    assert s["foyers_fiscaux"][openfisca.FOYER]["personnes_a_charge"] == enfants
    menage = s["menages"][openfisca.MENAGE]
    assert menage["enfants"] == enfants
    assert menage.get("autres", []) == autres
    assert ("conjoint" in menage) == ("conjoint" in parents)
    for ident in autres:
        assert s["familles"][f"famille_{ident}"] == {"parents": [ident]}
        assert s["foyers_fiscaux"][f"foyer_fiscal_{ident}"] == {"declarants": [ident]}
    # Chaque individu appartient à une famille et à un foyer fiscal.
    membres_familles = {
        i for f in s["familles"].values() for i in f["parents"] + f.get("enfants", [])
    }
    assert membres_familles == set(s["individus"])


def test_un_membre_ne_une_annee_est_ne_le_1er_juillet():
    s = openfisca.situation(donnees(membres=[("ENFANT", 2016)]))
    assert s["individus"]["enfant_1"]["date_naissance"] == {"ETERNITY": "2016-07-01"}


@pytest.mark.parametrize(
    ("nature", "entite", "variables"),
    [
        ("SALAIRE", "individu", ["salaire_net", "salaire_imposable"]),
        ("AAH", "individu", ["aah"]),
        ("RSA", "famille", ["rsa"]),
        ("PRESTATIONS_FAMILIALES", "famille", ["af"]),
    ],
)
def test_chaque_ressource_va_a_sa_variable(nature, entite, variables):
    s = openfisca.situation(donnees(ressources={nature: Decimal("250.50")}))
    porteur = (
        s["individus"][openfisca.REFERENCE]
        if entite == "individu"
        else s["familles"][openfisca.FAMILLE]
    )
    for variable in variables:
        assert set(porteur[variable].values()) == {250.5}


@pytest.mark.parametrize("nature", ["AIDE_LOGEMENT", "AUTRE"])
def test_l_aide_connue_et_les_autres_ressources_ne_sont_pas_transmises(nature):
    s = openfisca.situation(donnees(ressources={nature: Decimal("300.00")}))
    assert s == openfisca.situation(donnees())


def test_un_logement_meuble():
    s = openfisca.situation(donnees(meuble=True))
    assert s["menages"][openfisca.MENAGE]["statut_occupation_logement"] == {
        "2026-11": "locataire_meuble"
    }


def test_la_situation_ne_contient_ni_nom_ni_reference_et_se_serialise():
    entree = donnees(ressources={"SALAIRE": Decimal("1100.00")}, membres=[("ENFANT", 2016)])
    entree |= {"nom": "Martin", "prenom": "Awa", "reference": "MEN-00001"}
    texte = json.dumps(openfisca.situation(entree))
    assert "Martin" not in texte and "Awa" not in texte and "MEN-00001" not in texte


def test_le_libelle_du_moteur_porte_la_version_installee():
    assert openfisca.moteur().startswith("OpenFisca-France ")
