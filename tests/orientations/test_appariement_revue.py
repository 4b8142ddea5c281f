"""Revue d'une exécution du moteur d'appariement : ce que le SIAO lit pour choisir les paires."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iml.orientations.models import ExecutionAppariement
from tests.factories import connecter
from tests.orientations.factories import DemandeFactory, VacanceFactory

pytestmark = pytest.mark.django_db


def test_la_revue_dit_la_priorite_en_mots_et_distingue_les_homonymes(client, distribution):
    """Deux ménages homonymes se distinguent par leur référence SI-SIAO ; la priorité se lit
    en mots (DALO, ancienneté), jamais en poids brut du barème ; la case « Proposer » a une
    étiquette visible."""
    VacanceFactory()
    dalo = DemandeFactory(agent=distribution.sophie, dalo=True, nom="Bernard")
    DemandeFactory(agent=distribution.sophie, nom="Bernard")
    connecter(client, distribution.sophie)
    reponse = client.post(reverse("orientations:appariement_lancer"))
    execution = ExecutionAppariement.objects.get(pk=int(reponse.url.rstrip("/").split("/")[-1]))
    html = client.get(reverse("orientations:appariement", kwargs={"pk": execution.pk}))
    texte = html.content.decode()
    assert dalo.reference_siao in texte
    assert texte.count("Bernard") >= 2
    assert "DALO, public prioritaire" not in texte  # un critère DALO seul
    assert "DALO, demande de" in texte
    assert "1 000 000" not in texte and "1\u202f000\u202f000" not in texte
    assert ">Proposer<span" in texte
