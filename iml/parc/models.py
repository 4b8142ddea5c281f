"""Le parc de l'opérateur : bailleurs privés, prospects de la captation, logements, contrats
avec le bailleur. Les statuts changent par les tables de `regles/transitions.py` et le service
`iml.parc.services.statuts` (une ligne d'événement par passage ; docs/adr/0007)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from iml.comptes.models import Organisation
from iml.parc.enums import (
    CHOIX_CLASSE_DPE,
    CHOIX_FORME,
    CHOIX_STATUT_LOGEMENT,
    CHOIX_STATUT_PROSPECT,
    CHOIX_TYPOLOGIE,
    CHOIX_ZONE,
    Conventionnement,
    Garantie,
    OrigineBailleur,
    TypeBailleur,
    TypeContrat,
)
from regles.types import StatutLogement, StatutProspect

POSITIF = [MinValueValidator(0)]


def _montant(libelle: str) -> models.DecimalField:
    return models.DecimalField(
        libelle, max_digits=10, decimal_places=2, null=True, blank=True, validators=POSITIF
    )


class Bailleur(models.Model):
    """Un propriétaire privé (personne, SCI, société) : vu par son seul opérateur (jamais par
    l'État ni le SIAO) ; chaque modification est journalisée."""

    operateur = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="bailleurs")
    reference = models.CharField("référence de l'opérateur", max_length=60, blank=True)
    type = models.CharField(max_length=16, choices=TypeBailleur.choices)
    nom = models.CharField("nom ou raison sociale", max_length=200)
    prenom = models.CharField("prénom", max_length=100, blank=True)
    telephone = models.CharField("téléphone", max_length=20, blank=True)
    courriel = models.EmailField("adresse électronique", blank=True)
    adresse = models.CharField("adresse postale", max_length=250, blank=True)
    origine = models.CharField("origine du contact", max_length=22, choices=OrigineBailleur.choices)
    consentement_contact = models.BooleanField("accepte d'être recontacté", default=False)
    consentement_le = models.DateField("consentement recueilli le", null=True, blank=True)
    ne_pas_contacter = models.BooleanField("ne pas contacter", default=False)
    ne_pas_contacter_motif = models.CharField(
        "motif du « ne pas contacter »", max_length=200, blank=True
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["nom", "prenom", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["operateur", "reference"],
                condition=~Q(reference=""),
                name="bailleur_reference_unique",
                violation_error_message=(
                    "Référence de l'opérateur : déjà portée par un autre bailleur de votre "
                    "organisation."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.prenom} {self.nom}".strip()


class MotifBlocage(models.Model):
    """Taxonomie des freins à la captation, tenue comme donnée (administration)."""

    code = models.SlugField(max_length=40, unique=True)
    libelle = models.CharField("libellé", max_length=120)
    ordre = models.PositiveSmallIntegerField(default=0)
    actif = models.BooleanField(default=True)

    class Meta:
        ordering = ["ordre", "libelle"]
        verbose_name = "motif de blocage"
        verbose_name_plural = "motifs de blocage"

    def __str__(self) -> str:
        return self.libelle


class Logement(models.Model):
    """Un logement mobilisé par l'opérateur, compté dans une convention de financement."""

    operateur = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="logements")
    bailleur = models.ForeignKey(Bailleur, on_delete=models.PROTECT, related_name="logements")
    convention = models.ForeignKey(
        "appels.Convention",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="logements",
    )
    reference = models.CharField("référence de l'opérateur", max_length=60, blank=True)
    adresse = models.CharField("adresse", max_length=250)
    complement = models.CharField("complément d'adresse", max_length=120, blank=True)
    code_postal = models.CharField("code postal", max_length=5)
    commune = models.CharField("commune (code INSEE)", max_length=5)
    typologie = models.CharField(max_length=8, choices=CHOIX_TYPOLOGIE)
    capacite = models.PositiveSmallIntegerField(
        "capacité (places)", validators=[MinValueValidator(1)]
    )
    surface_m2 = models.DecimalField(
        "surface habitable (m²)", max_digits=6, decimal_places=2, null=True, blank=True
    )
    hauteur_sous_plafond_m = models.DecimalField(
        "hauteur sous plafond (m)", max_digits=4, decimal_places=2, null=True, blank=True
    )
    etage = models.SmallIntegerField(
        "étage", null=True, blank=True, validators=[MinValueValidator(-5), MaxValueValidator(60)]
    )
    ascenseur = models.BooleanField(null=True, blank=True)
    plain_pied = models.BooleanField("accès de plain-pied", null=True, blank=True)
    meuble = models.BooleanField("meublé", default=False)
    forme = models.CharField("forme d'IML", max_length=16, choices=CHOIX_FORME)
    bail_glissant_possible = models.BooleanField("bail glissant possible", default=False)
    loyer = _montant("loyer hors charges (€ par mois)")
    charges = _montant("charges (€ par mois)")
    redevance = _montant("redevance demandée au ménage (€ par mois)")
    zone = models.CharField(max_length=10, choices=CHOIX_ZONE)
    zone_forcee = models.BooleanField("zone saisie à la main", default=False)
    classe_dpe = models.CharField("classe DPE", max_length=1, choices=CHOIX_CLASSE_DPE, blank=True)
    date_dpe = models.DateField("date du DPE", null=True, blank=True)
    conventionnement = models.CharField(
        "conventionnement Anah / Loc'Avantages",
        max_length=12,
        choices=Conventionnement.choices,
        default=Conventionnement.AUCUN,
    )
    logement_social = models.BooleanField("logement du parc social", default=False)
    justification_social = models.TextField(
        "justification de l'exception (R-PUBLIC-STOCK)", blank=True
    )
    justification_social_le = models.DateField("justifiée le", null=True, blank=True)
    date_mobilisation = models.DateField("date de mobilisation", null=True, blank=True)
    date_restitution = models.DateField("date de restitution", null=True, blank=True)
    statut = models.CharField(
        max_length=14, choices=CHOIX_STATUT_LOGEMENT, default=StatutLogement.EN_CAPTATION
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["commune", "adresse", "pk"]
        indexes = [
            models.Index(fields=["operateur", "statut"], name="logement_operateur_statut"),
            models.Index(fields=["convention", "statut"], name="logement_convention_statut"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["operateur", "reference"],
                condition=~Q(reference=""),
                name="logement_reference_unique",
                violation_error_message=(
                    "Référence de l'opérateur : déjà portée par un autre logement de votre "
                    "organisation."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.adresse} ({self.code_postal})"


class Prospect(models.Model):
    """Un bailleur et un logement candidat, suivis de la prise de contact à la captation."""

    operateur = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="prospects")
    bailleur = models.ForeignKey(Bailleur, on_delete=models.PROTECT, related_name="prospects")
    adresse = models.CharField("adresse du logement candidat", max_length=250)
    commune = models.CharField("commune (code INSEE)", max_length=5)
    typologie = models.CharField(max_length=8, choices=CHOIX_TYPOLOGIE, blank=True)
    statut = models.CharField(
        max_length=12, choices=CHOIX_STATUT_PROSPECT, default=StatutProspect.A_CONTACTER
    )
    prochaine_action = models.CharField("prochaine action", max_length=200, blank=True)
    prochaine_action_le = models.DateField("prochaine action le", null=True, blank=True)
    charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prospects_suivis",
        verbose_name="suivi par",
    )
    freins = models.ManyToManyField(MotifBlocage, blank=True, related_name="prospects")
    motif_abandon = models.ForeignKey(
        MotifBlocage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="abandons",
        verbose_name="motif d'abandon",
    )
    logement = models.OneToOneField(
        Logement, on_delete=models.SET_NULL, null=True, blank=True, related_name="prospect"
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["prochaine_action_le", "pk"]
        indexes = [
            models.Index(fields=["operateur", "statut"], name="prospect_operateur_statut"),
            # Entonnoir de captation sur une période (prospects créés entre deux dates).
            models.Index(fields=["operateur", "cree_le"], name="prospect_operateur_cree_le"),
        ]

    def __str__(self) -> str:
        return self.adresse


class Evenement(models.Model):
    """Un passage de statut : qui, quand, de, vers, note."""

    de = models.CharField(max_length=14, blank=True)
    vers = models.CharField(max_length=14)
    le = models.DateTimeField()
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["le", "pk"]


class EvenementProspect(Evenement):
    prospect = models.ForeignKey(Prospect, on_delete=models.CASCADE, related_name="evenements")

    class Meta(Evenement.Meta):
        indexes = [models.Index(fields=["prospect", "le"], name="evenement_prospect_le")]


class EvenementLogement(Evenement):
    logement = models.ForeignKey(Logement, on_delete=models.CASCADE, related_name="evenements")


class ContratBailleur(models.Model):
    """Mandat de gestion ou bail consenti à l'opérateur (sous-location) ; sa fin est alertée
    (paramètre `parc.alerte_fin_contrat_jours`)."""

    logement = models.ForeignKey(Logement, on_delete=models.PROTECT, related_name="contrats")
    type = models.CharField(max_length=16, choices=TypeContrat.choices)
    date_debut = models.DateField("date de début")
    duree_mois = models.PositiveSmallIntegerField(
        "durée (mois)", validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    date_fin = models.DateField("date de fin")
    honoraires_pct = models.DecimalField(
        "honoraires de gestion (% des loyers)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    garanties = models.JSONField("garanties", default=list, blank=True)
    loyer = _montant("loyer versé au bailleur (€ par mois)")
    renouvellement_tacite = models.BooleanField(
        "renouvelable par tacite reconduction", default=False
    )
    resilie_le = models.DateField("résilié le", null=True, blank=True)
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-date_debut", "pk"]
        indexes = [models.Index(fields=["date_fin"], name="contrat_date_fin")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} du {self.date_debut:%d/%m/%Y}"

    @property
    def libelles_garanties(self) -> list[str]:
        return [Garantie(g).label for g in self.garanties if g in Garantie.values]


from iml.parc.models_imports import ImportParc  # noqa: E402,F401
