"""Socle de sécurité : verrouillage, mots de passe, réinitialisation, second facteur, admin, CSP."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from iml.comptes.demo import MOT_DE_PASSE_DEMO
from tests.factories import connecter

pytestmark = pytest.mark.django_db

CONNEXION = reverse("comptes:connexion")
ACCUEIL = reverse("ui:accueil")
ENROLEMENT = reverse("comptes:second_facteur_enrolement")
VERIFICATION = reverse("comptes:second_facteur_verification")


def se_connecter(client, email: str, mot_de_passe: str = MOT_DE_PASSE_DEMO, **extra):
    return client.post(CONNEXION, {"username": email, "password": mot_de_passe}, **extra)


def code(appareil: TOTPDevice) -> str:
    appareil.refresh_from_db()
    valeur = totp(appareil.bin_key, appareil.step, appareil.t0, appareil.digits, appareil.drift)
    return f"{valeur:0{appareil.digits}d}"


def est_connecte(client) -> bool:
    return "_auth_user_id" in client.session


def confirmer_mot_de_passe(client, url: str = ENROLEMENT):
    """L'étape qui précède la clé : le mot de passe (détenir la session ne suffit pas)."""
    reponse = client.post(url, {"mot_de_passe": MOT_DE_PASSE_DEMO})
    assert reponse.status_code == 302 and reponse.url == url
    return reponse


# --- Verrouillage (django-axes) -------------------------------------------------------------


def test_cinq_echecs_verrouillent_meme_avec_le_bon_mot_de_passe(client, distribution):
    assert settings.AXES_FAILURE_LIMIT == 5
    email = distribution.marc.email
    for _ in range(4):
        reponse = se_connecter(client, email, "mauvais-mot-de-passe")
        assert reponse.status_code == 200
        assert "Adresse électronique ou mot de passe incorrect." in reponse.content.decode()
    cinquieme = se_connecter(client, email, "mauvais-mot-de-passe")
    assert cinquieme.status_code == 429

    sixieme = se_connecter(client, email)
    assert sixieme.status_code == 429
    assert "comptes/verrouille.html" in [t.name for t in sixieme.templates]
    page = sixieme.content.decode()
    assert "Trop de tentatives de connexion échouées" in page
    assert "<h1>Connexion bloquée</h1>" in page
    assert not est_connecte(client)


def test_le_verrouillage_porte_sur_l_adresse_et_l_ip(client, distribution):
    for _ in range(5):
        se_connecter(client, distribution.marc.email, "mauvais-mot-de-passe")
    assert se_connecter(client, distribution.marc.email).status_code == 429
    # Même adresse depuis une autre IP, ou autre adresse depuis la même IP : pas verrouillé.
    assert se_connecter(client, distribution.marc.email, REMOTE_ADDR="10.1.2.3").status_code == 302
    client.logout()
    assert se_connecter(client, distribution.julie.email).status_code == 302


def test_la_casse_de_l_adresse_ne_contourne_pas_le_verrouillage(client, distribution):
    for i in range(5):
        variante = "Marc.Bernard@AIS35.demo" if i % 2 else "marc.bernard@ais35.demo"
        se_connecter(client, variante, "mauvais-mot-de-passe")
    assert se_connecter(client, "MARC.BERNARD@ais35.demo").status_code == 429


def test_la_connexion_ignore_la_casse_de_l_adresse(client, distribution):
    reponse = se_connecter(client, "Marc.Bernard@AIS35.demo")
    assert reponse.status_code == 302
    assert reponse.url == ACCUEIL


# --- Mots de passe --------------------------------------------------------------------------

TROP_COURT = "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."


def _changer(client, nouveau: str):
    return client.post(
        reverse("comptes:changement_mot_de_passe"),
        {"old_password": MOT_DE_PASSE_DEMO, "new_password1": nouveau, "new_password2": nouveau},
    )


def test_onze_caracteres_refuses_douze_acceptes(client, distribution):
    connecter(client, distribution.marc)
    refus = _changer(client, "Kx7#pq2Lm9z")  # 11 caractères
    assert refus.status_code == 200
    assert TROP_COURT in refus.content.decode()

    accord = _changer(client, "Kx7#pq2Lm9zW")  # 12 caractères
    assert accord.status_code == 302
    assert accord.url == reverse("comptes:mon_compte")
    suite = client.get(accord.url).content.decode()
    assert "Votre mot de passe a été modifié." in suite

    client.logout()
    assert se_connecter(client, distribution.marc.email, "Kx7#pq2Lm9zW").status_code == 302
    client.logout()
    assert se_connecter(client, distribution.marc.email).status_code == 200


def test_mot_de_passe_courant_ou_numerique_refuse_en_francais(client, distribution):
    connecter(client, distribution.marc)
    page = _changer(client, "123456789012").content.decode()
    assert "Ce mot de passe est entièrement numérique." in page
    page = _changer(client, "password1234").content.decode()
    assert "Ce mot de passe est trop courant." in page


def test_changer_de_mot_de_passe_garde_le_second_facteur(client, distribution):
    connecter(client, distribution.claire)
    assert _changer(client, "Kx7#pq2Lm9zW").status_code == 302
    assert client.get(ACCUEIL).status_code == 200


def _lien_du_courriel() -> str:
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "IML : choisir un nouveau mot de passe"
    assert message.body.startswith("Bonjour,")
    assert "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message." in message.body
    trouve = re.search(r"http://testserver(/compte/mot-de-passe/nouveau/\S+/)", message.body)
    assert trouve, message.body
    return trouve.group(1)


def test_reinitialisation_du_mot_de_passe_de_bout_en_bout(client, distribution):
    reponse = client.post(
        reverse("comptes:mot_de_passe_oublie"), {"email": "marc.bernard@ais35.demo"}
    )
    assert reponse.status_code == 302
    assert reponse.url == reverse("comptes:mot_de_passe_envoye")
    assert mail.outbox[0].to == ["marc.bernard@ais35.demo"]
    lien = _lien_du_courriel()

    formulaire = client.get(lien, follow=True)
    assert formulaire.status_code == 200
    assert "Au moins 12 caractères" in formulaire.content.decode()
    adresse = formulaire.redirect_chain[-1][0]

    refus = client.post(adresse, {"new_password1": "Kx7#pq2Lm9z", "new_password2": "Kx7#pq2Lm9z"})
    assert TROP_COURT in refus.content.decode()
    fin = client.post(adresse, {"new_password1": "Kx7#pq2Lm9zW", "new_password2": "Kx7#pq2Lm9zW"})
    assert fin.status_code == 302
    assert fin.url == reverse("comptes:mot_de_passe_modifie")
    assert "Votre mot de passe a été enregistré." in client.get(fin.url).content.decode()

    assert se_connecter(client, distribution.marc.email).status_code == 200
    assert se_connecter(client, distribution.marc.email, "Kx7#pq2Lm9zW").url == ACCUEIL

    # Le lien ne sert qu'une fois.
    client.logout()
    perime = client.get(lien, follow=True).content.decode()
    assert "Ce lien n'est plus valide : demandez-en un nouveau." in perime


def test_adresse_inconnue_meme_reponse_et_aucun_courriel(client, db):
    reponse = client.post(reverse("comptes:mot_de_passe_oublie"), {"email": "personne@nulle.part"})
    assert reponse.url == reverse("comptes:mot_de_passe_envoye")
    assert mail.outbox == []


# --- Second facteur -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["claire", "yves", "paul", "admin"])
def test_etat_et_administrateur_sans_appareil_sont_envoyes_a_l_enrolement(
    client, distribution, persona
):
    utilisateur = getattr(distribution, persona)
    TOTPDevice.objects.filter(user=utilisateur).delete()
    reponse = se_connecter(client, utilisateur.email)
    assert reponse.url == ENROLEMENT
    assert client.get(ACCUEIL).url == f"{ENROLEMENT}?next=%2F"  # rien d'autre n'est accessible
    page = client.get(ENROLEMENT).content.decode()
    assert "Le second facteur est obligatoire pour votre rôle." in page
    assert "confirmez d'abord votre mot de passe" in page
    assert 'data-testid="cle-totp"' not in page
    confirmer_mot_de_passe(client)
    page = client.get(ENROLEMENT).content.decode()
    assert "Le second facteur est obligatoire pour votre rôle." in page
    assert 'data-testid="cle-totp"' in page and "<svg" in page

    appareil = TOTPDevice.objects.get(user=utilisateur, confirmed=False)
    reponse = client.post(ENROLEMENT, {"code": code(appareil)})
    assert reponse.url == ACCUEIL
    appareil.refresh_from_db()
    assert appareil.confirmed
    accueil = client.get(ACCUEIL)
    assert accueil.status_code == 200
    assert "Second facteur activé." in accueil.content.decode()


def test_un_mauvais_code_a_l_enrolement_est_refuse_en_francais(client, distribution):
    TOTPDevice.objects.filter(user=distribution.claire).delete()
    se_connecter(client, distribution.claire.email)
    confirmer_mot_de_passe(client)
    reponse = client.post(ENROLEMENT, {"code": "000000"})
    assert "Code incorrect ou expiré : saisissez le code affiché maintenant." in (
        reponse.content.decode()
    )
    assert not TOTPDevice.objects.filter(user=distribution.claire, confirmed=True).exists()


@pytest.mark.parametrize("persona", ["claire", "paul", "admin"])
def test_avec_un_appareil_on_passe_par_la_verification(client, distribution, persona):
    utilisateur = getattr(distribution, persona)
    reponse = se_connecter(client, utilisateur.email)
    assert reponse.url == VERIFICATION
    assert client.get(ACCUEIL).url == f"{VERIFICATION}?next=%2F"
    reponse = client.post(VERIFICATION, {"code": code(TOTPDevice.objects.get(user=utilisateur))})
    assert reponse.url == ACCUEIL
    assert client.get(ACCUEIL).status_code == 200


def test_un_mauvais_code_a_la_verification_est_refuse_en_francais(client, distribution):
    se_connecter(client, distribution.claire.email)
    reponse = client.post(VERIFICATION, {"code": "000000"})
    assert reponse.status_code == 200
    assert "Code incorrect ou expiré." in reponse.content.decode()
    assert client.get(ACCUEIL).status_code == 302
    lettres = client.post(VERIFICATION, {"code": "12a456"}).content.decode()
    assert "Le code ne contient que des chiffres." in lettres
    # Des « chiffres » qui ne sont pas 0-9 (exposant, chiffres arabes-indiens) sont refusés.
    for faux in ("12345²", "١٢٣٤٥٦"):
        assert "Le code ne contient que des chiffres." in (
            client.post(VERIFICATION, {"code": faux}).content.decode()
        )


def test_la_verification_ramene_a_la_page_demandee_mais_pas_ailleurs(client, distribution):
    se_connecter(client, distribution.claire.email)
    demande = client.get(reverse("ui:organisations") + "?page=1")
    assert demande.url == VERIFICATION + "?next=%2Forganisations%2F%3Fpage%3D1"
    appareil = TOTPDevice.objects.get(user=distribution.claire)
    reponse = client.post(demande.url, {"code": code(appareil)})
    assert reponse.url == "/organisations/?page=1"

    client.logout()
    se_connecter(client, distribution.claire.email)
    appareil.last_t = -1
    appareil.save()
    reponse = client.post(
        VERIFICATION + "?next=https://ailleurs.example/", {"code": code(appareil)}
    )
    assert reponse.url == ACCUEIL


def test_l_operateur_entre_sans_second_facteur_et_peut_l_activer(client, distribution):
    marc = distribution.marc
    assert se_connecter(client, marc.email).url == ACCUEIL
    assert client.get(ACCUEIL).status_code == 200
    compte = client.get(reverse("comptes:mon_compte")).content.decode()
    assert "Second facteur : non activé" in compte
    assert f'href="{ENROLEMENT}"' in compte

    confirmer_mot_de_passe(client)
    page = client.get(ENROLEMENT).content.decode()
    assert "obligatoire" not in page
    appareil = TOTPDevice.objects.get(user=marc, confirmed=False)
    assert client.post(ENROLEMENT, {"code": code(appareil)}).url == ACCUEIL
    assert "Second facteur : activé" in client.get(reverse("comptes:mon_compte")).content.decode()

    # Dès lors, sa connexion passe par la vérification.
    client.logout()
    assert se_connecter(client, marc.email).url == VERIFICATION


# --- Administration Django ------------------------------------------------------------------


def test_l_administration_passe_par_la_connexion_du_site(client, distribution):
    admin = reverse("admin:index")
    reponse = client.get(admin, follow=True)
    assert reponse.redirect_chain[-1][0] == f"{CONNEXION}?next={admin.replace('/', '%2F')}"
    assert "Connectez-vous avec votre adresse électronique professionnelle." in (
        reponse.content.decode()
    )

    connexion = client.post(
        reponse.redirect_chain[-1][0],
        {"username": distribution.admin.email, "password": MOT_DE_PASSE_DEMO},
    )
    assert urlparse(connexion.url).path == VERIFICATION
    assert parse_qs(urlparse(connexion.url).query) == {"next": [admin]}
    appareil = TOTPDevice.objects.get(user=distribution.admin)
    verification = client.post(connexion.url, {"code": code(appareil)})
    assert verification.url == admin
    assert client.get(admin).status_code == 200


def test_l_administrateur_non_verifie_n_entre_pas_dans_l_administration(client, distribution):
    se_connecter(client, distribution.admin.email)
    reponse = client.get(reverse("admin:index"))
    assert urlparse(reponse.url).path == VERIFICATION


@pytest.mark.parametrize("persona", ["marc", "claire"])
def test_un_non_administrateur_connecte_ne_boucle_pas_sur_l_administration(
    client, distribution, persona
):
    connecter(client, getattr(distribution, persona))
    reponse = client.get(reverse("admin:index"), follow=True)  # RedirectCycleError si boucle
    assert reponse.status_code == 200
    assert reponse.redirect_chain[-1][0] == ACCUEIL


def test_le_lien_vers_l_administration_n_est_montre_qu_a_l_administrateur(client, distribution):
    connecter(client, distribution.admin)
    assert f'href="{reverse("admin:index")}"' in client.get(ACCUEIL).content.decode()
    client.logout()
    connecter(client, distribution.claire)
    assert f'href="{reverse("admin:index")}"' not in client.get(ACCUEIL).content.decode()


def test_un_administrateur_leve_le_blocage_depuis_l_administration(client, distribution):
    from axes.models import AccessAttempt
    from django.test import Client

    for _ in range(5):
        se_connecter(client, distribution.marc.email, "mauvais-mot-de-passe")
    assert se_connecter(client, distribution.marc.email).status_code == 429

    administrateur = Client()
    connecter(administrateur, distribution.admin)
    tentative = AccessAttempt.objects.get(username=distribution.marc.email)
    liste = reverse("admin:axes_accessattempt_changelist")
    reponse = administrateur.post(
        liste, {"action": "delete_selected", "_selected_action": [tentative.pk], "post": "yes"}
    )
    assert reponse.status_code == 302
    assert se_connecter(client, distribution.marc.email).url == ACCUEIL


def test_un_compte_desactive_ne_se_connecte_pas_et_le_message_ne_le_dit_pas(client, distribution):
    distribution.marc.is_active = False
    distribution.marc.save()
    reponse = se_connecter(client, distribution.marc.email)
    assert reponse.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect." in reponse.content.decode()
    assert not est_connecte(client)
