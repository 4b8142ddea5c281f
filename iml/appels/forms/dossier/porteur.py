"""Étapes 1 à 3 : identité du porteur, réalisations et expérience, agréments (R-DOSSIER,
R-ELIGIBILITY)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from iml.appels.enums import TypePiece
from iml.appels.forms.dossier.base import (
    ContexteDossier,
    FormulaireEtape,
    avec_vide,
    champ_date,
    champ_texte_long,
    date_json,
    sans_vides,
    texte,
)
from iml.appels.services.pieces import en_mo, taille_max, verifier_fichier
from regles.types import Agrement, StatutJuridique


class IdentiteForm(FormulaireEtape):
    slug = "identite"
    titre = "Identité du porteur"
    cles = ("porteur",)
    correspondances = {
        "porteur.nom": "nom",
        "porteur.siret": "siret",
        "porteur.statut": "statut",
        "porteur.representant": "representant_nom",
        "porteur.representant.nom": "representant_nom",
        "porteur.representant.prenom": "representant_prenom",
        "porteur.representant.qualite": "representant_qualite",
        "porteur.adresse": "adresse",
        "porteur.courriel": "courriel",
        "porteur.telephone": "telephone",
    }
    requis_aussi = {"porteur.representant": ("representant_prenom",)}

    nom = forms.CharField(label="Dénomination sociale", max_length=200)
    siret = forms.CharField(
        label="SIRET", required=False, max_length=20, help_text="14 chiffres, espaces permis."
    )
    statut = forms.ChoiceField(
        label="Statut de la personne morale",
        required=False,
        choices=avec_vide(StatutJuridique.choices()),
    )
    representant_prenom = forms.CharField(
        label="Prénom du représentant habilité", required=False, max_length=100
    )
    representant_nom = forms.CharField(
        label="Nom du représentant habilité", required=False, max_length=100
    )
    representant_qualite = forms.CharField(
        label="Qualité du représentant", required=False, max_length=100, help_text="Ex. : président"
    )
    adresse = forms.CharField(
        label="Adresse du siège",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    courriel = forms.EmailField(label="Adresse électronique de contact", required=False)
    telephone = forms.CharField(label="Téléphone", required=False, max_length=30)

    def clean_siret(self) -> str:
        siret = re.sub(r"\s", "", self.cleaned_data.get("siret") or "")
        if siret and not re.fullmatch(r"\d{14}", siret):
            raise ValidationError("« SIRET » : 14 chiffres attendus.")
        return siret

    @classmethod
    def initial_depuis(cls, contenu: Mapping[str, Any], contexte: ContexteDossier) -> dict:
        p = contenu.get("porteur") or {}
        r = p.get("representant") or {}
        return {
            "nom": p.get("nom"),
            "siret": p.get("siret"),
            "statut": p.get("statut"),
            "representant_prenom": r.get("prenom"),
            "representant_nom": r.get("nom"),
            "representant_qualite": r.get("qualite"),
            "adresse": p.get("adresse"),
            "courriel": p.get("courriel"),
            "telephone": p.get("telephone"),
        }

    def vers_contenu(self) -> dict[str, Any]:
        d = self.donnee
        representant = sans_vides(
            {
                "nom": texte(d("representant_nom")),
                "prenom": texte(d("representant_prenom")),
                "qualite": texte(d("representant_qualite")),
            }
        )
        porteur = {
            "nom": texte(d("nom")),
            "siret": texte(d("siret")),
            "statut": texte(d("statut")),
            "representant": representant,
            "adresse": texte(d("adresse")),
            "courriel": texte(d("courriel")),
            "telephone": texte(d("telephone")),
        }
        return {"porteur": sans_vides(porteur)}


class ExperienceForm(FormulaireEtape):
    slug = "experience"
    titre = "Réalisations et expérience"
    cles = ("realisations", "experience")
    correspondances = {"realisations": "realisations", "experience": "experience"}

    realisations = champ_texte_long(
        "Réalisations antérieures dans le domaine de l'action sociale",
        "Actions menées, publics accompagnés, volumes, années.",
    )
    experience = champ_texte_long(
        "Expérience dans le secteur du logement adapté",
        "Intermédiation locative, gestion locative adaptée, accompagnement vers et dans le "
        "logement.",
    )

    @classmethod
    def initial_depuis(cls, contenu: Mapping[str, Any], contexte: ContexteDossier) -> dict:
        return {
            "realisations": contenu.get("realisations"),
            "experience": contenu.get("experience"),
        }

    def vers_contenu(self) -> dict[str, Any]:
        return {
            "realisations": texte(self.donnee("realisations")),
            "experience": texte(self.donnee("experience")),
        }


#: Pièce justificative de chaque agrément ou garantie.
PIECE_DE = {
    Agrement.L365_4: TypePiece.AGREMENT_L365_4,
    Agrement.L365_3: TypePiece.AGREMENT_L365_3,
    Agrement.CARTE_PROFESSIONNELLE: TypePiece.CARTE_PROFESSIONNELLE,
    Agrement.GARANTIE_FINANCIERE: TypePiece.GARANTIE_FINANCIERE,
    Agrement.ASSURANCE_RC: TypePiece.ASSURANCE_RC,
}


class AgrementsForm(FormulaireEtape):
    """Dates des agréments et garanties, et leurs justificatifs (PDF, PNG, JPEG)."""

    slug = "agrements"
    titre = "Agréments et garanties"
    cles = ("agrements",)
    gabarit = "appels/dossiers/etapes/agrements.html"
    multipart = True

    def construire(self) -> None:
        aide = f"PDF, PNG ou JPEG, {en_mo(taille_max())} au plus."
        for a in Agrement:
            self.fields[f"{a.value}_debut"] = champ_date(f"{a.libelle} : date de début")
            self.fields[f"{a.value}_fin"] = champ_date(
                f"{a.libelle} : date de fin", help_text="Vide si sans limite de durée."
            )
            self.fields[f"{a.value}_fichier"] = forms.FileField(
                label=f"{a.libelle} : justificatif", required=False, help_text=aide
            )
        self.fields["AUTRE_fichier"] = forms.FileField(
            label="Autre document utile à l'instruction", required=False, help_text=aide
        )

    @classmethod
    def champs_fichiers(cls) -> list[str]:
        return [f"{a.value}_fichier" for a in Agrement] + ["AUTRE_fichier"]

    def champ_pour(self, chemin: str, contenu: Mapping[str, Any]) -> str | None:
        m = re.fullmatch(r"agrements\.(\w+?)(?:\.(date_debut|date_fin))?", chemin)
        if not m or m.group(1) not in Agrement.__members__:
            return None
        return f"{m.group(1)}_{'fin' if m.group(2) == 'date_fin' else 'debut'}"

    @classmethod
    def initial_depuis(cls, contenu: Mapping[str, Any], contexte: ContexteDossier) -> dict:
        initial = {}
        for code, periode in (contenu.get("agrements") or {}).items():
            periode = periode or {}
            initial[f"{code}_debut"] = _jour(periode.get("date_debut"))
            initial[f"{code}_fin"] = _jour(periode.get("date_fin"))
        return initial

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        for a in Agrement:
            debut, fin = donnees.get(f"{a.value}_debut"), donnees.get(f"{a.value}_fin")
            if debut and fin and fin < debut:
                self.add_error(
                    f"{a.value}_fin", f"« {a.libelle} » : la date de fin précède la date de début."
                )
        for nom in self.champs_fichiers():
            fichier = donnees.get(nom)
            if fichier:
                try:
                    verifier_fichier(fichier, self.fields[nom].label)
                except ValidationError as e:
                    self.add_error(nom, e)
        return donnees

    def vers_contenu(self) -> dict[str, Any]:
        agrements = {}
        for a in Agrement:
            periode = sans_vides(
                {
                    "date_debut": date_json(self.donnee(f"{a.value}_debut")),
                    "date_fin": date_json(self.donnee(f"{a.value}_fin")),
                }
            )
            if periode:
                agrements[a.value] = periode
        return {"agrements": agrements}

    def fichiers_deposes(self) -> list[tuple[str, Any]]:
        """(type de pièce, fichier) pour chaque justificatif joint et valide."""
        resultat = [
            (PIECE_DE[a].value, self.donnee(f"{a.value}_fichier"))
            for a in Agrement
            if self.donnee(f"{a.value}_fichier")
        ]
        if self.donnee("AUTRE_fichier"):
            resultat.append((TypePiece.AUTRE.value, self.donnee("AUTRE_fichier")))
        return resultat

    def blocs(self) -> list[dict[str, Any]]:
        """Un bloc par agrément : ses champs (avec constats) et son type de pièce."""
        blocs = []
        for a in Agrement:
            noms = [f"{a.value}_debut", f"{a.value}_fin", f"{a.value}_fichier"]
            blocs.append(
                {
                    "libelle": a.libelle,
                    "type_piece": PIECE_DE[a].value,
                    "rangees": [(self[n], self.constats_champs.get(n, [])) for n in noms],
                }
            )
        return blocs


def _jour(valeur: Any) -> date | None:
    try:
        return date.fromisoformat(valeur) if valeur else None
    except (TypeError, ValueError):
        return None
