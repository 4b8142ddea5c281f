"""R-STATS : les statistiques de l'année de démonstration se réconcilient avec les occupations
de la démonstration (comptées ici directement, sans le calcul), et la démo se recharge sans
doublon."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q

from iml.comptes.demo import charger_comptes
from iml.occupations.models import Occupation
from iml.parc.models import Logement
from iml.pilotage.models import StatistiqueAnnuelle
from iml.pilotage.statistiques import demo, selectors
from regles.types import DestinationSortie

pytestmark = pytest.mark.django_db

OUVERTS = ("DISPONIBLE", "OCCUPE", "VACANT", "EN_TRAVAUX")


def _attendu(operateur, annee: int) -> dict[str, int]:
    debut, fin = date(annee, 1, 1), date(annee, 12, 31)
    qs = Occupation.objects.filter(operateur=operateur)
    sorties = qs.filter(date_sortie__year=annee, suivante__isnull=True)

    def presents(jour: date) -> int:
        ici = qs.filter(
            Q(date_sortie__isnull=True) | Q(date_sortie__gt=jour), date_entree__lte=jour
        )
        return ici.values("menage").distinct().count()

    attendu = {
        "entrees": qs.filter(date_entree__year=annee, precedente__isnull=True).count(),
        "sorties": sorties.count(),
        "presents_debut": presents(date(annee - 1, 12, 31)),
        "presents_fin": presents(fin),
        "menages_loges": qs.filter(
            Q(date_sortie__isnull=True) | Q(date_sortie__gte=debut), date_entree__lte=fin
        )
        .values("menage")
        .distinct()
        .count(),
    }
    # R-PARC : mobilisés au 31/12 ; ni en captation, ni restitués (sans date ou avant la fin).
    mobilises = (
        Logement.objects.filter(operateur=operateur, date_mobilisation__lte=fin)
        .exclude(statut="EN_CAPTATION")
        .filter(Q(date_restitution__gt=fin) | Q(date_restitution__isnull=True, statut__in=OUVERTS))
    )
    attendu["logements"] = mobilises.count()
    attendu["places"] = sum(mobilises.values_list("capacite", flat=True))
    for dest in DestinationSortie:
        attendu[f"sorties.{dest}"] = sorties.filter(destination=dest).count()
    attendu["sorties.INCONNUE"] += sorties.filter(destination="").count()
    return attendu


def test_les_statistiques_de_la_demo_se_reconcilient_avec_ses_occupations():
    call_command("demo", stdout=StringIO())
    organisations = charger_comptes()
    demo.charger_demo(organisations, StringIO())
    sortie = StringIO()
    demo.charger_demo(organisations, sortie)  # rechargée : sans doublon
    assert "Statistiques" in sortie.getvalue()
    annee = demo.annee_demo()
    mouvements = places = 0
    for cle in ("ais35", "relais35"):
        statistique = StatistiqueAnnuelle.objects.get(operateur=organisations[cle], annee=annee)
        valeurs = {ligne.cle: ligne.calculee for ligne in selectors.lignes_revues(statistique)}
        attendu = _attendu(organisations[cle], annee)
        assert {k: valeurs[k] for k in attendu} == attendu, cle
        assert (
            valeurs["presents_debut"] + valeurs["entrees"] - valeurs["sorties"]
            == valeurs["presents_fin"]
        )
        mouvements += valeurs["entrees"] + valeurs["sorties"]
        places += valeurs["places"]
    assert mouvements > 0, "la démo a des entrées et des sorties dans l'année"
    assert places > 0, "la démo a des places au 31 décembre"
    ais = StatistiqueAnnuelle.objects.get(operateur=organisations["ais35"], annee=annee)
    assert ais.statut == "CONSOLIDEE_DEPARTEMENT" and ais.corrections.count() == 1
    relais = StatistiqueAnnuelle.objects.get(operateur=organisations["relais35"], annee=annee)
    signal = selectors.signal_renouvellement(relais.operateur_id, date(annee + 1, 4, 1))
    assert signal is not None and signal.statistique_id == relais.pk
