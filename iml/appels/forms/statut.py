"""Formulaire de changement de statut d'un appel : confirmation explicite, justification d'une
clôture avant la date limite, motif d'une réouverture (R-AAC)."""

from __future__ import annotations

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.appels.enums import StatutAppel
from iml.ui.erreurs import ResumeErreursMixin


class ChangementStatutForm(ResumeErreursMixin, DsfrBaseForm):
    statut = forms.ChoiceField(choices=StatutAppel.choices, widget=forms.HiddenInput)
    motif = forms.CharField(
        label="Justification",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirmation = forms.BooleanField(
        label="Je confirme ce changement de statut.",
        error_messages={
            "required": "R-AAC : cochez la case pour confirmer le changement de statut."
        },
    )

    def __init__(
        self, *args, libelle_motif: str = "", aide_motif: str = "", refus_motif: str = "", **kwargs
    ) -> None:
        """`refus_motif` : la phrase de la règle quand le motif manque (R-AAC)."""
        super().__init__(*args, **kwargs)
        if libelle_motif:
            motif = self.fields["motif"]
            motif.label, motif.help_text, motif.required = libelle_motif, aide_motif, True
            motif.error_messages["required"] = refus_motif
        else:
            self.fields["motif"].widget = forms.HiddenInput()
        # Le DSFR lit les champs liés dès l'initialisation : on les recrée avec ces libellés.
        self._bound_fields_cache.clear()
