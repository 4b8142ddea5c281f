"""Formulaires du panorama régional : déclarer un indicateur d'un département (valeur connue
ou « non renseigné », jamais 0 par défaut), déposer un tableau à importer."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from dsfr.forms import DsfrBaseForm

from iml.comptes.models import Territoire
from iml.parc.imports.formulaire import DepotImportForm
from iml.pilotage import selectors_panorama
from iml.ui.erreurs import ResumeErreursMixin, requis_selon_le_cas
from regles.panorama import Indicateur

ETATS = [("RENSEIGNE", "Valeur connue"), ("NON_RENSEIGNE", "Non renseigné (« ? »)")]


JJ_MM_AAAA = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


class DateFrancaiseField(forms.DateField):
    """Une date JJ/MM/AAAA ; « 31/02/2019 » au bon format mais qui n'existe pas est dit tel
    quel (pas « mauvais format »)."""

    def to_python(self, value):
        forme = JJ_MM_AAAA.match(value) if isinstance(value, str) else None
        if forme:
            j, m, a = (int(x) for x in forme.groups())
            try:
                return date(a, m, j)
            except ValueError:
                raise forms.ValidationError(
                    self.error_messages["inexistante"].format(texte=value.strip()),
                    code="inexistante",
                ) from None
        return super().to_python(value)


class DeclarationForm(ResumeErreursMixin, DsfrBaseForm):
    departement = forms.ModelChoiceField(
        label="Département",
        queryset=None,
        error_messages={
            "required": "Département : choisissez un département de votre région.",
            "invalid_choice": "Département : choisissez un département de votre région "
            "dans la liste.",
        },
    )
    annee = forms.IntegerField(
        label="Année", help_text="La valeur au 31 décembre de cette année.", min_value=2000,
        error_messages={"required": "Année : indiquez l'année de la valeur.",
                        "min_value": "Année : 2000 ou après.",
                        "invalid": "Année : un nombre de quatre chiffres."},
    )  # fmt: skip
    indicateur = forms.ChoiceField(
        label="Indicateur", choices=Indicateur.choices(),
        error_messages={"required": "Indicateur : choisissez l'indicateur déclaré.",
                        "invalid_choice": "Indicateur : choisissez un indicateur de la liste."},
    )  # fmt: skip
    etat = forms.ChoiceField(
        label="La valeur est-elle connue ?", choices=ETATS, widget=forms.RadioSelect,
        error_messages={"required": "« La valeur est-elle connue ? » : répondez « Valeur "
                        "connue » ou « Non renseigné » (R-UNKNOWN : non renseigné n'est jamais 0).",
                        "invalid_choice": "« La valeur est-elle connue ? » : choisissez une "
                        "des deux réponses."},
    )  # fmt: skip
    valeur = forms.IntegerField(
        label="Valeur", required=False, min_value=0,
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
    date_source = DateFrancaiseField(
        label="Date de la source", help_text="Au format JJ/MM/AAAA.",
        error_messages={"required": "Date de la source : indiquez-la (JJ/MM/AAAA).",
                        "invalid": "Date de la source : au format JJ/MM/AAAA.",
                        "inexistante": "Date de la source : le {texte} n'existe pas dans "
                        "le calendrier."},
    )  # fmt: skip

    def __init__(self, *args, region: Territoire, annee_max: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.annee_max = annee_max
        requis_selon_le_cas(self.fields["valeur"], "requise si elle est connue")
        departement = self.fields["departement"]
        departement.queryset = selectors_panorama.departements_qs(region)
        departement.label_from_instance = lambda t: f"{t.nom} ({t.code})"
        departement.error_messages["invalid_choice"] = (
            f"Département : choisissez un département de la région {region.nom} dans la liste."
        )
        annee = self.fields["annee"]
        annee.help_text = f"La valeur au 31 décembre de cette année (de 2000 à {annee_max})."
        annee.widget.attrs["max"] = annee_max
        self._bound_fields_cache.clear()  # DSFR les a créés avant : libellés et aides à jour

    def clean_annee(self):
        """L'année en cours au plus : une valeur au 31 décembre d'une année à venir n'existe
        pas encore (et ne doit pas devenir l'année affichée par défaut)."""
        annee = self.cleaned_data["annee"]
        if annee is not None and annee > self.annee_max:
            raise forms.ValidationError(
                f"Année : {annee} n'est pas encore arrivée ; indiquez une année de 2000 à "
                f"{self.annee_max}."
            )
        return annee

    def clean(self):
        donnees = super().clean()
        manque = donnees.get("etat") == "RENSEIGNE" and donnees.get("valeur") is None
        if manque and "valeur" not in self.errors:
            self.add_error("valeur", "Valeur : requise quand elle est connue.")
        if donnees.get("etat") == "NON_RENSEIGNE" and donnees.get("valeur") is not None:
            self.add_error("valeur", "Valeur : laissez-la vide pour une valeur non renseignée.")
        return donnees


class DepotPanoramaForm(DepotImportForm, DsfrBaseForm):
    """Le dépôt rendu comme les autres formulaires DSFR : sélecteur de fichier `fr-upload`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fichier = self.fields["fichier"]
        fichier.widget.attrs["class"] = "fr-upload"
        fichier.widget.group_class = "fr-upload-group"
        fichier.label = "Tableau du panorama (CSV ou XLSX)"
        fichier.help_text = fichier.help_text.replace(
            "Une ligne par logement, les colonnes du bailleur sur la même ligne.",
            "Une ligne par département et par année, une colonne par indicateur ; « ? » pour "
            "une valeur non renseignée.",
        )
        self._bound_fields_cache.clear()  # DSFR les a créés avant : libellé et aide à jour
