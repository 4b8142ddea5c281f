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


def _formes(financees, ouvertes):
    from datetime import date

    from iml.pilotage.graphiques import Ligne
    from iml.pilotage.presentation_tableaux import OUVERTES, PLACES, Tableau

    return Tableau(
        titre="Places par forme d'IML",
        colonnes=(PLACES, OUVERTES),
        lignes=(
            Ligne("Mandat de gestion", (financees[0], ouvertes[0])),
            Ligne("Sous-location", (financees[1], ouvertes[1])),
        ),
        source="essai",
        date=date(2026, 3, 5),
    )


@pytest.mark.parametrize(
    ("financees", "ouvertes", "valeur", "financees_texte"),
    [
        # La démo : 69 places financées moitié-moitié, toutes ouvertes en mandat de gestion.
        ((35, 34), (69, 0), "100,0 % / 0,0 %", "places financées 50,7 % / 49,3 %"),
        ((6, 6), (0, 0), "aucune place ouverte", "places financées 50,0 % / 50,0 %"),
        ((None, 6), (3, 1), "75,0 % / 25,0 %", "places financées non renseigné"),
    ],
)
def test_r_mode_split_la_repartition_montree_est_celle_des_places_ouvertes(
    financees, ouvertes, valeur, financees_texte
):
    from iml.parc.parametres import bareme_national
    from iml.pilotage.indicateurs_tableaux import indicateur_formes

    indicateur = indicateur_formes(bareme_national(), _formes(financees, ouvertes))
    assert indicateur.libelle == "Places ouvertes en mandat de gestion / en sous-location"
    assert indicateur.valeur.replace("\u00a0", " ") == valeur
    detail = indicateur.detail.replace("\u00a0", " ")
    assert "cible de l'appel 50 % / 50 %" in detail and financees_texte in detail


def test_r_cost_place_max_le_cout_par_place_ouverte_d_un_exercice_passe(distribution, monkeypatch):
    """Le montant d'un exercice passé se divise par les places ouvertes au 31/12 de cet
    exercice, pas par celles d'aujourd'hui (ni par 0 : « non renseigné »)."""
    from datetime import date
    from decimal import Decimal

    from django.utils import timezone

    from iml.parc.models import Logement
    from iml.pilotage import presentation_tableaux as bord
    from tests.appels.factories import DossierFactory, acteur
    from tests.parc.factories import LogementFactory

    convention = DossierFactory(conventionne=True, operateur=distribution.org.ais35).convention
    premier = LogementFactory(convention=convention, statut="DISPONIBLE")
    LogementFactory(convention=convention, statut="DISPONIBLE")
    jour = timezone.localdate()
    annee = jour.year - 1
    Logement.objects.filter(convention=convention).update(date_mobilisation=jour)
    Logement.objects.filter(pk=premier.pk).update(date_mobilisation=date(annee, 6, 1))
    monkeypatch.setattr(bord, "annee_des_montants", lambda lecture, jour: annee)
    monkeypatch.setattr(bord, "_montant_annee", lambda convention, annee: Decimal(6000))
    lecture = bord._lire(acteur(distribution.claire))
    couts = bord.tableau_couts(acteur(distribution.claire), lecture, jour)
    assert couts.colonnes[2].libelle == f"Coût par place ouverte au 31/12/{annee}"
    # Deux T2 de 3 places ouverts aujourd'hui, un seul au 31/12 : 6 000 € ÷ 3.
    assert couts.lignes[0].valeurs[2] == Decimal("2000.00")
    Logement.objects.filter(pk=premier.pk).update(date_mobilisation=jour)
    couts = bord.tableau_couts(
        acteur(distribution.claire), bord._lire(acteur(distribution.claire)), jour
    )
    assert couts.lignes[0].valeurs[2] is None  # aucune place ouverte au 31/12 : non renseigné
