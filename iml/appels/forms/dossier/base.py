"""Socle des formulaires d'étape du dossier : contexte, messages nommant le champ, passage
champs ↔ JSON du dossier (docs/schemas/conformite.schema.json), constats placés aux champs.

Chaque étape possède des clés de premier niveau du contenu (`cles`) : l'enregistrer les
remplace en entier (services.enregistrer_etape fusionne au premier niveau).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from iml.appels.models import AppelACandidatures, Dossier
from regles.bareme import Bareme
from regles.calendrier import Trimestre, trimestres_appel
from regles.conversion import chaine_decimale


@dataclass
class ContexteDossier:
    """Ce dont un formulaire d'étape a besoin : le dossier, son appel et le barème résolu."""

    dossier: Dossier
    appel: AppelACandidatures
    bareme: Bareme
    trimestres: tuple[Trimestre, ...] = field(default=())

    @classmethod
    def pour(cls, dossier: Dossier) -> ContexteDossier:
        bareme = dossier.appel.jeu.en_bareme()
        return cls(dossier, dossier.appel, bareme, trimestres_appel(bareme))


MESSAGES = {
    "required": "« {label} » : ce champ est obligatoire.",
    "invalid": "« {label} » : valeur invalide.",
    "invalid_choice": "« {label} » : choix invalide.",
    "invalid_list": "« {label} » : liste de choix invalide.",
    "min_value": "« {label} » : la valeur doit être supérieure ou égale à %(limit_value)s.",
    "max_value": "« {label} » : la valeur doit être inférieure ou égale à %(limit_value)s.",
    "max_length": "« {label} » : %(limit_value)d caractères au plus.",
    "max_digits": "« {label} » : %(max)s chiffres au plus.",
    "max_decimal_places": "« {label} » : %(max)s décimales au plus.",
    "max_whole_digits": "« {label} » : %(max)s chiffres au plus avant la virgule.",
}
MESSAGES_PAR_TYPE = {
    forms.DecimalField: "« {label} » : saisissez un nombre (par exemple 1 234,50).",
    forms.IntegerField: "« {label} » : saisissez un nombre entier.",
    forms.DateField: "« {label} » : saisissez une date valide (jj/mm/aaaa).",
    forms.EmailField: "« {label} » : saisissez une adresse électronique valide.",
}


def nommer_messages(formulaire: forms.Form) -> None:
    """Chaque message d'erreur de champ nomme le champ (exigence d'accessibilité et du projet)."""
    for champ in formulaire.fields.values():
        label = champ.label or ""
        messages = {code: texte.format(label=label) for code, texte in MESSAGES.items()}
        for type_champ, texte in MESSAGES_PAR_TYPE.items():
            if isinstance(champ, type_champ):
                messages["invalid"] = texte.format(label=label)
        champ.error_messages.update(messages)


def texte(valeur: Any) -> str | None:
    """Texte saisi, `None` si vide (« non renseigné »)."""
    if valeur is None:
        return None
    valeur = str(valeur).strip()
    return valeur or None


def decimal_json(valeur: Decimal | None) -> str | None:
    """Montant en chaîne décimale exacte (schéma commun, `regles.conversion.chaine_decimale`) :
    « 1234.5 », « 800 » ; jamais un flottant. `None` reste non renseigné (R-UNKNOWN)."""
    return None if valeur is None else chaine_decimale(valeur)


def decimal_initial(valeur: Any) -> Decimal | None:
    if valeur is None or valeur == "":
        return None
    try:
        return Decimal(str(valeur))
    except ArithmeticError:
        return None


def date_json(valeur: Any) -> str | None:
    return valeur.isoformat() if valeur else None


def sans_vides(valeurs: Mapping[str, Any]) -> dict[str, Any]:
    """Retire les clés non renseignées (None, "", [], {})."""
    return {k: v for k, v in valeurs.items() if v not in (None, "", [], {})}


def champ_date(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def champ_montant(label: str, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **kwargs,
    )


def champ_texte_long(label: str, aide: str = "", **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=aide,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        **kwargs,
    )


def avec_vide(choix: Iterable[tuple[str, str]], libelle: str = "— Non renseigné —") -> list:
    return [("", libelle), *choix]


_INDICE = re.compile(r"\[(\d+)\]")


def decouper(chemin: str) -> list[str | int]:
    """`places[2].trimestres[3]` → ["places", 2, "trimestres", 3]."""
    morceaux: list[str | int] = []
    for partie in chemin.split("."):
        nom = _INDICE.split(partie)
        if nom[0]:
            morceaux.append(nom[0])
        morceaux += [int(n) for n in nom[1::2]]
    return morceaux


#: Marque des champs exigés au dépôt (R-DOSSIER, R-ELIGIBILITY) : le brouillon s'enregistre
#: sans eux, le dépôt les exige. Les autres champs restent marqués « (Optionnel) » (DSFR).
MARQUE_REQUIS = "requis pour déposer"


class FormulaireEtape(DsfrBaseForm):
    """Formulaire d'une étape ; les sous-classes déclarent slug, titre, cles et le passage
    JSON ↔ champs (`initial_depuis`, `vers_contenu`, `champ_pour`)."""

    #: Pas d'attribut HTML `required` : un brouillon s'enregistre incomplet.
    use_required_attribute = False
    #: Chemin exigé au dépôt → champs de plus que `champ_pour` (nom ET prénom du représentant).
    requis_aussi: ClassVar[dict[str, tuple[str, ...]]] = {}

    slug: ClassVar[str]
    titre: ClassVar[str]
    cles: ClassVar[tuple[str, ...]]
    gabarit: ClassVar[str] = "appels/dossiers/etapes/generique.html"
    multipart: ClassVar[bool] = False
    #: Chemin JSON (premier niveau de `decouper`, ou chemin complet) → nom du champ.
    correspondances: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, contexte: ContexteDossier, **kwargs: Any) -> None:
        self.contexte = contexte
        #: Tableaux de lignes répétées (formsets, `lignes.lier`), par préfixe.
        self.formsets: dict[str, Any] = {}
        super().__init__(*args, **kwargs)
        self.construire()
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)
        nommer_messages(self)
        self.constats_champs: dict[str, list[dict[str, Any]]] = {}

    def construire(self) -> None:
        """Ajoute les champs qui dépendent du contexte (trimestres, lignes…)."""

    @property
    def ajout_demande(self) -> bool:
        """« Ajouter une ligne » : la page revient avec une ligne de plus, rien n'est
        enregistré."""
        return self.is_bound and bool(self.data.get("ajouter_ligne"))

    def is_valid(self) -> bool:
        valides = [jeu.is_valid() for jeu in self.formsets.values()]
        return super().is_valid() and all(valides)

    def champ_lie(self, nom: str) -> forms.BoundField | None:
        """Le champ lié de nom `nom`, du formulaire ou d'une ligne d'un tableau."""
        if nom in self.fields:
            return self[nom]
        for jeu in self.formsets.values():
            if (champ := jeu.champ(nom)) is not None:
                return champ
        return None

    @classmethod
    def initial_depuis(cls, contenu: Mapping[str, Any], contexte: ContexteDossier) -> dict:
        """Valeurs initiales des champs, lues dans le contenu JSON du dossier."""
        return {}

    def vers_contenu(self) -> dict[str, Any]:
        """Les clés `cles` du contenu, tirées de `cleaned_data` (partiel si invalide)."""
        raise NotImplementedError

    def champ_pour(self, chemin: str, contenu: Mapping[str, Any]) -> str | None:
        """Le champ de ce formulaire qui correspond au chemin d'un constat, s'il y en a un."""
        if chemin in self.correspondances:
            return self.correspondances[chemin]
        morceaux = decouper(chemin)
        for n in range(len(morceaux), 0, -1):
            cle = ".".join(str(m) for m in morceaux[:n] if isinstance(m, str))
            if cle in self.correspondances:
                return self.correspondances[cle]
        return None

    def placer_constats(
        self, constats: Iterable[Mapping[str, Any]], contenu: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """Range les constats sur les champs de l'étape ; renvoie ceux qui y sont placés."""
        places = []
        for constat in constats:
            chemin = constat.get("champ")
            nom = self.champ_pour(chemin, contenu) if chemin else None
            if nom and self.champ_lie(nom) is not None:
                self.constats_champs.setdefault(nom, []).append(dict(constat))
                places.append(dict(constat))
        return places

    def marquer_requis(self, chemins: Iterable[str]) -> None:
        """Marque « (requis pour déposer) » les champs des pièces exigées au dépôt, au lieu de
        « (Optionnel) ». Appelé après la validation : seul l'affichage change, le brouillon
        reste enregistrable sans eux."""
        for chemin in chemins:
            for nom in (self.champ_pour(chemin, {}), *self.requis_aussi.get(chemin, ())):
                lie = self.champ_lie(nom) if nom else None
                if lie is not None and not lie.field.required:
                    lie.field.required = True
                    lie.field.label = lie.label = f"{lie.field.label} ({MARQUE_REQUIS})"

    def resume_erreurs(self) -> list[dict[str, str]]:
        """Toutes les erreurs de la saisie, dans l'ordre des champs, chacune avec l'ancre du
        champ qu'elle vise (résumé des erreurs en tête de page)."""
        erreurs = [(None, str(e)) for e in self.non_field_errors()] + self.erreurs_en_ordre()
        return [
            {"ancre": (bf.id_for_label or bf.auto_id or "") if bf else "", "message": message}
            for bf, message in erreurs
        ]

    def erreurs_en_ordre(self) -> list[tuple[forms.BoundField | None, str]]:
        """(champ, message) des erreurs dans l'ordre de la page : les champs, puis les
        tableaux ; une étape qui les entremêle redéfinit l'ordre."""
        erreurs = [(bf, str(e)) for bf in self for e in bf.errors]
        for jeu in self.formsets.values():
            erreurs += jeu.erreurs()
        return erreurs

    def rangees(self) -> list[tuple[forms.BoundField, list[dict[str, Any]]]]:
        """Les champs visibles, chacun avec les constats du moteur qui le visent."""
        return [(bf, self.constats_champs.get(bf.name, [])) for bf in self.visible_fields()]

    def desactiver(self) -> None:
        """Lecture seule : tous les champs désactivés."""
        for champ in self.fields.values():
            champ.disabled = True
        for jeu in self.formsets.values():
            for ligne in jeu.forms:
                for champ in ligne.fields.values():
                    champ.disabled = True

    def donnee(self, nom: str) -> Any:
        """Valeur nettoyée d'un champ (None si absente ou invalide)."""
        return getattr(self, "cleaned_data", {}).get(nom)
