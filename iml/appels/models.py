"""Appels à candidatures, dossiers (versions figées), pièces, notation, décision, convention."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from iml.appels.enums import (
    Financeur,
    ResultatDecision,
    StatutAppel,
    StatutDossier,
    TypePiece,
)
from iml.comptes.models import Organisation, Territoire
from iml.referentiel.models import JeuParametres


class AppelACandidatures(models.Model):
    """Un appel à candidatures (R-AAC). Ses chiffres vivent dans son jeu de paramètres (niveau
    APPEL), créé par copie d'un jeu existant : les règles lisent toujours un barème daté."""

    nom = models.CharField(max_length=200)
    service = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="appels", verbose_name="service"
    )
    territoire = models.ForeignKey(Territoire, on_delete=models.PROTECT)
    jeu = models.OneToOneField(
        JeuParametres, on_delete=models.PROTECT, verbose_name="jeu de paramètres"
    )
    statut = models.CharField(
        max_length=10, choices=StatutAppel.choices, default=StatutAppel.BROUILLON
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "appel à candidatures"
        verbose_name_plural = "appels à candidatures"
        ordering = ["-cree_le"]

    def __str__(self) -> str:
        return self.nom

    @property
    def parametres_appel(self) -> dict:
        return dict(self.jeu.parametres.get("appel") or {})


class Dossier(models.Model):
    """La candidature d'un opérateur à un appel. `contenu` suit docs/schemas/conformite
    (le format de `iml regles conformite` et de l'API) ; chaque dépôt en fige une version."""

    appel = models.ForeignKey(AppelACandidatures, on_delete=models.PROTECT, related_name="dossiers")
    operateur = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="dossiers")
    contenu = models.JSONField(default=dict)
    etape = models.CharField("dernière étape enregistrée", max_length=30, blank=True)
    statut = models.CharField(
        max_length=22, choices=StatutDossier.choices, default=StatutDossier.BROUILLON
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["appel", "operateur__nom"]
        constraints = [
            models.UniqueConstraint(fields=["appel", "operateur"], name="dossier_unique_par_appel"),
        ]

    def __str__(self) -> str:
        return f"{self.operateur} — {self.appel}"

    @property
    def derniere_version(self) -> VersionDossier | None:
        return self.versions.order_by("-numero").first()


class VersionDossier(models.Model):
    """Un dépôt figé : contenu, constats du moteur et barème (code, version) utilisés."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="versions")
    numero = models.PositiveIntegerField()
    contenu = models.JSONField()
    constats = models.JSONField(default=list)
    chiffres = models.JSONField(default=dict)
    bareme_code = models.CharField(max_length=80)
    bareme_version = models.PositiveIntegerField()
    deposee_le = models.DateTimeField()
    deposee_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        verbose_name = "version de dossier"
        ordering = ["dossier", "-numero"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "numero"], name="version_numero_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier} — version {self.numero}"

    def nombre(self, niveau: str) -> int:
        return sum(1 for c in self.constats if c.get("niveau") == niveau)


class PieceJointe(models.Model):
    """Document déposé, rangé hors de la racine web ; servi après contrôle du périmètre."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pieces")
    type = models.CharField(max_length=24, choices=TypePiece.choices)
    fichier = models.FileField(upload_to="dossiers/%Y/%m/")
    nom_original = models.CharField(max_length=200)
    taille = models.PositiveIntegerField()
    type_mime = models.CharField(max_length=80)
    deposee_le = models.DateTimeField(auto_now_add=True)
    deposee_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        verbose_name = "pièce jointe"
        ordering = ["type", "-deposee_le"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} — {self.nom_original}"


class Notation(models.Model):
    """Note d'un critère de sélection (R-SELECTION) pour un dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="notations")
    critere = models.CharField("critère", max_length=40)
    note = models.DecimalField(max_digits=4, decimal_places=1)
    commentaire = models.TextField(blank=True)
    evaluateur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "critere"], name="notation_unique"),
            models.CheckConstraint(condition=Q(note__gte=0), name="notation_positive"),
        ]


class Decision(models.Model):
    """Décision du comité : retenu, partiellement retenu (places gardées), refusé (motifs)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="decision")
    resultat = models.CharField("résultat", max_length=22, choices=ResultatDecision.choices)
    places_retenues = models.PositiveIntegerField(default=0)
    places_mg = models.PositiveIntegerField("places retenues en mandat de gestion", default=0)
    places_sl = models.PositiveIntegerField("places retenues en sous-location", default=0)
    motifs = models.TextField(blank=True)
    decide_le = models.DateTimeField()
    decide_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)


class Convention(models.Model):
    """Convention de financement d'un dossier retenu ; montants calculés (R-SUBSIDY-PRORATA)
    et négociés gardés côte à côte, avec le barème utilisé."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="convention")
    numero = models.CharField("numéro", max_length=40, unique=True)
    montants_calcules = models.JSONField(default=dict)
    montants_negocies = models.JSONField(default=dict)
    motif_ecart = models.TextField("motif de l'écart", blank=True)
    bareme_code = models.CharField(max_length=80)
    bareme_version = models.PositiveIntegerField()
    date_signature = models.DateField(null=True, blank=True)
    signataire_etat = models.CharField("signataire pour l'État", max_length=200, blank=True)
    signataire_operateur = models.CharField(
        "signataire pour l'opérateur", max_length=200, blank=True
    )
    scan = models.FileField("exemplaire signé", upload_to="conventions/%Y/%m/", blank=True)
    scan_nom = models.CharField("nom du fichier signé", max_length=200, blank=True)
    scan_type_mime = models.CharField(max_length=80, blank=True)
    signature_enregistree_le = models.DateTimeField(null=True, blank=True)
    signature_enregistree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    def __str__(self) -> str:
        return f"Convention {self.numero}"

    @property
    def signee(self) -> bool:
        return self.date_signature is not None


class Cofinancement(models.Model):
    """Ligne de financement d'une convention (R-COFUNDING)."""

    convention = models.ForeignKey(
        Convention, on_delete=models.CASCADE, related_name="cofinancements"
    )
    financeur = models.CharField(max_length=24, choices=Financeur.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True)
    annee = models.PositiveIntegerField("année")
    montant = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["annee", "financeur"]


class AvenantConvention(models.Model):
    """Avenant n° `numero` d'une convention signée : nouveaux montants par exercice, motif ;
    les versions précédentes (convention, avenants antérieurs) sont gardées telles quelles.
    Préparé puis signé (date, signataires, exemplaire signé) ; signé, il ne change plus."""

    convention = models.ForeignKey(Convention, on_delete=models.PROTECT, related_name="avenants")
    numero = models.PositiveIntegerField("numéro")
    montants = models.JSONField("montants par exercice", default=dict)
    motif = models.TextField()
    date_signature = models.DateField(null=True, blank=True)
    signataire_etat = models.CharField("signataire pour l'État", max_length=200, blank=True)
    signataire_operateur = models.CharField(
        "signataire pour l'opérateur", max_length=200, blank=True
    )
    scan = models.FileField("exemplaire signé", upload_to="conventions/%Y/%m/", blank=True)
    scan_nom = models.CharField("nom du fichier signé", max_length=200, blank=True)
    scan_type_mime = models.CharField(max_length=80, blank=True)
    signature_enregistree_le = models.DateTimeField(null=True, blank=True)
    signature_enregistree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        verbose_name = "avenant de convention"
        ordering = ["convention", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "numero"], name="avenant_numero_unique"),
        ]

    def __str__(self) -> str:
        return f"Avenant n° {self.numero} à la convention {self.convention.numero}"

    @property
    def signee(self) -> bool:
        return self.date_signature is not None
