"""R-STATS : la tâche quotidienne alerte l'opérateur et l'État d'une statistique non soumise
après la date limite, une seule fois."""

from __future__ import annotations

from datetime import date

from iml.alertes.models import Alerte
from iml.pilotage.statistiques import services
from iml.pilotage.taches_statistiques import alerter_statistiques
from tests.appels.factories import acteur
from tests.pilotage.test_statistiques_services import ANNEE, MAINTENANT, ouvrir


def test_apres_la_date_limite_l_operateur_et_l_etat_sont_alertes_une_fois(distribution):
    campagne = ouvrir(distribution)
    ais = campagne.statistiques.get(operateur=distribution.org.ais35)
    services.soumettre(acteur=acteur(distribution.marc), statistique=ais, maintenant=MAINTENANT)
    assert alerter_statistiques.call(campagne.date_limite.isoformat()) == 0  # le jour même
    apres = date(ANNEE + 1, 4, 1).isoformat()
    creees = alerter_statistiques.call(apres)
    assert creees > 0
    assert alerter_statistiques.call(apres) == 0  # rejouée : rien de plus
    relais = Alerte.objects.filter(destinataire=distribution.helene)
    assert [a.message for a in relais] == [
        f"R-STATS : les statistiques {ANNEE} de Association Le Relais Logement 35 n'ont pas été "
        f"soumises à la date limite du 31/03/{ANNEE + 1} ; le renouvellement de la convention "
        "est signalé."
    ]
    assert not Alerte.objects.filter(destinataire=distribution.marc).exists()  # AIS a soumis
    assert not Alerte.objects.filter(destinataire=distribution.nadia).exists()  # travail social
    etat = Alerte.objects.filter(destinataire=distribution.claire)
    assert etat.count() == 2  # Le Relais et Toit Partagé
    assert not Alerte.objects.filter(destinataire=distribution.paul).exists()
