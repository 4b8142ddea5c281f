"""Dans le navigateur, le tableau de bord de chaque rôle (page d'accueil) à 1280 px puis sur un
téléphone (390 px) : graphiques DSFR Chart dessinés, table de données et liens d'export à côté,
axe sans violation (graphiques compris), aucune violation CSP (la fixture `page` échoue sur
toute erreur de console), rien ne déborde horizontalement.

`IML_CAPTURES_GUIDE=docs/guide/images/pilotage` enregistre les captures du guide
(docs/guide/pilotage.md).
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from regles.types import StatutLogement
from tests.navigateur.outils import attendre_dsfr, ouvrir_session, verifier_axe

pytestmark = pytest.mark.navigateur
CAPTURES = os.environ.get("IML_CAPTURES_GUIDE")
TELEPHONE = {"width": 390, "height": 844}
ECRAN = {"width": 1280, "height": 900}


def _preparer(demo) -> None:
    """Une convention de l'AIS 35 cofinancée par le département (anne), deux logements
    mobilisés dont un occupé, une vacance déclarée et une proposition du SIAO 35."""
    from iml.appels.services.conventions import (
        LigneCofinancement,
        calculer_convention,
        etablir_convention,
    )
    from tests.appels.factories import DossierFactory, acteur, agent_de
    from tests.menages.factories import OccupationFactory
    from tests.orientations.factories import PropositionFactory, VacanceFactory
    from tests.parc.factories import LogementFactory

    dossier = DossierFactory(retenu=True, operateur=demo.org.ais35)
    calcul = calculer_convention(dossier)
    annees = sorted(set(calcul.exercices) | {timezone.localdate().year})
    convention = etablir_convention(
        acteur=acteur(agent_de(dossier.appel)),
        dossier=dossier,
        montants_negocies=calcul.totaux(),
        motif_ecart="",
        cofinancements=[
            LigneCofinancement("CONSEIL_DEPARTEMENTAL", a, Decimal(12000), demo.org.cd35)
            for a in annees
            if a in calcul.exercices
        ],
    )
    LogementFactory(convention=convention, statut=StatutLogement.DISPONIBLE, typologie="T1",
                    capacite=2)  # fmt: skip
    occupe = LogementFactory(convention=convention, statut=StatutLogement.DISPONIBLE)
    OccupationFactory(logement=occupe)
    VacanceFactory(agent=demo.marc)
    PropositionFactory(agent=demo.sophie, operateur_agent=demo.marc)


def _capture(page, nom: str) -> None:
    if CAPTURES:
        Path(CAPTURES).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{CAPTURES}/{nom}.png", full_page=True)


def _verifier(page, contexte: str) -> None:
    largeur = page.viewport_size["width"]
    verifier_axe(page, f"{contexte} à {largeur} px")
    defilement = page.evaluate("document.documentElement.scrollWidth")
    assert defilement <= largeur, f"{contexte} déborde à {largeur} px ({defilement} px)"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("persona", "titre", "graphiques"),
    [
        ("claire", "Places financées, mobilisées, ouvertes et occupées", 3),
        ("marc", "Places financées, mobilisées, ouvertes et occupées", 3),
        ("sophie", "Propositions par état", 1),
        ("anne", "Conventions cofinancées", 1),
    ],
)
def test_le_tableau_de_bord_de_chaque_role(page, demo, live_server, persona, titre, graphiques):
    _preparer(demo)
    ouvrir_session(page, getattr(demo, persona), live_server.url)
    for taille in (ECRAN, TELEPHONE):
        page.set_viewport_size(taille)
        page.goto("/")
        attendre_dsfr(page)
        assert page.get_by_role("heading", name="À traiter").is_visible()
        assert page.get_by_role("heading", name="Chiffres clés").is_visible()
        premier = page.get_by_role("heading", name=titre).first
        assert premier.is_visible()
        # Chaque graphique est dessiné (canvas de DSFR Chart) et suivi de sa table de données.
        page.locator("bar-chart canvas").first.wait_for()
        assert page.locator("bar-chart canvas").count() == graphiques
        assert page.locator("table caption", has_text="(données du graphique)").count() >= 1
        assert page.get_by_role("link", name="Télécharger").first.is_visible()
        _verifier(page, f"tableau de bord de {persona}")
        if taille is ECRAN:
            _capture(page, f"tableau-de-bord-{persona}")
