"""Depuis la fiche du logement, ni entrée ni sortie de ménage : l'admission et la sortie des
occupations s'en chargent (R-PARC)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from iml.parc.services import logements
from regles.types import StatutLogement
from tests.appels.factories import acteur, demo
from tests.factories import connecter
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("statut", "vers"),
    [(StatutLogement.DISPONIBLE, "OCCUPE"), (StatutLogement.OCCUPE, "VACANT")],
)
def test_la_fiche_ne_fait_ni_entrer_ni_sortir_un_menage(statut, vers):
    logement = LogementFactory(statut=statut)
    with pytest.raises(ValidationError, match="depuis son occupation"):
        logements.changer_statut_logement(
            acteur=acteur(demo("julie")), logement=logement, vers=vers,
            maintenant=timezone.now(), manuel=True,
        )  # fmt: skip
    logement.refresh_from_db()
    assert logement.statut == statut


def test_la_fiche_ne_propose_pas_l_entree_d_un_menage_mais_propose_les_travaux(client):
    logement = LogementFactory(statut=StatutLogement.DISPONIBLE)
    connecter(client, demo("julie"))
    page = client.get(reverse("parc:logement", kwargs={"pk": logement.pk})).content.decode()
    assert 'value="OCCUPE"' not in page
    assert 'value="EN_TRAVAUX"' in page
    reponse = client.post(
        reverse("parc:logement_statut", kwargs={"pk": logement.pk}), {"vers": "OCCUPE"}
    )
    assert "depuis son occupation" in reponse.content.decode()
