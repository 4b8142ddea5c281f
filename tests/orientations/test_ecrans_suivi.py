"""Écrans de suivi des orientations : retirer une proposition (SIAO, confirmation et motif),
clore et rouvrir une demande, vacances de l'opérateur avec leurs jours, délais des
propositions (par opérateur pour le SIAO, des nombres pour l'État)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iml.orientations.models import ConsultationDemande
from iml.orientations.selectors_delais import rapport
from iml.orientations.services import appariement, propositions
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.orientations.factories import (
    DemandeFactory,
    PropositionFactory,
    VacanceFactory,
    jours,
    maintenant,
)

pytestmark = pytest.mark.django_db


def test_retirer_une_proposition_demande_confirmation_et_motif(client, distribution):
    proposition = PropositionFactory()
    connecter(client, distribution.sophie)
    url = reverse("orientations:retirer", kwargs={"pk": proposition.pk})
    fiche = client.get(reverse("orientations:proposition", kwargs={"pk": proposition.pk}))
    assert url in fiche.content.decode()
    assert "ne se défait pas" in client.get(url).content.decode()
    refus = client.post(url, {"motif": " "})
    assert refus.status_code == 400 and "« Motif » : ce champ est obligatoire" in (
        refus.content.decode()
    )
    assert client.post(url, {"motif": "Ménage relogé par le contingent."}).status_code == 302
    proposition.refresh_from_db()
    assert proposition.statut == "ANNULEE"
    assert proposition.evenements.get(vers="ANNULEE").motif == "Ménage relogé par le contingent."
    assert url not in client.get(fiche.request["PATH_INFO"]).content.decode()


def test_clore_puis_rouvrir_une_demande(client, distribution):
    demande = DemandeFactory()
    connecter(client, distribution.sophie)
    url = reverse("orientations:demande_statut", kwargs={"pk": demande.pk})
    assert "Clore la demande" in client.get(url).content.decode()
    assert client.post(url, {"motif": "Ménage injoignable depuis 3 mois."}).status_code == 302
    demande.refresh_from_db()
    assert demande.statut == "CLOSE" and demande.motif_statut.startswith("Ménage injoignable")
    liste = client.get(reverse("orientations:demandes")).content.decode()
    assert demande.nom not in liste
    assert "Rouvrir la demande" in client.get(url).content.decode()
    client.post(url, {"motif": "Le ménage a rappelé.", "vers": "EN_ATTENTE"})
    demande.refresh_from_db()
    assert demande.statut == "EN_ATTENTE"


def test_un_double_envoi_de_la_cloture_ne_rouvre_pas_la_demande(client, distribution):
    demande = DemandeFactory()
    connecter(client, distribution.sophie)
    url = reverse("orientations:demande_statut", kwargs={"pk": demande.pk})
    assert 'name="vers" value="CLOSE"' in client.get(url).content.decode()
    envoi = {"motif": "Ménage injoignable depuis 3 mois.", "vers": "CLOSE"}
    assert client.post(url, envoi).status_code == 302
    second = client.post(url, envoi, follow=True)
    demande.refresh_from_db()
    assert demande.statut == "CLOSE"
    assert "La demande est déjà close : rien n&#x27;a changé." in second.content.decode()


def test_les_vacances_de_l_operateur_et_leurs_jours(client, distribution):
    VacanceFactory(disponible_le=jours(31))
    connecter(client, distribution.marc)
    contenu = client.get(reverse("orientations:vacances")).content.decode()
    assert "Déclarées au SIAO (1)" in contenu and "31 j" in contenu
    assert "fr-badge--warning" in contenu  # au-delà du délai d'alerte du barème (R-SIAO)
    assert "Brouillons à compléter" in contenu and "Pourvues (0)" in contenu


def test_les_delais_par_operateur_pour_le_siao_des_nombres_pour_l_etat(client, distribution):
    PropositionFactory(admise=True)
    PropositionFactory(refus_confirme=True, operateur_agent=distribution.thomas)
    siao = rapport(acteur(distribution.sophie))
    assert siao.propositions == 2
    assert [ligne.libelle for ligne in siao.par_operateur] == sorted(
        [distribution.org.ais35.nom, distribution.org.relais35.nom]
    )
    reponse, _, admission, total = siao.ensemble.mesures
    assert (reponse.nombre, reponse.mediane, reponse.maximum) == (2, 0.0, 0)
    assert admission.nombre == 1 and total.nombre == 1
    connecter(client, distribution.claire)
    contenu = client.get(reverse("orientations:delais")).content.decode()
    assert "Ensemble" in contenu and distribution.org.ais35.nom not in contenu
    assert rapport(acteur(distribution.claire)).par_operateur == []


def test_l_historique_dit_les_etapes_en_francais(client, distribution):
    """Constat 6 : ni « proposee » ni « refus_confirme » à l'écran."""
    proposition = PropositionFactory(refus_confirme=True)
    connecter(client, distribution.sophie)
    html = client.get(reverse("orientations:proposition", kwargs={"pk": proposition.pk}))
    contenu = html.content.decode()
    assert "proposée" in contenu and "refus confirmé" in contenu
    assert "refusée par l&#x27;opérateur" in contenu or "refusée par l'opérateur" in contenu
    assert "proposee" not in contenu and "refus_confirme" not in contenu


def test_l_operateur_annule_une_vacance_avec_confirmation_et_motif(client, distribution):
    """Constat 8 : annuler une vacance a son écran (opérateur, confirmation, motif écrit)."""
    vacance = VacanceFactory()
    connecter(client, distribution.marc)
    url = reverse("orientations:vacance_annuler", kwargs={"pk": vacance.pk})
    assert url in client.get(reverse("orientations:vacances")).content.decode()
    assert "Annuler la vacance" in client.get(url).content.decode()
    refus = client.post(url, {"motif": " "})
    assert refus.status_code == 400 and vacance.__class__.objects.get(pk=vacance.pk).statut == (
        "DECLAREE"
    )
    assert client.post(url, {"motif": "Sinistre : dégât des eaux."}).status_code == 302
    vacance.refresh_from_db()
    assert vacance.statut == "ANNULEE" and vacance.note == "Sinistre : dégât des eaux."
    assert url not in client.get(reverse("orientations:vacances")).content.decode()


def test_pas_d_annulation_de_vacance_sous_une_proposition_en_cours(client, distribution):
    proposition = PropositionFactory()
    connecter(client, distribution.marc)
    url = reverse("orientations:vacance_annuler", kwargs={"pk": proposition.declaration_id})
    reponse = client.post(url, {"motif": "Le propriétaire reprend le logement."})
    assert reponse.status_code == 400 and "R-SIAO" in reponse.content.decode()
    proposition.declaration.refresh_from_db()
    assert proposition.declaration.statut == "DECLAREE"


def test_l_operateur_ne_garde_pas_le_nom_d_un_menage_hors_proposition_en_cours(
    client, distribution
):
    """Constat 10 : retirée ou au refus confirmé, la proposition ne montre plus à
    l'opérateur que la référence SI-SIAO ; en cours, il voit le ménage."""
    en_cours = PropositionFactory()
    retiree = PropositionFactory()
    propositions.retirer(
        acteur=acteur(distribution.sophie), proposition=retiree, motif="Relogé ailleurs.",
        maintenant=maintenant(),
    )  # fmt: skip
    confirme = PropositionFactory(refus_confirme=True)
    connecter(client, distribution.marc)
    liste = client.get(reverse("orientations:propositions")).content.decode()
    assert en_cours.demande.nom in liste
    for p in (retiree, confirme):
        fiche = client.get(reverse("orientations:proposition", kwargs={"pk": p.pk}))
        for contenu in (fiche.content.decode(), liste):
            assert p.demande.nom not in contenu and p.demande.reference_siao in contenu
    client.logout()
    connecter(client, distribution.sophie)
    fiche = client.get(reverse("orientations:proposition", kwargs={"pk": retiree.pk}))
    assert retiree.demande.nom in fiche.content.decode()  # le SIAO garde sa demande


def test_lire_une_proposition_ou_une_revue_d_appariement_est_journalise(client, distribution):
    proposition = PropositionFactory()
    connecter(client, distribution.marc)
    client.get(reverse("orientations:proposition", kwargs={"pk": proposition.pk}))
    lecture = ConsultationDemande.objects.get(demande=proposition.demande)
    assert (lecture.par, lecture.page) == (distribution.marc, "proposition")
    client.logout()
    VacanceFactory()
    demande = DemandeFactory()
    execution = appariement.lancer(acteur=acteur(distribution.sophie), maintenant=maintenant())
    connecter(client, distribution.sophie)
    client.get(reverse("orientations:appariement", kwargs={"pk": execution.pk}))
    assert ConsultationDemande.objects.filter(
        demande=demande, par=distribution.sophie, page="appariement"
    ).exists()


def test_l_historique_montre_le_menage_informe(client, distribution):
    proposition = PropositionFactory(refus_confirme=True)
    connecter(client, distribution.sophie)
    url = reverse("orientations:informe", kwargs={"pk": proposition.pk})
    client.post(url, {"menage_informe_le": jours(0).isoformat()})
    fiche = client.get(reverse("orientations:proposition", kwargs={"pk": proposition.pk}))
    assert f"ménage informé (Ménage informé le {jours(0):%d/%m/%Y}.)" in fiche.content.decode()
