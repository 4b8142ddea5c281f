"""Libellés français des chemins du contenu : aucun chemin JSON ni code à l'écran."""

from __future__ import annotations

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
