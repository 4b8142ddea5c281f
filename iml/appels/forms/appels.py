"""Formulaires des appels : création (jeu de départ) et paramètres d'un brouillon (R-AAC).

Les champs écrivent dans le jeu de paramètres propre à l'appel (`services.modifier_appel`) ;
les bornes (places ≥ 1, pourcentages ≤ 100…) sont vérifiées par le moteur de règles
(`regles.bareme`), dont le message, nommant le paramètre, est rattaché au champ fautif.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from dsfr.forms import DsfrBaseForm

from iml.appels import selectors
from iml.comptes.acteur import Acteur
from iml.referentiel.models import JeuParametres
from regles import appel as regles_appel
from regles.bareme import Bareme
from regles.calendrier import Trimestre
from regles.conversion import chaine_decimale
from regles.format import UNITE, nombre
from regles.parametres import PARAMETRES, PARAMETRES_APPEL
from regles.types import Mode

LIGNES_JALONS = 4
CRITERES_EN_PLUS = 2
_TRIMESTRE = re.compile(r"^\d{4}T[1-4]$")


def appel_par_defaut(aujourd_hui: date, source: JeuParametres) -> dict[str, Any] | None:
    """Bloc `appel` d'un appel créé depuis `source` (jeu national ou régional, sans appel) :
    les valeurs par défaut sont des paramètres datés du barème (`appel_defaut`, jeu national),
    calculées par `regles.appel.appel_par_defaut`."""
    return regles_appel.appel_par_defaut(source.en_bareme(), aujourd_hui)


class CreationAppelForm(DsfrBaseForm):
    """Nom et jeu de départ ; les jeux proposés sont ceux que l'acteur peut lire
    (`selectors.jeux_de_depart` : jamais le brouillon d'un autre département)."""

    nom = forms.CharField(label="Nom de l'appel", max_length=200)
    source = forms.ModelChoiceField(
        label="Jeu de paramètres de départ",
        help_text=(
            "L'appel en copie les paramètres. Un jeu national ou régional reçoit un calendrier "
            "et les critères de sélection par défaut, à compléter ensuite."
        ),
        queryset=None,
        empty_label="Choisir un jeu de paramètres",
        error_messages={
            "invalid_choice": "« Jeu de paramètres de départ » : choisissez un jeu de la liste.",
            "required": "« Jeu de paramètres de départ » : ce champ est obligatoire.",
        },
    )

    def __init__(self, *args: Any, acteur: Acteur, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        champ = self.fields["source"]
        assert isinstance(champ, forms.ModelChoiceField)
        champ.queryset = selectors.jeux_de_depart(acteur)


def _nombre(d: Decimal) -> str:
    """Un Decimal en chaîne décimale exacte (encodage JSON des nombres d'un jeu)."""
    return chaine_decimale(d)


def _date(**kwargs: Any) -> forms.DateField:
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(widget=widget, **kwargs)


def _decimal(label: str, required: bool = True, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=required, localize=True, **kwargs)


#: Chemin d'un paramètre (message du moteur) → champ du formulaire.
CHAMPS_PARAMETRES = {
    "parametres.repartition_cible_pct.MANDAT_GESTION": "part_mg",
    "parametres.repartition_cible_pct.SOUS_LOCATION": "part_sl",
    "parametres.petits_logements_part_min_pct": "petits_logements_part_min_pct",
    "parametres.cout_moyen_max_par_place": "cout_moyen_max_par_place",
}
LIBELLES_PARAMETRES = {f"parametres.{p.nom}": p.libelle for p in PARAMETRES} | {
    f"parametres.appel.{p.nom}": p.libelle for p in PARAMETRES_APPEL
}


class ParametresAppelForm(DsfrBaseForm):
    """Les chiffres d'un appel en brouillon ; `parametres()` donne la couche à fusionner."""

    nom = forms.CharField(label="Nom de l'appel", max_length=200)
    places = forms.IntegerField(label="Nombre de places ouvertes")
    exercices = forms.CharField(
        label="Exercices budgétaires", help_text="Années séparées par des virgules : 2019, 2020."
    )
    budget = _decimal("Enveloppe de l'appel (€)", False, help_text="Vide : non publiée.")
    part_mg = _decimal("Part cible en mandat de gestion (%)")
    part_sl = _decimal("Part cible en sous-location (%)")
    petits_logements_part_min_pct = _decimal(
        "Part minimale des places en petits logements (%)", help_text="Studios, T1 et T2."
    )
    cout_moyen_max_par_place = _decimal("Coût moyen maximal par place et par an (€)")
    date_lancement = _date(label="Date de lancement")
    date_limite_depot = _date(label="Date limite de dépôt des dossiers")
    date_selection = _date(label="Date de sélection par le comité")
    date_debut_montee_en_charge = _date(label="Ouverture des places possible à partir du")
    premier_trimestre = forms.CharField(
        label="Premier trimestre des échéanciers", help_text="Format AAAATn : 2019T1."
    )
    nombre_trimestres = forms.IntegerField(label="Nombre de trimestres des échéanciers")
    note_max = _decimal("Note maximale d'un critère")

    def __init__(self, *args: Any, bareme: Bareme, nom: str, **kwargs: Any) -> None:
        a = bareme.appel
        if a is None:  # pragma: no cover - un jeu d'appel a toujours son bloc
            raise ValueError("barème sans appel")
        kwargs.setdefault("initial", _initial(bareme, nom))
        super().__init__(*args, **kwargs)
        for i in range(1, max(LIGNES_JALONS, len(a.jalons) + 1) + 1):
            self.fields[f"jalon_{i}_date"] = _date(label=f"Date du jalon {i}", required=False)
            self.fields[f"jalon_{i}_pct"] = _decimal(
                f"Part minimale des places financées au jalon {i} (%)", False
            )
        self.nb_jalons = i
        for i in range(1, len(a.criteres_selection) + CRITERES_EN_PLUS + 1):
            self.fields[f"critere_{i}_code"] = forms.CharField(
                required=False, widget=forms.HiddenInput
            )
            self.fields[f"critere_{i}_libelle"] = forms.CharField(
                label=f"Libellé du critère {i}", required=False, max_length=200
            )
            self.fields[f"critere_{i}_poids"] = _decimal(f"Poids du critère {i}", False)
        self.nb_criteres = i
        self._lignes_jalons: list[int] = []
        self._lignes_criteres: list[int] = []

    @property
    def jalons(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"jalon_{i}_date"], self[f"jalon_{i}_pct"]) for i in range(1, self.nb_jalons + 1)
        ]

    @property
    def criteres(self) -> list[tuple[forms.BoundField, ...]]:
        return [
            (self[f"critere_{i}_code"], self[f"critere_{i}_libelle"], self[f"critere_{i}_poids"])
            for i in range(1, self.nb_criteres + 1)
        ]

    def clean_exercices(self) -> list[int]:
        morceaux = [m.strip() for m in self.cleaned_data["exercices"].split(",") if m.strip()]
        if not morceaux or not all(m.isascii() and m.isdigit() and len(m) == 4 for m in morceaux):
            raise ValidationError(
                "Exercices : années sur quatre chiffres, séparées par des virgules."
            )
        return [int(m) for m in morceaux]

    def clean_premier_trimestre(self) -> str:
        valeur = self.cleaned_data["premier_trimestre"].strip().upper()
        if not _TRIMESTRE.match(valeur):
            raise ValidationError("Premier trimestre : format AAAATn attendu (2019T1).")
        return valeur

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        mg, sl = donnees.get("part_mg"), donnees.get("part_sl")
        if mg is not None and sl is not None and mg + sl != 100:
            self.add_error(
                "part_sl",
                f"R-MODE-SPLIT : les parts cibles en mandat de gestion et en sous-location font "
                f"{nombre(mg + sl)}{UNITE}%, 100{UNITE}% attendus.",
            )
        self._jalons(donnees)
        self._criteres(donnees)
        return donnees

    def _jalons(self, donnees: dict[str, Any]) -> None:
        self._lignes_jalons = []
        for i in range(1, self.nb_jalons + 1):
            jour, part = donnees.get(f"jalon_{i}_date"), donnees.get(f"jalon_{i}_pct")
            if jour is None and part is None:
                continue
            if jour is None or part is None:
                champ = f"jalon_{i}_date" if jour is None else f"jalon_{i}_pct"
                self.add_error(champ, f"R-RAMPUP : le jalon {i} demande une date et une part.")
                continue
            self._lignes_jalons.append(i)

    def _criteres(self, donnees: dict[str, Any]) -> None:
        self._lignes_criteres = []
        for i in range(1, self.nb_criteres + 1):
            libelle, poids = donnees.get(f"critere_{i}_libelle"), donnees.get(f"critere_{i}_poids")
            if not libelle and poids is None:
                continue
            if not libelle or poids is None:
                champ = f"critere_{i}_libelle" if not libelle else f"critere_{i}_poids"
                self.add_error(
                    champ, f"R-SELECTION : le critère {i} demande un libellé et un poids."
                )
                continue
            if not donnees.get(f"critere_{i}_code"):
                donnees[f"critere_{i}_code"] = slugify(libelle).upper().replace("-", "_")[:40]
            self._lignes_criteres.append(i)
        if not self._lignes_criteres:
            self.add_error("critere_1_libelle", "R-SELECTION : au moins un critère de sélection.")

    def parametres(self) -> dict[str, Any]:
        """La couche de paramètres à fusionner dans le jeu de l'appel (valeurs JSON)."""
        d = self.cleaned_data
        appel = {
            "places": d["places"],
            "exercices": d["exercices"],
            "budget": None if d["budget"] is None else _nombre(d["budget"]),
            "premier_trimestre": d["premier_trimestre"],
            "nombre_trimestres": d["nombre_trimestres"],
            "note_max": _nombre(d["note_max"]),
            "jalons": [
                {
                    "date": d[f"jalon_{i}_date"].isoformat(),
                    "part_min_pct": _nombre(d[f"jalon_{i}_pct"]),
                }
                for i in self._lignes_jalons
            ],
            "criteres_selection": [
                {
                    "code": d[f"critere_{i}_code"],
                    "libelle": d[f"critere_{i}_libelle"],
                    "poids": _nombre(d[f"critere_{i}_poids"]),
                }
                for i in self._lignes_criteres
            ],
        }
        for cle in ("date_lancement", "date_limite_depot", "date_selection"):
            appel[cle] = d[cle].isoformat()
        appel["date_debut_montee_en_charge"] = d["date_debut_montee_en_charge"].isoformat()
        return {
            "appel": appel,
            "repartition_cible_pct": {
                Mode.MANDAT_GESTION.value: _nombre(d["part_mg"]),
                Mode.SOUS_LOCATION.value: _nombre(d["part_sl"]),
            },
            "petits_logements_part_min_pct": _nombre(d["petits_logements_part_min_pct"]),
            "cout_moyen_max_par_place": _nombre(d["cout_moyen_max_par_place"]),
        }

    def ajouter_erreurs_moteur(self, erreur: ValidationError) -> None:
        """Rattache au champ fautif chaque refus du moteur (« parametres.appel.places : … »)."""
        messages = getattr(erreur, "message_dict", {}).get("parametres") or erreur.messages
        for message in messages:
            chemin, _, detail = message.partition(" : ")
            champ = self._champ(chemin) if detail else None
            if champ is None:
                self.add_error(None, message)
                continue
            libelle = LIBELLES_PARAMETRES.get(re.sub(r"\[\d+\].*$", "", chemin), chemin)
            self.add_error(champ, f"{libelle} ({chemin}) : {detail}")

    def _champ(self, chemin: str) -> str | None:
        if chemin in CHAMPS_PARAMETRES:
            return CHAMPS_PARAMETRES[chemin]
        m = re.match(
            r"^parametres\.appel\.(jalons|criteres_selection)\[(\d+)\](?:\.(\w+))?", chemin
        )
        if m:
            lignes = self._lignes_jalons if m.group(1) == "jalons" else self._lignes_criteres
            rang = int(m.group(2))
            if rang >= len(lignes):
                return None
            if m.group(1) == "jalons":
                return f"jalon_{lignes[rang]}_{'pct' if m.group(3) == 'part_min_pct' else 'date'}"
            return f"critere_{lignes[rang]}_{'poids' if m.group(3) == 'poids' else 'libelle'}"
        m = re.match(r"^parametres\.appel\.(\w+)$", chemin)
        if m and m.group(1) in self.fields:
            return m.group(1)
        return None


def _initial(bareme: Bareme, nom: str) -> dict[str, Any]:
    a = bareme.appel
    assert a is not None
    initial: dict[str, Any] = {
        "nom": nom,
        "places": a.places,
        "exercices": ", ".join(str(x) for x in a.exercices),
        "budget": a.budget,
        "part_mg": bareme.repartition_cible_pct.get(Mode.MANDAT_GESTION),
        "part_sl": bareme.repartition_cible_pct.get(Mode.SOUS_LOCATION),
        "petits_logements_part_min_pct": bareme.petits_logements_part_min_pct,
        "cout_moyen_max_par_place": bareme.cout_moyen_max_par_place,
        "date_lancement": a.date_lancement,
        "date_limite_depot": a.date_limite_depot,
        "date_selection": a.date_selection,
        "date_debut_montee_en_charge": a.date_debut_montee_en_charge,
        "premier_trimestre": Trimestre(*a.premier_trimestre).code,
        "nombre_trimestres": a.nombre_trimestres,
        "note_max": a.note_max,
    }
    for i, jalon in enumerate(a.jalons, start=1):
        initial[f"jalon_{i}_date"] = jalon.date
        initial[f"jalon_{i}_pct"] = jalon.part_min_pct
    for i, critere in enumerate(a.criteres_selection, start=1):
        initial[f"critere_{i}_code"] = critere.code
        initial[f"critere_{i}_libelle"] = critere.libelle
        initial[f"critere_{i}_poids"] = critere.poids
    return initial
