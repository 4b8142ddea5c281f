"""Orientations générées (R-SIAO) : les invariants que les services maintiennent, vérifiés sur
une échelle département réduite générée une fois pour le module (graine 17), puis le
déterminisme et la suppression par `--base-vide`."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from iml.generateur.echelles import Echelle
from iml.generateur.moteur import generer
from iml.generateur.organisations import vider_generees
from iml.orientations.models import (
    CritereDemande,
    DeclarationVacance,
    Demande,
    EvenementProposition,
    Proposition,
)
from iml.orientations.parametres import delai_reponse_jours
from iml.parc.parametres import bareme_national
from regles.transitions import verifier_transition
from regles.transitions_orientations import PROPOSITION_EN_COURS, TRANSITIONS_PROPOSITION
from regles.types import Typologie

pytestmark = pytest.mark.django_db
JOUR = date(2026, 11, 30)
REDUITE = Echelle("departement", operateurs_par_departement=4, logements_par_operateur=40,
                  prospects_par_operateur=5)  # fmt: skip


@pytest.fixture(scope="module")
def departement(django_db_setup, django_db_blocker):
    """L'échelle réduite, générée une fois, supprimée à la fin — avec les jeux de paramètres
    que la génération a chargés (écrits hors transaction de test)."""
    from iml.referentiel.models import JeuParametres

    with django_db_blocker.unblock():
        avant = set(JeuParametres.objects.values_list("pk", flat=True))
        bilan = generer(REDUITE, 17, JOUR)
        yield bilan
        vider_generees()
        charges = JeuParametres.objects.exclude(pk__in=avant)
        while charges.exists():  # les enfants d'abord (parent protégé)
            charges.filter(enfants__isnull=True).delete()


def test_volumes(departement):
    lignes = departement.lignes
    assert lignes["demandes en attente au SIAO"] == Demande.objects.count() == 24
    assert lignes["critères de priorité des demandes"] == CritereDemande.objects.count()
    assert lignes["déclarations de vacance"] == DeclarationVacance.objects.count() >= 10
    assert lignes["propositions du SIAO"] == Proposition.objects.count() >= 5
    assert lignes["passages de statut des propositions"] == EvenementProposition.objects.count()
    assert lignes["comptes du SIAO"] == 1


def test_demandes_dans_les_regles(departement):
    maximum = bareme_national().capacite_max_places[Typologie.T6_PLUS]
    for d in Demande.objects.select_related("siao__territoire"):
        assert d.adultes >= 1 and d.personnes <= maximum  # R-CAPACITY
        assert d.demande_le <= JOUR
        assert all(c.startswith(d.siao.territoire.code) for c in d.communes)
        assert not (d.aide_estimee and d.aide_logement is None)
        assert not (d.communes_strictes and not d.communes)
        assert d.siao.type == "SIAO" and d.statut == "EN_ATTENTE"
    assert not CritereDemande.objects.filter(reconnu_le__gt=JOUR).exists()
    assert Demande.objects.filter(aide_logement=None).exists()
    assert Demande.objects.filter(aide_estimee=True).exists()


def test_vacances_une_ouverte_par_logement(departement):
    ouvertes = DeclarationVacance.objects.filter(statut__in=("BROUILLON", "DECLAREE"))
    par_logement = Counter(ouvertes.values_list("logement_id", flat=True))
    assert max(par_logement.values()) == 1
    for v in DeclarationVacance.objects.select_related("logement"):
        assert v.operateur_id == v.logement.operateur_id
        assert (v.statut == "DECLAREE") == (v.declaree_le is not None)
        if v.nature == "BIENTOT_VACANT":
            assert v.logement.statut == "OCCUPE" and v.disponible_le > JOUR
        else:
            assert v.logement.statut in ("VACANT", "DISPONIBLE") and v.disponible_le <= JOUR
            assert v.declaree_le is None or v.disponible_le <= v.declaree_le <= JOUR


def test_propositions_suivent_la_table(departement):
    delai = delai_reponse_jours()
    propositions = Proposition.objects.select_related(
        "demande", "logement", "declaration", "siao__territoire"
    )
    for p in propositions:
        assert p.demande.personnes <= p.logement.capacite  # R-CAPACITY
        assert p.logement.commune.startswith(p.siao.territoire.code)
        assert p.declaration.statut == "DECLAREE" and p.declaration.declaree_le <= p.proposee_le
        assert p.echeance == p.proposee_le + timedelta(days=delai)
        evenements = list(p.evenements.all())
        assert evenements[0].de == "" and evenements[0].vers == "PROPOSEE"
        for e in evenements[1:]:
            assert verifier_transition(TRANSITIONS_PROPOSITION, e.de, e.vers, e.motif) is None
        assert evenements[-1].vers == p.statut
        assert all(e.le.date() <= JOUR for e in evenements)
        assert [e.le for e in evenements] == sorted(e.le for e in evenements)
        if p.statut in ("REFUSEE", "REFUS_CONFIRME"):
            assert p.motif_refus
    en_cours = propositions.filter(statut__in=PROPOSITION_EN_COURS)
    assert max(Counter(en_cours.values_list("demande_id", flat=True)).values()) == 1
    assert max(Counter(en_cours.values_list("logement_id", flat=True)).values()) == 1
    statuts = set(propositions.values_list("statut", flat=True))
    assert {"PROPOSEE", "ACCEPTEE", "REFUS_CONFIRME"} <= statuts


def _empreinte() -> list[tuple]:
    return sorted(
        Proposition.objects.values_list(
            "demande__reference_siao", "logement__reference", "statut", "proposee_le"
        )
    ) + sorted(Demande.objects.values_list("reference_siao", "nom", "adultes", "ressources"))


def test_meme_graine_memes_orientations(departement):
    premiere = _empreinte()
    assert premiere
    generer(REDUITE, 17, JOUR, base_vide=True)  # annulé à la fin du test
    assert _empreinte() == premiere
    generer(REDUITE, 18, JOUR, base_vide=True)
    assert _empreinte() != premiere


def test_base_vide_supprime_les_orientations(departement):
    vider_generees()  # annulé à la fin du test
    assert not Demande.objects.exists() and not Proposition.objects.exists()
    assert not DeclarationVacance.objects.exists() and not CritereDemande.objects.exists()
