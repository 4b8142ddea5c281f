"""Formulaire du temps de travail (R-SW-RATIO) : un travailleur social actif de l'organisation,
son ETP (0 à 1, « 0,8 » ou « 0.8 »), la date depuis laquelle il vaut. Le droit (la direction)
et l'appartenance à l'organisation sont vérifiés par le service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.comptes.models import Utilisateur
from iml.parc.forms.logements import date, messages_nombre
from iml.ui.erreurs import ResumeErreursMixin

LIBELLE_ETP = "Temps de travail (ETP)"


class TempsTravailForm(ResumeErreursMixin, DsfrBaseForm):
    utilisateur = forms.TypedChoiceField(
        label="Travailleur social",
        coerce=int,
        error_messages={
            "required": "« Travailleur social » : choisissez une personne de la liste.",
            "invalid_choice": "« Travailleur social » : choisissez une personne de la liste.",
        },
    )
    etp = forms.DecimalField(
        label=LIBELLE_ETP,
        localize=True,
        min_value=Decimal(0),
        max_value=Decimal(1),
        max_digits=3,
        decimal_places=2,
        help_text="Entre 0 et 1, par exemple 0,8 pour un temps partiel à 80 %. Sert au calcul "
        "de la charge : R-SW-RATIO, un travailleur social à temps plein pour 20 ménages.",
        error_messages=messages_nombre(LIBELLE_ETP, "0,8", "1")
        | {"max_decimal_places": f"« {LIBELLE_ETP} » : deux décimales au plus, par exemple 0,75."},
    )
    depuis_le = date("Depuis le", aide="Le temps de travail vaut à partir de cette date.")

    def __init__(self, *args: Any, travailleurs: list[Utilisateur], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._travailleurs = {u.pk: u for u in travailleurs}
        self.fields["utilisateur"].choices = [("", "Choisir une personne")] + [
            (u.pk, str(u)) for u in travailleurs
        ]
        self.fields["etp"].widget.attrs["inputmode"] = "decimal"
        depuis = self.fields["depuis_le"]
        depuis.required = True
        depuis.error_messages["required"] = "« Depuis le » : ce champ est obligatoire."

    def clean_utilisateur(self) -> Utilisateur:
        return self._travailleurs[self.cleaned_data["utilisateur"]]


class AnneeForm(ResumeErreursMixin, forms.Form):
    """L'année des chiffres d'activité, parmi celles proposées."""

    annee = forms.TypedChoiceField(
        label="Année",
        coerce=int,
        error_messages={"invalid_choice": "« Année » : choisissez une année de la liste."},
    )

    def __init__(self, *args: Any, annees: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(a, str(a)) for a in annees]
