"""Les alertes d'un utilisateur : une boîte par personne, chaque alerte nomme sa règle
(« R-CONTRAT-FIN : … ») ; la clé rend les tâches quotidiennes idempotentes (une alerte par
destinataire et par clé, jamais deux)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from iml.comptes.models import Organisation


class Alerte(models.Model):
    destinataire = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alertes"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="alertes")
    regle = models.CharField("règle", max_length=40)
    message = models.TextField()
    lien = models.CharField("lien", max_length=300, blank=True)
    cle = models.CharField("clé d'unicité", max_length=200)
    echeance = models.DateField("échéance", null=True, blank=True)
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    lue_le = models.DateTimeField("lue le", null=True, blank=True)

    class Meta:
        ordering = [models.F("lue_le").asc(nulls_first=True), "-cree_le", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["destinataire", "cle"], name="alerte_cle_unique")
        ]
        indexes = [
            models.Index(fields=["destinataire", "lue_le"], name="alerte_destinataire_lue"),
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def lue(self) -> bool:
        return self.lue_le is not None


class PreferenceAlertes(models.Model):
    utilisateur = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference_alertes"
    )
    par_courriel = models.BooleanField("recevoir aussi mes alertes par courriel", default=False)

    class Meta:
        verbose_name = "préférence d'alertes"
        verbose_name_plural = "préférences d'alertes"

    def __str__(self) -> str:
        return f"Préférences de {self.utilisateur}"
