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
from iml.appels.forms.dossier.lignes import FormulaireLigne, classe_lignes, lier, tableau
from regles.types import Financeur, Partenaire, Service, SuiteParcours


class LigneRecette(FormulaireLigne):
    colonnes = ("financeur", "service", "montant")
    entetes = ("Financeur", "Prestation", "Montant annuel (€)")

    def construire(self) -> None:
        n = self.numero
        self.fields["financeur"] = forms.ChoiceField(
            label=f"Recette {n} : financeur",
            required=False,
            choices=avec_vide(Financeur.choices(), "— Choisir —"),
        )
        self.fields["service"] = forms.ChoiceField(
            label=f"Recette {n} : prestation financée",
            required=False,
            choices=avec_vide(Service.choices(), "Ensemble du projet"),
        )
        self.fields["montant"] = champ_montant(f"Recette {n} : montant annuel (€)")

    def complete(self) -> bool:
        return bool(self.valeur("financeur"))

    def verifier(self) -> None:
        if not self.valeur("financeur"):
            self.add_error(
                "financeur", f"« Recette {self.numero} : financeur » : choisissez le financeur."
            )


class LignePartenariat(FormulaireLigne):
    colonnes = ("type", "nom")
    entetes = ("Type de partenaire", "Partenaire")

    def construire(self) -> None:
        n = self.numero
        self.fields["type"] = forms.ChoiceField(
            label=f"Partenariat {n} : type",
            required=False,
            choices=avec_vide(Partenaire.choices(), "— Choisir —"),
        )
        self.fields["nom"] = forms.CharField(
            label=f"Partenariat {n} : partenaire", required=False, max_length=200
        )

    def complete(self) -> bool:
        return bool(self.valeur("type") and texte(self.valeur("nom")))

    def verifier(self) -> None:
        for colonne, quoi in (("type", "choisissez le type"), ("nom", "nommez le partenaire")):
            if not texte(self.valeur(colonne)):
                self.add_error(colonne, f"« {self.fields[colonne].label} » : {quoi}.")


Recettes = classe_lignes(LigneRecette)
Partenariats = classe_lignes(LignePartenariat)


class FinancementForm(FormulaireEtape):
    """L'annexe 1 (charges) est calculée par le moteur ; l'opérateur saisit les recettes."""

    slug = "modele-financier"
    titre = "Modèle financier"
    cles = ("financements",)
    gabarit = "appels/dossiers/etapes/financement.html"

    def construire(self) -> None:
        self.recettes = lier(self, "fin", Recettes)

    @classmethod
    def initial_depuis(cls, contenu: Mapping[str, Any], contexte: ContexteDossier) -> dict:
        return {
            "fin": [
                {
                    "financeur": e.get("financeur"),
                    "service": e.get("service"),
                    "montant": decimal_initial(e.get("montant")),
                }
                for e in contenu.get("financements") or []
            ]
        }

    def vers_contenu(self) -> dict[str, Any]:
        return {
            "financements": [
                sans_vides(
                    {
                        "financeur": ligne.valeur("financeur"),
                        "service": texte(ligne.valeur("service")),
                        "montant": decimal_json(ligne.valeur("montant")),
                    }
                )
                for ligne in self.recettes.lignes()
            ]
        }

    def champ_pour(self, chemin: str, contenu: Mapping[str, Any]) -> str | None:
        m = re.match(r"financements(?:\[(\d+)\](?:\.(\w+))?)?$", chemin)
        if not m:
            return None
        colonne = m.group(2) if m.group(2) in LigneRecette.colonnes else "montant"
        return self.recettes.nom_champ(int(m.group(1) or 0), colonne)

    def tableau_recettes(self) -> dict[str, Any]:
        return tableau(self, self.recettes, "Recettes du budget prévisionnel")


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
        self.partenariats = lier(self, "part", Partenariats)

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
            "part": [
                {"type": p.get("type"), "nom": p.get("nom")}
                for p in contenu.get("partenariats") or []
            ],
        }

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
            {"type": ligne.valeur("type"), "nom": texte(ligne.valeur("nom"))}
            for ligne in self.partenariats.lignes()
        ]
        return {
            "evaluation": texte(d("evaluation")),
            "regulation": texte(d("regulation")),
            "engagement_siao": bool(d("engagement_siao")),
            "engagements": engagements,
            "partenariats": partenariats,
        }

    def champ_pour(self, chemin: str, contenu: Mapping[str, Any]) -> str | None:
        m = re.match(r"partenariats(?:\[(\d+)\](?:\.(type|nom))?)?$", chemin)
        if m:
            return self.partenariats.nom_champ(int(m.group(1) or 0), m.group(2) or "type")
        return super().champ_pour(chemin, contenu)

    def tableau_partenariats(self) -> dict[str, Any]:
        return tableau(self, self.partenariats, "Partenariats prévus")

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
