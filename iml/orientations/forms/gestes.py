"""Formulaire des gestes qui demandent un motif écrit et une confirmation : retirer une
proposition, clore ou rouvrir une demande (SIAO). Le motif est gardé dans l'historique."""

from __future__ import annotations

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.ui.erreurs import ResumeErreursMixin


class MotifForm(ResumeErreursMixin, DsfrBaseForm):
    motif = forms.CharField(
        label="Motif",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Conservé dans l'historique ; 500 caractères au plus.",
        error_messages={
            "required": "« Motif » : ce champ est obligatoire (il est conservé dans l'historique).",
            "max_length": "« Motif » : 500 caractères au plus.",
        },
    )
