"""Import des ménages et des occupations en cours depuis un tableur (CSV ou XLSX) : tout ou
rien, erreurs ligne à ligne, avancement écrit par le worker, idempotent par référence."""

from __future__ import annotations

from django.db import models

from iml.comptes.models import Organisation
from iml.parc.models_imports import ImportTableur


class ImportMenages(ImportTableur):
    operateur = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="imports_menages"
    )

    class Meta(ImportTableur.Meta):
        verbose_name = "import des ménages"
        verbose_name_plural = "imports des ménages"
