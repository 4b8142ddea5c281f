"""Dépôt d'un fichier d'import des ménages : le formulaire du parc (taille, extension, contenu
réel vérifiés avant que le fichier ne soit gardé), libellé pour les ménages."""

from __future__ import annotations

from iml.parc.imports.formulaire import DepotImportForm


class DepotMenagesForm(DepotImportForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fichier = self.fields["fichier"]
        fichier.label = "Fichier des ménages (CSV ou XLSX)"
        fichier.help_text = fichier.help_text.replace(
            "Une ligne par logement, les colonnes du bailleur sur la même ligne.",
            "Une ligne par ménage, son occupation en cours sur la même ligne.",
        )
