"""R-PARC : une seule définition de « logement mobilisé » et de « place ouverte » à une date
(`regles.parc`), la même pour le tableau de bord, la montée en charge (R-RAMPUP) et les
statistiques annuelles (R-STATS). Comptes faits à la main."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from iml.parc.models import Logement
from iml.parc.selectors import logements_par_convention
from iml.pilotage import selectors_montee
from iml.pilotage.statistiques.instantanes import calculer_lot
from tests.appels.factories import DossierFactory
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def convention(distribution):
    """Un T2 disponible (3 places) et un T3 en travaux (4 places), mobilisés en 2019 ; un T3
    importé encore en captation mais daté (4 places) et un T3 restitué sans date de
    restitution (4 places)."""
    convention = DossierFactory(conventionne=True).convention

    def logement(statut: str, **autres) -> Logement:
        return LogementFactory(
            convention=convention, statut=statut, date_mobilisation=date(2019, 6, 15), **autres
        )

    logement("DISPONIBLE")
    logement("EN_TRAVAUX", typologie="T3", capacite=4)
    en_captation = logement("EN_CAPTATION", typologie="T3", capacite=4)
    restitue = logement("RESTITUE", typologie="T3", capacite=4)
    assert en_captation.date_mobilisation == date(2019, 6, 15)
    Logement.objects.filter(pk=restitue.pk).update(date_restitution=None)  # cas d'import
    return convention


def test_le_tableau_de_bord_et_la_montee_comptent_les_memes_places_ouvertes(convention):
    lignes = logements_par_convention([convention.pk])
    # Au jour présent : T2 et T3 en travaux mobilisés ; seul le T2 est ouvert (3 places).
    assert sum(ligne["mobilises"] for ligne in lignes) == 2
    assert sum(ligne["ouvertes"] for ligne in lignes) == 3
    montee = selectors_montee.montee_de(convention, timezone.localdate()).montee
    assert sum(c.reel.places for c in montee.par_cle) == 3  # avant : 7, travaux compris
    assert sum(c.reel.logements for c in montee.par_cle) == 1


def test_les_statistiques_ne_comptent_que_les_logements_mobilises(convention):
    operateur = convention.dossier.operateur_id
    lignes = {ligne.cle: ligne.valeur for ligne in calculer_lot([operateur], 2020)[operateur]}
    # Au 31/12/2020 (date passée : seules les dates comptent) : le T2 et le T3 en travaux ;
    # ni le logement en captation ni le restitué sans date (avant : 4 logements, 15 places).
    assert (lignes["logements"], lignes["places"]) == (2, 7)
