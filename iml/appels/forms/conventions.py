"""Formulaires de la convention : montants négociés par exercice, motif, cofinancements ;
signature (date, signataires, exemplaire signé) ; avenant (nouveaux montants, motif)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from dsfr.forms import DsfrBaseForm

from iml.appels.enums import Financeur
from iml.appels.services.avenants import Signature
from iml.appels.services.conventions import CalculConvention, LigneCofinancement
from iml.comptes.models import Organisation
from iml.ui.erreurs import ResumeErreursMixin, sans_marque
from regles.format import euros

CHOIX_COFINANCEURS = [(v, label) for v, label in Financeur.choices if v != Financeur.ETAT_P177]


def _montant(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=12, decimal_places=2, min_value=Decimal(0), localize=True, **kwargs
    )


class ConventionForm(ResumeErreursMixin, DsfrBaseForm):
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
        label="Organisation",
        queryset=None,  # les cofinanceurs de l'appel, donnés par la vue (sélecteur cadré)
        required=False,
        help_text="Cofinanceurs du département de l'appel et de sa région.",
    )
    annee = forms.TypedChoiceField(label="Année", coerce=int)
    montant = _montant("Montant (€)")

    def __init__(
        self, *args, exercices: list[int], cofinanceurs: QuerySet[Organisation], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [("", "—")] + [(a, str(a)) for a in exercices]
        self.fields["organisation"].queryset = cofinanceurs

    def ligne(self) -> LigneCofinancement:
        d = self.cleaned_data
        return LigneCofinancement(d["financeur"], d["annee"], d["montant"], d.get("organisation"))


class BaseCofinancements(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Supprimer cette ligne"
            sans_marque(form.fields["DELETE"])

    def lignes(self) -> list[LigneCofinancement]:
        return [
            f.ligne()
            for f in self.forms
            if f.has_changed() and not self._should_delete_form(f) and f.cleaned_data
        ]


CofinancementFormSet = forms.formset_factory(
    CofinancementForm, formset=BaseCofinancements, extra=2, can_delete=True, max_num=20
)


def _requis(libelle: str) -> dict[str, str]:
    return {"required": f"{libelle} : à renseigner."}


def _date(label: str) -> forms.DateField:
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(
        label=label,
        widget=widget,
        error_messages=_requis(label) | {"invalid": f"{label} : date attendue (jj/mm/aaaa)."},
    )


class SignatureForm(ResumeErreursMixin, DsfrBaseForm):
    """Signature d'une convention ou d'un avenant : le service vérifie et enregistre.
    `verifier` (les vérifications du service) signale toutes les erreurs au premier envoi."""

    date_signature = _date("Date de signature")
    signataire_etat = forms.CharField(
        label="Signataire pour l'État",
        max_length=200,
        help_text="Prénom, nom et qualité, par exemple « Anne Martin, directrice ».",
        error_messages=_requis("Signataire pour l'État"),
    )
    signataire_operateur = forms.CharField(
        label="Signataire pour l'opérateur",
        max_length=200,
        help_text="Prénom, nom et qualité.",
        error_messages=_requis("Signataire pour l'opérateur"),
    )
    scan = forms.FileField(
        label="Exemplaire signé",
        help_text="Scan de l'exemplaire signé par les deux parties : PDF, PNG ou JPEG.",
        error_messages={
            "required": "Exemplaire signé : joignez le scan de l'exemplaire signé.",
            "empty": "Exemplaire signé : le fichier est vide.",
        },
    )

    def __init__(
        self,
        *args: Any,
        verifier: Callable[[Signature], dict[str, list[str]]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.verifier = verifier

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        if self.verifier is not None:
            for champ, messages in self.verifier(self.signature()).items():
                if champ not in self.errors:
                    for message in messages:
                        self.add_error(champ if champ in self.fields else None, message)
        return donnees

    def signature(self) -> Signature:
        d = self.cleaned_data
        return Signature(
            d.get("date_signature"),
            d.get("signataire_etat") or "",
            d.get("signataire_operateur") or "",
            d.get("scan"),
        )


class AvenantForm(ResumeErreursMixin, DsfrBaseForm):
    """Nouveaux montants de l'État par exercice (préremplis des montants en vigueur), motif."""

    motif = forms.CharField(
        label="Motif de l'avenant",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Motif de l'avenant : obligatoire (R-SUBSIDY-PRORATA)."},
    )

    def __init__(self, *args, en_vigueur: dict[str, str | None], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        motif = self.fields.pop("motif")
        self.annees = sorted(int(a) for a in en_vigueur)
        for a in self.annees:
            valeur = en_vigueur[str(a)]
            self.fields[f"montant_{a}"] = _montant(
                f"Montant {a} (€)",
                help_text=f"En vigueur : {euros(Decimal(valeur) if valeur else None)}.",
                error_messages=_requis(f"Montant {a}"),
            )
        self.fields["motif"] = motif

    def montants(self) -> dict[int, Decimal | None]:
        return {a: self.cleaned_data.get(f"montant_{a}") for a in self.annees}
