"""« Mot de passe oublié » : demandes limitées par adresse et par adresse réseau, courriel envoyé
par le worker (jamais pendant la requête), même réponse pour une adresse inconnue, lien valable
une heure."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_tasks import default_task_backend

pytestmark = pytest.mark.django_db

OUBLIE = reverse("comptes:mot_de_passe_oublie")
ENVOYE = reverse("comptes:mot_de_passe_envoye")
MARC = "marc.bernard@ais35.demo"
FILE_D_ATTENTE = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def demander(client, courriel, ip="192.0.2.10"):
    return client.post(OUBLIE, {"email": courriel}, REMOTE_ADDR=ip)


def texte(reponse) -> str:
    brut = re.sub(r"<[^>]+>", " ", reponse.content.decode()).replace("&#x27;", "'")
    return re.sub(r"\s+", " ", brut)


def sans_nonce(reponse) -> str:
    return re.sub(r'nonce="[^"]+"', "", reponse.content.decode())


def test_trois_liens_par_heure_et_par_adresse_au_plus(client, distribution):
    for _ in range(3):
        assert demander(client, MARC).url == ENVOYE
    refus = demander(client, MARC)
    assert refus.status_code == 429
    assert (
        "Trop de demandes de lien pour cette adresse électronique (3 par heure au plus) : "
        "utilisez le dernier courriel reçu ou réessayez dans une heure."
    ) in texte(refus)
    assert len(mail.outbox) == 3
    # La casse ne contourne pas la limite ; une autre adresse passe.
    assert demander(client, "Marc.Bernard@AIS35.demo").status_code == 429
    assert demander(client, "julie.petit@ais35.demo").url == ENVOYE


def test_la_limite_vaut_aussi_pour_une_adresse_inconnue(client, db):
    """Sinon la limite elle-même dirait quelles adresses ont un compte."""
    for _ in range(3):
        assert demander(client, "personne@nulle.part").url == ENVOYE
    assert demander(client, "personne@nulle.part").status_code == 429
    assert mail.outbox == []


def test_dix_demandes_par_heure_depuis_une_adresse_reseau_au_plus(client, db):
    for i in range(10):
        assert demander(client, f"inconnu{i}@nulle.part").url == ENVOYE
    refus = demander(client, "encore@nulle.part")
    assert refus.status_code == 429
    assert "Trop de demandes de lien depuis cette adresse réseau" in texte(refus)
    assert demander(client, "encore@nulle.part", ip="192.0.2.11").url == ENVOYE


def test_la_fenetre_est_d_une_heure(client, distribution):
    from iml.comptes.models import DemandeReinitialisation

    for _ in range(3):
        demander(client, MARC)
    for demande in DemandeReinitialisation.objects.all():
        demande.cree_le -= timedelta(minutes=61)
        demande.save(update_fields=["cree_le"])
    assert demander(client, MARC).url == ENVOYE
    assert DemandeReinitialisation.objects.count() == 1  # les anciennes sont effacées


@override_settings(TASKS=FILE_D_ATTENTE)
@pytest.mark.parametrize("courriel", [MARC, "personne@nulle.part"])
def test_le_courriel_part_du_worker_pas_de_la_requete(client, distribution, courriel):
    default_task_backend.results.clear()
    reponse = demander(client, courriel)
    assert reponse.url == ENVOYE
    assert mail.outbox == []  # rien n'est envoyé pendant la requête, compte ou pas
    (tache,) = default_task_backend.results
    assert tache.task.name == "envoyer_lien_reinitialisation"
    assert tache.kwargs == {"courriel": courriel, "domaine": "testserver", "protocole": "http"}
    tache.task.call(**tache.kwargs)  # ce que fait le worker
    assert [m.to for m in mail.outbox] == ([[MARC]] if courriel == MARC else [])


def test_meme_reponse_pour_une_adresse_connue_ou_inconnue(client, distribution):
    connue = client.get(demander(client, MARC).url)
    inconnue = client.get(demander(client, "personne@nulle.part", ip="192.0.2.99").url)
    assert connue.status_code == inconnue.status_code == 200
    assert sans_nonce(connue) == sans_nonce(inconnue)
    assert "un lien valable une heure" in texte(connue)


def test_le_lien_ne_vaut_qu_une_heure(client, distribution):
    demander(client, MARC)
    (message,) = mail.outbox
    assert "Ce lien est valable une heure et ne sert qu'une fois." in message.body
    lien = re.search(r"http://testserver(/compte/mot-de-passe/nouveau/\S+/)", message.body)[1]
    plus_tard = PasswordResetTokenGenerator()._now() + timedelta(minutes=61)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=plus_tard):
        page = client.get(lien, follow=True)
    assert "Ce lien n'est plus valide : demandez-en un nouveau." in page.content.decode()
    assert "Au moins 12 caractères" in client.get(lien, follow=True).content.decode()
