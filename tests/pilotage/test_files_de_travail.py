"""Les files du tableau de bord venues des volets du pilotage (jalons à surveiller, R-RAMPUP ;
statistiques attendues, R-STATS) et le bandeau de renouvellement de la convention (R-STATS)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from iml.comptes.enums import Role, TypeOrganisation
from tests.factories import connecter
from tests.pilotage.test_montee import _convention, _logement
from tests.pilotage.test_statistiques_services import ANNEE, ouvrir

pytestmark = pytest.mark.django_db


def test_l_etat_voit_les_jalons_manques_de_ses_conventions(client, distribution):
    convention = _convention()
    _logement(convention, date(2019, 6, 15))  # 3 places ouvertes pour 50 % exigés fin 2019
    connecter(client, distribution.claire)
    texte = client.get(reverse("ui:accueil")).content.decode()
    assert "Jalons à surveiller" in texte
    url = reverse("pilotage:montee_convention", kwargs={"pk": convention.pk})
    assert f'<a href="{url}">{convention.numero}</a>' in texte
    assert "Manqué" in texte


def test_le_siao_n_a_ni_jalons_ni_statistiques(client, distribution):
    connecter(client, distribution.sophie)
    texte = client.get(reverse("ui:accueil")).content.decode()
    assert "Jalons à surveiller" not in texte and "Statistiques attendues" not in texte


def test_les_statistiques_attendues_de_l_operateur_puis_de_l_etat(client, distribution):
    campagne = ouvrir(distribution)
    ais = campagne.statistiques.get(operateur=distribution.org.ais35)
    connecter(client, distribution.marc)
    texte = client.get(reverse("ui:accueil")).content.decode()
    url = reverse("pilotage:statistique", kwargs={"pk": ais.pk})
    assert f'<a href="{url}">Statistiques {ANNEE}</a>' in texte
    assert distribution.org.relais35.nom not in texte.split("Statistiques attendues")[1]
    client.logout()
    connecter(client, distribution.claire)
    texte = client.get(reverse("ui:accueil")).content.decode()
    assert "Statistiques attendues" in texte and distribution.org.relais35.nom in texte


def test_la_convention_signale_le_renouvellement_apres_la_date_limite(client, distribution):
    from tests.appels.factories import DossierFactory

    convention = DossierFactory(signe=True).convention
    ouvrir(distribution, limite=date(ANNEE + 1, 1, 2))  # passée : ANNEE + 1 est l'an courant
    connecter(client, distribution.claire)
    url = reverse("appels:convention", kwargs={"pk": convention.dossier_id})
    texte = client.get(url).content.decode()
    assert "Renouvellement signalé" in texte
    assert f"R-STATS : les statistiques {ANNEE} n&#x27;ont pas été soumises" in texte


def test_la_dreets_voit_les_statistiques_qui_attendent_sa_consolidation(client, distribution):
    from iml.pilotage.statistiques import services
    from tests.appels.factories import acteur
    from tests.orientations.factories import agent_ailleurs
    from tests.pilotage.test_statistiques_services import MAINTENANT

    ddets33 = agent_ailleurs(TypeOrganisation.ETAT, Role.AGENT_INSTRUCTEUR, "33")
    campagne = ouvrir(distribution, agent=distribution.paul)  # toute la région
    gironde = campagne.statistiques.get(operateur=distribution.org.solidarite33)
    services.soumettre(
        acteur=acteur(distribution.louis), statistique=gironde, maintenant=MAINTENANT
    )
    connecter(client, distribution.paul)
    attendues = client.get(reverse("ui:accueil")).content.decode().split("Statistiques attendues")
    assert distribution.org.solidarite33.nom not in attendues[1]  # soumise : la DDETS d'abord
    services.consolider(acteur=acteur(ddets33), statistique=gironde, maintenant=MAINTENANT)
    attendues = client.get(reverse("ui:accueil")).content.decode().split("Statistiques attendues")
    url = reverse("pilotage:statistique", kwargs={"pk": gironde.pk})
    assert f'<a href="{url}">Statistiques {ANNEE}</a>' in attendues[1]
    assert "Consolidée par la DDETS" in attendues[1]


def test_la_part_atteinte_a_une_decimale_et_les_places(distribution):
    """3 places ouvertes sur 7 financées : 3 ÷ 7 = 42,857 % → « 42,9 % », et non « 43 % » ;
    50 % de 7 places exigent 4 places (arrondi au-dessus), 100 % en exigent 7."""
    from iml.pilotage import files_de_travail
    from tests.appels.factories import DossierFactory, acteur, conventionner

    dossier = DossierFactory(
        conventionne=False, partiellement_retenu=True, places_mg=5, places_sl=2
    )
    _logement(conventionner(dossier), date(2019, 6, 15))  # un T2, 3 places
    lignes = files_de_travail.jalons(acteur(distribution.claire), date(2021, 6, 1))
    assert lignes is not None
    assert [(ligne.exigee, ligne.atteinte) for ligne in lignes] == [
        ("50\u00a0% (4\u00a0places)", "42,9\u00a0% (3\u00a0places)"),
        ("100\u00a0% (7\u00a0places)", "42,9\u00a0% (3\u00a0places)"),
    ]
