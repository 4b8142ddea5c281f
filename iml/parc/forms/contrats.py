"""Formulaire d'un contrat avec le bailleur : mandat de gestion ou bail à l'association
(sous-location). La date de fin est calculée par le service et affichée après
l'enregistrement ; les règles (R-MODE : type selon la forme du logement, loyer du bail à
l'association seulement) sont vérifiées par le service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.parc.enums import Garantie, TypeContrat
from iml.parc.forms.logements import date, messages_nombre, montant
from iml.parc.models import ContratBailleur
from iml.ui.erreurs import ResumeErreursMixin


class ContratForm(ResumeErreursMixin, DsfrBaseForm):
    type = forms.ChoiceField(
        label="Type de contrat", choices=TypeContrat.choices,
        help_text="Mandat de gestion pour un logement en mandat ; bail à l'association pour "
        "une sous-location.",
        error_messages={
            "required": "« Type de contrat » : ce champ est obligatoire.",
            "invalid_choice": "« Type de contrat » : choisissez une valeur de la liste.",
        },
    )  # fmt: skip
    date_debut = date("Date de début")
    duree_mois = forms.IntegerField(
        label="Durée (mois)", min_value=1, max_value=240,
        error_messages=messages_nombre("Durée (mois)", "36", "240 mois")
        | {"min_value": "« Durée (mois) » : au moins 1 mois."},
    )  # fmt: skip
    honoraires_pct = forms.DecimalField(
        label="Honoraires de gestion (% des loyers)", required=False, localize=True,
        min_value=0, max_value=Decimal(100), max_digits=5, decimal_places=2,
        error_messages=messages_nombre("Honoraires de gestion", "7,5", "100 %")
        | {"max_digits": "« Honoraires de gestion » : un pourcentage entre 0 et 100 %%."},
    )  # fmt: skip
    garanties = forms.MultipleChoiceField(
        label="Garanties", choices=Garantie.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "« Garanties » : choisissez parmi les garanties proposées."
        },
    )  # fmt: skip
    loyer = montant(
        "Loyer versé au bailleur (€ par mois)",
        "Bail à l'association seulement : en mandat de gestion, le ménage paie le loyer.",
    )
    renouvellement_tacite = forms.BooleanField(
        label="Renouvelable par tacite reconduction", required=False
    )
    resilie_le = date("Résilié le", "À remplir seulement si le contrat a été résilié.")

    def __init__(self, *args: Any, modification: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date_debut"].required = True
        self.fields["date_debut"].error_messages["required"] = (
            "« Date de début » : ce champ est obligatoire."
        )
        if not modification:
            del self.fields["resilie_le"]


def initial_du_contrat(contrat: ContratBailleur) -> dict[str, Any]:
    return {nom: getattr(contrat, nom) for nom in ContratForm.base_fields}
