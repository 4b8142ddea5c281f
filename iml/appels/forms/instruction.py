"""Formulaires de l'instruction : grille de notation et décision du comité (R-SELECTION)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.appels.enums import ResultatDecision
from iml.appels.models import Decision, Notation, VersionDossier
from iml.appels.services.decisions import Demande, erreurs_de_la_version, erreurs_decision
from iml.appels.services.instruction import erreurs_notes
from iml.ui.erreurs import ResumeErreursMixin, requis_selon_le_cas
from regles.bareme import Bareme, CritereSelection
from regles.format import nombre


class NotationForm(ResumeErreursMixin, DsfrBaseForm):
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


class DecisionForm(ResumeErreursMixin, DsfrBaseForm):
    """Décision du comité : le formulaire et les règles du service (`erreurs_decision`) sont
    vérifiés ensemble, toutes les erreurs signalées au premier envoi (R-SELECTION)."""

    resultat = forms.ChoiceField(
        label="Décision du comité",
        choices=ResultatDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "R-SELECTION : choisissez la décision du comité."},
    )
    places_mg = requis_selon_le_cas(
        forms.IntegerField(label="Places retenues en mandat de gestion", min_value=0),
        "requis pour une retenue partielle",
    )
    places_sl = requis_selon_le_cas(
        forms.IntegerField(label="Places retenues en sous-location", min_value=0),
        "requis pour une retenue partielle",
    )
    motifs = requis_selon_le_cas(
        forms.CharField(label="Motifs", widget=forms.Textarea(attrs={"rows": 4})),
        "requis pour un refus",
    )
    justification_erreurs = requis_selon_le_cas(
        forms.CharField(
            label="Justification de la retenue malgré les erreurs",
            help_text="Elle figure dans la fiche d'instruction (R-SELECTION).",
            max_length=10_000,
            widget=forms.Textarea(attrs={"rows": 4}),
        ),
        "requis pour retenir malgré les erreurs",
    )
    motif_amendement = forms.CharField(
        label="Motif de l'amendement",
        help_text="La décision remplacée reste lisible dans l'historique (R-SELECTION).",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "R-SELECTION : ce dossier est déjà décidé : indiquez le motif de "
            "l'amendement ; la décision actuelle restera lisible dans l'historique."
        },
    )

    def __init__(
        self,
        *args: Any,
        version: VersionDossier | None = None,
        decision: Decision | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.version, self.decision = version, decision
        if decision is None:
            del self.fields["motif_amendement"]
        if not erreurs_de_la_version(version):
            del self.fields["justification_erreurs"]

    @classmethod
    def pour(
        cls, data: Any, decision: Decision | None, version: VersionDossier | None = None
    ) -> DecisionForm:
        initial = {}
        if decision is not None:
            initial = {
                "resultat": decision.resultat,
                "places_mg": decision.places_mg,
                "places_sl": decision.places_sl,
                "motifs": decision.motifs,
                "justification_erreurs": decision.justification_erreurs,
            }
        return cls(data, initial=initial, version=version, decision=decision)

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        if donnees.get("resultat"):
            a = self.arguments()
            demande = Demande(
                a["resultat"],
                a["places_mg"],
                a["places_sl"],
                a["motifs"],
                a["justification_erreurs"],
                a["motif_amendement"],
            )
            erreurs = erreurs_decision(self.version, self.decision, demande)
            self.ajouter_erreurs_service({c: m for c, m in erreurs.items() if c not in self.errors})
        return donnees

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
