"""Demande d'estimation de l'aide au logement : le ménage et le logement (de l'organisation de
la personne qui demande), le loyer et les charges mensuels, la page où revenir. Un ménage ou un
logement introuvable ou d'une autre organisation reçoit le même refus (rien ne dit qu'il
existe ailleurs)."""

from __future__ import annotations

from typing import Any

from django import forms

from iml.comptes.acteur import Acteur
from iml.menages.selectors import menages_visibles
from iml.parc.forms.logements import montant
from iml.parc.selectors import logements_visibles


class DemandeEstimationForm(forms.Form):
    menage = forms.ModelChoiceField(
        queryset=None,
        label="Ménage",
        error_messages={
            "required": "« Ménage » : ce champ est obligatoire.",
            "invalid_choice": "« Ménage » : introuvable parmi les ménages de votre organisation.",
        },
    )
    logement = forms.ModelChoiceField(
        queryset=None,
        label="Logement",
        error_messages={
            "required": "« Logement » : ce champ est obligatoire.",
            "invalid_choice": "« Logement » : introuvable dans le parc de votre organisation.",
        },
    )
    loyer = montant("Loyer")
    charges = montant("Charges")

    def __init__(self, *args: Any, acteur: Acteur, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["menage"].queryset = menages_visibles(acteur)
        self.fields["logement"].queryset = logements_visibles(acteur)
        for champ in ("loyer", "charges"):
            self.fields[champ].required = True
