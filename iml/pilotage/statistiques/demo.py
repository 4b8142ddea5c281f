"""Démonstration des statistiques annuelles (R-STATS), chargée après les orientations.

Claire (DDETS 35) a ouvert la campagne de l'an dernier, date limite au 31 mars : les
statistiques de chaque opérateur d'Ille-et-Vilaine sont calculées depuis les occupations, le
parc et l'accompagnement de la démonstration. Marc (AIS 35) a corrigé un indicateur (une
orientation notée sur papier, motif écrit) puis soumis, et Claire a consolidé ; Le Relais n'a
rien soumis : passé la date limite, le renouvellement de sa convention est signalé. Paul
(DREETS Nouvelle-Aquitaine) a ouvert la campagne de sa région (Gironde, à revoir).

À brancher par l'intégrateur dans `iml/ui/demo.py` : `vider_demo` parmi les vidages d'abord,
`charger_demo` après `iml.orientations.demo`.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from iml.comptes.acteur import acteur_pour
from iml.comptes.models import Utilisateur
from iml.pilotage.models import CampagneStatistiques, CorrectionStatistique, StatistiqueAnnuelle
from iml.pilotage.statistiques import services
from iml.pilotage.statistiques.selectors import lignes_revues
from regles.format import pluriel


def annee_demo() -> int:
    return timezone.localdate().year - 1


def _acteur(email: str):
    return acteur_pour(Utilisateur.objects.get(email=email), None)


def _moment(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(min(jour, timezone.localdate()), time(10)))


def vider_demo(organisations, sortie) -> None:
    """Supprime les campagnes de la démonstration (départements et régions des organisations)."""
    territoires = {o.territoire_id for o in organisations.values()} | {
        o.territoire.region_id for o in organisations.values() if o.territoire.region_id
    }
    campagnes = CampagneStatistiques.objects.filter(territoire_id__in=territoires)
    CorrectionStatistique.objects.filter(statistique__campagne__in=campagnes).delete()
    StatistiqueAnnuelle.objects.filter(campagne__in=campagnes).delete()
    campagnes.delete()


def charger_demo(organisations, sortie) -> None:
    """Vide puis recrée les campagnes de la démonstration (idempotent)."""
    vider_demo(organisations, sortie)
    annee = annee_demo()
    ouverture = _moment(date(annee + 1, 1, 8))
    claire = _acteur("claire.moreau@ddets35.demo")
    campagne = services.ouvrir_campagne(
        acteur=claire, annee=annee, date_limite=date(annee + 1, 3, 31), maintenant=ouverture
    )
    services.ouvrir_campagne(
        acteur=_acteur("paul.lefevre@dreets-na.demo"), annee=annee,
        date_limite=date(annee + 1, 4, 30), maintenant=ouverture,
    )  # fmt: skip
    ais = campagne.statistiques.get(operateur=organisations["ais35"])
    marc = _acteur("marc.bernard@ais35.demo")
    cle = "orientations_partenaires"
    orientations = next(ligne for ligne in lignes_revues(ais) if ligne.cle == cle)
    services.corriger(
        acteur=marc, statistique=ais, cle=cle, valeur=Decimal(orientations.calculee) + 1,
        motif="Une orientation vers la mission locale notée sur papier, pas dans le système.",
        maintenant=_moment(date(annee + 1, 2, 20)),
    )  # fmt: skip
    services.soumettre(acteur=marc, statistique=ais, maintenant=_moment(date(annee + 1, 3, 2)))
    services.consolider(acteur=claire, statistique=ais, maintenant=_moment(date(annee + 1, 3, 9)))
    sortie.write(
        f"Statistiques {annee} : {pluriel(campagne.statistiques.count(), 'opérateur')} en "
        "Ille-et-Vilaine (AIS Rennes soumise et consolidée, les autres à revoir).\n"
    )
