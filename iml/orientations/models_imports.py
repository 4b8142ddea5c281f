"""Import des demandes du SIAO depuis un export CSV de son application nationale (pas d'API
publique) : tout ou rien, erreurs ligne à ligne, avancement écrit par le worker. Format :
docs/formats/siao-demandes.md."""

from __future__ import annotations

from django.db import models

from iml.comptes.models import Organisation
from iml.parc.models_imports import ImportTableur


class ImportDemandes(ImportTableur):
    siao = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")

    class Meta(ImportTableur.Meta):
        verbose_name = "import des demandes du SIAO"
        verbose_name_plural = "imports des demandes du SIAO"
