"""Import des ménages et des occupations en cours depuis un tableur (CSV ou XLSX) : tout ou
rien, erreurs ligne à ligne, avancement écrit par le worker, idempotent par référence."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from iml.comptes.models import Adhesion, Organisation
from iml.parc.models_imports import EtatImport


class ImportMenages(models.Model):
    operateur = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="imports_menages"
    )
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
        ordering = ["-cree_le", "-pk"]
        verbose_name = "import des ménages"
        verbose_name_plural = "imports des ménages"

    def __str__(self) -> str:
        return f"Import « {self.nom_fichier} »"

    @property
    def fini(self) -> bool:
        return self.etat in (EtatImport.TERMINE, EtatImport.REFUSE, EtatImport.ECHEC)
