"""Appariement côté base (R-APPARIEMENT) : l'instantané d'entrée du moteur, l'exécution en
tâche de fond (idempotente, erreurs en français), les paires choisies qui deviennent des
propositions, « pourquoi pas ce ménage pour ce logement ? »."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from iml.orientations import instantane
from iml.orientations.models import ExecutionAppariement, Proposition
from iml.orientations.services import appariement, demandes, vacances
from tests.appels.factories import acteur
from tests.orientations.factories import (
    DemandeFactory,
    PropositionFactory,
    VacanceFactory,
    maintenant,
)
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db


def _lancer(d) -> ExecutionAppariement:
    return appariement.lancer(acteur=acteur(d.sophie), maintenant=maintenant())


def _par_id(liste: list[dict], ident: str) -> dict:
    return next(x for x in liste if x["id"] == ident)


def test_l_instantane_decrit_vacances_et_demandes_sans_rien_inventer(distribution):
    logement = LogementFactory(agent=distribution.julie, statut="DISPONIBLE", sous_location=True)
    VacanceFactory(agent=distribution.marc, logement=logement)
    dalo = DemandeFactory(agent=distribution.sophie, dalo=True, aide_connue=True)
    inconnue = DemandeFactory(agent=distribution.sophie)
    photo = instantane.construire(acteur(distribution.sophie), date(2026, 12, 1))
    donnees = photo.donnees
    assert donnees["date"] == "2026-12-01"
    lg = _par_id(donnees["logements"], f"L{logement.pk}")
    assert lg | {"disponible_le": None} == {
        "id": f"L{logement.pk}", "typologie": "T2", "capacite": 3, "forme": "SOUS_LOCATION",
        "commune": "35238", "plain_pied": False, "categories": [], "loyer": "520.00",
        "charges": "40.00", "redevance": "320.00", "disponible_le": None,
    }  # fmt: skip
    m = _par_id(donnees["menages"], f"D{dalo.pk}")
    assert m["criteres"] == ["DALO_SANS_DOMICILE"] and m["aide_logement"] == "280.00"
    assert m["personnes"] == 2 and m["ressources"] == "1400.00" and m["communes"] == ["35238"]
    # R-UNKNOWN : l'aide inconnue part à null, jamais à zéro.
    assert _par_id(donnees["menages"], f"D{inconnue.pk}")["aide_logement"] is None


def test_l_instantane_ecarte_l_incomplet_et_ce_qui_a_deja_une_proposition(distribution):
    sans_ressources = DemandeFactory(agent=distribution.sophie, ressources=None)
    proposee = PropositionFactory()
    brouillon = LogementFactory(agent=distribution.julie, statut="DISPONIBLE")
    photo = instantane.construire(acteur(distribution.sophie), timezone.localdate())
    ids_m = {m["id"] for m in photo.donnees["menages"]}
    ids_l = {lg["id"] for lg in photo.donnees["logements"]}
    assert f"D{proposee.demande.pk}" not in ids_m and f"L{proposee.logement.pk}" not in ids_l
    assert f"L{brouillon.pk}" not in ids_l  # une vacance en brouillon n'est pas déclarée
    ecarte = next(e for e in photo.ecartes if e.get("menage") == f"D{sans_ressources.pk}")
    assert "ressources inconnues" in ecarte["raison"] and "R-UNKNOWN" in ecarte["raison"]


def test_l_instantane_tient_en_un_nombre_fixe_de_requetes(distribution):
    def requetes() -> int:
        with CaptureQueriesContext(connection) as capture:
            instantane.construire(acteur(distribution.sophie), timezone.localdate())
        return len(capture)

    DemandeFactory(agent=distribution.sophie, dalo=True)
    VacanceFactory()
    avant = requetes()
    for _ in range(3):
        DemandeFactory(agent=distribution.sophie, dalo=True)
        VacanceFactory()
    assert requetes() == avant


def test_lancer_calcule_en_tache_de_fond_et_garde_instantane_et_bareme(distribution):
    vacance = VacanceFactory()
    demande = DemandeFactory(agent=distribution.sophie, dalo=True)
    execution = _lancer(distribution)
    execution.refresh_from_db()
    assert execution.statut == "TERMINEE" and execution.progression == 100
    assert execution.bareme_version and execution.bareme_code
    assert execution.lancee_par == distribution.sophie and execution.terminee_le
    assert f"D{demande.pk}" in {m["id"] for m in execution.entree["menages"]}
    paire = {"menage": f"D{demande.pk}", "logement": f"L{vacance.logement_id}"}
    affectation = next(
        a for a in execution.resultat["affectations"] if a["menage"] == paire["menage"]
    )
    assert affectation["logement"] == paire["logement"]
    assert set(affectation["score"]) >= {"priorite", "sous_occupation", "taux_effort", "total"}
    assert execution.resultat["preuve"]["statut"] == "OPTIMAL"
    # Rien n'est proposé sans le clic d'une personne.
    assert not Proposition.objects.filter(execution=execution).exists()


def test_lancer_deux_fois_rend_l_execution_en_cours(distribution):
    en_cours = ExecutionAppariement.objects.create(
        siao=acteur(distribution.sophie).organisation,
        lancee_le=maintenant(),
        lancee_par=distribution.sophie,
        statut="EN_COURS",
    )
    assert _lancer(distribution).pk == en_cours.pk
    assert ExecutionAppariement.objects.filter(siao=en_cours.siao).count() == 1


@pytest.mark.parametrize("statut", ["EN_ATTENTE", "EN_COURS"])
def test_une_execution_dont_le_worker_est_mort_n_empeche_pas_de_relancer(distribution, statut):
    """Constat 7 : au-delà du délai d'abandon, l'exécution est notée en échec et relancer
    crée une exécution neuve."""
    perdue = ExecutionAppariement.objects.create(
        siao=acteur(distribution.sophie).organisation,
        lancee_le=maintenant() - appariement.DELAI_ABANDON - timedelta(minutes=1),
        lancee_par=distribution.sophie,
        statut=statut,
    )
    nouvelle = _lancer(distribution)
    assert nouvelle.pk != perdue.pk
    perdue.refresh_from_db()
    assert perdue.statut == "ECHEC" and "Relancez" in perdue.message


def test_rejouer_la_tache_d_une_execution_finie_ne_change_rien(distribution):
    VacanceFactory()
    DemandeFactory(agent=distribution.sophie)
    execution = _lancer(distribution)
    execution.refresh_from_db()
    resultat = execution.resultat
    assert appariement.apparier_execution.call(execution.pk) == "TERMINEE"
    execution.refresh_from_db()
    assert execution.resultat == resultat


def test_une_entree_refusee_est_un_echec_explique_en_francais(distribution):
    execution = _lancer(distribution)
    ExecutionAppariement.objects.filter(pk=execution.pk).update(
        statut="EN_ATTENTE", entree={"date": "2026-12-01", "logements": [], "menages": [{}]}
    )
    assert appariement.apparier_execution.call(execution.pk) == "ECHEC"
    execution.refresh_from_db()
    assert execution.message.startswith("Entrée refusée par le moteur : ")
    assert "menages[0]" in execution.message


def test_une_erreur_inattendue_est_notee_sans_rien_laisser_en_cours(distribution, monkeypatch):
    def panne(*args, **kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr(appariement, "apparier", panne)
    execution = _lancer(distribution)
    execution.refresh_from_db()
    assert execution.statut == "ECHEC" and "aucune proposition n'a été créée" in execution.message


def test_seul_le_siao_lance(distribution):
    with pytest.raises(PermissionDenied):
        appariement.lancer(acteur=acteur(distribution.marc), maintenant=maintenant())


def _execution_avec_paire(d):
    vacance = VacanceFactory()
    demande = DemandeFactory(agent=d.sophie, dalo=True)
    execution = _lancer(d)
    execution.refresh_from_db()
    return execution, (f"D{demande.pk}", f"L{vacance.logement_id}"), demande, vacance


def test_les_paires_cochees_deviennent_des_propositions_avec_leur_score(distribution):
    execution, paire, demande, vacance = _execution_avec_paire(distribution)
    bilan = appariement.proposer_paires(
        acteur=acteur(distribution.sophie), execution=execution, paires=[paire],
        maintenant=maintenant(),
    )  # fmt: skip
    assert not bilan.refusees
    (proposition,) = bilan.creees
    assert proposition.execution == execution and proposition.demande == demande
    assert proposition.logement == vacance.logement and proposition.statut == "PROPOSEE"
    assert proposition.score["total"] > 0
    # Deuxième clic : la paire a déjà une proposition en cours, elle est refusée, pas doublée.
    bilan = appariement.proposer_paires(
        acteur=acteur(distribution.sophie), execution=execution, paires=[paire],
        maintenant=maintenant(),
    )  # fmt: skip
    assert not bilan.creees and "déjà une proposition en cours" in bilan.refusees[0]


def test_une_paire_devenue_impossible_est_refusee_avec_la_raison(distribution):
    execution, paire, demande, vacance = _execution_avec_paire(distribution)
    demandes.changer_statut_demande(
        acteur=acteur(distribution.sophie), demande=demande, vers="CLOSE",
        motif="Relogé ailleurs", maintenant=maintenant(),
    )  # fmt: skip
    bilan = appariement.proposer_paires(
        acteur=acteur(distribution.sophie), execution=execution, paires=[paire],
        maintenant=maintenant(),
    )  # fmt: skip
    assert not bilan.creees
    assert "n'est plus en attente (close)" in bilan.refusees[0]
    assert str(demande) in bilan.refusees[0]


def test_une_vacance_annulee_refuse_la_paire(distribution):
    execution, paire, demande, vacance = _execution_avec_paire(distribution)
    vacances.annuler_vacance(
        acteur=acteur(distribution.marc), declaration=vacance, motif="Travaux",
        maintenant=maintenant(),
    )  # fmt: skip
    bilan = appariement.proposer_paires(
        acteur=acteur(distribution.sophie), execution=execution, paires=[paire],
        maintenant=maintenant(),
    )  # fmt: skip
    assert "vacance du logement n'est plus ouverte" in bilan.refusees[0]


def test_seules_les_paires_du_moteur_se_proposent(distribution):
    execution, (m, _), _, _ = _execution_avec_paire(distribution)
    autre = VacanceFactory()
    bilan = appariement.proposer_paires(
        acteur=acteur(distribution.sophie), execution=execution,
        paires=[(m, f"L{autre.logement_id}")], maintenant=maintenant(),
    )  # fmt: skip
    assert "n'est pas proposée par le moteur" in bilan.refusees[0]
    with pytest.raises(ValidationError):
        appariement.proposer_paires(
            acteur=acteur(distribution.sophie), execution=execution, paires=[],
            maintenant=maintenant(),
        )  # fmt: skip


def test_pourquoi_pas_ce_menage_nomme_les_regles_qui_l_excluent(distribution):
    vacance = VacanceFactory()  # un T2 de 3 places
    famille = DemandeFactory(agent=distribution.sophie, adultes=2, enfants=3)
    execution = _lancer(distribution)
    execution.refresh_from_db()
    logement = f"L{vacance.logement_id}"
    exclusion = appariement.exclusions_paire(execution, f"D{famille.pk}", logement)
    assert "R-CAPACITY" in exclusion["regles"]
    assert any(m.startswith("R-CAPACITY") for m in exclusion["messages"])


def test_pourquoi_rejoue_l_instantane_pas_l_etat_d_aujourd_hui(distribution):
    vacance = VacanceFactory()
    famille = DemandeFactory(agent=distribution.sophie, adultes=2, enfants=3)
    execution = _lancer(distribution)
    execution.refresh_from_db()
    demandes.modifier_demande(
        acteur=acteur(distribution.sophie), demande=famille, aujourd_hui=timezone.localdate(),
        adultes=1, enfants=0,
    )  # fmt: skip
    exclusion = appariement.exclusions_paire(execution, f"D{famille.pk}", f"L{vacance.logement_id}")
    assert "R-CAPACITY" in exclusion["regles"]


def test_le_bareme_d_une_execution_est_fige(distribution):
    from iml.referentiel.gel import motif_gel
    from iml.referentiel.models import JeuParametres

    execution = _lancer(distribution)
    jeu = JeuParametres.objects.get(code=execution.bareme_code, version=execution.bareme_version)
    assert "moteur d'appariement" in (appariement.usage_des_jeux([jeu]) or "")
    assert motif_gel(jeu)  # figé, quel que soit le premier usage trouvé
