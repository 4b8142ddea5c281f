"""Formulaires de la convention : montants négociés par exercice, motif, cofinancements."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.appels.enums import Financeur
from iml.appels.services_conventions import CalculConvention, LigneCofinancement
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Organisation
from regles.format import euros

CHOIX_COFINANCEURS = [(v, label) for v, label in Financeur.choices if v != Financeur.ETAT_P177]


def _montant(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=12, decimal_places=2, min_value=Decimal(0), localize=True, **kwargs
    )


class ConventionForm(DsfrBaseForm):
    """Un montant négocié par exercice (prérempli du montant calculé) et le motif de l'écart."""

    motif_ecart = forms.CharField(
        label="Motif de l'écart",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire quand un montant négocié diffère du montant calculé.",
    )

    def __init__(self, *args, calcul: CalculConvention, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.calcul = calcul
        motif = self.fields.pop("motif_ecart")
        for a in calcul.annees:
            self.fields[f"montant_{a.annee}"] = _montant(
                f"Montant négocié {a.annee} (€)",
                help_text=f"Montant calculé : {euros(a.total)}.",
            )
        self.fields["motif_ecart"] = motif

    def montants_negocies(self) -> dict[int, Decimal | None]:
        return {a.annee: self.cleaned_data.get(f"montant_{a.annee}") for a in self.calcul.annees}


class CofinancementForm(DsfrBaseForm):
    """Une ligne de cofinancement (R-COFUNDING) ; la part de l'État est le montant négocié."""

    financeur = forms.ChoiceField(label="Financeur", choices=[("", "—")] + CHOIX_COFINANCEURS)
    organisation = forms.ModelChoiceField(
        label="Organisation (facultatif)",
        queryset=Organisation.objects.filter(type=TypeOrganisation.COFINANCEUR, active=True),
        required=False,
    )
    annee = forms.TypedChoiceField(label="Année", coerce=int)
    montant = _montant("Montant (€)")

    def __init__(self, *args, exercices: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [("", "—")] + [(a, str(a)) for a in exercices]

    def ligne(self) -> LigneCofinancement:
        d = self.cleaned_data
        return LigneCofinancement(d["financeur"], d["annee"], d["montant"], d.get("organisation"))


class BaseCofinancements(forms.BaseFormSet):
    def lignes(self) -> list[LigneCofinancement]:
        return [
            f.ligne()
            for f in self.forms
            if f.has_changed() and not self._should_delete_form(f) and f.cleaned_data
        ]


CofinancementFormSet = forms.formset_factory(
    CofinancementForm, formset=BaseCofinancements, extra=2, can_delete=True, max_num=20
)
