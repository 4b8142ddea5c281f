"""Second facteur TOTP (django-otp) : enrôlement, vérification, obligation par rôle."""

from __future__ import annotations

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from iml.comptes.models import Utilisateur

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


def confirmer(request, appareil: TOTPDevice, code: str) -> bool:
    if not appareil.verify_token(code):
        return False
    appareil.confirmed = True
    appareil.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=appareil.user, confirmed=False).delete()
    otp_login(request, appareil)
    return True


def verifier(request, code: str) -> bool:
    appareil = appareil_confirme(request.user)
    if appareil is None or not appareil.verify_token(code):
        return False
    otp_login(request, appareil)
    return True
