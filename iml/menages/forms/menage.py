"""Formulaire de la fiche du ménage (création, modification), groupé par rubriques.

Les règles du domaine (R-CATEGORY, dates dans le passé, référence unique, référent de
l'organisation) sont vérifiées par le service ; la vue reporte ses refus sous leurs champs.
Seules la direction et la gestion locative choisissent le référent : pour le travail social,
le champ n'existe pas.
"""

from __future__ import annotations

from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.comptes.acteur import Acteur
from iml.menages import selectors
from iml.menages.enums import CHOIX_CATEGORIE, PublicSpecialise, SituationAvant
from iml.menages.models import Menage
from iml.parc.forms.logements import date
from iml.ui.erreurs import ResumeErreursMixin, requis_selon_le_cas

#: Rappel affiché sous les notes (la personne peut lire ce qui est écrit sur elle).
RAPPEL_NOTES = (
    "La personne peut demander à lire ce qui est écrit sur elle : notez des faits utiles à son "
    "accompagnement, sans diagnostic ni détail judiciaire."
)

RUBRIQUES = (
    ("Personne de référence", ("reference", "nom", "prenom", "date_naissance")),
    ("Catégorie et public", ("categorie", "public_specialise", "situation_avant")),
    (
        "Orientation et suivi",
        (
            "orientation_siao_reference",
            "orientation_siao_le",
            "notice_remise_le",
            "dernier_contact_le",
            "referent",
        ),
    ),
)


def texte(libelle: str, longueur: int, requis: bool = False, aide: str = "") -> forms.CharField:
    return forms.CharField(
        label=libelle, max_length=longueur, required=requis, help_text=aide,
        error_messages={
            "required": f"« {libelle} » : ce champ est obligatoire.",
            "max_length": f"« {libelle} » : {longueur} caractères au plus.",
        },
    )  # fmt: skip


def choix(libelle: str, valeurs: Any, vide: str = "Non renseignée") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=libelle, choices=[("", vide), *valeurs], required=False,
        error_messages={"invalid_choice": f"« {libelle} » : choisissez une valeur de la liste."},
    )  # fmt: skip


class MenageForm(ResumeErreursMixin, DsfrBaseForm):
    reference = texte(
        "Référence de l'opérateur", 60,
        aide="Laissée vide à la création : attribuée automatiquement (M-2026-0001…).",
    )  # fmt: skip
    nom = texte("Nom", 100, requis=True)
    prenom = texte("Prénom", 100, requis=True)
    date_naissance = date("Date de naissance")
    categorie = choix("Catégorie d'IML", CHOIX_CATEGORIE)
    public_specialise = requis_selon_le_cas(
        choix("Public de l'IML spécialisée", PublicSpecialise.choices, vide="Choisir"),
        "requis pour une IML spécialisée",
    )
    situation_avant = choix("Public (situation avant l'entrée)", SituationAvant.choices)
    orientation_siao_reference = texte("Référence de l'orientation SIAO", 60)
    orientation_siao_le = date("Orienté par le SIAO le")
    notice_remise_le = date("Notice d'information remise le")
    dernier_contact_le = date("Dernier contact le")
    referent = forms.ModelChoiceField(
        label="Travailleur social référent", queryset=None, required=False,
        empty_label="Aucun référent pour l'instant",
        help_text="Seul ce travailleur social (et la gestion) voit la fiche.",
        error_messages={
            "invalid_choice": "« Référent » : choisissez un travailleur social de votre "
            "organisation."
        },
    )  # fmt: skip
    notes = forms.CharField(
        label="Notes", required=False, max_length=5000,
        widget=forms.Textarea({"rows": 5, "aria-describedby": "rappel-notes"}),
        error_messages={"max_length": "« Notes » : 5 000 caractères au plus."},
    )  # fmt: skip

    def __init__(self, *args: Any, acteur: Acteur, choisit_referent: bool, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["date_naissance"].required = True
        self.fields["date_naissance"].error_messages["required"] = (
            "« Date de naissance » : ce champ est obligatoire."
        )
        if choisit_referent:
            self.fields["referent"].queryset = selectors.travailleurs_sociaux(acteur)  # type: ignore[attr-defined]
        else:
            del self.fields["referent"]

    def rubriques(self) -> list[tuple[str, list]]:
        return [
            (titre, [self[c] for c in champs if c in self.fields]) for titre, champs in RUBRIQUES
        ]

    def donnees(self) -> dict[str, Any]:
        """Les champs du service (`creer_menage`, `modifier_menage`)."""
        return dict(self.cleaned_data)


def initial_du_menage(menage: Menage) -> dict[str, Any]:
    initial = {nom: getattr(menage, nom) for nom in MenageForm.base_fields if nom != "referent"}
    initial["referent"] = menage.referent_id
    return initial
