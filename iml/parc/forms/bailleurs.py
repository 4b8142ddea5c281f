"""Formulaires des bailleurs : fiche (coordonnées vérifiées, origine, consentement, « ne pas
contacter ») et filtres de la liste. Les messages nomment le champ, en français."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from iml.parc.enums import OrigineBailleur, TypeBailleur
from iml.ui.erreurs import ResumeErreursMixin

TELEPHONE = re.compile(r"^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _texte(label: str, longueur: int, requis: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=longueur,
        required=requis,
        error_messages={
            "required": f"{label} : ce champ est obligatoire.",
            "max_length": f"{label} : {longueur} caractères au plus.",
        },
        **kwargs,
    )


class BailleurForm(ResumeErreursMixin, DsfrBaseForm):
    type = forms.ChoiceField(
        label="Type de bailleur",
        choices=[("", "Choisir")] + TypeBailleur.choices,
        error_messages={"required": "Type de bailleur : choisissez-en un."},
    )
    nom = _texte("Nom ou raison sociale", 200, requis=True)
    prenom = _texte("Prénom", 100)
    reference = _texte(
        "Référence de l'opérateur", 60, help_text="Votre propre référence, unique (facultative)."
    )
    telephone = _texte("Téléphone", 20, help_text="Exemple : 06 12 34 56 78 ou +33 6 12 34 56 78")
    courriel = forms.EmailField(
        label="Adresse électronique",
        required=False,
        max_length=254,
        help_text="Exemple : nom@domaine.fr",
        error_messages={
            "invalid": "Adresse électronique : saisissez une adresse valide (nom@domaine.fr).",
            "max_length": "Adresse électronique : 254 caractères au plus.",
        },
    )
    adresse = _texte("Adresse postale", 250)
    origine = forms.ChoiceField(
        label="Origine du contact",
        choices=[("", "Choisir")] + OrigineBailleur.choices,
        error_messages={"required": "Origine du contact : choisissez-en une."},
    )
    consentement_contact = forms.BooleanField(label="Accepte d'être recontacté", required=False)
    consentement_le = forms.DateField(
        label="Consentement recueilli le",
        required=False,
        widget=DATE,
        help_text="Aujourd'hui si vide et que le bailleur accepte d'être recontacté.",
        error_messages={"invalid": "Consentement recueilli le : saisissez une date valide."},
    )
    ne_pas_contacter = forms.BooleanField(
        label="Ne pas contacter",
        required=False,
        help_text="Le bailleur sort de la prospection (R-CONTACT).",
    )
    ne_pas_contacter_motif = _texte("Motif du « ne pas contacter »", 200)

    def clean_telephone(self) -> str:
        valeur = self.cleaned_data["telephone"].strip()
        if valeur and not TELEPHONE.match(valeur):
            raise forms.ValidationError(
                "Téléphone : saisissez un numéro français à 10 chiffres "
                "(06 12 34 56 78 ou +33 6 12 34 56 78)."
            )
        return valeur

    def clean_consentement_le(self):
        jour = self.cleaned_data.get("consentement_le")
        if jour and jour > timezone.localdate():
            raise forms.ValidationError(
                "Consentement recueilli le : la date ne peut pas être dans le futur."
            )
        return jour

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        if donnees.get("ne_pas_contacter") and not donnees.get("ne_pas_contacter_motif"):
            self.add_error(
                "ne_pas_contacter_motif",
                "Motif du « ne pas contacter » : indiquez-le (R-CONTACT), il est affiché sur "
                "la fiche.",
            )
        return donnees


class FiltreBailleursForm(DsfrBaseForm):
    q = forms.CharField(label="Nom", required=False, max_length=100)
    ne_pas_contacter = forms.ChoiceField(
        label="« Ne pas contacter »",
        required=False,
        choices=[("", "Tous"), ("oui", "Seulement « ne pas contacter »"), ("non", "Les autres")],
    )
    origine = forms.ChoiceField(
        label="Origine", required=False, choices=[("", "Toutes")] + OrigineBailleur.choices
    )
