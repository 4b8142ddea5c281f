"""Panorama régional : indicateurs déclarés par département (seed 000, R-UNKNOWN).

Une ligne par déclaration, jamais modifiée : une correction est une nouvelle ligne (la plus
récente fait foi, l'historique reste lisible). La valeur est nulle si et seulement si l'état
est « non renseigné » (contrainte en base) : « non renseigné » n'est jamais 0. Chaque ligne
garde sa source, la date de sa source, son auteur et l'organisation qui l'a déclarée."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from regles.panorama import Indicateur

__all__ = ["EtatValeur", "IndicateurDeclare"]


class EtatValeur(models.TextChoices):
    RENSEIGNE = "RENSEIGNE", "Renseigné"
    NON_RENSEIGNE = "NON_RENSEIGNE", "Non renseigné"


class IndicateurDeclare(models.Model):
    departement = models.ForeignKey(
        "comptes.Territoire", on_delete=models.PROTECT, related_name="+", verbose_name="département"
    )
    annee = models.PositiveSmallIntegerField("année (valeur au 31 décembre)")
    indicateur = models.CharField(max_length=32, choices=Indicateur.choices())
    etat = models.CharField("état", max_length=14, choices=EtatValeur.choices)
    valeur = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    source = models.CharField(max_length=300)
    date_source = models.DateField("date de la source")
    organisation = models.ForeignKey(
        "comptes.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    saisi_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saisi_le = models.DateTimeField("saisi le")
    origine = models.CharField(max_length=10, default="SAISIE")  # SAISIE, IMPORT, DEMO

    class Meta:
        verbose_name = "indicateur déclaré"
        verbose_name_plural = "indicateurs déclarés"
        ordering = ["departement__code", "indicateur", "-saisi_le", "-pk"]
        indexes = [
            models.Index(fields=["annee", "indicateur", "departement"], name="panorama_cle"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(etat="RENSEIGNE") & Q(valeur__isnull=False))
                | (Q(etat="NON_RENSEIGNE") & Q(valeur__isnull=True)),
                name="panorama_valeur_selon_etat",
            ),
            models.CheckConstraint(condition=Q(valeur__gte=0), name="panorama_valeur_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicateur_display()} {self.annee} ({self.departement_id})"
