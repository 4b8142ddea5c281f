"""Import du parc depuis un tableur (CSV ou XLSX) : le fichier déposé, l'avancement écrit par
le worker (hors de la transaction de l'import) et le résultat ou les erreurs ligne à ligne."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from iml.comptes.models import Adhesion, Organisation


class EtatImport(models.TextChoices):
    EN_ATTENTE = "EN_ATTENTE", "En attente de traitement"
    EN_COURS = "EN_COURS", "En cours"
    TERMINE = "TERMINE", "Terminé"
    REFUSE = "REFUSE", "Refusé : erreurs à corriger"
    ECHEC = "ECHEC", "Échec du traitement"


class ImportTableur(models.Model):
    """Un fichier déposé, tout ou rien : l'état et l'avancement écrits par le worker, le
    résultat ou les erreurs ligne à ligne (parc, ménages)."""

    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    adhesion = models.ForeignKey(
        Adhesion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cree_le = models.DateTimeField(auto_now_add=True)
    nom_fichier = models.CharField("fichier", max_length=200)
    contenu = models.BinaryField()
    etat = models.CharField(
        max_length=12, choices=EtatImport.choices, default=EtatImport.EN_ATTENTE
    )
    progression = models.PositiveSmallIntegerField("avancement (%)", default=0)
    lignes = models.PositiveIntegerField("lignes lues", null=True, blank=True)
    erreurs = models.JSONField(default=list, blank=True)
    resultat = models.JSONField(default=dict, blank=True)
    motif = models.CharField(max_length=300, blank=True)
    termine_le = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-cree_le", "-pk"]

    def __str__(self) -> str:
        return f"Import « {self.nom_fichier} »"

    @property
    def fini(self) -> bool:
        return self.etat in (EtatImport.TERMINE, EtatImport.REFUSE, EtatImport.ECHEC)

    def suivi(self) -> dict[str, object]:
        """L'état lu par la page de l'import pendant le traitement (JSON)."""
        return {
            "etat": self.etat,
            "libelle": self.get_etat_display(),
            "progression": self.progression,
            "fini": self.fini,
        }


class ImportParc(ImportTableur):
    """Un fichier déposé par la gestion du parc ; tout ou rien : il entre entier ou pas du tout."""

    operateur = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="imports_parc"
    )

    class Meta(ImportTableur.Meta):
        verbose_name = "import du parc"
        verbose_name_plural = "imports du parc"
