"""Écritures des comptes."""

from django.contrib.auth.hashers import make_password
from django.db import transaction

from iml.comptes.enums import ROLES_PAR_TYPE
from iml.comptes.models import Adhesion, Organisation, Utilisateur


class RoleInvalide(ValueError):
    pass


@transaction.atomic
def creer_ou_mettre_a_jour_utilisateur(
    *, email: str, prenom: str, nom: str, mot_de_passe: str, administrateur: bool = False
) -> Utilisateur:
    """Idempotent : met à jour l'identité et le mot de passe d'un compte existant."""
    utilisateur, _ = Utilisateur.objects.update_or_create(
        email=email.lower(),
        defaults={
            "first_name": prenom,
            "last_name": nom,
            "is_staff": administrateur,
            "is_superuser": administrateur,
            "is_active": True,
            "password": make_password(mot_de_passe),
        },
    )
    return utilisateur


@transaction.atomic
def rattacher(*, utilisateur: Utilisateur, organisation: Organisation, role: str) -> Adhesion:
    """Ajoute (ou met à jour) l'adhésion active d'un utilisateur à une organisation."""
    if role not in ROLES_PAR_TYPE[organisation.type]:
        raise RoleInvalide(f"Le rôle {role} n'existe pas pour le type {organisation.type}.")
    adhesion, _ = Adhesion.objects.update_or_create(
        utilisateur=utilisateur, organisation=organisation, actif=True, defaults={"role": role}
    )
    return adhesion
