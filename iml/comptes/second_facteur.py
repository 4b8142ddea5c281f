"""Second facteur TOTP (django-otp) : enrôlement, vérification, obligation par rôle."""

from __future__ import annotations

import segno
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from iml.comptes.audit import journaliser_second_facteur
from iml.comptes.models import Utilisateur
from iml.comptes.taches import envoyer_courriel
from regles.format import date_fr

NOM_APPAREIL = "Application d'authentification"


def appareil_confirme(utilisateur: Utilisateur) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=utilisateur, confirmed=True).first()


def appareil_en_attente(utilisateur: Utilisateur) -> TOTPDevice:
    """L'appareil non confirmé de l'utilisateur, créé au besoin (une seule clé à la fois)."""
    appareil = TOTPDevice.objects.filter(user=utilisateur, confirmed=False).first()
    if appareil is None:
        appareil = TOTPDevice.objects.create(user=utilisateur, name=NOM_APPAREIL, confirmed=False)
    return appareil


def qr_code_svg(appareil: TOTPDevice) -> str:
    """Le QR code de l'URL otpauth, en SVG autonome (aucune requête externe)."""
    return segno.make(appareil.config_url, error="m").svg_inline(scale=5, title="QR code TOTP")


def cle_lisible(appareil: TOTPDevice) -> str:
    """La clé en base32, par groupes de 4, pour une saisie manuelle."""
    from base64 import b32encode

    cle = b32encode(appareil.bin_key).decode("ascii").rstrip("=")
    return " ".join(cle[i : i + 4] for i in range(0, len(cle), 4))


def _maintenant_lisible() -> str:
    moment = timezone.localtime()
    return f"{date_fr(moment.date())} à {moment:%H:%M}"


def _prevenir(utilisateur: Utilisateur, sujet: str, phrase: str, sinon: str) -> None:
    """Courriel au titulaire, par le worker (la file est en base : la tâche n'existe que si la
    transaction est validée)."""
    corps = f"Bonjour,\n\n{phrase}\n\n{sinon}\n"
    envoyer_courriel.enqueue(destinataire=utilisateur.email, sujet=sujet, corps=corps)


@transaction.atomic
def confirmer(request, appareil: TOTPDevice, code: str) -> bool:
    """Lie l'appareil si le code est bon ; journalisé, et le titulaire est prévenu par courriel."""
    if not appareil.verify_token(code):
        return False
    appareil.confirmed = True
    appareil.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=appareil.user, confirmed=False).delete()
    otp_login(request, appareil)
    journaliser_second_facteur(appareil.user, "non activé", "activé")
    _prevenir(
        appareil.user,
        "IML : second facteur activé sur votre compte",
        f"Une application d'authentification a été liée à votre compte IML "
        f"({appareil.user.email}) le {_maintenant_lisible()}.",
        "Si vous n'êtes pas à l'origine de ce changement, prévenez sans attendre votre "
        "administrateur : il peut retirer ce second facteur.",
    )
    return True


@transaction.atomic
def reinitialiser(*, administrateur: Utilisateur, utilisateur: Utilisateur) -> bool:
    """Retire le second facteur d'un compte (téléphone perdu) : réservé aux administrateurs de
    la plateforme, journalisé, titulaire prévenu. Faux si le compte n'en avait pas."""
    from iml.comptes.perms import peut_reinitialiser_second_facteur

    if not peut_reinitialiser_second_facteur(administrateur):
        raise PermissionError("Réservé aux administrateurs de la plateforme.")
    avait = appareil_confirme(utilisateur) is not None
    TOTPDevice.objects.filter(user=utilisateur).delete()
    StaticDevice.objects.filter(user=utilisateur).delete()
    if not avait:
        return False
    journaliser_second_facteur(
        utilisateur, "activé", "retiré par un administrateur", acteur=administrateur
    )
    _prevenir(
        utilisateur,
        "IML : second facteur retiré de votre compte",
        f"Un administrateur a retiré le second facteur de votre compte IML ({utilisateur.email}) "
        f"le {_maintenant_lisible()}. À votre prochaine connexion, liez de nouveau votre "
        "application d'authentification.",
        "Si vous n'avez rien demandé, prévenez sans attendre votre administrateur.",
    )
    return True


def verifier(request, code: str) -> bool:
    appareil = appareil_confirme(request.user)
    if appareil is None or not appareil.verify_token(code):
        return False
    otp_login(request, appareil)
    return True
