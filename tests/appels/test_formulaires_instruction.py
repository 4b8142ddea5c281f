"""Formulaires de l'instruction (revue d'usage) : toutes les erreurs au premier envoi, résumé
des erreurs en tête de page avec des liens vers les champs, libellés qui disent quand un champ
est requis au lieu de « (Optionnel) », colonnes des places de même largeur."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from iml.appels.enums import StatutAppel
from iml.appels.models import Decision
from iml.appels.services import decisions as services_decisions
from tests.appels.test_appels_fabriques import acteur, dossier_fige
from tests.appels.test_decisions_erreurs import ERREURS
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def _page_decision(client, distribution, decider_avant: bool = False):
    dossier = dossier_fige(distribution, StatutAppel.CLOS, constats=ERREURS)
    if decider_avant:
        services_decisions.decider(
            acteur=acteur(distribution.claire),
            dossier=dossier,
            resultat="REFUSE",
            motifs="Hors zone.",
            maintenant=timezone.now(),
        )
    connecter(client, distribution.claire)
    return reverse("appels:decider", args=[dossier.pk])


def test_un_seul_envoi_signale_toutes_les_erreurs_de_la_decision(client, distribution):
    url = _page_decision(client, distribution, decider_avant=True)
    reponse = client.post(url, {"resultat": "PARTIELLEMENT_RETENU", "places_mg": "0"})
    erreurs = reponse.context["form"].errors
    assert set(erreurs) == {"places_mg", "justification_erreurs", "motif_amendement"}
    page = reponse.content.decode()
    assert 'id="resume-erreurs"' in page
    assert "La décision n'est pas enregistrée : 3 erreurs à corriger" in page
    assert 'href="#id_places_mg"' in page
    assert 'href="#id_justification_erreurs"' in page
    assert 'href="#id_motif_amendement"' in page
    assert "ui/resume_erreurs.js" in page
    assert Decision.objects.get().resultat == "REFUSE"


def test_les_champs_requis_selon_le_cas_le_disent(client, distribution):
    url = _page_decision(client, distribution, decider_avant=True)
    page = client.get(url).content.decode()
    assert "(Optionnel)" not in page
    assert "Motifs (requis pour un refus)" in page
    assert "Justification de la retenue malgré les erreurs (requis pour retenir malgré" in page
    assert "Places retenues en mandat de gestion (requis pour une retenue partielle)" in page
    # Pas d'attribut « required » sur un champ requis seulement dans certains cas.
    assert 'name="motifs" required' not in page
    reponse = client.post(url, {"resultat": "REFUSE", "motif_amendement": "Relecture."})
    assert reponse.context["form"].errors["motifs"] == [
        "R-SELECTION : un refus est motivé : indiquez les motifs."
    ]


def test_les_deux_colonnes_de_places_restent_de_meme_largeur(client, distribution):
    url = _page_decision(client, distribution)
    page = client.post(url, {"resultat": "PARTIELLEMENT_RETENU", "places_mg": "999"})
    page = page.content.decode()
    assert page.count('<div class="fr-col-12 fr-col-md-6">') == 2
    assert "fr-fieldset__element--inline" not in page
    assert escape("999 places retenues en mandat de gestion") in page


# --- Signature de la convention -----------------------------------------------------------


def test_la_signature_signale_date_future_faux_pdf_et_signataire_vide_ensemble(
    client, distribution
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from iml.appels.services.conventions import calculer_convention, etablir_convention
    from tests.appels.matrice_documents import acteur_de, preparer

    preparer(distribution)
    dossier = distribution.documents.dossier
    etablir_convention(
        acteur=acteur_de(distribution.claire),
        dossier=dossier,
        montants_negocies={a.annee: a.total for a in calculer_convention(dossier).annees},
        motif_ecart="",
        cofinancements=[],
    )
    connecter(client, distribution.claire)
    faux = SimpleUploadedFile("signee.pdf", b"un simple texte", content_type="application/pdf")
    reponse = client.post(
        reverse("appels:convention_signer", kwargs={"pk": dossier.pk}),
        {
            "date_signature": "2099-05-01",
            "signataire_etat": "Anne Martin, directrice",
            "signataire_operateur": "",
            "scan": faux,
        },
    )
    erreurs = reponse.context["signature_form"].errors
    assert set(erreurs) == {"date_signature", "signataire_operateur", "scan"}
    page = reponse.content.decode()
    assert "La signature n'est pas enregistrée : 3 erreurs à corriger" in page
    assert "le 01/05/2099 est postérieur à aujourd" in page
    assert 'href="#id_scan"' in page


def test_le_formulaire_de_convention_n_a_qu_une_marque_par_champ(client, distribution):
    from tests.appels.matrice_documents import preparer

    preparer(distribution)
    connecter(client, distribution.claire)
    page = client.get(
        reverse("appels:convention", kwargs={"pk": distribution.documents.dossier.pk})
    ).content.decode()
    assert "(facultatif) (Optionnel)" not in page
    assert "Organisation\xa0(Optionnel)" in page
    assert "Supprimer cette ligne" in page
    assert "Supprimer (Optionnel)" not in page


def test_arreter_les_decisions_liste_d_avance_les_dossiers_sans_decision(client, distribution):
    appel = dossier_fige(distribution, StatutAppel.CLOS).appel
    connecter(client, distribution.claire)
    page = client.get(
        reverse("appels:confirmer_statut", kwargs={"pk": appel.pk, "vers": "DECIDE"})
    ).content.decode()
    assert "1 dossier sans décision du comité" in page
    assert distribution.org.ais35.nom in page
