"""Intégrité des décisions (issue 8, R-SELECTION) : une décision ne s'écrase plus ; elle change
par un amendement motivé qui garde la décision remplacée, jamais après la signature de la
convention ; chaque changement de statut écrit un événement (qui, quand, de, vers, motif)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.appels.enums import ResultatDecision, StatutAppel, StatutDossier
from iml.appels.models import AmendementDecision, Convention, Decision, EvenementStatut
from iml.appels.services import decisions as services_decisions
from iml.appels.services.statuts import TransitionInterdite, changer_statut_appel
from tests.appels.test_appels_fabriques import acteur, dossier_fige
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def _retenu_sur_appel_decide(distribution):
    """Un dossier retenu (version sans erreur) sur un appel dont les décisions sont arrêtées."""
    claire = acteur(distribution.claire)
    dossier = dossier_fige(distribution, StatutAppel.CLOS, constats=[])
    appel = dossier.appel
    services_decisions.decider(
        acteur=claire,
        dossier=dossier,
        resultat=ResultatDecision.RETENU,
        maintenant=timezone.now(),
        motifs="Projet conforme.",
    )
    changer_statut_appel(acteur=claire, appel=appel, statut=StatutAppel.DECIDE)
    return dossier


def _convention(dossier, agent, signee: bool) -> Convention:
    return Convention.objects.create(
        dossier=dossier,
        numero=f"IML-35-{dossier.pk}",
        bareme_code=dossier.appel.jeu.code,
        bareme_version=dossier.appel.jeu.version,
        cree_par=agent,
        date_signature=date(2019, 6, 3) if signee else None,
    )


def test_un_refus_poste_apres_coup_n_ecrase_pas_la_decision(client, distribution):
    """Le scénario de l'issue : appel décidé, convention établie, l'agent poste REFUSE."""
    dossier = _retenu_sur_appel_decide(distribution)
    _convention(dossier, distribution.claire, signee=False)
    avant = Decision.objects.get(dossier=dossier)
    connecter(client, distribution.claire)
    url = reverse("appels:decider", args=[dossier.pk])
    reponse = client.post(url, {"resultat": "REFUSE", "motifs": "Coût trop élevé."})
    assert reponse.status_code == 200
    erreurs = reponse.context["form"].errors
    assert "motif de l'amendement" in " ".join(erreurs["motif_amendement"])
    reponse = client.post(
        url,
        {"resultat": "REFUSE", "motifs": "Coût trop élevé.", "motif_amendement": "Erreur."},
    )
    assert "R-SELECTION : la convention n° IML-35-" in " ".join(
        reponse.context["form"].errors["resultat"]
    )
    apres = Decision.objects.get(dossier=dossier)
    assert (apres.resultat, apres.motifs, apres.decide_le, apres.numero) == (
        "RETENU",
        "Projet conforme.",
        avant.decide_le,
        1,
    )
    dossier.refresh_from_db()
    assert dossier.statut == StatutDossier.RETENU


def test_apres_la_signature_la_decision_ne_change_plus(client, distribution):
    dossier = _retenu_sur_appel_decide(distribution)
    _convention(dossier, distribution.claire, signee=True)
    connecter(client, distribution.claire)
    url = reverse("appels:decider", args=[dossier.pk])
    reponse = client.post(
        url, {"resultat": "REFUSE", "motifs": "x", "motif_amendement": "Recours."}
    )
    assert reponse["Location"] == reverse("appels:dossier_instruction", args=[dossier.pk])
    messages = [str(m) for m in client.get(reponse["Location"]).context["messages"]]
    assert (
        "R-SELECTION : la convention de ce dossier est signée : la décision ne change plus."
        in messages
    )
    assert Decision.objects.get(dossier=dossier).resultat == "RETENU"
    assert not AmendementDecision.objects.exists()
    fiche = client.get(reverse("appels:dossier_instruction", args=[dossier.pk])).content.decode()
    assert "Amender la décision" not in fiche
    assert "la convention de ce dossier est signée" in fiche


def test_un_amendement_motive_garde_la_decision_remplacee(client, distribution):
    dossier = _retenu_sur_appel_decide(distribution)
    connecter(client, distribution.claire)
    reponse = client.post(
        reverse("appels:decider", args=[dossier.pk]),
        {
            "resultat": "PARTIELLEMENT_RETENU",
            "places_mg": "10",
            "places_sl": "0",
            "motif_amendement": "Enveloppe réduite par la DREETS.",
        },
    )
    assert reponse.status_code == 302
    decision = Decision.objects.get(dossier=dossier)
    assert (decision.resultat, decision.places_retenues, decision.numero) == (
        "PARTIELLEMENT_RETENU",
        10,
        2,
    )
    ancienne = decision.amendements.get()
    assert (ancienne.numero, ancienne.resultat, ancienne.places_retenues) == (1, "RETENU", 16)
    assert ancienne.motifs == "Projet conforme."
    assert ancienne.amende_par == distribution.claire
    fiche = client.get(reverse("appels:dossier_instruction", args=[dossier.pk])).content.decode()
    assert "Décisions remplacées par amendement" in fiche
    assert "Enveloppe réduite par la DREETS." in fiche
    assert "<strong>Retenu</strong> : 16 places" in fiche
    assert "<strong>Partiellement retenu</strong> : 10 places" in fiche
    assert "Retenu → partiellement retenu" in fiche


def test_chaque_changement_de_statut_ecrit_un_evenement(distribution):
    dossier = _retenu_sur_appel_decide(distribution)
    appel = dossier.appel
    par_appel = [(e.de, e.vers, e.par) for e in EvenementStatut.objects.filter(appel=appel)]
    claire = distribution.claire
    assert par_appel == [
        ("BROUILLON", "PUBLIE", claire),
        ("PUBLIE", "CLOS", claire),
        ("CLOS", "DECIDE", claire),
    ]
    depot, evenement = EvenementStatut.objects.filter(dossier=dossier).order_by("le", "pk")
    assert (depot.de, depot.vers, depot.par) == ("BROUILLON", "DEPOSE", distribution.marc)
    assert (evenement.de, evenement.vers, evenement.motif) == (
        "DEPOSE",
        "RETENU",
        "Projet conforme.",
    )
    assert evenement.le is not None and evenement.par == claire


def test_les_decisions_ne_s_arretent_pas_avant_que_chaque_dossier_soit_decide(distribution):
    appel = dossier_fige(distribution, StatutAppel.CLOS).appel
    with pytest.raises(TransitionInterdite) as erreur:
        changer_statut_appel(
            acteur=acteur(distribution.claire), appel=appel, statut=StatutAppel.DECIDE
        )
    assert erreur.value.messages == [
        "R-SELECTION : 1 dossier attend la décision du comité : décidez chaque dossier déposé "
        "avant d'arrêter les décisions."
    ]
    appel.refresh_from_db()
    assert appel.statut == StatutAppel.CLOS
