"""Formulaires de la fiche d'une occupation : renouvellement de la sous-location
(R-SL-DURATION), revue du mandat de gestion (R-MG-GLS-DURATION), révision du tarif, suite du
parcours, sortie (avec confirmation : elle ne s'annule pas). Les règles sont vérifiées par les
services ; leurs refus reviennent sous les champs."""

from __future__ import annotations

from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.occupations.enums import CHOIX_DESTINATION, CHOIX_SUITE
from iml.parc.forms.logements import date, montant
from iml.ui.erreurs import ResumeErreursMixin


def _requis(form: forms.Form, *champs: str) -> None:
    for nom in champs:
        champ = form.fields[nom]
        champ.required = True
        champ.error_messages["required"] = f"« {champ.label} » : ce champ est obligatoire."


def _texte(libelle: str, requis: bool = False, **options: Any) -> forms.CharField:
    return forms.CharField(
        label=libelle, required=requis, max_length=2000,
        widget=forms.Textarea({"rows": 2}),
        error_messages={
            "required": f"« {libelle} » : ce champ est obligatoire.",
            "max_length": f"« {libelle} » : 2 000 caractères au plus.",
        },
        **options,
    )  # fmt: skip


class RenouvellementForm(ResumeErreursMixin, DsfrBaseForm):
    prefix = "renouvellement"
    decide_le = date("Décidé le", "Avant la fin de la période en cours.")
    motif = _texte("Motif du renouvellement", requis=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _requis(self, "decide_le")


class RevueForm(ResumeErreursMixin, DsfrBaseForm):
    prefix = "revue"
    le = date("Revue le")
    poursuite = forms.TypedChoiceField(
        label="Le financement de la gestion se poursuit-il ?",
        choices=[("1", "Oui"), ("0", "Non")], coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={
            "required": "« Poursuite du financement » : choisissez oui ou non.",
            "invalid_choice": "« Poursuite du financement » : choisissez oui ou non.",
        },
    )  # fmt: skip
    note = _texte("Note", help_text="Exigée si le financement ne se poursuit pas.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _requis(self, "le")


class TarifForm(ResumeErreursMixin, DsfrBaseForm):
    prefix = "tarif"
    date_effet = date("À partir du")
    loyer = montant("Loyer ou redevance (€ par mois)")
    charges = montant("Charges (€ par mois)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _requis(self, "date_effet", "loyer", "charges")


class SuiteForm(ResumeErreursMixin, DsfrBaseForm):
    prefix = "suite"
    suite_parcours = forms.ChoiceField(
        label="Suite du parcours prévue", choices=[("", "Non prévue"), *CHOIX_SUITE],
        required=False,
        error_messages={"invalid_choice": "« Suite du parcours » : choisissez dans la liste."},
    )  # fmt: skip


class SortieForm(ResumeErreursMixin, DsfrBaseForm):
    date_sortie = date("Date de sortie")
    destination = forms.ChoiceField(
        label="Destination à la sortie", choices=[("", "Choisir"), *CHOIX_DESTINATION],
        error_messages={
            "required": "« Destination » : choisissez où va le ménage (ou « Inconnue »).",
            "invalid_choice": "« Destination » : choisissez dans la liste.",
        },
    )  # fmt: skip
    note = _texte("Note de sortie")
    mandat_suit = forms.BooleanField(
        label="Un mandat de gestion suit (glissement de bail : le logement reste suivi, en "
        "mandat de gestion, avec le même ménage)",
        required=False,
    )
    confirme = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, glissement_possible: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _requis(self, "date_sortie")
        if not glissement_possible:
            del self.fields["mandat_suit"]

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        if donnees.get("destination") != "GLISSEMENT_BAIL":
            donnees["mandat_suit"] = False
        return donnees

    def valeurs(self) -> dict[str, str]:
        d = self.cleaned_data
        return {
            "date_sortie": d["date_sortie"].isoformat(),
            "destination": d["destination"],
            "note": d["note"],
            "mandat_suit": "on" if d.get("mandat_suit") else "",
        }
