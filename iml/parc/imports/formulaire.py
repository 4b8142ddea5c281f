"""Formulaire de dépôt d'un fichier d'import : taille, extension et contenu réel vérifiés avant
que le fichier ne soit gardé (le reste, ligne à ligne, dans le worker)."""

from __future__ import annotations

from django import forms

from iml.parc.imports import lecture
from iml.ui.erreurs import ResumeErreursMixin


class DepotImportForm(ResumeErreursMixin, forms.Form):
    fichier = forms.FileField(
        label="Fichier du parc (CSV ou XLSX)",
        help_text=(
            "Une ligne par logement, les colonnes du bailleur sur la même ligne. "
            "Formats acceptés : .csv (séparateur « ; » ou « , », UTF-8) ou .xlsx (première "
            "feuille)."
        ),
        error_messages={
            "required": "Fichier : choisissez un fichier CSV ou XLSX.",
            "empty": "Fichier : le fichier est vide.",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "fichier"
        ].help_text += f" Taille maximale : {lecture.taille_max() // (1024 * 1024)} Mo."
        self.fields["fichier"].widget.attrs["accept"] = ".csv,.xlsx"

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        if fichier.size > lecture.taille_max():
            mo = lecture.taille_max() // (1024 * 1024)
            raise forms.ValidationError(f"Fichier : il dépasse la taille maximale de {mo} Mo.")
        contenu = fichier.read()
        try:
            lecture.verifier(contenu, fichier.name)
        except lecture.FichierIllisible as refus:
            raise forms.ValidationError(f"Fichier : {refus}") from refus
        self.cleaned_data["contenu"] = contenu
        return fichier
