"""Gestes communs des tests navigateur : connexion par le vrai formulaire, codes TOTP, axe."""

from __future__ import annotations

from base64 import b32decode

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from iml.comptes.demo import MOT_DE_PASSE_DEMO

AXE = Axe()


def code_depuis_cle_lisible(cle_lisible: str) -> str:
    """Code du moment pour la clé base32 affichée à l'enrôlement (« ABCD EFGH … »)."""
    cle = "".join(cle_lisible.split()).upper()
    cle += "=" * (-len(cle) % 8)
    return f"{totp(b32decode(cle)):06d}"


def code_appareil(appareil: TOTPDevice) -> str:
    """Code du moment d'un appareil confirmé (ce qu'afficherait l'application du persona).

    django-otp refuse un code déjà utilisé (last_t) : le compteur est remis à zéro pour qu'un
    même compte puisse se reconnecter dans la même fenêtre de 30 secondes.
    """
    TOTPDevice.objects.filter(pk=appareil.pk).update(last_t=-1, throttling_failure_count=0)
    code = totp(appareil.bin_key, appareil.step, appareil.t0, appareil.digits)
    return f"{code:0{appareil.digits}d}"


def attendre_dsfr(page) -> None:
    """Attend que la page soit chargée et que le JavaScript du DSFR, qui modifie le DOM (liens
    recopiés dans le menu mobile, rôles ARIA des modales…), ait démarré."""
    page.wait_for_load_state("load")
    page.wait_for_selector("html[data-fr-js='true']", state="attached")


def envoyer(page, bouton: str) -> None:
    """Clique sur un bouton d'envoi de formulaire et attend la page suivante."""
    with page.expect_navigation():
        page.get_by_role("button", name=bouton, exact=True).click()


def saisir_identifiants(page, email: str, mot_de_passe: str = MOT_DE_PASSE_DEMO) -> None:
    """Remplit et envoie le formulaire de connexion (la page doit être ouverte)."""
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(mot_de_passe)
    envoyer(page, "Se connecter")


def saisir_code(page, code: str, bouton: str = "Vérifier") -> None:
    page.get_by_label("Code à 6 chiffres").fill(code)
    envoyer(page, bouton)


def connecter(page, utilisateur) -> None:
    """Connexion complète par l'interface ; second facteur saisi si le compte en a un."""
    page.goto("/compte/connexion/")
    saisir_identifiants(page, utilisateur.email)
    appareil = TOTPDevice.objects.filter(user=utilisateur, confirmed=True).first()
    if appareil is not None:
        assert "/compte/second-facteur/verifier/" in page.url, page.url
        saisir_code(page, code_appareil(appareil))
    assert "/compte/" not in page.url, f"connexion refusée pour {utilisateur.email} : {page.url}"


def ouvrir_session(page, utilisateur, url_serveur: str) -> None:
    """Raccourci pour les tests qui ne portent pas sur la connexion (axe sur chaque page) : une
    session Django ouverte côté serveur (second facteur vérifié s'il existe), posée en cookie.
    La connexion par le formulaire est éprouvée par test_personas.py et test_connexion.py."""
    client = Client()
    client.force_login(utilisateur)
    appareil = TOTPDevice.objects.filter(user=utilisateur, confirmed=True).first()
    if appareil is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = appareil.persistent_id
        session.save()
    valeur = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": valeur, "url": url_serveur}]
    )


def lever_l_attente(utilisateur) -> None:
    """Après un code faux, django-otp impose une attente (1 s, puis doublée) : levée ici pour
    que le test n'ait pas à dormir."""
    TOTPDevice.objects.filter(user=utilisateur).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def verifier_axe(page, contexte: str = "") -> None:
    """Lance axe-core sur la page telle qu'affichée : aucune violation tolérée."""
    attendre_dsfr(page)
    resultats = AXE.run(page)
    assert resultats.violations_count == 0, (
        f"{contexte or page.url} : {resultats.generate_report()}"
    )
