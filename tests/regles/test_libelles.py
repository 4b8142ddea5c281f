"""Libellés français des chemins du contenu : aucun chemin JSON ni code à l'écran."""

from __future__ import annotations

import re

import pytest

from regles.libelles import libelle_chemin


@pytest.mark.parametrize(
    ("chemin", "libelle"),
    [
        ("services.accompagnement.SOUS_LOCATION", "Prestations › accompagnement › sous-location"),
        (
            "agrements.CARTE_PROFESSIONNELLE",
            "Agréments et garanties › Carte professionnelle « gestion immobilière »",
        ),
        ("places[2].trimestres[3]", "Annexe 3 (places) › ligne 3 › 4e trimestre"),
        ("places[0].trimestres[0]", "Annexe 3 (places) › ligne 1 › 1er trimestre"),
        ("porteur.representant", "Identité du porteur › représentant habilité"),
        ("financements[0].financeur", "Recettes › ligne 1 › financeur"),
        ("cle_inconnue", "Cle inconnue"),
        (None, ""),
    ],
)
def test_un_chemin_du_contenu_se_lit_en_francais(chemin, libelle) -> None:
    assert libelle_chemin(chemin) == libelle


def test_aucun_constat_ne_met_de_pluriel_entre_parentheses(exemples, bareme) -> None:
    """Typographie : « 0 logement capté », « 2 partenariats », jamais « logement(s) » ni
    « manquant(e) » — sur un dossier vide, l'exemple complet et une variante partielle."""
    import json
    from datetime import date

    from regles.conformite import verifier_dossier
    from regles.entrees_dossier import lire_dossier

    exemple = json.loads((exemples / "conformite.json").read_text(encoding="utf-8"))
    partiel = {**exemple, "agrements": {}, "partenariats": exemple["partenariats"][:1]}
    partiel["parc_social"] = {"logements": 1}
    messages = []
    for data in ({}, exemple, partiel):
        resultat = verifier_dossier(lire_dossier(data, 8), bareme, date_reference=date(2019, 3, 1))
        messages += [c.message for c in resultat.constats]
    fautifs = [m for m in messages if "(s)" in m or "(e)" in m]
    assert fautifs == []
    # « 0 place », pas « 0 places » ni « les 0 places ».
    assert [m for m in messages if re.search(r"\b[01][\s\u00a0]places", m)] == []
    assert any("0\u00a0place ouverte au" in m for m in messages)
    assert any("1\u00a0partenariat :" in m for m in messages)
    assert any("pièce manquante : Agrément L 365-4" in m for m in messages)


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        ("AIS Rennes Habitat Solidaire", "d'AIS Rennes Habitat Solidaire"),
        ("Association Le Relais Logement 35", "d'Association Le Relais Logement 35"),
        ("Ille-et-Vilaine", "d'Ille-et-Vilaine"),
        ("Toit Partagé 35", "de Toit Partagé 35"),
        ("Habitat et Humanisme", "de Habitat et Humanisme"),
    ],
)
def test_de_s_elide_devant_une_voyelle(nom: str, attendu: str) -> None:
    from regles.format import de

    assert de(nom) == attendu
