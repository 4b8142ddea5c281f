"""Garde de `iml demo` : la démonstration crée des comptes au mot de passe public (dont
l'administratrice admin@iml.demo) et une clé TOTP connue (RFC 6238). Elle ne s'exécute qu'en
développement, quand on l'a demandée explicitement.

Le réglage `IML_DEMO` vaut vrai seulement avec les réglages de développement, DEBUG actif et la
variable d'environnement IML_DEMO=1 (posée par `make demo`), ou avec les réglages de test (base
jetable). Les réglages de production le forcent à faux, quelle que soit la variable.
"""

from django.conf import settings
from django.core.management.base import CommandError

REFUS = (
    "iml demo est refusé : la démonstration crée des comptes au mot de passe public "
    "(dont l'administratrice admin@iml.demo). Elle ne se charge qu'en développement, avec "
    "DEBUG actif et la variable IML_DEMO=1 (make demo les pose), jamais avec les réglages "
    "de production."
)


def verifier_demo_autorisee() -> None:
    if not getattr(settings, "IML_DEMO", False):
        raise CommandError(REFUS)
