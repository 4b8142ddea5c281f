"""Appels à candidatures, dossiers (versions figées), pièces, notation, décision, convention."""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver

from iml.appels.enums import (
    EtatDocument,
    Financeur,
    ResultatDecision,
    StatutAppel,
    StatutDossier,
    TypePiece,
)
from iml.comptes.models import Organisation, Territoire
from iml.referentiel.models import JeuParametres
from regles.transitions import TRANSITIONS_APPEL, TRANSITIONS_DOSSIER, Table


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
    """La candidature d'un opérateur à un appel. `contenu` suit iml/referentiel/schemas/conformite
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
    # PDF du dossier complet, établi une fois par version dans le worker (iml.appels.taches).
    pdf = models.FileField("PDF du dossier", upload_to="versions/%Y/%m/", blank=True)
    pdf_etat = models.CharField(
        "état du PDF", max_length=10, choices=EtatDocument.choices, default=EtatDocument.A_PREPARER
    )
    pdf_motif = models.CharField("motif de l'échec du PDF", max_length=300, blank=True)
    pdf_demande_le = models.DateTimeField("PDF demandé le", null=True, blank=True)

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


@receiver(post_delete, sender=PieceJointe)
@receiver(post_delete, sender=VersionDossier)
def effacer_fichier_stocke(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    """Le fichier d'une pièce ou le PDF d'une version part avec sa ligne, suppression en
    cascade comprise (dossier supprimé, démonstration réinitialisée), après validation."""
    champ = instance.fichier if isinstance(instance, PieceJointe) else instance.pdf
    if champ and champ.name:
        stockage, nom = champ.storage, champ.name
        transaction.on_commit(lambda: stockage.delete(nom))


class Notation(models.Model):
    """Note d'un critère de sélection (R-SELECTION) donnée à une version déposée du dossier,
    avec son auteur (`evaluateur`, le dernier à l'avoir posée) : une nouvelle version (appel
    rouvert) se note à nouveau, les notes de la précédente restent attachées à celle-ci."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="notations")
    version = models.ForeignKey(
        VersionDossier,
        on_delete=models.PROTECT,
        related_name="notations",
        null=True,
        verbose_name="version notée",
    )
    critere = models.CharField("critère", max_length=40)
    note = models.DecimalField(max_digits=4, decimal_places=1)
    commentaire = models.TextField(blank=True)
    evaluateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="évaluateur"
    )
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "critere"], name="notation_unique"),
            models.CheckConstraint(condition=Q(note__gte=0), name="notation_positive"),
        ]


class Decision(models.Model):
    """Décision du comité en vigueur : retenu, partiellement retenu (places gardées), refusé
    (motifs). Elle ne change que par un amendement motivé (`AmendementDecision` garde la
    décision remplacée) et jamais après la signature de la convention. Retenir un dossier dont
    la version porte des erreurs exige `justification_erreurs`."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="decision")
    resultat = models.CharField("résultat", max_length=22, choices=ResultatDecision.choices)
    places_retenues = models.PositiveIntegerField(default=0)
    places_mg = models.PositiveIntegerField("places retenues en mandat de gestion", default=0)
    places_sl = models.PositiveIntegerField("places retenues en sous-location", default=0)
    motifs = models.TextField(blank=True)
    justification_erreurs = models.TextField(
        "justification de la retenue malgré les erreurs", blank=True
    )
    numero = models.PositiveIntegerField("numéro", default=1)
    decide_le = models.DateTimeField()
    decide_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)


class SignatureEnregistree(models.Model):
    """Ce qu'une convention et chacun de ses avenants gardent de leur signature : date,
    signataires, exemplaire signé (rangé hors de la racine web), qui l'a enregistrée et quand."""

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

    @property
    def signee(self) -> bool:
        return self.date_signature is not None

    class Meta:
        abstract = True


class Convention(SignatureEnregistree):
    """Convention de financement d'un dossier retenu ; montants calculés (R-SUBSIDY-PRORATA)
    et négociés gardés côte à côte, avec le barème utilisé."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="convention")
    numero = models.CharField("numéro", max_length=40, unique=True)
    montants_calcules = models.JSONField(default=dict)
    montants_negocies = models.JSONField(default=dict)
    motif_ecart = models.TextField("motif de l'écart", blank=True)
    bareme_code = models.CharField(max_length=80)
    bareme_version = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"Convention {self.numero}"


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


class EvenementStatut(models.Model):
    """Un changement de statut d'un appel (R-AAC) ou d'un dossier (R-SELECTION) : qui, quand,
    de quel statut vers lequel et pourquoi (table de `regles/transitions.py`)."""

    appel = models.ForeignKey(
        AppelACandidatures,
        on_delete=models.CASCADE,
        related_name="evenements",
        null=True,
        blank=True,
    )
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="evenements", null=True, blank=True
    )
    de = models.CharField("statut de départ", max_length=22)
    vers = models.CharField("nouveau statut", max_length=22)
    motif = models.TextField(blank=True)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    le = models.DateTimeField()

    class Meta:
        verbose_name = "changement de statut"
        verbose_name_plural = "changements de statut"
        ordering = ["le", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(appel__isnull=False) & Q(dossier__isnull=True))
                | (Q(appel__isnull=True) & Q(dossier__isnull=False)),
                name="evenement_appel_ou_dossier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appel or self.dossier} : {self.libelle_de} → {self.libelle_vers}"

    @property
    def _table(self) -> Table:
        return TRANSITIONS_APPEL if self.appel_id else TRANSITIONS_DOSSIER

    @property
    def libelle_de(self) -> str:
        return self._table.libelle(self.de)

    @property
    def libelle_vers(self) -> str:
        return self._table.libelle(self.vers)


class AmendementDecision(models.Model):
    """Une décision remplacée par un amendement : ses termes restent lisibles, avec le motif,
    l'auteur et la date de l'amendement (R-SELECTION)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="amendements")
    numero = models.PositiveIntegerField("numéro de la décision remplacée")
    resultat = models.CharField("résultat", max_length=22, choices=ResultatDecision.choices)
    places_mg = models.PositiveIntegerField(default=0)
    places_sl = models.PositiveIntegerField(default=0)
    places_retenues = models.PositiveIntegerField(default=0)
    motifs = models.TextField(blank=True)
    justification_erreurs = models.TextField(blank=True)
    decide_le = models.DateTimeField()
    decide_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    motif_amendement = models.TextField("motif de l'amendement")
    amende_le = models.DateTimeField()
    amende_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "amendement de décision"
        ordering = ["decision", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "numero"], name="amendement_numero_unique"),
        ]

    def __str__(self) -> str:
        return f"Décision n° {self.numero} remplacée le {self.amende_le:%d/%m/%Y}"


class AvenantConvention(SignatureEnregistree):
    """Avenant n° `numero` d'une convention signée : nouveaux montants par exercice, motif ;
    les versions précédentes (convention, avenants antérieurs) sont gardées telles quelles.
    Préparé puis signé (date, signataires, exemplaire signé) ; signé, il ne change plus."""

    convention = models.ForeignKey(Convention, on_delete=models.PROTECT, related_name="avenants")
    numero = models.PositiveIntegerField("numéro")
    montants = models.JSONField("montants par exercice", default=dict)
    motif = models.TextField()

    class Meta:
        verbose_name = "avenant de convention"
        ordering = ["convention", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "numero"], name="avenant_numero_unique"),
        ]

    def __str__(self) -> str:
        return f"Avenant n° {self.numero} à la convention {self.convention.numero}"
