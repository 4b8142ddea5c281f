"""L'accompagnement social d'un ménage : un plan (besoins par domaine, intensité, qui
accompagne, durée, dispositif, financeurs), ses objectifs et leurs revues, les étapes cochées
de la liste, les contacts, les orientations vers les partenaires de l'opérateur, et le temps de
travail (ETP) de chaque travailleur social.

Rien d'un diagnostic : des domaines, des niveaux, des oui / non, des catégories. Les notes sont
courtes et la personne peut demander à les lire. Chaque changement est audité (`apps.py`),
chaque lecture d'un plan journalisée (`ConsultationMenage`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from iml.accompagnement.enums import (
    CHOIX_CANAL,
    CHOIX_DISPOSITIF,
    CHOIX_DOMAINE,
    CHOIX_FINANCEUR,
    CHOIX_INTENSITE,
    CHOIX_ISSUE_ORIENTATION,
    CHOIX_ISSUE_PLAN,
    CHOIX_MOTIF,
    CHOIX_NIVEAU,
    CHOIX_ORIGINE,
    CHOIX_REALISATION,
    CHOIX_SERVICE,
    CHOIX_STATUT_OBJECTIF,
    CHOIX_TYPE_PARTENAIRE,
)
from iml.comptes.models import Organisation
from iml.menages.models import Menage
from iml.occupations.models import Occupation
from regles.types import Dispositif
from regles.types_accompagnement import IssueOrientation, OrigineObjectif, StatutObjectif

#: Longueur d'une note courte (contact, revue, fin) : des faits, pas un dossier.
NOTE_MAX = 500

AUTEUR = {"on_delete": models.PROTECT, "related_name": "+"}


def _note(libelle: str) -> models.TextField:
    return models.TextField(libelle, blank=True, validators=[MaxLengthValidator(NOTE_MAX)])


class Plan(models.Model):
    """Le plan d'accompagnement d'un ménage (R-ACCOMP-PLAN) ; un seul ouvert à la fois."""

    menage = models.ForeignKey(Menage, on_delete=models.PROTECT, related_name="plans")
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans_accompagnement",
        verbose_name="occupation à l'ouverture",
    )
    debut_le = models.DateField("début de l'accompagnement")
    intensite = models.CharField("intensité", max_length=10, choices=CHOIX_INTENSITE)
    realisation = models.CharField("qui accompagne", max_length=14, choices=CHOIX_REALISATION)
    partenaire_delegue = models.CharField(
        "opérateur agréé qui accompagne par délégation", max_length=150, blank=True
    )
    service_droit_commun = models.CharField(
        "service de droit commun", max_length=10, choices=CHOIX_SERVICE, blank=True
    )
    duree_prevue_mois = models.PositiveSmallIntegerField(
        "durée prévue (mois)", validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    dispositif = models.CharField(
        max_length=20, choices=CHOIX_DISPOSITIF, default=Dispositif.IML_ETAT
    )
    # R-CHEZ-SOI : trois oui / non, jamais un diagnostic (None = non renseigné).
    chez_soi_sans_abri = models.BooleanField("sans abri à l'entrée", null=True, blank=True)
    chez_soi_trouble_atteste = models.BooleanField(
        "trouble psychique sévère attesté par un psychiatre", null=True, blank=True
    )
    chez_soi_demande = models.BooleanField("demande à être logée", null=True, blank=True)
    fin_le = models.DateField("fin de l'accompagnement", null=True, blank=True)
    issue = models.CharField(max_length=20, choices=CHOIX_ISSUE_PLAN, blank=True)
    note_fin = _note("note de fin")
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-debut_le", "-pk"]
        verbose_name = "plan d'accompagnement"
        verbose_name_plural = "plans d'accompagnement"
        indexes = [models.Index(fields=["menage", "fin_le"], name="plan_menage_fin")]
        constraints = [
            models.UniqueConstraint(
                fields=["menage"],
                condition=Q(fin_le=None),
                name="plan_ouvert_par_menage",
                violation_error_message="Ce ménage a déjà un plan d'accompagnement ouvert.",
            )
        ]

    def __str__(self) -> str:
        return f"Plan d'accompagnement de {self.menage} ({self.debut_le:%d/%m/%Y})"

    @property
    def ouvert(self) -> bool:
        return self.fin_le is None


class Besoin(models.Model):
    """Un besoin évalué à l'entrée, par domaine (R-ACCOMP-PLAN)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="besoins")
    domaine = models.CharField(max_length=18, choices=CHOIX_DOMAINE)
    niveau = models.CharField(max_length=10, choices=CHOIX_NIVEAU)

    class Meta:
        ordering = ["domaine"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "domaine"], name="besoin_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_domaine_display()} : {self.get_niveau_display()}"


class Objectif(models.Model):
    """Un objectif du plan et sa date de revue ; une action budgétaire ouverte par les impayés
    (R-ACCOMP-IMPAYES) en est un, d'origine « impayés », refermé quand la dette est soldée."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectifs")
    domaine = models.CharField(max_length=18, choices=CHOIX_DOMAINE)
    libelle = models.CharField("objectif", max_length=200)
    revue_le = models.DateField("à revoir le")
    statut = models.CharField(
        max_length=10, choices=CHOIX_STATUT_OBJECTIF, default=StatutObjectif.EN_COURS
    )
    origine = models.CharField(max_length=8, choices=CHOIX_ORIGINE, default=OrigineObjectif.PLAN)
    ouvert_le = models.DateField("ouvert le")
    clos_le = models.DateField("clos le", null=True, blank=True)

    class Meta:
        ordering = ["statut", "revue_le", "pk"]
        indexes = [models.Index(fields=["origine", "statut"], name="objectif_origine_statut")]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(origine="IMPAYES", statut="EN_COURS"),
                name="objectif_impayes_ouvert_unique",
            )
        ]

    def __str__(self) -> str:
        return self.libelle


class RevuePlan(models.Model):
    """Une revue du plan : date, auteur, conclusion courte, intensité décidée."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revues")
    le = models.DateField("revu le")
    par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    intensite = models.CharField("intensité décidée", max_length=10, choices=CHOIX_INTENSITE)
    conclusion = _note("conclusion")

    class Meta:
        ordering = ["-le", "-pk"]
        verbose_name = "revue du plan"


class FinancementPlan(models.Model):
    """Un financeur de l'accompagnement et son montant annuel (R-COFUNDING) ; un montant
    inconnu reste inconnu (R-UNKNOWN)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="financements")
    financeur = models.CharField(max_length=24, choices=CHOIX_FINANCEUR)
    montant_annuel = models.DecimalField(
        "montant annuel (€)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["financeur"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "financeur"], name="financement_plan_unique"),
        ]


class EtapeCochee(models.Model):
    """Une étape de la liste faite (R-ACCOMP-ETAPES) : son code, sa date, son auteur."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="etapes")
    code = models.CharField(max_length=40)
    faite_le = models.DateField("faite le")
    par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)

    class Meta:
        ordering = ["faite_le", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="etape_cochee_unique"),
        ]


class Contact(models.Model):
    """Un contact avec le ménage : date, canal, durée, auteur, note courte."""

    menage = models.ForeignKey(Menage, on_delete=models.CASCADE, related_name="contacts")
    le = models.DateField("date du contact")
    canal = models.CharField(max_length=16, choices=CHOIX_CANAL)
    duree_minutes = models.PositiveSmallIntegerField(
        "durée (minutes)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    note = _note("note")
    cree_le = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-le", "-pk"]
        indexes = [
            models.Index(fields=["menage", "le"], name="contact_menage_le"),
            models.Index(fields=["par", "le"], name="contact_par_le"),
        ]

    def __str__(self) -> str:
        return f"{self.get_canal_display()} le {self.le:%d/%m/%Y}"


class Partenaire(models.Model):
    """Un partenaire de l'annuaire d'un opérateur (R-PARTNERS) : une structure, pas une
    personne accompagnée."""

    operateur = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partenaires"
    )
    nom = models.CharField(max_length=150)
    type = models.CharField(max_length=16, choices=CHOIX_TYPE_PARTENAIRE)
    commune = models.CharField(max_length=100, blank=True)
    telephone = models.CharField("téléphone", max_length=20, blank=True)
    courriel = models.EmailField(blank=True)
    actif = models.BooleanField(default=True)

    class Meta:
        ordering = ["nom", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["operateur", "nom"],
                name="partenaire_nom_unique",
                violation_error_message="Nom : un partenaire de votre annuaire porte déjà ce nom.",
            )
        ]

    def __str__(self) -> str:
        return self.nom


class OrientationPartenaire(models.Model):
    """Une orientation d'un ménage vers un partenaire (R-PARTNERS) : date, catégorie du motif,
    suite."""

    menage = models.ForeignKey(
        Menage, on_delete=models.CASCADE, related_name="orientations_partenaires"
    )
    partenaire = models.ForeignKey(
        Partenaire, on_delete=models.PROTECT, related_name="orientations"
    )
    le = models.DateField("orienté le")
    motif = models.CharField(max_length=16, choices=CHOIX_MOTIF)
    issue = models.CharField(
        "suite", max_length=16, choices=CHOIX_ISSUE_ORIENTATION, default=IssueOrientation.EN_ATTENTE
    )
    issue_le = models.DateField("suite connue le", null=True, blank=True)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    cree_le = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-le", "-pk"]
        verbose_name = "orientation vers un partenaire"
        verbose_name_plural = "orientations vers des partenaires"
        indexes = [models.Index(fields=["menage", "le"], name="orientation_part_menage_le")]


class TempsTravail(models.Model):
    """Le temps de travail (ETP) d'un travailleur social chez un opérateur, depuis une date
    (R-SW-RATIO) ; le plus récent à la date dite compte."""

    operateur = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="temps_travail"
    )
    etp = models.DecimalField(
        "ETP",
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    depuis_le = models.DateField("depuis le")
    par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)

    class Meta:
        ordering = ["-depuis_le", "-pk"]
        verbose_name = "temps de travail"
        verbose_name_plural = "temps de travail"
        constraints = [
            models.UniqueConstraint(
                fields=["operateur", "utilisateur", "depuis_le"], name="temps_travail_unique"
            )
        ]
