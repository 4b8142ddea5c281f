"""Fabriques de test (factory_boy) et distribution nommée reprise de la démonstration."""

from __future__ import annotations

import factory
from django_otp import DEVICE_ID_SESSION_KEY

from iml.comptes.enums import NiveauTerritoire, Role, TypeOrganisation
from iml.comptes.models import Adhesion, Organisation, Territoire, Utilisateur


def siret_valide(n: int) -> str:
    """Un SIRET fictif à clé de Luhn valide, distinct pour chaque n."""
    base = f"9{n:012d}"
    for chiffre in "0123456789":
        candidat = base + chiffre
        total = 0
        for rang, c in enumerate(reversed(candidat)):
            v = int(c) * (2 if rang % 2 else 1)
            total += v - 9 if v > 9 else v
        if total % 10 == 0:
            return candidat
    raise AssertionError("inatteignable")


def departement(code: str) -> Territoire:
    return Territoire.objects.get(niveau=NiveauTerritoire.DEPARTEMENT, code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    type = TypeOrganisation.OPERATEUR
    nom = factory.Sequence(lambda n: f"Association n°{n}")
    siret = factory.Sequence(siret_valide)
    territoire = factory.LazyFunction(lambda: departement("35"))


class UtilisateurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Utilisateur
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Testeur{n}")
    password = factory.PostGenerationMethodCall("set_password", "mot-de-passe-solide-42")

    @factory.post_generation
    def enregistrer(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class AdhesionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adhesion

    utilisateur = factory.SubFactory(UtilisateurFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.DIRECTION


def connecter(client, utilisateur: Utilisateur) -> None:
    """Connecte le client ; pose un second facteur vérifié quand le compte en exige un."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(utilisateur)
    if utilisateur.doit_avoir_second_facteur:
        appareil, _ = TOTPDevice.objects.get_or_create(
            user=utilisateur, name="tests", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = appareil.persistent_id
        session.save()
