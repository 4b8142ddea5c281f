"""Tant que le bloc `siao` du barème (volet moteur) n'est pas fusionné, les délais du contrat
(10 jours de réponse, 30 jours de vacance) tiennent lieu de paramètres ; ensuite, rien."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from regles.bareme import Bareme


@pytest.fixture(autouse=True)
def _parametres_siao(monkeypatch):
    if "siao" in Bareme.__dataclass_fields__:
        return
    siao = SimpleNamespace(proposition_delai_reponse_jours=10, vacance_alerte_jours=30)
    monkeypatch.setattr("iml.orientations.parametres.parametres_siao", lambda: siao)
