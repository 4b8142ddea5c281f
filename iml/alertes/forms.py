"""Préférences d'alertes : recevoir aussi ses alertes par courriel."""

from __future__ import annotations

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.ui.erreurs import ResumeErreursMixin


class PreferencesForm(ResumeErreursMixin, DsfrBaseForm):
    par_courriel = forms.BooleanField(
        label="Recevoir aussi mes alertes par courriel",
        help_text="Un courriel par nouvelle alerte, à l'adresse de votre compte.",
        required=False,
    )
