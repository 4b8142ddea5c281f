"""Le ménage : personne de référence, autres membres (âge, lien), ressources par nature et par
date, critères de priorité datés. Rien de plus : ni diagnostic ni détail judiciaire, une
catégorie de public suffit. Chaque lecture d'une fiche est journalisée (`ConsultationMenage`),
chaque changement audité (auditlog)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from iml.comptes.models import Organisation
from iml.menages.enums import (
    CHOIX_CATEGORIE,
    CHOIX_CRITERE,
    CHOIX_LIEN,
    CHOIX_NATURE_RESSOURCE,
    PublicSpecialise,
    SituationAvant,
)


class Menage(models.Model):
    operateur = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="menages")
    reference = models.CharField("référence de l'opérateur", max_length=60)
    nom = models.CharField("nom de la personne de référence", max_length=100)
    prenom = models.CharField("prénom de la personne de référence", max_length=100)
    date_naissance = models.DateField("date de naissance de la personne de référence")
    categorie = models.CharField(
        "catégorie d'IML", max_length=12, choices=CHOIX_CATEGORIE, blank=True
    )
    public_specialise = models.CharField(
        "public de l'IML spécialisée", max_length=26, choices=PublicSpecialise.choices, blank=True
    )
    situation_avant = models.CharField(
        "situation avant l'entrée", max_length=20, choices=SituationAvant.choices, blank=True
    )
    orientation_siao_reference = models.CharField(
        "référence de l'orientation SIAO", max_length=60, blank=True
    )
    orientation_siao_le = models.DateField("orienté par le SIAO le", null=True, blank=True)
    notice_remise_le = models.DateField("notice d'information remise le", null=True, blank=True)
    dernier_contact_le = models.DateField("dernier contact le", null=True, blank=True)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="menages_suivis",
        verbose_name="travailleur social référent",
    )
    notes = models.TextField("notes", blank=True)
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["nom", "prenom", "pk"]
        verbose_name = "ménage"
        indexes = [
            models.Index(fields=["operateur", "nom"], name="menage_operateur_nom"),
            models.Index(fields=["referent"], name="menage_referent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["operateur", "reference"],
                name="menage_reference_unique",
                violation_error_message=(
                    "Référence de l'opérateur : déjà portée par un autre ménage de votre "
                    "organisation."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.prenom} {self.nom}".strip()


class Personne(models.Model):
    """Un autre membre du ménage : son année de naissance (l'âge) et son lien, rien d'autre."""

    menage = models.ForeignKey(Menage, on_delete=models.CASCADE, related_name="personnes")
    lien = models.CharField("lien avec la personne de référence", max_length=10, choices=CHOIX_LIEN)
    annee_naissance = models.PositiveSmallIntegerField(
        "année de naissance", validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )

    class Meta:
        ordering = ["annee_naissance", "pk"]

    def __str__(self) -> str:
        return f"{self.get_lien_display()} né(e) en {self.annee_naissance}"


class Ressource(models.Model):
    """Une ressource mensuelle, par nature, connue à une date ; la plus récente de chaque nature
    (à la date du calcul) compte. Une nouvelle valeur est une nouvelle ligne."""

    menage = models.ForeignKey(Menage, on_delete=models.CASCADE, related_name="ressources")
    nature = models.CharField(max_length=24, choices=CHOIX_NATURE_RESSOURCE)
    montant = models.DecimalField(
        "montant mensuel (€)", max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    connue_le = models.DateField("connue le")

    class Meta:
        ordering = ["-connue_le", "nature", "-pk"]
        indexes = [models.Index(fields=["menage", "nature", "connue_le"], name="ressource_date")]

    def __str__(self) -> str:
        return f"{self.get_nature_display()} : {self.montant} €"


class CriterePriorite(models.Model):
    """Un critère de priorité (PDALHPD, loi de 1990, DALO — R-PRIORITY-PUBLICS) et sa date."""

    menage = models.ForeignKey(Menage, on_delete=models.CASCADE, related_name="criteres")
    critere = models.CharField(max_length=26, choices=CHOIX_CRITERE)
    reconnu_le = models.DateField("reconnu le", null=True, blank=True)

    class Meta:
        ordering = ["critere"]
        constraints = [
            models.UniqueConstraint(fields=["menage", "critere"], name="critere_unique"),
        ]

    def __str__(self) -> str:
        return self.get_critere_display()


class ConsultationMenage(models.Model):
    """Journal des lectures d'une fiche de ménage : qui, quand, quelle page."""

    menage = models.ForeignKey(Menage, on_delete=models.CASCADE, related_name="consultations")
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    le = models.DateTimeField()
    page = models.CharField(max_length=40)

    class Meta:
        ordering = ["-le", "-pk"]
        verbose_name = "consultation d'une fiche de ménage"
        verbose_name_plural = "consultations des fiches de ménage"
        indexes = [models.Index(fields=["menage", "le"], name="consultation_menage_le")]
