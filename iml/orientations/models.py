"""Les orientations du SIAO (R-SIAO) : vacances déclarées par les opérateurs, ménages en
attente côté SIAO (demandes), propositions d'un ménage pour un logement et leur journal,
exécutions du moteur d'appariement (instantané d'entrée, barème, résultat).

Données minimales : la personne de référence (nom, prénom), la composition en nombres, les
ressources, l'aide au logement, les critères de priorité datés ; rien d'autre. Chaque
changement est audité (`apps.py`), chaque lecture d'une demande journalisée
(`ConsultationDemande`). Les statuts changent par les tables de
`regles/transitions_orientations.py` (docs/adr/0005).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from iml.comptes.models import Organisation
from iml.occupations.models import Occupation
from iml.orientations.enums import (
    CHOIX_CATEGORIE,
    CHOIX_CRITERE,
    CHOIX_DECISION,
    CHOIX_MOTIF_REFUS,
    CHOIX_NATURE_VACANCE,
    CHOIX_STATUT_DEMANDE,
    CHOIX_STATUT_EXECUTION,
    CHOIX_STATUT_PROPOSITION,
    CHOIX_STATUT_VACANCE,
)
from iml.parc.models import Logement
from regles.types_orientations import (
    StatutDemande,
    StatutExecution,
    StatutProposition,
    StatutVacance,
)

NOTE_MAX = 500
AUTEUR = {"on_delete": models.PROTECT, "related_name": "+"}
EN_COURS = ("PROPOSEE", "ACCEPTEE", "REFUSEE")


def _note(libelle: str) -> models.TextField:
    return models.TextField(libelle, blank=True, validators=[MaxLengthValidator(NOTE_MAX)])


def _montant(libelle: str) -> models.DecimalField:
    return models.DecimalField(
        libelle,
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )


class DeclarationVacance(models.Model):
    """Un logement vacant ou bientôt vacant, déclaré par son opérateur au SIAO ; une sortie
    ou une mise en location en crée le brouillon (`apps.py`)."""

    logement = models.ForeignKey(Logement, on_delete=models.CASCADE, related_name="vacances")
    operateur = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    nature = models.CharField(max_length=16, choices=CHOIX_NATURE_VACANCE)
    disponible_le = models.DateField("disponible le")
    statut = models.CharField(
        max_length=10, choices=CHOIX_STATUT_VACANCE, default=StatutVacance.BROUILLON
    )
    declaree_le = models.DateField("déclarée au SIAO le", null=True, blank=True)
    pourvue_le = models.DateField("pourvue le", null=True, blank=True)
    note = _note("note")
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["disponible_le", "pk"]
        verbose_name = "déclaration de vacance"
        verbose_name_plural = "déclarations de vacance"
        indexes = [models.Index(fields=["operateur", "statut"], name="vacance_operateur_statut")]
        constraints = [
            models.UniqueConstraint(
                fields=["logement"],
                condition=Q(statut__in=("BROUILLON", "DECLAREE")),
                name="vacance_ouverte_par_logement",
                violation_error_message="Ce logement a déjà une déclaration de vacance ouverte.",
            )
        ]

    def __str__(self) -> str:
        return f"Vacance de {self.logement} ({self.disponible_le:%d/%m/%Y})"


class Demande(models.Model):
    """Un ménage en attente, orienté vers l'IML par le SIAO : le strict nécessaire pour
    l'apparier à un logement (R-CAPACITY, R-EFFORT-*, R-CATEGORY, R-PRIORITY-PUBLICS)."""

    siao = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="demandes")
    reference_siao = models.CharField("référence SI-SIAO", max_length=60)
    nom = models.CharField("nom de la personne de référence", max_length=100)
    prenom = models.CharField("prénom de la personne de référence", max_length=100)
    adultes = models.PositiveSmallIntegerField(
        "adultes", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    enfants = models.PositiveSmallIntegerField(
        "enfants", default=0, validators=[MaxValueValidator(12)]
    )
    ressources = _montant("ressources mensuelles hors aide au logement (€)")
    aide_logement = _montant("aide au logement (€ par mois)")
    aide_estimee = models.BooleanField("aide au logement estimée", default=False)
    demande_le = models.DateField("date de la demande")
    communes = models.JSONField("communes souhaitées (codes INSEE)", default=list, blank=True)
    communes_strictes = models.BooleanField("seulement ces communes", default=False)
    plain_pied_requis = models.BooleanField("accès de plain-pied requis", default=False)
    categorie = models.CharField("catégorie d'IML", max_length=12, choices=CHOIX_CATEGORIE)
    statut = models.CharField(
        max_length=10, choices=CHOIX_STATUT_DEMANDE, default=StatutDemande.EN_ATTENTE
    )
    motif_statut = _note("motif de la clôture ou de la réouverture")
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["demande_le", "pk"]
        indexes = [models.Index(fields=["siao", "statut"], name="demande_siao_statut")]
        constraints = [
            models.UniqueConstraint(
                fields=["siao", "reference_siao"],
                name="demande_reference_unique",
                violation_error_message="Référence SI-SIAO : déjà portée par une autre demande.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.prenom} {self.nom}".strip()

    @property
    def personnes(self) -> int:
        return self.adultes + self.enfants


class CritereDemande(models.Model):
    """Un critère de priorité de la demande et sa date (R-PRIORITY-PUBLICS)."""

    demande = models.ForeignKey(Demande, on_delete=models.CASCADE, related_name="criteres")
    critere = models.CharField(max_length=26, choices=CHOIX_CRITERE)
    reconnu_le = models.DateField("reconnu le", null=True, blank=True)

    class Meta:
        ordering = ["critere"]
        constraints = [
            models.UniqueConstraint(fields=["demande", "critere"], name="critere_demande_unique")
        ]

    def __str__(self) -> str:
        return self.get_critere_display()


class ConsultationDemande(models.Model):
    """Journal des lectures d'une demande : qui, quand, quelle page."""

    demande = models.ForeignKey(Demande, on_delete=models.CASCADE, related_name="consultations")
    par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    le = models.DateTimeField()
    page = models.CharField(max_length=40)

    class Meta:
        ordering = ["-le", "-pk"]
        verbose_name = "consultation d'une demande"
        verbose_name_plural = "consultations des demandes"


class ExecutionAppariement(models.Model):
    """Une exécution du moteur d'appariement pour un SIAO : l'instantané d'entrée (logements,
    ménages), la version du barème, le résultat, pour répondre « pourquoi ce ménage ? » des
    années après."""

    siao = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    lancee_le = models.DateTimeField("lancée le")
    lancee_par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    entree = models.JSONField("instantané d'entrée", default=dict)
    bareme_code = models.CharField(max_length=80, blank=True)
    bareme_version = models.PositiveIntegerField(null=True, blank=True)
    resultat = models.JSONField(null=True, blank=True)
    statut = models.CharField(
        max_length=10, choices=CHOIX_STATUT_EXECUTION, default=StatutExecution.EN_ATTENTE
    )
    progression = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    message = models.CharField(max_length=300, blank=True)
    terminee_le = models.DateTimeField(null=True, blank=True)
    # Nombres de l'historique, écrits au lancement (entrée) et à la fin du calcul (logés) :
    # l'historique ne décode pas les instantanés.
    nb_logements = models.PositiveIntegerField("logements", null=True, blank=True)
    nb_menages = models.PositiveIntegerField("ménages", null=True, blank=True)
    nb_loges = models.PositiveIntegerField("ménages logés", null=True, blank=True)

    class Meta:
        ordering = ["-lancee_le", "-pk"]
        verbose_name = "exécution du moteur d'appariement"
        verbose_name_plural = "exécutions du moteur d'appariement"


class Proposition(models.Model):
    """Une proposition du SIAO : tel ménage (demande) pour tel logement, à l'opérateur qui le
    gère, avec son échéance de réponse (`siao.proposition_delai_reponse_jours`)."""

    demande = models.ForeignKey(Demande, on_delete=models.PROTECT, related_name="propositions")
    logement = models.ForeignKey(Logement, on_delete=models.PROTECT, related_name="propositions")
    declaration = models.ForeignKey(
        DeclarationVacance,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="propositions",
    )
    siao = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    operateur = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    execution = models.ForeignKey(
        ExecutionAppariement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.JSONField("score du moteur", null=True, blank=True)
    statut = models.CharField(
        max_length=16, choices=CHOIX_STATUT_PROPOSITION, default=StatutProposition.PROPOSEE
    )
    proposee_le = models.DateField("proposée le")
    echeance = models.DateField("réponse attendue le")
    repondue_le = models.DateField("réponse de l'opérateur le", null=True, blank=True)
    motif_refus = models.CharField(
        "motif du refus", max_length=16, choices=CHOIX_MOTIF_REFUS, blank=True
    )
    note_refus = _note("précision sur le refus")
    decision_siao = models.CharField(
        "décision du SIAO", max_length=12, choices=CHOIX_DECISION, blank=True
    )
    motif_decision = _note("motif de la décision du SIAO")
    decidee_le = models.DateField("décision du SIAO le", null=True, blank=True)
    menage_informe_le = models.DateField("ménage informé le", null=True, blank=True)
    occupation = models.OneToOneField(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, related_name="proposition"
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-proposee_le", "-pk"]
        indexes = [
            models.Index(fields=["operateur", "statut"], name="proposition_operateur_statut"),
            models.Index(fields=["siao", "statut"], name="proposition_siao_statut"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["demande"],
                condition=Q(statut__in=EN_COURS),
                name="proposition_en_cours_par_demande",
                violation_error_message="Ce ménage a déjà une proposition en cours.",
            ),
            models.UniqueConstraint(
                fields=["logement"],
                condition=Q(statut__in=EN_COURS),
                name="proposition_en_cours_par_logement",
                violation_error_message="Ce logement a déjà une proposition en cours.",
            ),
        ]

    def __str__(self) -> str:
        return f"Proposition de {self.demande} pour {self.logement}"


class EvenementProposition(models.Model):
    """Un passage de statut d'une proposition : qui, quand, de, vers, motif."""

    proposition = models.ForeignKey(
        Proposition, on_delete=models.CASCADE, related_name="evenements"
    )
    de = models.CharField(max_length=16, blank=True)
    vers = models.CharField(max_length=16)
    le = models.DateTimeField()
    par = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTEUR)
    motif = models.TextField(blank=True)

    class Meta:
        ordering = ["le", "pk"]
        indexes = [models.Index(fields=["proposition", "le"], name="evenement_proposition_le")]


from iml.orientations.models_imports import ImportDemandes  # noqa: E402,F401
