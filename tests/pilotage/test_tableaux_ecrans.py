"""Écrans des tableaux de bord (revue d'usage 13) : la file « À traiter » vide le dit, ses
précisions sont en français, son nombre vient avant le libellé (visible à 390 px) ; les liens
d'export ne se coupent pas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import connecter

pytestmark = pytest.mark.django_db


def _section_a_traiter(texte: str) -> str:
    debut = texte.index('id="file-de-travail"')
    return texte[debut : texte.index("</section>", debut)]


def test_le_cofinanceur_sans_file_lit_rien_a_traiter(client, distribution):
    connecter(client, distribution.anne)
    section = _section_a_traiter(client.get(reverse("ui:accueil")).content.decode())
    assert "Rien à traiter." in section
    assert "<table" not in section


def test_la_file_de_l_operateur_nombre_en_premier_et_precisions_en_francais(client, distribution):
    connecter(client, distribution.marc)
    section = _section_a_traiter(client.get(reverse("ui:accueil")).content.decode())
    entetes = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', section)
    assert entetes[0] == "Nombre"
    # Chaque précision qui cite une règle la met entre parenthèses après un texte français.
    precisions = re.findall(r"<td>([^<]*)</td>", section)
    assert any("R-MG-GLS-DURATION" in p for p in precisions)
    for precision in precisions:
        assert not re.fullmatch(r"\s*\(?R-[A-Z-]+\)?\s*", precision), precision


def test_les_liens_d_export_ne_se_coupent_pas(client, distribution):
    from django.contrib.staticfiles import finders

    connecter(client, distribution.claire)
    texte = client.get(reverse("ui:accueil")).content.decode()
    assert "iml-graphique__exports" in texte and "pilotage/pilotage.css" in texte
    feuille = Path(finders.find("pilotage/pilotage.css")).read_text()
    assert re.search(r"\.iml-graphique__exports \.fr-link \{ white-space: nowrap; \}", feuille)
