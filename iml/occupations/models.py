"""Occupations : un ménage dans un logement, sous une forme (mandat de gestion ou
sous-location), du contrôle d'admission à la sortie ; périodes de sous-location, revues du
mandat de gestion, tarifs, compte du ménage (lignes jamais modifiées), plans d'apurement.
Voir docs/adr/0008-compte-menage.md."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from iml.comptes.models import Organisation
from iml.menages.models import Menage
from iml.occupations.enums import (
    CHOIX_DESTINATION,
    CHOIX_FORME,
    CHOIX_NATURE_ECRITURE,
    CHOIX_STATUT,
    CHOIX_SUITE,
    EtatEstimation,
    SourceAide,
)
from iml.parc.models import Evenement, Logement
from regles.types import StatutOccupation

POSITIF = [MinValueValidator(0)]


def _montant(libelle: str, **options) -> models.DecimalField:
    return models.DecimalField(libelle, max_digits=10, decimal_places=2, **options)


class Occupation(models.Model):
    operateur = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="occupations"
    )
    menage = models.ForeignKey(Menage, on_delete=models.PROTECT, related_name="occupations")
    logement = models.ForeignKey(Logement, on_delete=models.PROTECT, related_name="occupations")
    forme = models.CharField("forme d'IML", max_length=16, choices=CHOIX_FORME)
    bail_glissant = models.BooleanField("bail glissant prévu", default=False)
    date_entree = models.DateField("date d'entrée")
    suite_parcours = models.CharField(
        "suite du parcours prévue", max_length=24, choices=CHOIX_SUITE, blank=True
    )
    statut = models.CharField(
        max_length=14, choices=CHOIX_STATUT, default=StatutOccupation.EN_COURS
    )
    date_sortie = models.DateField("date de sortie", null=True, blank=True)
    destination = models.CharField(
        "destination à la sortie", max_length=16, choices=CHOIX_DESTINATION, blank=True
    )
    note_sortie = models.TextField("note de sortie", blank=True)
    compte_depuis = models.DateField(
        "compte tenu dans IML à partir du",
        null=True,
        blank=True,
        help_text="Occupation reprise par un import : les mois d'avant sont appelés ailleurs.",
    )
    fin_financement = models.DateField(
        "fin du financement de la gestion (R-MG-GLS-DURATION)", null=True, blank=True
    )
    precedente = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suivante",
        verbose_name="occupation précédente (bail glissé puis mandat de gestion)",
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date_entree", "-pk"]
        indexes = [
            models.Index(fields=["operateur", "statut"], name="occupation_operateur_statut"),
            models.Index(fields=["logement", "date_entree"], name="occupation_logement_entree"),
            models.Index(fields=["date_sortie"], name="occupation_date_sortie"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["menage"],
                condition=Q(statut="EN_COURS"),
                name="occupation_en_cours_par_menage",
                violation_error_message="Ce ménage occupe déjà un logement.",
            ),
            models.UniqueConstraint(
                fields=["logement"],
                condition=Q(statut="EN_COURS"),
                name="occupation_en_cours_par_logement",
                violation_error_message="Ce logement est déjà occupé.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.menage} — {self.logement} ({self.get_forme_display()})"


class EvenementOccupation(Evenement):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="evenements")


class ControleAdmission(models.Model):
    """Le contrôle fait à l'admission, figé : constats, chiffres, barème (code, version), aide
    retenue, dérogation éventuelle (direction, justification écrite)."""

    occupation = models.OneToOneField(Occupation, on_delete=models.CASCADE, related_name="controle")
    constats = models.JSONField(default=list)
    chiffres = models.JSONField(default=dict)
    bareme_code = models.CharField(max_length=80)
    bareme_version = models.PositiveIntegerField()
    source_aide = models.CharField(max_length=8, choices=SourceAide.choices)
    aide_estimee_le = models.DateTimeField("aide estimée le", null=True, blank=True)
    derogation = models.TextField("justification de la dérogation", blank=True)
    derogation_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fait_le = models.DateTimeField()
    fait_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "contrôle d'admission"
        verbose_name_plural = "contrôles d'admission"


class Periode(models.Model):
    """Une période de sous-location (R-SL-DURATION) : rang 0 à l'entrée, puis les
    renouvellements décidés (qui, quand, pourquoi)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="periodes")
    rang = models.PositiveSmallIntegerField()
    debut = models.DateField()
    fin = models.DateField()
    decide_le = models.DateField("décidé le")
    decide_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    motif = models.TextField("motif", blank=True)

    class Meta:
        ordering = ["occupation", "rang"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "rang"], name="periode_rang_unique"),
        ]


class RevueMandat(models.Model):
    """Une revue de la durée du financement d'un mandat de gestion (R-MG-GLS-DURATION)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="revues")
    le = models.DateField("revue le")
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    poursuite = models.BooleanField("le financement se poursuit")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["occupation", "le", "pk"]


class Tarif(models.Model):
    """Loyer (mandat de gestion) ou redevance (sous-location) et charges dus chaque mois par le
    ménage, à partir d'une date ; une révision est un nouveau tarif."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="tarifs")
    date_effet = models.DateField("à partir du")
    loyer = _montant("loyer ou redevance (€ par mois)", validators=POSITIF)
    charges = _montant("charges (€ par mois)", validators=POSITIF)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["occupation", "date_effet"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "date_effet"], name="tarif_date_unique"),
        ]

    @property
    def mensuel(self):
        return self.loyer + self.charges


class EcritureModifiee(Exception):
    """Une ligne du compte ne se modifie jamais : une correction est une nouvelle ligne."""


class Ecriture(models.Model):
    """Une ligne du compte du ménage (R-IMPAYES) : montant signé, + dû (appel), − payé."""

    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="ecritures")
    nature = models.CharField(max_length=16, choices=CHOIX_NATURE_ECRITURE)
    le = models.DateField("date de valeur")
    montant = _montant("montant (€)")
    mois = models.DateField("mois appelé", null=True, blank=True)
    libelle = models.CharField("libellé", max_length=200, blank=True)
    corrige = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["le", "pk"]
        verbose_name = "ligne du compte"
        verbose_name_plural = "lignes du compte"
        indexes = [models.Index(fields=["occupation", "le"], name="ecriture_occupation_le")]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "mois"],
                condition=Q(nature="APPEL"),
                name="ecriture_appel_unique",
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise EcritureModifiee("R-IMPAYES : une ligne du compte ne se modifie jamais.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EcritureModifiee("R-IMPAYES : une ligne du compte ne s'efface jamais.")


class PlanApurement(models.Model):
    """Un plan d'apurement de la dette d'un ménage, en versements datés."""

    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="plans")
    montant = _montant("dette à apurer (€)", validators=POSITIF)
    debut = models.DateField("premier versement le")
    note = models.TextField(blank=True)
    clos_le = models.DateField("clos le", null=True, blank=True)
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-debut", "-pk"]
        verbose_name = "plan d'apurement"
        verbose_name_plural = "plans d'apurement"


class VersementPlan(models.Model):
    plan = models.ForeignKey(PlanApurement, on_delete=models.CASCADE, related_name="versements")
    echeance = models.DateField("échéance")
    montant = _montant("montant (€)", validators=POSITIF)

    class Meta:
        ordering = ["plan", "echeance"]


class EstimationAide(models.Model):
    """Une estimation de l'aide au logement par OpenFisca-France (docs/adr/0009) : jamais une
    ressource du ménage, toujours présentée comme une estimation datée."""

    menage = models.ForeignKey(Menage, on_delete=models.CASCADE, related_name="estimations")
    logement = models.ForeignKey(Logement, on_delete=models.CASCADE, related_name="+")
    loyer = _montant("loyer ou redevance (€ par mois)")
    charges = _montant("charges (€ par mois)")
    etat = models.CharField(
        max_length=12, choices=EtatEstimation.choices, default=EtatEstimation.EN_ATTENTE
    )
    montant = _montant("aide estimée (€ par mois)", null=True, blank=True)
    moteur = models.CharField("moteur de calcul", max_length=60, blank=True)
    duree_ms = models.PositiveIntegerField(null=True, blank=True)
    motif = models.CharField(max_length=300, blank=True)
    demandee_le = models.DateTimeField()
    demandee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    calculee_le = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-demandee_le", "-pk"]
        verbose_name = "estimation de l'aide au logement"
        verbose_name_plural = "estimations de l'aide au logement"


from iml.occupations.models_imports import ImportMenages  # noqa: E402,F401
