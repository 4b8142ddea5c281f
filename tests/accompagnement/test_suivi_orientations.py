"""Volet suivi : orientations vers les partenaires (R-PARTNERS). Le tableau du dossier
(partenaire, type, date, motif, suite ; annuaire vide = lien pour y ajouter un partenaire),
l'ajout (partenaire actif de l'annuaire, motif en catégorie, date), la suite (issue et date) ;
erreurs expliquées sans perte ; 404 hors périmètre ; nombre de requêtes fixe."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from iml.accompagnement.models import OrientationPartenaire
from iml.accompagnement.selectors_suivi import orientations
from iml.accompagnement.services import suivi
from iml.menages.models import ConsultationMenage
from tests.accompagnement.factories import OrientationFactory, PartenaireFactory, jours
from tests.accompagnement.test_suivi_contacts import dossier, texte
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.menages.factories import MenageFactory

pytestmark = pytest.mark.django_db


def rendre(menage) -> str:
    contexte = {"menage": menage, "orientations": orientations(menage)}
    page = render_to_string("accompagnement/_orientations.html", contexte)
    return re.sub(r"\s+", " ", texte(page))


def url_ajout(menage) -> str:
    return reverse("accompagnement:orientation_ajouter", args=[menage.pk])


def url_suite(orientation) -> str:
    return reverse("accompagnement:orientation_suite", args=[orientation.pk])


# --- Le tableau du dossier ----------------------------------------------------------------------


def test_le_dossier_montre_partenaire_type_date_motif_et_suite(distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    cmp = PartenaireFactory(nom="CMP Bellangerais", type="HOPITAL_CMP")
    ancienne = OrientationFactory(menage=menage, partenaire=cmp, le=date(2025, 9, 2), motif="SANTE")
    suivi.noter_suite(
        acteur=acteur(distribution.nadia), orientation=ancienne, issue="PRISE_EN_CHARGE",
        issue_le=date(2025, 9, 20), aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    OrientationFactory(menage=menage, le=date(2025, 10, 1), motif="EMPLOI_FORMATION")
    page = rendre(menage)
    assert 'id="orientations"' in page
    assert "1 orientation en attente de réponse." in page
    assert page.index("01/10/2025") < page.index("02/09/2025")  # la plus récente d'abord
    assert "CMP Bellangerais" in page and "Hôpital ou CMP" in page and "Santé et soins" in page
    assert "Prise en charge par le partenaire le 20/09/2025" in page
    assert "Emploi et formation" in page and "En attente de réponse" in page
    assert f'href="{url_suite(ancienne)}"' in page
    assert f'href="{url_ajout(menage)}"' in page and "Orienter vers un partenaire" in page


def test_annuaire_vide_le_dossier_propose_d_y_ajouter_un_partenaire(distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    page = rendre(menage)
    assert "Aucune orientation pour ce ménage." in page
    assert "L'annuaire de votre organisation n'a aucun partenaire actif" in page
    assert f'href="/accompagnement/partenaires/nouveau/?pour={menage.pk}"' in page
    assert "Orienter vers un partenaire" not in page
    # Un partenaire d'un autre opérateur ou inactif ne remplit pas l'annuaire.
    PartenaireFactory(agent=distribution.ines, nom="MDS Cleunay")
    PartenaireFactory(nom="Ancien CCAS", actif=False)
    assert "aucun partenaire actif" in rendre(menage)


def test_nombre_de_requetes_du_tableau_fixe(distribution, django_assert_max_num_queries):
    petit, grand = MenageFactory(suivi_par_nadia=True), MenageFactory(suivi_par_nadia=True)
    partenaires = [PartenaireFactory() for _ in range(4)]
    OrientationFactory(menage=petit, partenaire=partenaires[0])
    for i in range(20):
        OrientationFactory(menage=grand, partenaire=partenaires[i % 4], le=jours(i))
    rendre(petit)
    with django_assert_max_num_queries(2) as peu:
        rendre(petit)
    with django_assert_max_num_queries(len(peu.captured_queries)):
        page = rendre(grand)
    assert "20 orientations en attente de réponse." in page


# --- Orienter -----------------------------------------------------------------------------------


def test_orienter_vers_un_partenaire_actif_de_l_annuaire(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    ccas = PartenaireFactory(nom="CCAS de Rennes")
    PartenaireFactory(nom="Ancien CCAS", actif=False)
    PartenaireFactory(agent=distribution.ines, nom="MDS Cleunay", type="MDS")
    connecter(client, distribution.nadia)
    page = texte(client.get(url_ajout(menage)))
    assert "CCAS de Rennes (CCAS ou CIAS, Rennes)" in page
    assert "Ancien CCAS" not in page and "MDS Cleunay" not in page
    assert "Accès aux droits" in page and "Réduction des risques" in page
    assert f'value="{timezone.localdate().isoformat()}"' in page
    reponse = client.post(
        url_ajout(menage),
        {"partenaire": ccas.pk, "motif": "DROITS", "le": jours(2).isoformat()},
    )
    assert reponse.status_code == 302 and reponse.url == dossier(menage, "orientations")
    orientation = OrientationPartenaire.objects.get(menage=menage)
    assert (orientation.partenaire, orientation.motif, orientation.le, orientation.par) == (
        ccas,
        "DROITS",
        jours(2),
        distribution.nadia,
    )
    assert orientation.issue == "EN_ATTENTE"
    assert [str(m) for m in get_messages(reponse.wsgi_request)] == [
        f"Orientation vers CCAS de Rennes enregistrée (le {jours(2):%d/%m/%Y})."
    ]


def test_une_orientation_erronee_est_expliquee_sans_perte(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    PartenaireFactory(nom="CCAS de Rennes")
    ailleurs = PartenaireFactory(agent=distribution.ines, nom="MDS Cleunay", type="MDS")
    connecter(client, distribution.nadia)
    reponse = client.post(url_ajout(menage), {"partenaire": ailleurs.pk, "motif": "", "le": ""})
    page = texte(reponse)
    assert reponse.status_code == 200 and "<title>Erreur —" in page
    assert "L'orientation n'est pas enregistrée : 3 erreurs à corriger" in page
    for message in (
        "« Partenaire » : choisissez un partenaire actif de votre annuaire (R-PARTNERS).",
        "« Motif » : choisissez une catégorie.",
        "« Orienté le » : ce champ est obligatoire.",
    ):
        assert page.count(message) == 2, message
    demain = (timezone.localdate() + timedelta(days=1)).isoformat()
    ccas = menage.operateur.partenaires.get(nom="CCAS de Rennes")
    page = texte(
        client.post(url_ajout(menage), {"partenaire": ccas.pk, "motif": "SANTE", "le": demain})
    )
    assert page.count("Orienté le : la date ne peut pas être dans le futur.") == 2
    assert f'value="{demain}"' in page
    assert re.search(rf'<option value="{ccas.pk}"[^>]*selected', page)
    assert re.search(r'<option value="SANTE"[^>]*selected', page)
    assert not OrientationPartenaire.objects.filter(menage=menage).exists()


def test_annuaire_vide_la_page_mene_a_l_ajout_d_un_partenaire_puis_revient(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    connecter(client, distribution.nadia)
    page = texte(client.get(url_ajout(menage)))
    assert "L'annuaire de votre organisation n'a aucun partenaire actif" in page
    creer = f"/accompagnement/partenaires/nouveau/?pour={menage.pk}"
    assert f'href="{creer}"' in page and "Enregistrer l'orientation" not in page
    formulaire = texte(client.get(creer))
    assert "Retour à l'orientation" in formulaire and menage.nom in formulaire
    reponse = client.post(creer, {"nom": "CCAS de Rennes", "type": "CCAS_CIAS", "actif": "on"})
    assert reponse.status_code == 302 and reponse.url == url_ajout(menage)
    assert "CCAS de Rennes (CCAS ou CIAS)" in texte(client.get(url_ajout(menage)))


def test_pour_un_menage_non_suivi_la_creation_revient_a_l_annuaire(client, distribution):
    non_suivi = MenageFactory(referent=None)  # AIS, mais pas suivi par nadia
    connecter(client, distribution.nadia)
    reponse = client.post(
        f"/accompagnement/partenaires/nouveau/?pour={non_suivi.pk}",
        {"nom": "CCAS de Rennes", "type": "CCAS_CIAS", "actif": "on"},
    )
    assert reponse.url == reverse("accompagnement:partenaires")


# --- La suite -----------------------------------------------------------------------------------


def test_noter_la_suite_d_une_orientation(client, distribution):
    orientation = OrientationFactory(le=jours(10))
    connecter(client, distribution.nadia)
    page = texte(client.get(url_suite(orientation)))
    assert "CCAS de Rennes" in page and "Accès aux droits" in page
    assert f"Orienté le {jours(10):%d/%m/%Y}" in page
    assert re.search(r'<input[^>]*value="EN_ATTENTE"[^>]*checked', page)
    assert f'value="{timezone.localdate().isoformat()}"' in page
    lectures = ConsultationMenage.objects.filter(menage=orientation.menage, page="accompagnement")
    assert lectures.get().par == distribution.nadia  # la page montre le suivi : journalisée
    reponse = client.post(
        url_suite(orientation), {"issue": "PRISE_EN_CHARGE", "issue_le": jours(3).isoformat()}
    )
    assert reponse.status_code == 302
    assert reponse.url == dossier(orientation.menage, "orientations")
    orientation.refresh_from_db()
    assert (orientation.issue, orientation.issue_le) == ("PRISE_EN_CHARGE", jours(3))
    assert [str(m) for m in get_messages(reponse.wsgi_request)] == [
        f"Suite notée : Prise en charge par le partenaire le {jours(3):%d/%m/%Y}."
    ]
    # Revenir « en attente » efface la date d'une suite qui n'est plus connue.
    client.post(url_suite(orientation), {"issue": "EN_ATTENTE", "issue_le": jours(3).isoformat()})
    orientation.refresh_from_db()
    assert (orientation.issue, orientation.issue_le) == ("EN_ATTENTE", None)


def test_une_suite_erronee_est_expliquee_sans_perte(client, distribution):
    orientation = OrientationFactory(le=jours(10))
    connecter(client, distribution.nadia)
    page = texte(client.post(url_suite(orientation), {"issue": "REFUSEE", "issue_le": ""}))
    assert "La suite n'est pas enregistrée : 1 erreur à corriger" in page
    assert page.count("« Suite connue le » : indiquez la date de cette suite.") == 2
    assert re.search(r'<input[^>]*value="REFUSEE"[^>]*checked', page)
    avant = jours(12).isoformat()
    page = texte(client.post(url_suite(orientation), {"issue": "REFUSEE", "issue_le": avant}))
    assert page.count("Suite connue le : la date ne peut précéder l'orientation.") == 2
    assert f'value="{avant}"' in page
    assert "Suite connue jusqu'ici : En attente de réponse" in page
    page = texte(client.post(url_suite(orientation), {"issue": "", "issue_le": ""}))
    assert page.count("« Suite » : choisissez la suite donnée.") == 2
    orientation.refresh_from_db()
    assert (orientation.issue, orientation.issue_le) == ("EN_ATTENTE", None)


def test_orientations_hors_perimetre_introuvables(client, distribution):
    orientation = OrientationFactory()
    menage = orientation.menage
    for persona in ("julie", "ines", "helene", "claire", "sophie", "anne", "admin"):
        connecter(client, getattr(distribution, persona))
        assert client.get(url_ajout(menage)).status_code == 404, persona
        assert client.get(url_suite(orientation)).status_code == 404, persona
        reponse = client.post(url_suite(orientation), {"issue": "REFUSEE", "issue_le": ""})
        assert reponse.status_code == 404, persona
    connecter(client, distribution.marc)
    assert client.get(url_suite(orientation)).status_code == 200
    orientation.refresh_from_db()
    assert orientation.issue == "EN_ATTENTE"
