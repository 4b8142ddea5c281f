"""Écrans du compte d'un ménage : lignes avec solde courant et filtre par année, solde dû ou
avance, impayés par ancienneté, paiement, correction (motif, confirmation, la ligne corrigée
montre ses corrections), plan d'apurement (échéancier calculé puis modifiable, suivi, clôture),
lecture seule de la référente sociale, journal des consultations."""

from __future__ import annotations

import html
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iml.menages.models import ConsultationMenage
from iml.occupations.models import PlanApurement
from iml.occupations.services import compte
from tests.appels.factories import acteur, demo
from tests.factories import connecter
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db
D = Decimal


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode()).replace("\u202f", " ").replace("\u00a0", " ")


def occupation_appelee(mois: int = 4, **options):
    """Entrée il y a `mois` mois et quelques jours, loyers appelés jusqu'à aujourd'hui."""
    aujourd_hui = timezone.localdate()
    entree = (aujourd_hui.replace(day=1) - timedelta(days=28 * mois)).replace(day=1)
    occupation = OccupationFactory(date_entree=entree, **options)
    compte.appeler_loyers(occupation, aujourd_hui, 1)
    return occupation


def payer(occupation, montant: str, le: date | None = None, nature="PAIEMENT_MENAGE"):
    return compte.encaisser(
        acteur=acteur(demo("julie")), occupation=occupation, nature=nature,
        le=le or timezone.localdate(), montant=D(montant), aujourd_hui=timezone.localdate(),
    )  # fmt: skip


def test_le_compte_montre_les_lignes_le_solde_du_et_l_anciennete(client):
    occupation = occupation_appelee(4)
    payer(occupation, "560.00")
    connecter(client, demo("julie"))
    page = texte(
        client.get(reverse("occupations:compte", args=[occupation.pk]), {"annee": "toutes"})
    )
    appels = occupation.ecritures.filter(nature="APPEL").count()
    du = D("560.00") * (appels - 1)
    assert f"Solde dû : {du:,.0f} €".replace(",", " ") in page
    assert "Loyer et charges de" in page and "Paiement du ménage" in page
    assert "Moins d'un mois" in page and "2 mois et plus" in page
    assert "Enregistrer un paiement" in page and "Proposer un plan d'apurement" in page
    assert ConsultationMenage.objects.filter(menage=occupation.menage, page="compte").count() == 1


def test_une_avance_s_affiche_comme_telle_et_l_annee_filtre_avec_report(client):
    occupation = occupation_appelee(1)
    total = sum(occupation.ecritures.values_list("montant", flat=True))
    payer(occupation, str(total + D("12.50")))
    connecter(client, demo("marc"))
    page = texte(client.get(reverse("occupations:compte", args=[occupation.pk])))
    assert "Avance : 12,50 €" in page
    annee = occupation.date_entree.year + 1
    page = texte(client.get(reverse("occupations:compte", args=[occupation.pk]), {"annee": annee}))
    # Année sans ligne : non proposée, on revient à l'année en cours ou à toutes les lignes.
    assert "Lignes du compte" in page


def test_encaisser_un_paiement_et_les_refus_nommes(client):
    occupation = occupation_appelee(2)
    connecter(client, demo("julie"))
    url = reverse("occupations:encaisser", args=[occupation.pk])
    demain = (timezone.localdate() + timedelta(days=1)).isoformat()
    refus = client.post(url, {"le": demain, "nature": "PAIEMENT_AIDE", "montant": "abc"})
    page = texte(refus)
    assert refus.status_code == 200 and "Le paiement n'est pas enregistré" in page
    assert "« Montant reçu (€) » : saisissez un nombre" in page
    refus = client.post(url, {"le": demain, "nature": "PAIEMENT_AIDE", "montant": "120,50"})
    assert "Reçu le : la date ne peut pas être dans le futur." in texte(refus)
    donnees = {
        "le": timezone.localdate().isoformat(),
        "nature": "PAIEMENT_FSL",
        "montant": "120,50",
    }
    reponse = client.post(url, donnees, follow=True)
    assert "Paiement de 120,50 € enregistré." in texte(reponse)
    ligne = occupation.ecritures.get(nature="PAIEMENT_FSL")
    assert ligne.montant == D("-120.50") and ligne.libelle == "Aide du FSL"


def test_corriger_une_ligne_ajoute_une_ligne_et_la_ligne_corrigee_la_montre(client):
    occupation = occupation_appelee(1)
    appel = occupation.ecritures.filter(nature="APPEL").first()
    connecter(client, demo("julie"))
    url = reverse("occupations:corriger", args=[appel.pk])
    assert "ne se modifie jamais" in texte(client.get(url))
    refus = texte(client.post(url, {"montant": "0", "motif": ""}))
    assert "« Montant de la correction » : un montant différent de 0" in refus
    assert "« Motif de la correction » : ce champ est obligatoire." in refus
    assert "Confirmation : cochez la case pour enregistrer." in refus
    donnees = {"montant": "-100", "motif": "Loyer révisé", "confirmation": "on"}
    page = texte(client.post(url, donnees, follow=True))
    assert "Correction enregistrée" in page and "Corrigée : −100 €" in page
    appel.refresh_from_db()
    assert appel.montant > 0  # la ligne corrigée n'a pas changé
    assert appel.corrections.get().libelle == "Correction : Loyer révisé"


def test_un_plan_d_apurement_calcule_modifie_suivi_puis_clos(client):
    occupation = occupation_appelee(4)
    connecter(client, demo("julie"))
    url = reverse("occupations:plan", args=[occupation.pk])
    formulaire = client.get(url)
    dette = formulaire.context["form"].initial["montant"]
    assert dette > 0
    debut = (timezone.localdate() + timedelta(days=10)).isoformat()
    base = {"montant": "1000", "nombre": "3", "debut": debut, "note": ""}
    calcul = client.post(url, base | {"action": "calculer"})
    versements = [m.value() for _, m in calcul.context["form"].champs_versements]
    assert versements == ["333,33", "333,33", "333,34"]
    lignes = {k: v for k, v in calcul.context["form"].data.items() if "_" in k}
    faux = base | lignes | {"versement_3": "300", "action": "enregistrer"}
    refus = texte(client.post(url, faux))
    assert "Versements : leur somme (966,66 €) doit égaler la dette à apurer (1 000 €)." in refus
    page = texte(client.post(url, base | lignes | {"action": "enregistrer"}, follow=True))
    assert "Plan d'apurement enregistré." in page and "Plan de 1 000 €" in page
    if timezone.localdate().day == 1:
        # Le jour d'appel, le loyer du mois, appelé et dû ce jour-là, est compté depuis la
        # conclusion du plan (R-IMPAYES : appelé et dû le 1er).
        assert "En retard" in page
    else:
        assert "À jour" in page  # aucun versement ni loyer échu depuis sa conclusion
    plan = PlanApurement.objects.get(occupation=occupation)
    assert [v.montant for v in plan.versements.all()] == [D("333.33"), D("333.33"), D("333.34")]
    clore = reverse("occupations:clore_plan", args=[plan.pk])
    assert "Confirmation" in texte(client.post(clore, {}))
    page = texte(client.post(clore, {"confirmation": "on"}, follow=True))
    assert "Plan d'apurement clos." in page and "Clos le" in page


def test_la_referente_lit_le_compte_sans_formulaire_les_autres_ne_le_trouvent_pas(client):
    occupation = occupation_appelee(1, menage=MenageFactory(suivi_par_nadia=True))
    url = reverse("occupations:compte", args=[occupation.pk])
    connecter(client, demo("nadia"))
    page = texte(client.get(url))
    assert "Solde dû" in page and "Enregistrer un paiement" not in page and "Corriger" not in page
    assert client.get(reverse("occupations:encaisser", args=[occupation.pk])).status_code == 403
    connecter(client, demo("thomas"))
    assert client.get(url).status_code == 404


def _requetes(client, url) -> int:
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url, {"annee": "toutes"}).status_code == 200
    return len(requetes)


def test_le_nombre_de_requetes_du_compte_ne_depend_pas_du_nombre_de_lignes(client):
    occupation = occupation_appelee(2)
    connecter(client, demo("julie"))
    url = reverse("occupations:compte", args=[occupation.pk])
    _requetes(client, url)
    avant = _requetes(client, url)
    for _ in range(15):
        payer(occupation, "10")
    compte.corriger(
        acteur=acteur(demo("julie")), ecriture=occupation.ecritures.first(), montant=D("-5"),
        motif="Erreur", aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    assert _requetes(client, url) == avant
