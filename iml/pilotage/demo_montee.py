"""Démonstration de la montée en charge (R-RAMPUP), chargée après le parc et les occupations.

Rien n'est écrit hors du pilotage : la montée en charge se lit sur les conventions, les
logements et les occupations déjà chargés par leurs applications. L'étape lance la tâche
quotidienne (`taches_montee.alerter_montee`) pour remplir la boîte d'alertes de l'État et des
opérateurs, et résume l'état des jalons des conventions de la démonstration.

`vider_demo` retire les alertes de montée en charge des organisations de la démonstration
(l'intégrateur l'appelle avant les autres étapes, comme celles des orientations).
"""

from __future__ import annotations

from django.utils import timezone

from iml.alertes.models import Alerte
from iml.pilotage import selectors_montee
from iml.pilotage.taches_montee import REGLE, alerter_montee
from regles.format import pluriel
from regles.montee_en_charge import EtatJalon

#: L'état d'un jalon accordé au pluriel (« 2 manqués », « 1 à risque »).
PLURIELS = {
    EtatJalon.ATTEINT: "atteints",
    EtatJalon.MANQUE: "manqués",
    EtatJalon.A_RISQUE: "à risque",
    EtatJalon.A_VENIR: "à venir",
    EtatJalon.NON_RENSEIGNE: "non renseignés",
}


def vider_demo(organisations, sortie) -> None:
    """Supprime les alertes de montée en charge des organisations de la démonstration."""
    Alerte.objects.filter(organisation__in=list(organisations.values()), regle=REGLE).delete()


def charger_demo(organisations, sortie) -> None:
    """Vide puis recrée les alertes de montée en charge du jour (idempotent)."""
    vider_demo(organisations, sortie)
    creees = alerter_montee.call()
    sortie.write(_resume(organisations, creees))


def _resume(organisations, creees: int) -> str:
    operateurs = list(organisations.values())
    conventions = selectors_montee.toutes_les_conventions().filter(
        dossier__operateur__in=operateurs
    )
    etats = {e: 0 for e in EtatJalon}
    montees = selectors_montee.montees(conventions, timezone.localdate())
    for m in montees:
        for j in m.montee.jalons:
            etats[j.etat] += 1
    detail = ", ".join(
        f"{n} {PLURIELS[e] if n > 1 else e.libelle.lower()}" for e, n in etats.items() if n
    )
    return (
        f"Montée en charge : {pluriel(len(montees), 'convention')} suivie"
        f"{'s' if len(montees) > 1 else ''}, jalons : {detail or 'aucun'} ; "
        f"{pluriel(creees, 'alerte')} R-RAMPUP.\n"
    )
