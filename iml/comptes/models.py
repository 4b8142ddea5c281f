"""Utilisateurs, organisations, territoires et adhésions (rôles)."""

from __future__ import annotations

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from iml.comptes.enums import ROLES_PAR_TYPE, NiveauTerritoire, Role, TypeOrganisation
from iml.comptes.validators import valider_siret


class Territoire(models.Model):
    """Région ou département, identifié par son code INSEE (fichier data/territoires.json)."""

    code = models.CharField("code INSEE", max_length=3)
    niveau = models.CharField(max_length=12, choices=NiveauTerritoire.choices)
    nom = models.CharField(max_length=80)
    region = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="departements",
        limit_choices_to={"niveau": NiveauTerritoire.REGION},
    )

    class Meta:
        ordering = ["niveau", "code"]
        constraints = [
            models.UniqueConstraint(fields=["niveau", "code"], name="territoire_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.nom} ({self.code})"


class Organisation(models.Model):
    type = models.CharField(max_length=12, choices=TypeOrganisation.choices)
    nom = models.CharField(max_length=200)
    siret = models.CharField("SIRET", max_length=14, unique=True, validators=[valider_siret])
    territoire = models.ForeignKey(Territoire, on_delete=models.PROTECT)
    adresse = models.TextField(blank=True)
    courriel = models.EmailField("adresse électronique", blank=True)
    telephone = models.CharField("téléphone", max_length=20, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["nom"]

    def __str__(self) -> str:
        return self.nom

    @property
    def est_regionale(self) -> bool:
        return self.territoire.niveau == NiveauTerritoire.REGION

    def clean(self) -> None:
        regional = self.territoire_id and self.territoire.niveau == NiveauTerritoire.REGION
        if regional and self.type != TypeOrganisation.ETAT:
            raise ValidationError(
                {"territoire": "Seul un service de l'État (DREETS) peut avoir une région."}
            )


class UtilisateurManager(BaseUserManager["Utilisateur"]):
    use_in_migrations = True

    def _creer(self, email: str, password: str | None, **extra: object) -> Utilisateur:
        if not email:
            raise ValueError("L'adresse électronique est obligatoire.")
        utilisateur = self.model(email=self.normalize_email(email).lower(), **extra)
        utilisateur.set_password(password)
        utilisateur.save(using=self._db)
        return utilisateur

    def create_user(self, email: str, password: str | None = None, **extra: object) -> Utilisateur:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._creer(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object):
        extra.update(is_staff=True, is_superuser=True)
        return self._creer(email, password, **extra)


class Utilisateur(AbstractUser):
    """Se connecte par adresse électronique ; is_superuser = administrateur de la plateforme."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("adresse électronique", unique=True)
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UtilisateurManager()  # type: ignore[misc]

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        """Adresse en minuscules (comme UtilisateurManager) : la connexion ignore la casse."""
        super().clean()
        self.email = self.email.lower()

    @property
    def doit_avoir_second_facteur(self) -> bool:
        """Second facteur obligatoire pour l'État et les administrateurs."""
        if self.is_superuser or self.is_staff:
            return True
        return self.adhesions.filter(actif=True, organisation__type=TypeOrganisation.ETAT).exists()


class Adhesion(models.Model):
    """Appartenance d'un utilisateur à une organisation, avec un rôle."""

    utilisateur = models.ForeignKey(Utilisateur, on_delete=models.CASCADE, related_name="adhesions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="adhesions"
    )
    role = models.CharField("rôle", max_length=24, choices=Role.choices)
    actif = models.BooleanField(default=True)
    cree_le = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "adhésion"
        ordering = ["organisation__nom"]
        constraints = [
            models.UniqueConstraint(
                fields=["utilisateur", "organisation"],
                condition=Q(actif=True),
                name="adhesion_active_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.utilisateur} — {self.organisation} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.organisation_id and self.role not in ROLES_PAR_TYPE[self.organisation.type]:
            raise ValidationError({"role": "Ce rôle n'existe pas pour ce type d'organisation."})


class DemandeReinitialisation(models.Model):
    """Une demande de lien « mot de passe oublié », pour en limiter le nombre par adresse
    électronique et par adresse réseau (en base : le décompte vaut pour tous les processus
    gunicorn, à la différence d'un cache en mémoire locale). L'adresse électronique n'est gardée
    que sous forme d'empreinte (HMAC de la clé secrète) ; les lignes de plus d'une fenêtre sont
    effacées à chaque demande."""

    empreinte_courriel = models.CharField(max_length=64, db_index=True)
    adresse_ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    cree_le = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "demande de réinitialisation du mot de passe"
        verbose_name_plural = "demandes de réinitialisation du mot de passe"
