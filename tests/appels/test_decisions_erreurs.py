"""Retenir un dossier malgré ses erreurs (issue 8, R-SELECTION) : la page de décision rappelle
les erreurs de la version déposée ; la retenue exige une justification écrite, conservée et
reprise dans la fiche d'instruction."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from iml.appels.enums import StatutAppel
from iml.appels.models import Decision
from iml.appels.services import decisions as services_decisions
from tests.appels.test_appels_fabriques import acteur, dossier_fige
from tests.factories import connecter

pytestmark = pytest.mark.django_db

ERREURS = [
    {
        "regle": "R-ELIGIBILITY",
        "niveau": "erreur",
        "message": "R-ELIGIBILITY : carte professionnelle expirée le 31/12/2018.",
        "champ": "agrements.carte_professionnelle",
    },
    {
        "regle": "R-ELIGIBILITY",
        "niveau": "erreur",
        "message": "R-ELIGIBILITY : agrément L 365-3 absent pour un accompagnement en interne.",
        "champ": "agrements",
    },
    {
        "regle": "R-COST-PLACE-MAX",
        "niveau": "erreur",
        "message": "R-COST-PLACE-MAX : 3 429 € par place pour un maximum de 2 200 €.",
        "champ": "budget",
    },
    {
        "regle": "R-MODE-SPLIT",
        "niveau": "info",
        "message": "R-MODE-SPLIT : la répartition s'apprécie sur les projets retenus.",
        "champ": None,
    },
]


def _dossier(distribution):
    return dossier_fige(distribution, StatutAppel.CLOS, constats=ERREURS)


def test_la_page_de_decision_rappelle_les_erreurs_de_la_version(client, distribution):
    dossier = _dossier(distribution)
    connecter(client, distribution.claire)
    page = client.get(reverse("appels:decider", args=[dossier.pk])).content.decode()
    assert "Erreurs de la version déposée (3)" in page
    for constat in ERREURS[:3]:
        assert escape(constat["message"]) in page
    assert escape(ERREURS[3]["message"]) not in page
    assert "Justification de la retenue malgré les erreurs" in page


def test_retenir_malgre_les_erreurs_exige_une_justification(client, distribution):
    dossier = _dossier(distribution)
    connecter(client, distribution.claire)
    url = reverse("appels:decider", args=[dossier.pk])
    reponse = client.post(url, {"resultat": "RETENU"})
    assert reponse.status_code == 200
    assert reponse.context["form"].errors["justification_erreurs"] == [
        "R-SELECTION : la version n° 1 porte 3 erreurs (rappelées ci-dessus) : retenir ce "
        "dossier malgré elles exige une justification écrite."
    ]
    assert not Decision.objects.exists()
    justification = "Carte renouvelée le 02/04/2019 (pièce reçue) ; coût négocié à 2 150 €."
    reponse = client.post(url, {"resultat": "RETENU", "justification_erreurs": justification})
    assert reponse.status_code == 302
    assert Decision.objects.get(dossier=dossier).justification_erreurs == justification
    fiche = client.get(reverse("appels:dossier_instruction", args=[dossier.pk])).content.decode()
    assert "Retenu malgré les erreurs de la version déposée" in fiche
    assert escape(justification) in fiche


def test_un_refus_ne_demande_pas_de_justification_des_erreurs(distribution):
    dossier = _dossier(distribution)
    decision = services_decisions.decider(
        acteur=acteur(distribution.claire),
        dossier=dossier,
        resultat="REFUSE",
        maintenant=timezone.now(),
        motifs="Conditions d'éligibilité non remplies.",
        justification_erreurs="Sans objet.",
    )
    assert decision.justification_erreurs == ""
