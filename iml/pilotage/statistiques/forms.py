"""Formulaires des statistiques annuelles : ouvrir une campagne (année, date limite),
corriger un indicateur (valeur vide = non renseigné, motif obligatoire). Les règles sont
vérifiées par les services, dont les refus sont reportés sous les champs."""

from __future__ import annotations

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.parc.forms.logements import date, messages_nombre
from iml.ui.erreurs import ResumeErreursMixin


def _requis(champ: forms.Field) -> forms.Field:
    champ.required = True
    champ.error_messages["required"] = f"« {champ.label} » : ce champ est obligatoire."
    return champ


class CampagneForm(ResumeErreursMixin, DsfrBaseForm):
    annee = forms.IntegerField(
        label="Année des statistiques", min_value=2000, max_value=2100,
        help_text="L'année civile dont les opérateurs rendent les statistiques, par exemple 2025.",
        error_messages=messages_nombre("Année des statistiques", "2025", "2100")
        | {"min_value": "« Année des statistiques » : à partir de 2000."},
    )  # fmt: skip
    date_limite = _requis(
        date("Date limite de soumission", "Après le 31 décembre de l'année, par exemple 31/03.")
    )


class CorrectionForm(ResumeErreursMixin, DsfrBaseForm):
    cle = forms.ChoiceField(
        label="Indicateur",
        error_messages={
            "required": "« Indicateur » : ce champ est obligatoire.",
            "invalid_choice": "« Indicateur » : choisissez un indicateur de la liste.",
        },
    )
    valeur = forms.DecimalField(
        label="Valeur corrigée", required=False, localize=True, min_value=0,
        max_digits=12, decimal_places=2,
        help_text="Laissez vide si la valeur n'est pas connue : elle sera « non renseignée ».",
        error_messages=messages_nombre("Valeur corrigée", "12", "9 999 999 999,99"),
    )  # fmt: skip
    motif = forms.CharField(
        label="Motif de la correction", max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Conservé avec votre nom à côté de la valeur calculée ; 300 caractères au plus.",
        error_messages={
            "required": "« Motif de la correction » : ce champ est obligatoire.",
            "max_length": "« Motif de la correction » : 300 caractères au plus.",
        },
    )  # fmt: skip

    def __init__(self, *args, indicateurs: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cle"].choices = [("", "Choisissez un indicateur"), *indicateurs]
