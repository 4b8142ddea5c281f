"""Journal d'audit : modifications des comptes et adhésions, consultations, page du journal."""

from __future__ import annotations

import json

import pytest
from auditlog.context import set_actor
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from iml.comptes.audit import journaliser_consultation
from iml.comptes.enums import Role
from iml.comptes.models import Adhesion, Utilisateur
from iml.comptes.services import rattacher
from tests.factories import AdhesionFactory, OrganisationFactory, UtilisateurFactory, connecter

pytestmark = pytest.mark.django_db

JOURNAL = reverse("ui:journal")


def entrees(objet, action: int | None = None):
    qs = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(objet), object_pk=str(objet.pk)
    ).order_by("timestamp", "pk")
    return qs if action is None else qs.filter(action=action)


def sans_mot_de_passe(entree: LogEntry, utilisateur: Utilisateur) -> None:
    texte = json.dumps(entree.changes) if not isinstance(entree.changes, str) else entree.changes
    assert "password" not in entree.changes_dict
    assert utilisateur.password not in texte
    assert "md5$" not in texte and "pbkdf2" not in texte


# --- Écritures ------------------------------------------------------------------------------


def test_creer_puis_modifier_un_utilisateur_est_journalise_sans_mot_de_passe(db):
    utilisateur = UtilisateurFactory(email="camille@exemple.fr", last_name="Durand")
    creation = entrees(utilisateur, LogEntry.Action.CREATE).get()
    assert creation.changes_dict["email"][1] == "camille@exemple.fr"
    sans_mot_de_passe(creation, utilisateur)

    utilisateur.last_name = "Dupont"
    utilisateur.save()
    modification = entrees(utilisateur, LogEntry.Action.UPDATE).get()
    assert modification.changes_dict == {"last_name": ["Durand", "Dupont"]}


def test_changer_le_mot_de_passe_n_ecrit_pas_le_hash(db):
    utilisateur = UtilisateurFactory()
    utilisateur.set_password("un-autre-mot-de-passe-long")
    utilisateur.save()
    for entree in entrees(utilisateur):
        sans_mot_de_passe(entree, utilisateur)


def test_creer_et_modifier_une_adhesion_est_journalise(db):
    adhesion = AdhesionFactory(role=Role.DIRECTION)
    creation = entrees(adhesion, LogEntry.Action.CREATE).get()
    assert creation.changes_dict["role"][1] == Role.DIRECTION

    adhesion.role = Role.GESTIONNAIRE_LOCATIF
    adhesion.save()
    assert entrees(adhesion, LogEntry.Action.UPDATE).get().changes_dict == {
        "role": [Role.DIRECTION, Role.GESTIONNAIRE_LOCATIF]
    }
    adhesion.actif = False
    adhesion.save()
    assert entrees(adhesion, LogEntry.Action.UPDATE).count() == 2


def test_rattacher_deux_fois_n_ecrit_qu_une_creation(db):
    utilisateur = UtilisateurFactory()
    organisation = OrganisationFactory()
    adhesion = rattacher(utilisateur=utilisateur, organisation=organisation, role=Role.DIRECTION)
    rattacher(utilisateur=utilisateur, organisation=organisation, role=Role.DIRECTION)
    assert [e.action for e in entrees(adhesion)] == [LogEntry.Action.CREATE]


def test_une_creation_par_l_administration_porte_son_auteur(client, distribution):
    connecter(client, distribution.admin)
    reponse = client.post(
        reverse("admin:comptes_utilisateur_add"),
        {
            "email": "Nouvel.Agent@ddets35.demo",
            "password1": "Kx7#pq2Lm9zW",
            "password2": "Kx7#pq2Lm9zW",
            "usable_password": "true",
            "adhesions-TOTAL_FORMS": "0",
            "adhesions-INITIAL_FORMS": "0",
        },
    )
    assert reponse.status_code == 302, reponse.content.decode()[:2000]
    cree = Utilisateur.objects.get(email="nouvel.agent@ddets35.demo")
    creation = entrees(cree, LogEntry.Action.CREATE).get()
    assert creation.actor == distribution.admin
    sans_mot_de_passe(creation, cree)


def test_un_rattachement_par_l_administration_est_journalise(client, distribution):
    d = distribution
    connecter(client, d.admin)
    agent = UtilisateurFactory(email="agent@ddets35.demo", first_name="Léa", last_name="Roy")
    url = reverse("admin:comptes_utilisateur_change", args=[agent.pk])
    donnees = {
        "email": agent.email,
        "first_name": "Léa",
        "last_name": "Roy",
        "is_active": "on",
        "date_joined_0": "01/01/2026",
        "date_joined_1": "10:00:00",
        "adhesions-TOTAL_FORMS": "1",
        "adhesions-INITIAL_FORMS": "0",
        "adhesions-MIN_NUM_FORMS": "0",
        "adhesions-MAX_NUM_FORMS": "1000",
        "adhesions-0-organisation": d.org.ddets35.pk,
        "adhesions-0-role": Role.DIRECTION,  # pas un rôle de l'État
        "adhesions-0-actif": "on",
    }
    refus = client.post(url, donnees)
    assert refus.status_code == 200
    assert "Ce rôle n&#x27;existe pas pour ce type d&#x27;organisation." in refus.content.decode()

    donnees["adhesions-0-role"] = Role.AGENT_INSTRUCTEUR
    assert client.post(url, donnees).status_code == 302
    adhesion = Adhesion.objects.get(utilisateur=agent, organisation=d.org.ddets35)
    creation = entrees(adhesion, LogEntry.Action.CREATE).get()
    assert creation.actor == d.admin


# --- Consultations --------------------------------------------------------------------------


def test_journaliser_consultation_ecrit_un_acces_avec_l_auteur(distribution):
    fiche = distribution.julie
    with set_actor(distribution.claire):
        journaliser_consultation(fiche)
    acces = entrees(fiche, LogEntry.Action.ACCESS).get()
    assert acces.actor == distribution.claire
    assert acces.object_repr == "Julie Petit"


def test_journaliser_consultation_dans_une_requete(distribution):
    """Dans une vraie requête, l'auteur vient de AuditlogMiddleware (request.user)."""
    fiche = distribution.julie

    def vue(request):
        journaliser_consultation(fiche)
        return HttpResponse("ok")

    requete = RequestFactory().get("/fiche/", REMOTE_ADDR="192.0.2.7")
    requete.user = distribution.claire
    AuditlogMiddleware(vue)(requete)

    acces = entrees(fiche, LogEntry.Action.ACCESS).get()
    assert acces.actor == distribution.claire
    assert acces.remote_addr == "192.0.2.7"


def test_sans_requete_la_consultation_est_anonyme(distribution):
    journaliser_consultation(distribution.julie)
    assert entrees(distribution.julie, LogEntry.Action.ACCESS).get().actor is None


# --- Page du journal ------------------------------------------------------------------------


def test_l_administrateur_lit_le_journal(client, distribution):
    d = distribution
    with set_actor(d.claire):
        journaliser_consultation(d.julie)
    adhesion = Adhesion.objects.get(utilisateur=d.julie)
    adhesion.role = Role.DIRECTION
    adhesion.save()

    connecter(client, d.admin)
    reponse = client.get(JOURNAL)
    assert reponse.status_code == 200
    page = reponse.content.decode()
    assert "<h1>Journal d'audit</h1>" in page
    lignes = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")
    ligne_acces = next(ligne for ligne in lignes if "<td>Consultation</td>" in ligne)
    assert "<td>Claire Moreau</td>" in ligne_acces and "Julie Petit" in ligne_acces
    ligne_modif = next(ligne for ligne in lignes if "<td>Modification</td>" in ligne)
    assert "<li>rôle : Gestion locative → Direction</li>" in ligne_modif
    creation = next(
        ligne
        for ligne in lignes
        if "utilisateur — Julie Petit" in ligne and "<td>Création</td>" in ligne
    )
    assert "<li>adresse électronique : julie.petit@ais35.demo</li>" in creation
    assert "<li>actif : oui</li>" in creation
    assert "adhesions" not in creation and "ID :" not in creation
    for anglais in (">access<", ">update<", ">create<"):
        assert anglais not in page
    assert "md5$" not in page and "pbkdf2" not in page


@pytest.mark.parametrize("persona", ["claire", "yves", "paul", "sophie", "marc", "anne"])
def test_le_journal_est_introuvable_pour_les_autres(client, distribution, persona):
    connecter(client, getattr(distribution, persona))
    assert client.get(JOURNAL).status_code == 404


def test_le_journal_est_pagine_du_plus_recent_au_plus_ancien(client, distribution):
    d = distribution
    for _ in range(55):
        journaliser_consultation(d.julie)
    with set_actor(d.claire):
        journaliser_consultation(d.marc)
    connecter(client, d.admin)
    page1 = client.get(JOURNAL).content.decode()
    premiere_ligne = page1.split("<tbody>")[1].split("</tr>")[0]
    assert "Marc Bernard" in premiere_ligne
    assert "Page suivante" in page1
    assert client.get(JOURNAL + "?page=2").status_code == 200


@pytest.mark.parametrize(
    ("remote", "transmis", "attendue"),
    [
        ("198.51.100.9", "10.0.0.1", "198.51.100.9"),  # en-tête d'un client : ignoré
        ("127.0.0.1", "10.0.0.1, 203.0.113.7", "203.0.113.7"),  # ajouté par le proxy
    ],
)
def test_le_journal_note_l_adresse_du_client_pas_celle_qu_il_pretend(
    distribution, settings, remote, transmis, attendue
):
    from iml.comptes.middleware import JournalMiddleware

    settings.IML_PROXYS_DE_CONFIANCE = ["127.0.0.1"]
    fiche = distribution.julie

    def vue(request):
        journaliser_consultation(fiche)
        return HttpResponse("ok")

    requete = RequestFactory().get("/fiche/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=transmis)
    requete.user = distribution.claire
    JournalMiddleware(vue)(requete)
    assert entrees(fiche, LogEntry.Action.ACCESS).get().remote_addr == attendue


def test_le_journal_passe_par_l_intergiciel_du_projet():
    from django.conf import settings

    assert "iml.comptes.middleware.JournalMiddleware" in settings.MIDDLEWARE
    assert "auditlog.middleware.AuditlogMiddleware" not in settings.MIDDLEWARE


def test_le_journal_se_lit_par_un_selecteur_cadre(distribution):
    """La vue ne lit plus LogEntry elle-même : le sélecteur ne rend le journal qu'à
    l'administrateur de la plateforme."""
    from iml.comptes.acteur import acteur_pour
    from iml.comptes.selectors import entrees_du_journal

    journaliser_consultation(distribution.julie)
    admin = acteur_pour(distribution.admin, None)
    assert entrees_du_journal(admin).count() == LogEntry.objects.count() > 0
    for persona in ("claire", "yves", "paul", "sophie", "marc", "anne"):
        assert not entrees_du_journal(acteur_pour(getattr(distribution, persona), None)).exists()


def test_la_vue_du_journal_ne_lit_pas_la_base_elle_meme():
    from pathlib import Path

    import iml.ui.views

    assert ".objects" not in Path(iml.ui.views.__file__).read_text(encoding="utf-8")
