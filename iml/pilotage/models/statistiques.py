"""Statistiques annuelles (R-STATS, enquête IML de la DGCS) : la campagne de l'année ouverte par
l'État avec sa date limite, la statistique de chaque opérateur (calcul figé, revu, soumis,
consolidé par la DDETS puis la DREETS) et ses corrections signées (docs/adr/0014)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from iml.comptes.models import Organisation, Territoire

__all__ = [
    "CampagneStatistiques",
    "CorrectionStatistique",
    "StatistiqueAnnuelle",
    "StatutStatistique",
]

AUTEUR = {"on_delete": models.PROTECT, "related_name": "+"}


class CampagneStatistiques(models.Model):
    """La campagne de l'année `annee` sur un territoire (département de la DDETS ou région de la
    DREETS) ; la date limite est une donnée saisie, jamais une constante."""

    annee = models.PositiveSmallIntegerField(
        "année", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    territoire = models.ForeignKey(Territoire, on_delete=models.PROTECT, related_name="+")
    date_limite = models.DateField("date limite de soumission")
    ouverte_par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    ouverte_par_organisation = models.ForeignKey(Organisation, **AUTEUR)
    ouverte_le = models.DateTimeField("ouverte le")

    class Meta:
        ordering = ["-annee", "territoire__code"]
        verbose_name = "campagne des statistiques annuelles"
        verbose_name_plural = "campagnes des statistiques annuelles"
        constraints = [
            models.UniqueConstraint(
                fields=["annee", "territoire"],
                name="campagne_statistiques_unique",
                violation_error_message="Une campagne de cette année est déjà ouverte ici.",
            )
        ]

    def __str__(self) -> str:
        return f"Statistiques {self.annee} — {self.territoire.nom}"


class StatutStatistique(models.TextChoices):
    A_REVOIR = "A_REVOIR", "À revoir par l'opérateur"
    SOUMISE = "SOUMISE", "Soumise"
    CONSOLIDEE_DEPARTEMENT = "CONSOLIDEE_DEPARTEMENT", "Consolidée par la DDETS"
    CONSOLIDEE_REGION = "CONSOLIDEE_REGION", "Consolidée par la DREETS"


class StatistiqueAnnuelle(models.Model):
    """La statistique d'un opérateur pour une année : le calcul figé (`calcul` : clé → valeur
    en texte décimal ou null = non renseigné) et son cycle de vie."""

    campagne = models.ForeignKey(
        CampagneStatistiques, on_delete=models.PROTECT, related_name="statistiques"
    )
    operateur = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    annee = models.PositiveSmallIntegerField("année")
    statut = models.CharField(
        max_length=24, choices=StatutStatistique.choices, default=StatutStatistique.A_REVOIR
    )
    calcul = models.JSONField(default=dict)
    calculee_le = models.DateTimeField("calculée le")
    soumise_le = models.DateTimeField("soumise le", null=True, blank=True)
    soumise_par = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, **AUTEUR)
    consolidee_departement_le = models.DateTimeField(null=True, blank=True)
    consolidee_departement_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, **AUTEUR
    )
    consolidee_region_le = models.DateTimeField(null=True, blank=True)
    consolidee_region_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, **AUTEUR
    )

    class Meta:
        ordering = ["-annee", "operateur__nom"]
        verbose_name = "statistique annuelle"
        constraints = [
            models.UniqueConstraint(
                fields=["annee", "operateur"], name="statistique_annuelle_unique"
            )
        ]
        indexes = [models.Index(fields=["campagne", "statut"], name="statistique_campagne")]

    def __str__(self) -> str:
        return f"Statistiques {self.annee} — {self.operateur}"


class CorrectionStatistique(models.Model):
    """Une correction de l'opérateur : jamais modifiée ni effacée ; la dernière d'une clé
    compte, la valeur calculée reste visible à côté."""

    statistique = models.ForeignKey(
        StatistiqueAnnuelle, on_delete=models.PROTECT, related_name="corrections"
    )
    cle = models.CharField("indicateur", max_length=60)
    valeur = models.DecimalField(
        "valeur corrigée", max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    motif = models.CharField("motif de la correction", max_length=300)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    le = models.DateTimeField("corrigée le")

    class Meta:
        ordering = ["statistique", "le", "pk"]
        verbose_name = "correction d'une statistique"
