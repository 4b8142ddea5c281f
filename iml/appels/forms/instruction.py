"""Formulaires de l'instruction : grille de notation et décision du comité (R-SELECTION)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.appels.enums import ResultatDecision
from iml.appels.models import Decision, Notation
from iml.appels.services.instruction import erreurs_notes
from regles.bareme import Bareme, CritereSelection
from regles.format import nombre


class NotationForm(DsfrBaseForm):
    """Une note (0 à `note_max`, au dixième) et un commentaire par critère de l'appel. Avec le
    barème, toutes les erreurs de la grille (bornes, dixième) sont signalées au premier envoi,
    par la même fonction que le service (`services_instruction.erreurs_notes`)."""

    def __init__(
        self,
        *args: Any,
        criteres: tuple[CritereSelection, ...],
        note_max: Decimal,
        notations: dict[str, Notation],
        bareme: Bareme | None = None,
        **kwargs: Any,
    ) -> None:
        initial = {}
        for code, notation in notations.items():
            initial[f"note_{code}"] = notation.note
            initial[f"commentaire_{code}"] = notation.commentaire
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.criteres = criteres
        self.bareme = bareme
        for c in criteres:
            # Le libellé du critère est la légende du groupe de champs (gabarit).
            self.fields[f"note_{c.code}"] = forms.DecimalField(
                label="Note",
                help_text=f"De 0 à {nombre(note_max)}, au dixième.",
                required=False,
                localize=True,
                error_messages={
                    "invalid": "R-SELECTION : la note doit être un nombre, par exemple 3,5."
                },
            )
            self.fields[f"commentaire_{c.code}"] = forms.CharField(
                label="Commentaire",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        if self.bareme is not None:
            notes = {c: n for c, n in self.notes().items() if n is not None}
            self.ajouter_erreurs_service(erreurs_notes(notes, self.bareme))
        return donnees

    @property
    def lignes(self) -> list[tuple[CritereSelection, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"note_{c.code}"], self[f"commentaire_{c.code}"]) for c in self.criteres]

    def notes(self) -> dict[str, Decimal | None]:
        return {c.code: self.cleaned_data.get(f"note_{c.code}") for c in self.criteres}

    def commentaires(self) -> dict[str, str]:
        return {c.code: self.cleaned_data.get(f"commentaire_{c.code}", "") for c in self.criteres}

    def ajouter_erreurs_service(self, message_dict: dict[str, list[str]]) -> None:
        for code, messages in message_dict.items():
            champ = f"note_{code}" if f"note_{code}" in self.fields else None
            for message in messages:
                self.add_error(champ, message)


class DecisionForm(DsfrBaseForm):
    resultat = forms.ChoiceField(
        label="Décision du comité",
        choices=ResultatDecision.choices,
        widget=forms.RadioSelect,
    )
    places_mg = forms.IntegerField(
        label="Places retenues en mandat de gestion",
        help_text="Pour une retenue partielle seulement.",
        required=False,
        min_value=0,
    )
    places_sl = forms.IntegerField(
        label="Places retenues en sous-location",
        help_text="Pour une retenue partielle seulement.",
        required=False,
        min_value=0,
    )
    motifs = forms.CharField(
        label="Motifs",
        help_text="Obligatoires pour un refus (R-SELECTION).",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    justification_erreurs = forms.CharField(
        label="Justification de la retenue malgré les erreurs",
        help_text="Obligatoire pour retenir un dossier dont la version porte des erreurs "
        "(R-SELECTION) ; elle figure dans la fiche d'instruction.",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    motif_amendement = forms.CharField(
        label="Motif de l'amendement",
        help_text="Obligatoire pour changer une décision enregistrée (R-SELECTION) ; la "
        "décision remplacée reste lisible dans l'historique.",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def pour(cls, data: Any, decision: Decision | None) -> DecisionForm:
        initial = {}
        if decision is not None:
            initial = {
                "resultat": decision.resultat,
                "places_mg": decision.places_mg,
                "places_sl": decision.places_sl,
                "motifs": decision.motifs,
                "justification_erreurs": decision.justification_erreurs,
            }
        return cls(data, initial=initial)

    def arguments(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "resultat": d["resultat"],
            "places_mg": d.get("places_mg") or 0,
            "places_sl": d.get("places_sl") or 0,
            "motifs": d.get("motifs") or "",
            "justification_erreurs": d.get("justification_erreurs") or "",
            "motif_amendement": d.get("motif_amendement") or "",
        }

    def ajouter_erreurs_service(self, message_dict: dict[str, list[str]]) -> None:
        for champ, messages in message_dict.items():
            for message in messages:
                self.add_error(champ if champ in self.fields else None, message)
