"""Démonstration des orientations : ce qu'elle promet (une soixantaine de demandes en attente
au SIAO 35, variées ; huit vacances déclarées par l'AIS et le Relais ; des propositions dans
chaque état, dont une admission et une sans réponse à l'échéance ; les alertes R-SIAO), et un
second chargement qui donne les mêmes nombres."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from iml.alertes.models import Alerte
from iml.comptes.models import Organisation
from iml.orientations.models import (
    CritereDemande,
    DeclarationVacance,
    Demande,
    EvenementProposition,
    Proposition,
)
from iml.orientations.presentation import en_retard

pytestmark = pytest.mark.django_db

SIAO, AIS, RELAIS = "41000000000027", "42000000000034", "43000000000041"


def _compter() -> dict[str, int]:
    return {
        modele.__name__: modele.objects.count()
        for modele in (Demande, CritereDemande, DeclarationVacance, Proposition,
                       EvenementProposition, Alerte)
    }  # fmt: skip


def test_la_demo_des_orientations():
    """Un seul chargement double (il prend du temps) ; chaque vérification est une fonction."""
    call_command("demo", stdout=StringIO())
    premier = _compter()
    sortie = StringIO()
    call_command("demo", stdout=sortie)
    assert _compter() == premier
    assert "Orientations créées : 59\u00a0demandes en attente au SIAO 35" in sortie.getvalue()
    _une_soixantaine_de_demandes_variees()
    _huit_vacances_chez_deux_operateurs()
    _propositions_dans_chaque_etat()
    _alertes_des_deux_cotes()
    _jamais_de_date_dans_le_futur()


def _une_soixantaine_de_demandes_variees():
    demandes = Demande.objects.filter(siao__siret=SIAO)
    assert Counter(demandes.values_list("statut", flat=True)) == {"EN_ATTENTE": 59, "LOGEE": 1}
    assert {d.personnes for d in demandes} >= {1, 2, 3, 4, 5, 6}
    assert demandes.filter(ressources=None).count() == 2  # R-UNKNOWN : inconnues
    assert demandes.filter(aide_logement=None).count() >= 15
    assert demandes.filter(aide_estimee=True).count() >= 15
    assert demandes.filter(aide_estimee=False, aide_logement__isnull=False).count() >= 15
    dalo = CritereDemande.objects.filter(demande__in=demandes, critere__startswith="DALO_")
    assert 5 <= dalo.count() <= 10
    assert not dalo.filter(reconnu_le=None).exists()
    assert demandes.filter(criteres=None).count() >= 3
    assert 4 <= demandes.filter(plain_pied_requis=True).count() <= 8
    assert set(demandes.values_list("categorie", flat=True)) == {"CLASSIQUE", "PSY", "SPECIALISEE"}
    assert demandes.filter(communes=[]).count() >= 10
    assert demandes.filter(communes_strictes=True).exists()
    communes = {c for d in demandes for c in d.communes}
    assert {"35238", "35288", "35360"} <= communes and all(c[:2] == "35" for c in communes)


def _huit_vacances_chez_deux_operateurs():
    declarees = DeclarationVacance.objects.exclude(statut__in=("BROUILLON", "ANNULEE"))
    par = Counter(declarees.values_list("operateur__siret", "statut"))
    assert par == {(AIS, "DECLAREE"): 4, (AIS, "POURVUE"): 1, (RELAIS, "DECLAREE"): 3}
    assert declarees.filter(nature="BIENTOT_VACANT", disponible_le__gt=timezone.localdate())
    # D'autres logements vacants gardent leur brouillon : l'opérateur peut les déclarer.
    assert DeclarationVacance.objects.filter(statut="BROUILLON").count() >= 3


def _propositions_dans_chaque_etat():
    ps = Proposition.objects.filter(siao__siret=SIAO).select_related("logement", "occupation")
    assert Counter(p.statut for p in ps) == {
        "ADMISE": 1, "ACCEPTEE": 2, "REFUS_CONFIRME": 1, "REFUSEE": 1, "PROPOSEE": 2,
    }  # fmt: skip
    admise = ps.get(statut="ADMISE")
    assert admise.occupation.statut == "EN_COURS" and admise.logement.statut == "OCCUPE"
    assert admise.declaration.statut == "POURVUE" and admise.menage_informe_le
    confirme = ps.get(statut="REFUS_CONFIRME")
    assert (confirme.motif_refus, confirme.decision_siao) == ("REFUS_MENAGE", "CONFIRME")
    assert confirme.menage_informe_le is not None
    # Le logement refusé a reçu une autre proposition, encore dans le délai.
    suivante = ps.get(logement=confirme.logement, statut="PROPOSEE")
    assert not en_retard(suivante, timezone.localdate())
    outre = ps.get(decision_siao="PASSE_OUTRE")
    assert outre.statut == "ACCEPTEE" and outre.motif_decision
    passages = [e.vers for e in outre.evenements.all() if e.de != e.vers]  # hors notes
    assert passages == ["PROPOSEE", "REFUSEE", "ACCEPTEE"]
    refusee = ps.get(statut="REFUSEE")
    assert refusee.motif_refus == "AUTRE" and refusee.note_refus
    assert [p.pk for p in ps if en_retard(p, timezone.localdate())] == [
        ps.get(demande__nom="Lefeuvre").pk
    ]
    operateurs = Counter(ps.values_list("operateur__siret", flat=True))
    assert operateurs == {AIS: 5, RELAIS: 2}


def _alertes_des_deux_cotes():
    """R-SIAO : la proposition sans réponse et la vacance non pourvue depuis plus de 30 jours
    alertent l'opérateur et le SIAO."""
    alertes = Alerte.objects.filter(regle="R-SIAO")
    siao = Organisation.objects.get(siret=SIAO)
    assert alertes.filter(organisation=siao, cle__startswith="R-SIAO:proposition-").count() == 1
    assert alertes.filter(organisation=siao, cle__startswith="R-SIAO:vacance-").count() == 1
    assert alertes.filter(organisation__siret=AIS).count() >= 2


def _jamais_de_date_dans_le_futur():
    aujourd_hui = timezone.localdate()
    assert not Demande.objects.filter(demande_le__gt=aujourd_hui).exists()
    assert not CritereDemande.objects.filter(reconnu_le__gt=aujourd_hui).exists()
    assert not Proposition.objects.filter(proposee_le__gt=aujourd_hui).exists()
    assert not EvenementProposition.objects.filter(le__gt=timezone.now()).exists()
