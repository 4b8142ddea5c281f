"""Formulaires des prospects : fiche (bailleur, logement candidat, commune du département,
prochaine action, suivi, freins), changement de statut (R-CAPTATION), filtres du tableau,
période de l'entonnoir."""

from __future__ import annotations

from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.parc.communes import code_commune
from iml.parc.enums import CHOIX_TYPOLOGIE
from iml.parc.forms.bailleurs import DATE, _texte
from iml.ui.erreurs import ResumeErreursMixin, requis_selon_le_cas
from regles.types import StatutProspect


def _commune(saisie: str, departement: str) -> str:
    """Code INSEE d'une commune du département (nom, code ou « Nom (code) »)."""
    return code_commune(saisie, departement)


def _libelle_bailleur(bailleur) -> str:
    return f"{bailleur} (ne pas contacter)" if bailleur.ne_pas_contacter else str(bailleur)


class ProspectForm(ResumeErreursMixin, DsfrBaseForm):
    bailleur = forms.ModelChoiceField(
        label="Bailleur",
        queryset=None,
        empty_label="Choisir un bailleur",
        error_messages={
            "required": "Bailleur : choisissez-en un.",
            "invalid_choice": "Bailleur : choisissez un bailleur de votre organisation.",
        },
    )
    adresse = _texte("Adresse du logement candidat", 250, requis=True)
    commune = _texte(
        "Commune", 120, requis=True, help_text="Nom ou code INSEE, dans votre département."
    )
    typologie = forms.ChoiceField(
        label="Typologie", required=False, choices=[("", "Non renseignée")] + CHOIX_TYPOLOGIE
    )
    prochaine_action = _texte("Prochaine action", 200, help_text="Exemple : rappeler le bailleur")
    prochaine_action_le = forms.DateField(
        label="Prochaine action le",
        required=False,
        widget=DATE,
        error_messages={"invalid": "Prochaine action le : saisissez une date valide."},
    )
    charge = forms.ModelChoiceField(
        label="Suivi par",
        queryset=None,
        required=False,
        empty_label="Personne",
        error_messages={
            "invalid_choice": "Suivi par : choisissez une personne de la gestion du parc."
        },
    )
    freins = forms.ModelMultipleChoiceField(
        label="Freins à la captation",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Freins : choisissez parmi les motifs proposés."},
    )

    def __init__(
        self, *args, bailleurs, gestionnaires, motifs, departement: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.departement = departement
        if bailleurs is None:
            del self.fields["bailleur"]
        else:
            self.fields["bailleur"].queryset = bailleurs
            self.fields["bailleur"].label_from_instance = _libelle_bailleur
        self.fields["charge"].queryset = gestionnaires
        self.fields["charge"].label_from_instance = lambda u: u.get_full_name() or str(u)
        self.fields["freins"].queryset = motifs
        self._bound_fields_cache.clear()

    def clean_commune(self) -> str:
        return _commune(self.cleaned_data["commune"].strip(), self.departement)

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        if donnees.get("prochaine_action_le") and not donnees.get("prochaine_action"):
            self.add_error(
                "prochaine_action", "Prochaine action : dites laquelle, puisqu'elle est datée."
            )
        return donnees

    def donnees_service(self) -> dict[str, Any]:
        donnees = dict(self.cleaned_data)
        donnees.pop("bailleur", None)
        return donnees


class TransitionForm(ResumeErreursMixin, DsfrBaseForm):
    vers = forms.ChoiceField(
        label="Statut visé",
        choices=StatutProspect.choices(),
        widget=forms.HiddenInput,
        error_messages={
            "required": "Statut visé : choisissez une action proposée.",
            "invalid_choice": "Statut visé : choisissez une action proposée.",
        },
    )
    note = _texte("Note", 2000, widget=forms.Textarea(attrs={"rows": 2}))
    motif_abandon = forms.ModelChoiceField(
        label="Motif de l'abandon",
        queryset=None,
        required=False,
        empty_label="Choisir un motif",
        error_messages={"invalid_choice": "Motif de l'abandon : choisissez un motif proposé."},
    )

    def __init__(self, *args, motifs, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["motif_abandon"].queryset = motifs
        requis_selon_le_cas(self.fields["motif_abandon"], "obligatoire")
        self._bound_fields_cache.clear()


class FiltreTableauForm(DsfrBaseForm):
    mes = forms.BooleanField(label="Mes prospects", required=False)
    commune = forms.CharField(
        label="Commune", required=False, max_length=120, help_text="Nom ou code INSEE"
    )
    en_retard = forms.BooleanField(label="En retard seulement", required=False)
    statut = forms.ChoiceField(
        label="Statut",
        required=False,
        choices=[("", "Tous (tableau)")] + StatutProspect.choices(),
    )

    def __init__(self, *args, departement: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.departement = departement

    def clean_commune(self) -> str:
        saisie = self.cleaned_data["commune"].strip()
        return _commune(saisie, self.departement) if saisie else ""


class PeriodeForm(DsfrBaseForm):
    du = forms.DateField(
        label="Prospects créés du",
        required=False,
        widget=DATE,
        error_messages={"invalid": "Du : saisissez une date valide."},
    )
    au = forms.DateField(
        label="au",
        required=False,
        widget=DATE,
        error_messages={"invalid": "Au : saisissez une date valide."},
    )

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        du, au = donnees.get("du"), donnees.get("au")
        if du and au and au < du:
            self.add_error("au", "Au : la fin de la période précède son début.")
        return donnees
