"""Formulaire d'une demande du SIAO : ce que la personne saisit ne se perd pas."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iml.orientations.models import Demande
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def test_une_date_de_critere_saisie_sans_cocher_la_case_garde_le_critere(client, distribution):
    """R-PRIORITY-PUBLICS : la date de reconnaissance d'un critère DALO, saisie sans cocher sa
    case, ne disparaît pas en silence (la priorité du ménage en dépend)."""
    connecter(client, distribution.sophie)
    donnees = {
        "reference_siao": "SIAO35-FORM-1", "nom": "Durand", "prenom": "Léa", "adultes": "1",
        "enfants": "0", "ressources": "1400", "demande_le": "2025-01-15",
        "categorie": "CLASSIQUE", "communes": "35238",
        "reconnu_DALO_HEBERGE": "2024-01-01",
    }  # fmt: skip
    reponse = client.post(reverse("orientations:demande_creer"), donnees)
    assert reponse.status_code == 302
    demande = Demande.objects.get(reference_siao="SIAO35-FORM-1")
    criteres = {(c.critere, c.reconnu_le.isoformat()) for c in demande.criteres.all()}
    assert criteres == {("DALO_HEBERGE", "2024-01-01")}
