"""Second facteur : le mot de passe avant de lier une application (détenir une session ne suffit
pas), titulaire prévenu par courriel, retrait par un administrateur journalisé."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import default_task_backend

from iml.comptes.demo import MOT_DE_PASSE_DEMO
from iml.comptes.models import Utilisateur
from iml.comptes.reauthentification import SESSION_CONFIRME_LE
from tests.factories import connecter

pytestmark = pytest.mark.django_db

ENROLEMENT = reverse("comptes:second_facteur_enrolement")
ACCUEIL = reverse("ui:accueil")
LISTE = reverse("admin:comptes_utilisateur_changelist")


def code(appareil: TOTPDevice) -> str:
    appareil.refresh_from_db()
    valeur = totp(appareil.bin_key, appareil.step, appareil.t0, appareil.digits, appareil.drift)
    return f"{valeur:0{appareil.digits}d}"


@pytest.fixture
def marc(client, distribution):
    """Une session ouverte de Marc (opérateur, sans second facteur), sans mot de passe saisi :
    celle qu'un tiers aurait récupérée."""
    connecter(client, distribution.marc)
    return client


def test_une_session_seule_ne_montre_pas_la_cle(marc, distribution):
    page = marc.get(ENROLEMENT).content.decode()
    assert "<h1>Confirmer votre mot de passe</h1>" in page
    assert "confirmez d'abord votre mot de passe" in page
    assert 'data-testid="cle-totp"' not in page and "<svg" not in page
    assert not TOTPDevice.objects.filter(user=distribution.marc).exists()
    # Poster un code sans avoir confirmé le mot de passe ne lie rien.
    marc.post(ENROLEMENT, {"code": "123456"})
    assert not TOTPDevice.objects.filter(user=distribution.marc, confirmed=True).exists()


def test_un_mauvais_mot_de_passe_est_refuse_et_compte_pour_le_verrouillage(marc, distribution):
    refus = marc.post(ENROLEMENT, {"mot_de_passe": "pas-le-bon"})
    assert refus.status_code == 200
    assert "Mot de passe incorrect." in refus.content.decode()
    assert 'data-testid="cle-totp"' not in refus.content.decode()
    for _ in range(4):
        derniere = marc.post(ENROLEMENT, {"mot_de_passe": "pas-le-bon"})
    assert derniere.status_code == 429
    assert marc.post(ENROLEMENT, {"mot_de_passe": MOT_DE_PASSE_DEMO}).status_code == 429


def test_le_bon_mot_de_passe_montre_la_cle_et_l_enrolement_aboutit(marc, distribution):
    reponse = marc.post(
        ENROLEMENT + "?next=%2Forganisations%2F", {"mot_de_passe": MOT_DE_PASSE_DEMO}
    )
    assert reponse.url == ENROLEMENT + "?next=%2Forganisations%2F"
    page = marc.get(reponse.url).content.decode()
    assert 'data-testid="cle-totp"' in page and "<svg" in page
    appareil = TOTPDevice.objects.get(user=distribution.marc, confirmed=False)
    assert marc.post(reponse.url, {"code": code(appareil)}).url == "/organisations/"
    appareil.refresh_from_db()
    assert appareil.confirmed


def test_la_confirmation_expire_apres_dix_minutes(marc, distribution):
    marc.post(ENROLEMENT, {"mot_de_passe": MOT_DE_PASSE_DEMO})
    session = marc.session
    session[SESSION_CONFIRME_LE] = timezone.now().timestamp() - 11 * 60
    session.save()
    page = marc.get(ENROLEMENT).content.decode()
    assert "<h1>Confirmer votre mot de passe</h1>" in page


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_le_titulaire_est_prevenu_par_courriel_et_l_activation_est_journalisee(marc, distribution):
    default_task_backend.results.clear()
    marc.post(ENROLEMENT, {"mot_de_passe": MOT_DE_PASSE_DEMO})
    marc.get(ENROLEMENT)
    appareil = TOTPDevice.objects.get(user=distribution.marc, confirmed=False)
    marc.post(ENROLEMENT, {"code": code(appareil)})
    assert mail.outbox == []  # pas pendant la requête
    (tache,) = default_task_backend.results
    tache.task.call(**tache.kwargs)  # ce que fait le worker
    (message,) = mail.outbox
    assert message.to == ["marc.bernard@ais35.demo"]
    assert message.subject == "IML : second facteur activé sur votre compte"
    jour = timezone.localtime().strftime("%d/%m/%Y")
    assert f"liée à votre compte IML (marc.bernard@ais35.demo) le {jour} à " in message.body
    assert "prévenez sans attendre votre administrateur" in message.body
    entree = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Utilisateur),
        object_pk=str(distribution.marc.pk),
    ).latest("timestamp")
    assert entree.changes_dict == {"second facteur": ["non activé", "activé"]}
    assert entree.actor == distribution.marc


# --- Retrait par un administrateur ------------------------------------------------------------


def _administrateur(distribution) -> Client:
    client = Client()
    connecter(client, distribution.admin)
    return client


def _action(client, utilisateur, **extra):
    donnees = {"action": "reinitialiser_second_facteur", "_selected_action": [utilisateur.pk]}
    return client.post(LISTE, {**donnees, **extra})


def test_l_administrateur_retire_un_second_facteur_apres_confirmation(distribution):
    claire = distribution.claire
    assert TOTPDevice.objects.filter(user=claire, confirmed=True).exists()
    admin = _administrateur(distribution)
    confirmation = _action(admin, claire)
    assert confirmation.status_code == 200
    page = confirmation.content.decode()
    assert "Le second facteur des comptes suivants sera retiré." in page
    assert "claire.moreau@ddets35.demo" in page
    assert TOTPDevice.objects.filter(user=claire).exists()  # rien tant que non confirmé

    fait = _action(admin, claire, confirmer="1")
    assert fait.status_code == 302
    assert not TOTPDevice.objects.filter(user=claire).exists()
    suite = admin.get(fait.url).content.decode()
    assert "Second facteur retiré, titulaire prévenu par courriel : claire.moreau@ddets35.demo" in (
        suite
    )
    (message,) = mail.outbox
    assert message.to == [claire.email]
    assert message.subject == "IML : second facteur retiré de votre compte"
    assert "Un administrateur a retiré le second facteur de votre compte IML" in message.body
    assert "Si vous n'avez rien demandé, prévenez sans attendre votre administrateur." in (
        message.body
    )
    entree = LogEntry.objects.filter(object_pk=str(claire.pk)).latest("timestamp")
    assert entree.actor == distribution.admin
    journal = admin.get(reverse("ui:journal")).content.decode()
    assert "activé → retiré par un administrateur" in journal

    # Claire, à sa connexion suivante, est conduite à l'enrôlement.
    client = Client()
    reponse = client.post(
        reverse("comptes:connexion"), {"username": claire.email, "password": MOT_DE_PASSE_DEMO}
    )
    assert reponse.url == ENROLEMENT


def test_seul_un_administrateur_de_la_plateforme_retire_un_second_facteur(distribution):
    from iml.comptes.second_facteur import reinitialiser

    equipe = distribution.julie
    equipe.is_staff = True
    equipe.save(update_fields=["is_staff"])
    with pytest.raises(PermissionError):
        reinitialiser(administrateur=equipe, utilisateur=distribution.claire)
    client = Client()
    connecter(client, equipe)
    _action(client, distribution.claire, confirmer="1")
    assert TOTPDevice.objects.filter(user=distribution.claire, confirmed=True).exists()


def test_les_appareils_ne_se_suppriment_que_par_l_action_journalisee(distribution):
    from django.urls import NoReverseMatch

    admin = _administrateur(distribution)
    for nom in ("admin:otp_totp_totpdevice_changelist", "admin:otp_static_staticdevice_changelist"):
        with pytest.raises(NoReverseMatch):
            reverse(nom)
    liste = admin.get(LISTE).content.decode()
    assert "Second facteur" in liste
    assert "Retirer le second facteur (téléphone perdu ou changé)" in liste
