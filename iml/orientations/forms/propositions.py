"""Formulaires des propositions : proposer un logement (SIAO), répondre (opérateur), décider
d'un refus (SIAO), noter « ménage informé le », admettre (opérateur), déclarer une vacance."""

from __future__ import annotations

from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.orientations.enums import CHOIX_DECISION, CHOIX_MOTIF_REFUS, CHOIX_NATURE_VACANCE
from iml.parc.forms.logements import date
from iml.parc.models import Logement
from iml.parc.presentation_logements import libelle_commune
from iml.ui.erreurs import ResumeErreursMixin
from regles.types import LienPersonne


def _requis(champ: forms.Field) -> forms.Field:
    champ.required = True
    champ.error_messages["required"] = f"« {champ.label} » : ce champ est obligatoire."
    return champ


class ChoixLogement(forms.ModelChoiceField):
    def label_from_instance(self, obj: Logement) -> str:
        return (
            f"{obj.adresse}, {libelle_commune(obj.commune)} — {obj.get_typologie_display()} "
            f"({obj.capacite} places) — {obj.get_forme_display().lower()} — {obj.operateur.nom}"
        )


class ProposerForm(ResumeErreursMixin, DsfrBaseForm):
    logement = ChoixLogement(
        label="Logement vacant", queryset=None,
        empty_label="Choisir un logement",
        error_messages={"required": "« Logement vacant » : choisissez-en un."},
    )  # fmt: skip

    def __init__(self, *args: Any, logements=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["logement"].queryset = logements


class ReponseForm(ResumeErreursMixin, DsfrBaseForm):
    reponse = forms.ChoiceField(
        label="Votre réponse", widget=forms.RadioSelect,
        choices=[("ACCEPTER", "J'accepte la proposition"), ("REFUSER", "Je refuse la proposition")],
        error_messages={"required": "« Votre réponse » : choisissez accepter ou refuser."},
    )  # fmt: skip
    motif_refus = forms.ChoiceField(
        label="Motif du refus",
        required=False,
        choices=[("", "Choisir un motif"), *CHOIX_MOTIF_REFUS],
    )
    note_refus = forms.CharField(
        label="Précision", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire pour « Autre motif ». La personne peut demander à la lire.",
    )  # fmt: skip


class DecisionForm(ResumeErreursMixin, DsfrBaseForm):
    decision = forms.ChoiceField(
        label="Décision du SIAO", widget=forms.RadioSelect, choices=CHOIX_DECISION,
        error_messages={"required": "« Décision du SIAO » : choisissez-en une."},
    )  # fmt: skip
    motif = forms.CharField(
        label="Motif", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Facultatif pour confirmer le refus, obligatoire pour passer outre ; il est conservé "
            "dans l'historique."
        ),
    )  # fmt: skip


class InformeForm(ResumeErreursMixin, DsfrBaseForm):
    menage_informe_le = _requis(date("Ménage informé le"))


class VacanceForm(ResumeErreursMixin, DsfrBaseForm):
    nature = forms.ChoiceField(
        label="Le logement est", widget=forms.RadioSelect, choices=CHOIX_NATURE_VACANCE,
        error_messages={"required": "« Le logement est » : vacant ou bientôt vacant."},
    )  # fmt: skip
    disponible_le = _requis(date("Disponible le"))
    note = forms.CharField(
        label="Note pour le SIAO", required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class AdmissionForm(ResumeErreursMixin, DsfrBaseForm):
    """La date de naissance de la personne de référence, un couple (lien, année) par autre
    membre annoncé par la demande, la date d'entrée, la dérogation (direction)."""

    date_naissance = _requis(date("Date de naissance de la personne de référence"))
    date_entree = _requis(date("Date d'entrée"))
    derogation = forms.CharField(
        label="Justification de la dérogation (direction)", required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seulement pour admettre malgré un contrôle bloquant, quand la règle le permet.",
    )  # fmt: skip

    def __init__(self, *args: Any, demande=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        liens = ["CONJOINT"] * (demande.adultes - 1) + ["ENFANT"] * demande.enfants
        self.nombre_membres = len(liens)
        for i, lien in enumerate(liens, start=1):
            self.fields[f"lien_{i}"] = forms.ChoiceField(
                label=f"Membre {i} : lien", choices=LienPersonne.choices(), initial=lien
            )
            nom = f"« Membre {i} : année de naissance »"
            self.fields[f"annee_{i}"] = forms.IntegerField(
                label=f"Membre {i} : année de naissance", min_value=1900, max_value=2100,
                error_messages={
                    "required": f"{nom} : obligatoire.",
                    "invalid": f"{nom} : une année en chiffres, par exemple 2015.",
                    "min_value": f"{nom} : 1900 au plus tôt.",
                    "max_value": f"{nom} : une année passée, par exemple 2015.",
                },
            )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        """Personne n'est né après la date d'entrée dans le logement."""
        donnees = super().clean()
        entree = donnees.get("date_entree")
        if entree is None:
            return donnees
        naissance = donnees.get("date_naissance")
        if naissance is not None and naissance > entree:
            self.add_error(
                "date_naissance",
                "« Date de naissance de la personne de référence » : elle ne peut suivre la "
                "date d'entrée.",
            )
        for i in range(1, self.nombre_membres + 1):
            annee = donnees.get(f"annee_{i}")
            if annee is not None and annee > entree.year:
                self.add_error(
                    f"annee_{i}",
                    f"« Membre {i} : année de naissance » : elle ne peut suivre l'année "
                    f"d'entrée ({entree.year}).",
                )
        return donnees

    def membres(self) -> list[tuple[str, int]]:
        return [
            (self.cleaned_data[f"lien_{i}"], self.cleaned_data[f"annee_{i}"])
            for i in range(1, self.nombre_membres + 1)
        ]
