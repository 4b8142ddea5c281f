"""Formulaire du plan d'accompagnement (ouverture et modification, R-ACCOMP-PLAN) : début,
intensité, durée prévue, qui accompagne, besoins des sept domaines, dispositif, conditions
d'« un chez-soi d'abord » (R-CHEZ-SOI), financeurs et montants annuels (R-COFUNDING).

Le formulaire ne vérifie que la saisie ; les règles (au moins un besoin, opérateur délégué ou
service de droit commun nommé, conditions du dispositif) sont celles de
`regles.accompagnement.verifier_plan`, appelées par le service. Leurs refus reviennent sous
leur champ ; ceux qui visent un groupe (besoins, conditions, financeurs) sous le groupe
(`erreurs_groupes`), et tous dans le résumé en tête du formulaire.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr
from dsfr.widgets import InlineRadioSelect

from iml.accompagnement.enums import (
    CHOIX_DISPOSITIF,
    CHOIX_FINANCEUR,
    CHOIX_INTENSITE,
    CHOIX_NIVEAU,
    CHOIX_REALISATION,
    CHOIX_SERVICE,
)
from iml.accompagnement.models import Plan
from iml.accompagnement.services.plans import SaisiePlan
from iml.parc.forms.logements import OUI_NON, date, messages_nombre, montant
from iml.ui.erreurs import ResumeErreursMixin, requis_selon_le_cas, sans_marque
from regles.types_accompagnement import DomaineBesoin, NiveauBesoin

#: Lignes de financeurs : trois vides au moins (dans la limite d'une ligne par financeur :
#: un financeur ne figure qu'une fois).
LIGNES_MIN = 3
LIGNES_MAX = len(CHOIX_FINANCEUR)

#: Groupes de champs dont les règles parlent d'un seul tenant (clé du constat -> ancre).
GROUPES = {
    "besoins": "groupe-besoins",
    "criteres_chez_soi": "groupe-chez-soi",
    "financements": "groupe-financements",
}


def _choix(libelle: str, valeurs: Any, widget: Any = None, vide: str = "") -> forms.ChoiceField:
    options = [("", vide), *valeurs] if vide else list(valeurs)
    return forms.ChoiceField(
        label=libelle, choices=options, required=not vide, widget=widget or forms.Select,
        error_messages={
            "required": f"« {libelle} » : choisissez une valeur.",
            "invalid_choice": f"« {libelle} » : choisissez une valeur de la liste.",
        },
    )  # fmt: skip


def _oui_non(libelle: str) -> forms.Field:
    """Oui, non ou non renseigné ; requis pour « un chez-soi d'abord » seulement (la règle
    R-CHEZ-SOI le dit sous le groupe) : pas de marque « (Optionnel) »."""
    return sans_marque(
        forms.TypedChoiceField(
            label=libelle, choices=OUI_NON, coerce=lambda v: v == "1", empty_value=None
        )
    )


def champ_besoin(domaine: DomaineBesoin) -> str:
    return f"besoin_{domaine.value.lower()}"


class PlanForm(ResumeErreursMixin, DsfrBaseForm):
    debut_le = date("Début de l'accompagnement")
    intensite = _choix("Intensité", CHOIX_INTENSITE, widget=InlineRadioSelect)
    duree_prevue_mois = forms.IntegerField(
        label="Durée prévue (mois)", min_value=1, max_value=120,
        help_text="En mois, par exemple 12 ; la fin prévue s'en déduit.",
        error_messages=messages_nombre("Durée prévue (mois)", "12", "120")
        | {"min_value": "« Durée prévue (mois) » : un mois au moins."},
    )  # fmt: skip
    realisation = _choix(
        "L'accompagnement est réalisé par", CHOIX_REALISATION, widget=forms.RadioSelect
    )
    partenaire_delegue = requis_selon_le_cas(
        forms.CharField(
            label="Opérateur agréé qui accompagne", max_length=150,
            help_text="Son nom, par exemple « AIVS Ouest ».",
            error_messages={"max_length": "« Opérateur agréé » : 150 caractères au plus."},
        ),
        "requis pour un accompagnement délégué",
    )  # fmt: skip
    service_droit_commun = requis_selon_le_cas(
        _choix("Service de droit commun", CHOIX_SERVICE, vide="Choisir"),
        "requis pour le droit commun",
    )
    dispositif = _choix("Dispositif", CHOIX_DISPOSITIF)
    chez_soi_sans_abri = _oui_non("Sans abri à l'entrée")
    chez_soi_trouble_atteste = _oui_non("Trouble psychique sévère attesté par un psychiatre")
    chez_soi_demande = _oui_non("La personne demande à être logée")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["debut_le"].required = True
        self.fields["debut_le"].error_messages["required"] = (
            "« Début de l'accompagnement » : ce champ est obligatoire."
        )
        for domaine in DomaineBesoin:
            self.fields[champ_besoin(domaine)] = _choix(
                domaine.libelle, CHOIX_NIVEAU, widget=InlineRadioSelect
            )
        for i in range(1, self._nombre_de_lignes() + 1):
            self.fields[f"financeur_{i}"] = _choix(
                f"Financeur (ligne {i})", CHOIX_FINANCEUR, vide="Aucun"
            )
            self.fields[f"montant_{i}"] = montant(
                f"Montant annuel (€) (ligne {i})", "Vide : non renseigné."
            )
        for nom in self.fields:
            dsfr_input_class_attr(self[nom])
        #: Refus qui visent un groupe de champs (clé de `GROUPES`).
        self.erreurs_groupes: dict[str, list[str]] = {}

    def _nombre_de_lignes(self) -> int:
        source = self.data if self.is_bound else self.initial
        rangs = [
            int(cle.removeprefix("financeur_"))
            for cle in source
            if cle.startswith("financeur_") and cle.removeprefix("financeur_").isdigit()
        ]
        utilisees = max(rangs, default=0)
        if not self.is_bound:
            utilisees += LIGNES_MIN  # trois lignes vides après les financeurs enregistrés
        return min(LIGNES_MAX, max(LIGNES_MIN, utilisees))

    # --- Présentation --------------------------------------------------------------------

    def besoins(self) -> list[forms.BoundField]:
        return [self[champ_besoin(d)] for d in DomaineBesoin]

    def chez_soi(self) -> list[forms.BoundField]:
        return [
            self[c] for c in ("chez_soi_sans_abri", "chez_soi_trouble_atteste", "chez_soi_demande")
        ]

    def lignes_financement(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        rangs = sorted(
            int(n.removeprefix("financeur_")) for n in self.fields if n.startswith("financeur_")
        )
        return [(self[f"financeur_{i}"], self[f"montant_{i}"]) for i in rangs]

    def resume_erreurs(self) -> list[dict[str, str]]:
        """Les erreurs dans l'ordre du formulaire ; celles d'un groupe après ses champs."""
        lignes = super().resume_erreurs()
        for cle, messages in self.erreurs_groupes.items():
            lignes += [{"ancre": GROUPES[cle], "message": m} for m in messages]
        return lignes

    # --- Lecture et refus ----------------------------------------------------------------

    def clean_service_droit_commun(self) -> str:
        valeur = self.cleaned_data.get("service_droit_commun") or ""
        if valeur and valeur not in dict(CHOIX_SERVICE):
            raise ValidationError(
                "« Service de droit commun » : choisissez une valeur de la liste."
            )
        return valeur

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        for i in range(1, len(self.lignes_financement()) + 1):
            if donnees.get(f"montant_{i}") is not None and not donnees.get(f"financeur_{i}"):
                self.add_error(
                    f"financeur_{i}",
                    f"« Financeur (ligne {i}) » : choisissez le financeur de ce montant.",
                )
        return donnees

    def saisie(self) -> SaisiePlan:
        d = self.cleaned_data
        return SaisiePlan(
            debut_le=d["debut_le"],
            intensite=d["intensite"],
            realisation=d["realisation"],
            duree_prevue_mois=d["duree_prevue_mois"],
            besoins={dom.value: d[champ_besoin(dom)] for dom in DomaineBesoin},
            partenaire_delegue=d.get("partenaire_delegue") or "",
            service_droit_commun=d.get("service_droit_commun") or "",
            dispositif=d["dispositif"],
            chez_soi_sans_abri=d.get("chez_soi_sans_abri"),
            chez_soi_trouble_atteste=d.get("chez_soi_trouble_atteste"),
            chez_soi_demande=d.get("chez_soi_demande"),
            financements=self._financements(),
        )

    def _financements(self) -> list[tuple[str, Decimal | None]]:
        d = self.cleaned_data
        return [
            (d[f"financeur_{i}"], d.get(f"montant_{i}"))
            for i in range(1, len(self.lignes_financement()) + 1)
            if d.get(f"financeur_{i}")
        ]

    def reporter(self, erreur: ValidationError) -> None:
        """Les refus du service : sous leur champ, sous leur groupe, ou en tête."""
        if not hasattr(erreur, "error_dict"):
            self.add_error(None, erreur)
            return
        for champ, messages in erreur.message_dict.items():
            if champ in GROUPES:
                self.erreurs_groupes.setdefault(champ, []).extend(messages)
            else:
                self.add_error(champ if champ in self.fields else None, messages)


def initial_du_plan(plan: Plan) -> dict[str, Any]:
    """Les valeurs du plan enregistré (besoins : « pas de besoin » pour un domaine absent)."""
    initial: dict[str, Any] = {
        nom: getattr(plan, nom)
        for nom in (
            "debut_le",
            "intensite",
            "duree_prevue_mois",
            "realisation",
            "partenaire_delegue",
            "service_droit_commun",
            "dispositif",
        )
    }
    for nom in ("chez_soi_sans_abri", "chez_soi_trouble_atteste", "chez_soi_demande"):
        valeur = getattr(plan, nom)
        initial[nom] = "" if valeur is None else ("1" if valeur else "0")
    niveaux = {b.domaine: b.niveau for b in plan.besoins.all()}
    for domaine in DomaineBesoin:
        initial[champ_besoin(domaine)] = niveaux.get(domaine.value, NiveauBesoin.AUCUN.value)
    for i, f in enumerate(plan.financements.all(), start=1):
        initial[f"financeur_{i}"] = f.financeur
        initial[f"montant_{i}"] = f.montant_annuel
    return initial


def initial_nouveau(jour: Any) -> dict[str, Any]:
    """Un plan neuf : début aujourd'hui, intensité régulière, en interne, 12 mois, aucun
    besoin coché d'avance au-delà de « pas de besoin »."""
    initial: dict[str, Any] = {
        "debut_le": jour,
        "intensite": "REGULIERE",
        "realisation": "INTERNE",
        "duree_prevue_mois": 12,
        "dispositif": "IML_ETAT",
    }
    for domaine in DomaineBesoin:
        initial[champ_besoin(domaine)] = NiveauBesoin.AUCUN.value
    return initial
