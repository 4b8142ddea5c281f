"""Formulaires du panorama régional : déclarer un indicateur d'un département (valeur connue
ou « non renseigné », jamais 0 par défaut), déposer un tableau à importer."""

from __future__ import annotations

from django import forms

from iml.comptes.models import Territoire
from iml.parc.imports.formulaire import DepotImportForm
from iml.pilotage import selectors_panorama
from iml.ui.erreurs import ResumeErreursMixin
from regles.panorama import Indicateur

ETATS = [("RENSEIGNE", "Valeur connue"), ("NON_RENSEIGNE", "Non renseigné (« ? »)")]


class DeclarationForm(ResumeErreursMixin, forms.Form):
    departement = forms.ModelChoiceField(
        label="Département",
        queryset=None,
        error_messages={"required": "Département : choisissez un département de votre région."},
    )
    annee = forms.IntegerField(
        label="Année", help_text="La valeur au 31 décembre de cette année.", min_value=2000,
        error_messages={"required": "Année : indiquez l'année de la valeur.",
                        "min_value": "Année : 2000 ou après.",
                        "invalid": "Année : un nombre de quatre chiffres."},
    )  # fmt: skip
    indicateur = forms.ChoiceField(
        label="Indicateur", choices=Indicateur.choices(),
        error_messages={"required": "Indicateur : choisissez l'indicateur déclaré."},
    )  # fmt: skip
    etat = forms.ChoiceField(
        label="La valeur est-elle connue ?", choices=ETATS, widget=forms.RadioSelect,
        error_messages={"required": "Valeur connue : dites si la valeur est connue ou non "
                        "renseignée (R-UNKNOWN : non renseigné n'est jamais 0)."},
    )  # fmt: skip
    valeur = forms.IntegerField(
        label="Valeur (requise si elle est connue)", required=False, min_value=0,
        help_text="Un nombre entier de places ou de mesures ; 0 est une valeur connue.",
        error_messages={"min_value": "Valeur : un nombre positif ou nul.",
                        "invalid": "Valeur : un nombre entier."},
    )  # fmt: skip
    source = forms.CharField(
        label="Source", max_length=300,
        help_text="D'où vient le chiffre : étude, cahier départemental, courrier…",
        error_messages={"required": "Source : indiquez d'où vient le chiffre.",
                        "max_length": "Source : 300 caractères au plus."},
    )  # fmt: skip
    date_source = forms.DateField(
        label="Date de la source", help_text="Au format JJ/MM/AAAA.",
        error_messages={"required": "Date de la source : indiquez-la (JJ/MM/AAAA).",
                        "invalid": "Date de la source : au format JJ/MM/AAAA."},
    )  # fmt: skip

    def __init__(self, *args, region: Territoire, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departement"].queryset = selectors_panorama.departements_qs(region)
        self.fields["departement"].label_from_instance = lambda t: f"{t.nom} ({t.code})"

    def clean(self):
        donnees = super().clean()
        manque = donnees.get("etat") == "RENSEIGNE" and donnees.get("valeur") is None
        if manque and "valeur" not in self.errors:
            self.add_error("valeur", "Valeur : requise quand elle est connue.")
        if donnees.get("etat") == "NON_RENSEIGNE" and donnees.get("valeur") is not None:
            self.add_error("valeur", "Valeur : laissez-la vide pour une valeur non renseignée.")
        return donnees


class DepotPanoramaForm(DepotImportForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fichier = self.fields["fichier"]
        fichier.label = "Tableau du panorama (CSV ou XLSX)"
        fichier.help_text = fichier.help_text.replace(
            "Une ligne par logement, les colonnes du bailleur sur la même ligne.",
            "Une ligne par département et par année, une colonne par indicateur ; « ? » pour "
            "une valeur non renseignée.",
        )
