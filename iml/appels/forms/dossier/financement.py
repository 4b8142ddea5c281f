"""Étapes 7 et 8 : modèle financier (annexe 1, recettes par financeur) ; évaluation,
régulation, engagements et partenariats (R-BUDGET-MODEL, R-COFUNDING, R-SL-DURATION,
R-MG-GLS-DURATION, R-PARTNERS, R-SIAO)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms

from iml.appels.forms.dossier.base import (
    ContexteDossier,
    FormulaireEtape,
    avec_vide,
    champ_montant,
    champ_texte_long,
    decimal_initial,
    decimal_json,
    sans_vides,
    texte,
)
from iml.appels.forms.dossier.lignes import (
    ajouter_lignes,
    initial_lignes,
    nombre_lignes,
    rangees_lignes,
    valeurs_lignes,
)
from regles.types import Financeur, Partenaire, Service, SuiteParcours

COLONNES_FINANCEMENT = ("financeur", "service", "montant")
COLONNES_PARTENARIAT = ("type", "nom")


class FinancementForm(FormulaireEtape):
    """L'annexe 1 (charges) est calculée par le moteur ; l'opérateur saisit les recettes."""

    slug = "modele-financier"
    titre = "Modèle financier"
    cles = ("financements",)
    gabarit = "appels/dossiers/etapes/financement.html"

    def construire(self) -> None:
        existantes = len(self.contexte.dossier.contenu.get("financements") or [])
        self.nombre = nombre_lignes("fin", existantes, self.data)
        ajouter_lignes(
            self,
            "fin",
            self.nombre,
            {
                "financeur": lambda i: forms.ChoiceField(
                    label=f"Recette {i + 1} : financeur",
                    required=False,
                    choices=avec_vide(Financeur.choices(), "— Choisir —"),
                ),
                "service": lambda i: forms.ChoiceField(
                    label=f"Recette {i + 1} : prestation financée",
                    required=False,
                    choices=avec_vide(Service.choices(), "Ensemble du projet"),
                ),
                "montant": lambda i: champ_montant(f"Recette {i + 1} : montant annuel (€)"),
            },
        )

    @classmethod
    def initial_depuis(cls, contenu: Mapping[str, Any], contexte: ContexteDossier) -> dict:
        return initial_lignes(
            "fin",
            list(contenu.get("financements") or []),
            {
                "financeur": lambda e: e.get("financeur"),
                "service": lambda e: e.get("service"),
                "montant": lambda e: decimal_initial(e.get("montant")),
            },
        )

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        for i, ligne in valeurs_lignes(self, "fin", self.nombre, COLONNES_FINANCEMENT):
            if not ligne["financeur"]:
                self.add_error(
                    f"fin_{i}_financeur",
                    f"« Recette {i + 1} : financeur » : choisissez le financeur.",
                )
        return donnees

    def vers_contenu(self) -> dict[str, Any]:
        lignes = valeurs_lignes(self, "fin", self.nombre, COLONNES_FINANCEMENT)
        return {
            "financements": [
                sans_vides(
                    {
                        "financeur": v["financeur"],
                        "service": texte(v["service"]),
                        "montant": decimal_json(v["montant"]),
                    }
                )
                for _, v in lignes
                if v["financeur"]
            ]
        }

    def champ_pour(self, chemin: str, contenu: Mapping[str, Any]) -> str | None:
        m = re.match(r"financements(?:\[(\d+)\](?:\.(\w+))?)?$", chemin)
        if not m:
            return None
        colonne = m.group(2) if m.group(2) in COLONNES_FINANCEMENT else "montant"
        return f"fin_{int(m.group(1) or 0)}_{colonne}"

    def rangees_financements(self) -> list:
        return rangees_lignes(self, "fin", self.nombre, COLONNES_FINANCEMENT)


class EvaluationForm(FormulaireEtape):
    slug = "evaluation"
    titre = "Évaluation, régulation et engagements"
    cles = ("evaluation", "regulation", "engagements", "partenariats", "engagement_siao")
    gabarit = "appels/dossiers/etapes/evaluation.html"
    correspondances = {
        "evaluation": "evaluation",
        "regulation": "regulation",
        "engagement_siao": "engagement_siao",
        "engagements.suite_parcours": "suite_parcours",
        "engagements.bail_glissant": "bail_glissant",
        "engagements.sl_duree_mois": "sl_duree_mois",
        "engagements.sl_renouvellements_max": "sl_renouvellements_max",
        "engagements.mg_duree_financement_mois": "mg_duree_financement_mois",
        "partenariats": "part_0_type",
    }

    evaluation = champ_texte_long(
        "Modalités d'évaluation", "Indicateurs suivis, enquête annuelle IML, bilans."
    )
    regulation = champ_texte_long(
        "Modalités de régulation", "Instances, suivi avec le SIAO et les services de l'État."
    )
    engagement_siao = forms.BooleanField(
        label="Les places créées sont mises à disposition du SIAO (vacances signalées, "
        "orientations examinées et mises en œuvre)",
        required=False,
    )
    suite_parcours = forms.MultipleChoiceField(
        label="Suite du parcours prévue dès l'entrée en sous-location",
        required=False,
        choices=SuiteParcours.choices(),
        widget=forms.CheckboxSelectMultiple,
    )
    bail_glissant = forms.BooleanField(label="Sous-location en bail glissant", required=False)
    sl_duree_mois = forms.IntegerField(
        label="Durée d'une période de sous-location (mois)", required=False, min_value=1
    )
    sl_renouvellements_max = forms.IntegerField(
        label="Renouvellements de la sous-location au plus", required=False, min_value=0
    )
    mg_duree_financement_mois = forms.IntegerField(
        label="Durée du financement de la gestion en mandat de gestion (mois)",
        required=False,
        min_value=1,
    )

    def construire(self) -> None:
        existantes = len(self.contexte.dossier.contenu.get("partenariats") or [])
        self.nombre = nombre_lignes("part", existantes, self.data)
        ajouter_lignes(
            self,
            "part",
            self.nombre,
            {
                "type": lambda i: forms.ChoiceField(
                    label=f"Partenariat {i + 1} : type",
                    required=False,
                    choices=avec_vide(Partenaire.choices(), "— Choisir —"),
                ),
                "nom": lambda i: forms.CharField(
                    label=f"Partenariat {i + 1} : partenaire", required=False, max_length=200
                ),
            },
        )

    @classmethod
    def initial_depuis(cls, contenu: Mapping[str, Any], contexte: ContexteDossier) -> dict:
        e = contenu.get("engagements") or {}
        return {
            "evaluation": contenu.get("evaluation"),
            "regulation": contenu.get("regulation"),
            "engagement_siao": bool(contenu.get("engagement_siao")),
            "suite_parcours": list(e.get("suite_parcours") or []),
            "bail_glissant": bool(e.get("bail_glissant")),
            "sl_duree_mois": e.get("sl_duree_mois"),
            "sl_renouvellements_max": e.get("sl_renouvellements_max"),
            "mg_duree_financement_mois": e.get("mg_duree_financement_mois"),
        } | initial_lignes(
            "part",
            list(contenu.get("partenariats") or []),
            {"type": lambda p: p.get("type"), "nom": lambda p: p.get("nom")},
        )

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        for i, ligne in valeurs_lignes(self, "part", self.nombre, COLONNES_PARTENARIAT):
            for colonne, quoi in (("type", "choisissez le type"), ("nom", "nommez le partenaire")):
                if not texte(ligne[colonne]):
                    nom = f"part_{i}_{colonne}"
                    self.add_error(nom, f"« {self.fields[nom].label} » : {quoi}.")
        return donnees

    def vers_contenu(self) -> dict[str, Any]:
        d = self.donnee
        engagements = sans_vides(
            {
                "suite_parcours": [
                    s.value for s in SuiteParcours if s.value in (d("suite_parcours") or [])
                ],
                "bail_glissant": bool(d("bail_glissant")) or None,
                "sl_duree_mois": d("sl_duree_mois"),
                "sl_renouvellements_max": d("sl_renouvellements_max"),
                "mg_duree_financement_mois": d("mg_duree_financement_mois"),
            }
        )
        partenariats = [
            {"type": v["type"], "nom": texte(v["nom"])}
            for _, v in valeurs_lignes(self, "part", self.nombre, COLONNES_PARTENARIAT)
            if v["type"] and texte(v["nom"])
        ]
        return {
            "evaluation": texte(d("evaluation")),
            "regulation": texte(d("regulation")),
            "engagement_siao": bool(d("engagement_siao")),
            "engagements": engagements,
            "partenariats": partenariats,
        }

    def champ_pour(self, chemin: str, contenu: Mapping[str, Any]) -> str | None:
        m = re.match(r"partenariats\[(\d+)\](?:\.(type|nom))?$", chemin)
        if m:
            return f"part_{m.group(1)}_{m.group(2) or 'type'}"
        return super().champ_pour(chemin, contenu)

    def rangees_partenariats(self) -> list:
        return rangees_lignes(self, "part", self.nombre, COLONNES_PARTENARIAT)

    def _champs(self, *noms: str) -> list[tuple[Any, list]]:
        return [(self[n], self.constats_champs.get(n, [])) for n in noms]

    def champs_evaluation(self) -> list[tuple[Any, list]]:
        return self._champs("evaluation", "regulation", "engagement_siao")

    def champs_engagements(self) -> list[tuple[Any, list]]:
        return self._champs(
            "suite_parcours",
            "bail_glissant",
            "sl_duree_mois",
            "sl_renouvellements_max",
            "mg_duree_financement_mois",
        )
