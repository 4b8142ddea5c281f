"""Périmètre des orientations : les chiffres et les délais d'un service de l'État comptent
les logements et les demandes de son territoire (département, ou départements de sa région),
jamais ceux d'un département dont le code ressemble au code de sa région."""

from __future__ import annotations

import pytest

from iml.comptes.enums import Role, TypeOrganisation
from iml.orientations.selectors import chiffres
from iml.orientations.selectors_delais import rapport
from tests.appels.factories import acteur
from tests.orientations.factories import PropositionFactory, VacanceFactory, agent_ailleurs
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db


def _vacance(agent, commune: str, code_postal: str):
    logement = LogementFactory(
        agent=agent, statut="DISPONIBLE", commune=commune, code_postal=code_postal
    )
    return VacanceFactory(agent=agent, logement=logement)


def test_paul_ne_compte_pas_paris_sous_le_code_75_de_sa_region(distribution):
    """DREETS Nouvelle-Aquitaine (région 75) : Paris (département 75) n'en est pas."""
    parisien = agent_ailleurs(TypeOrganisation.OPERATEUR, Role.DIRECTION, "75")
    _vacance(parisien, "75056", "75001")
    _vacance(distribution.louis, "33063", "33000")  # Bordeaux, Gironde : sa région
    assert chiffres(acteur(distribution.paul))["vacances_declarees"] == 1
    assert chiffres(acteur(distribution.claire))["vacances_declarees"] == 0


def test_les_delais_de_l_etat_restent_dans_son_territoire(distribution):
    PropositionFactory()  # Rennes : Bretagne
    assert rapport(acteur(distribution.claire)).propositions == 1
    assert rapport(acteur(distribution.paul)).propositions == 0


def test_un_import_se_lit_dans_le_perimetre_du_siao(distribution):
    """Revue 12, constat 18 : le périmètre d'un import est dans les selectors."""
    from django.http import Http404

    from iml.orientations.selectors import import_ou_404
    from iml.orientations.services.imports import deposer_import
    from tests.orientations.matrice_imports import EXPORT_CSV

    autre_siao = agent_ailleurs(TypeOrganisation.SIAO, Role.COORDINATION, "33")
    imp = deposer_import(acteur=acteur(autre_siao), nom_fichier="e.csv", contenu=EXPORT_CSV)
    assert import_ou_404(acteur(autre_siao), imp.pk) == imp
    for agent in (distribution.sophie, distribution.marc):
        with pytest.raises(Http404):
            import_ou_404(acteur(agent), imp.pk)
