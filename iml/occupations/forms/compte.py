"""Formulaires du compte d'un ménage : paiement reçu, correction d'une ligne (montant signé,
motif, confirmation), plan d'apurement (dette, nombre de versements, premier versement, puis
l'échéancier modifiable), clôture d'un plan. Les règles (dates, somme des versements, un seul
plan ouvert) sont vérifiées par le service, dont les refus sont reportés sous les champs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.occupations.services.compte import MONTANT_MAX
from iml.parc.forms.logements import date, messages_nombre
from iml.ui.erreurs import ResumeErreursMixin
from regles.compte import Ligne
from regles.types import NatureEcriture

ORIGINES = [
    (NatureEcriture.PAIEMENT_MENAGE.value, "Le ménage"),
    (NatureEcriture.PAIEMENT_AIDE.value, "L'aide au logement versée à l'opérateur"),
    (NatureEcriture.PAIEMENT_FSL.value, "Le FSL (fonds de solidarité pour le logement)"),
]
VERSEMENTS_MAX = 60


def _requis(champ: forms.Field) -> forms.Field:
    champ.required = True
    champ.error_messages["required"] = f"« {champ.label} » : ce champ est obligatoire."
    return champ


def _montant(libelle: str, *, signe: bool = False, aide: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=libelle, localize=True, help_text=aide, min_value=None if signe else Decimal("0.01"),
        max_value=MONTANT_MAX, max_digits=10, decimal_places=2,
        error_messages=messages_nombre(libelle, "-120,50" if signe else "120,50",
                                       "99 999 999,99 €")
        | {"min_value": f"« {libelle} » : un montant supérieur à 0."},
    )  # fmt: skip


class EncaissementForm(ResumeErreursMixin, DsfrBaseForm):
    le = _requis(date("Reçu le"))
    nature = forms.ChoiceField(
        label="Origine du paiement", choices=ORIGINES, widget=forms.RadioSelect,
        error_messages={
            "required": "« Origine du paiement » : ce champ est obligatoire.",
            "invalid_choice": "« Origine du paiement » : choisissez une valeur de la liste.",
        },
    )  # fmt: skip
    montant = _montant("Montant reçu (€)")
    libelle = forms.CharField(
        label="Libellé", required=False, max_length=200,
        help_text="Par exemple « Virement de mars ». Vide : l'origine du paiement.",
        error_messages={"max_length": "« Libellé » : 200 caractères au plus."},
    )  # fmt: skip


class CorrectionForm(ResumeErreursMixin, DsfrBaseForm):
    montant = _montant(
        "Montant de la correction (€)",
        signe=True,
        aide="Négatif pour réduire ce que doit le ménage (annuler un appel), positif pour "
        "l'augmenter (annuler un paiement). Par exemple -120,50.",
    )
    motif = forms.CharField(
        label="Motif de la correction", max_length=180, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "« Motif de la correction » : ce champ est obligatoire.",
            "max_length": "« Motif de la correction » : 180 caractères au plus.",
        },
    )  # fmt: skip
    confirmation = forms.BooleanField(
        label="Je confirme : une correction s'ajoute au compte et ne s'efface pas.",
        error_messages={"required": "Confirmation : cochez la case pour enregistrer."},
    )

    def clean_montant(self) -> Decimal:
        montant = self.cleaned_data["montant"]
        if montant == 0:
            raise forms.ValidationError(
                "« Montant de la correction » : un montant différent de 0 (− pour réduire)."
            )
        return montant


class PlanForm(ResumeErreursMixin, DsfrBaseForm):
    """La dette, le nombre de versements et le premier : l'échéancier est calculé (versements
    égaux, le reste sur le dernier), puis chaque ligne peut être modifiée avant l'envoi."""

    montant = _montant("Dette à apurer (€)")
    nombre = forms.IntegerField(
        label="Nombre de versements mensuels", min_value=1, max_value=VERSEMENTS_MAX,
        error_messages=messages_nombre("Nombre de versements mensuels", "6", f"{VERSEMENTS_MAX}")
        | {"min_value": "« Nombre de versements mensuels » : au moins 1."},
    )  # fmt: skip
    debut = _requis(date("Premier versement le"))
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Par exemple : accord signé avec le ménage, FSL sollicité.",
    )  # fmt: skip

    def __init__(self, *args: Any, lignes: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, min(lignes, VERSEMENTS_MAX) + 1):
            self.fields[f"echeance_{i}"] = _requis(date(f"Versement {i} : échéance"))
            self.fields[f"versement_{i}"] = _montant(f"Versement {i} : montant (€)")

    @property
    def champs_plan(self) -> list[forms.BoundField]:
        return [self[n] for n in ("montant", "nombre", "debut", "note")]

    @property
    def champs_versements(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        rangs = [n.removeprefix("echeance_") for n in self.fields if n.startswith("echeance_")]
        return [(self[f"echeance_{r}"], self[f"versement_{r}"]) for r in rangs]

    def versements(self) -> list[Ligne]:
        donnees = self.cleaned_data
        return [
            Ligne(donnees[e.name], donnees[v.name])
            for e, v in self.champs_versements
            if e.name in donnees and v.name in donnees
        ]


class ConfirmationForm(ResumeErreursMixin, DsfrBaseForm):
    confirmation = forms.BooleanField(
        label="Je confirme la clôture de ce plan d'apurement.",
        error_messages={"required": "Confirmation : cochez la case pour clore le plan."},
    )
