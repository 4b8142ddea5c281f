"""Dépôt d'un export des demandes du SIAO : le formulaire du parc (taille, extension, contenu
réel vérifiés avant que le fichier ne soit gardé), libellé pour les demandes."""

from __future__ import annotations

from iml.parc.imports.formulaire import DepotImportForm


class DepotDemandesForm(DepotImportForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fichier = self.fields["fichier"]
        fichier.label = "Export des demandes (CSV de l'application nationale, ou XLSX)"
        fichier.help_text = fichier.help_text.replace(
            "Une ligne par logement, les colonnes du bailleur sur la même ligne.",
            "Une ligne par demande. CSV séparé par « ; », en UTF-8 ou Windows-1252 ; dates "
            "JJ/MM/AAAA, montants « 1 234,50 ».",
        ).replace("(séparateur « ; » ou « , », UTF-8)", "")
