"""Formulaires de l'annuaire des partenaires de l'opérateur (R-PARTNERS) : la fiche d'un
partenaire (une structure, jamais une personne accompagnée) et les filtres de la liste."""

from __future__ import annotations

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.accompagnement.enums import CHOIX_TYPE_PARTENAIRE
from iml.parc.forms.bailleurs import TELEPHONE
from iml.ui.erreurs import ResumeErreursMixin


def _texte(libelle: str, longueur: int, requis: bool = False, aide: str = "") -> forms.CharField:
    return forms.CharField(
        label=libelle, max_length=longueur, required=requis, help_text=aide,
        error_messages={
            "required": f"« {libelle} » : ce champ est obligatoire.",
            "max_length": f"« {libelle} » : {longueur} caractères au plus.",
        },
    )  # fmt: skip


class PartenaireForm(ResumeErreursMixin, DsfrBaseForm):
    nom = _texte("Nom", 150, requis=True, aide="Exemple : CCAS de Rennes, CMP Bellangerais.")
    type = forms.ChoiceField(
        label="Type de partenaire", choices=[("", "Choisir un type"), *CHOIX_TYPE_PARTENAIRE],
        error_messages={
            "required": "« Type de partenaire » : choisissez-en un.",
            "invalid_choice": "« Type de partenaire » : choisissez un type de la liste.",
        },
    )  # fmt: skip
    commune = _texte("Commune", 100)
    telephone = _texte("Téléphone", 20, aide="Exemple : 02 99 12 34 56 ou +33 2 99 12 34 56")
    courriel = forms.EmailField(
        label="Adresse électronique", required=False, max_length=254,
        help_text="L'adresse de la structure, par exemple accueil@ccas-rennes.fr",
        error_messages={
            "invalid": "« Adresse électronique » : saisissez une adresse valide (nom@domaine.fr).",
            "max_length": "« Adresse électronique » : 254 caractères au plus.",
        },
    )  # fmt: skip
    actif = forms.BooleanField(
        label="Actif : proposé pour les nouvelles orientations", required=False, initial=True,
        help_text="Décochez pour retirer ce partenaire des choix ; ses orientations passées "
        "restent dans les dossiers.",
    )  # fmt: skip

    def clean_telephone(self) -> str:
        valeur = self.cleaned_data["telephone"].strip()
        if valeur and not TELEPHONE.match(valeur):
            raise forms.ValidationError(
                "« Téléphone » : saisissez un numéro français à 10 chiffres "
                "(02 99 12 34 56 ou +33 2 99 12 34 56)."
            )
        return valeur


ETATS = [("", "Tous"), ("actifs", "Actifs"), ("inactifs", "Inactifs")]


class FiltrePartenairesForm(DsfrBaseForm):
    type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Tous les types"), *CHOIX_TYPE_PARTENAIRE]
    )
    etat = forms.ChoiceField(label="État", required=False, choices=ETATS)

    def valeurs(self) -> tuple[str, str]:
        """(type, état) ; un filtre invalide est ignoré."""
        if not self.is_valid():
            return "", ""
        return self.cleaned_data["type"], self.cleaned_data["etat"]
