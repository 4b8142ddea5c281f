"""Étape 6 : prestations — captation, gestion (postes par forme), accompagnement (interne,
délégué, droit commun) (R-BUDGET-MODEL, R-COST-*, R-ACCOMP-PLAN, R-SW-RATIO)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms

from iml.appels.forms.dossier.base import (
    ContexteDossier,
    FormulaireEtape,
    avec_vide,
    champ_date,
    champ_montant,
    champ_texte_long,
    date_json,
    decimal_initial,
    decimal_json,
    sans_vides,
    texte,
)
from iml.appels.forms.dossier.lignes import FormulaireLigne, classe_lignes, lier, tableau
from iml.appels.forms.dossier.porteur import _jour
from regles.format import euros
from regles.types import ModaliteAccompagnement, Mode

CHAMPS_PARTENAIRE = {
    "nom": "nom",
    "description": "description",
    "convention": "convention",
    "budget": "budget_annee_pleine",
}


def _gestion_initiale(contenu: Mapping[str, Any], mode: Mode) -> list[Mapping[str, Any]]:
    return list(((contenu.get("services") or {}).get("gestion") or {}).get(mode.value) or [])


class LignePoste(FormulaireLigne):
    """Un poste de gestion d'une forme (`options["forme"]` : « mandat de gestion »…)."""

    colonnes = ("libelle", "cout")
    entetes = ("Poste de gestion", "Coût par logement et par an (€)")

    def construire(self) -> None:
        quoi = f"Gestion en {self.options['forme']}, poste {self.numero}"
        self.fields["libelle"] = forms.CharField(
            label=f"{quoi} : libellé", required=False, max_length=200
        )
        self.fields["cout"] = champ_montant(f"{quoi} : coût par logement et par an (€)")

    def complete(self) -> bool:
        return bool(texte(self.valeur("libelle")))

    def verifier(self) -> None:
        if not texte(self.valeur("libelle")):
            self.add_error(
                "libelle",
                f"« Gestion en {self.options['forme']}, poste {self.numero} » : libellé manquant.",
            )


Postes = classe_lignes(LignePoste)


class ServicesForm(FormulaireEtape):
    slug = "services"
    titre = "Prestations prévues"
    cles = ("services", "modalites_accompagnement")
    gabarit = "appels/dossiers/etapes/services.html"

    def construire(self) -> None:
        b = self.contexte.bareme
        self.fields["captation_cout"] = champ_montant(
            "Coût de captation par logement capté (€)",
            help_text=f"Fourchette nationale : {euros(b.cout_captation_par_logement.min)} à "
            f"{euros(b.cout_captation_par_logement.max)}, l'année de la captation.",
        )
        self.fields["captation_description"] = champ_texte_long(
            "Prospection et captation : description"
        )
        self.postes = {
            m: lier(self, f"gestion_{m.value}", Postes, forme=m.libelle.lower()) for m in Mode
        }
        for m in Mode:
            self._champs_accompagnement(m)
        self.fields["modalites_accompagnement"] = champ_texte_long(
            "Accompagnement adapté au profil des résidents",
            "Intensité, type et durée de l'accompagnement ; articulation avec le droit commun.",
        )

    def _champs_accompagnement(self, m: Mode) -> None:
        p, forme = f"acc_{m.value}", m.libelle.lower()
        self.fields[f"{p}_modalite"] = forms.ChoiceField(
            label=f"Accompagnement en {forme} : modalité",
            required=False,
            choices=avec_vide(ModaliteAccompagnement.choices()),
        )
        self.fields[f"{p}_etp"] = forms.DecimalField(
            label=f"Accompagnement en {forme} : ETP de travailleur social",
            required=False,
            min_value=Decimal(0),
            max_digits=6,
            decimal_places=2,
            localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            help_text="Vide : calculé au ratio d'un travailleur social pour 20 ménages.",
        )
        self.fields[f"{p}_montant_par_menage"] = champ_montant(
            f"Accompagnement en {forme} : montant par ménage et par an (€)"
        )
        self.fields[f"{p}_partenaire_nom"] = forms.CharField(
            label=f"Accompagnement délégué en {forme} : partenaire", required=False, max_length=200
        )
        self.fields[f"{p}_partenaire_description"] = champ_texte_long(
            f"Accompagnement délégué en {forme} : descriptif des prestations validé par le "
            "partenaire"
        )
        self.fields[f"{p}_partenaire_convention"] = champ_texte_long(
            f"Accompagnement délégué en {forme} : modalités de conventionnement"
        )
        self.fields[f"{p}_partenaire_budget"] = champ_montant(
            f"Accompagnement délégué en {forme} : budget de la prestation en année pleine (€)"
        )
        self.fields[f"{p}_partenaire_agrement_debut"] = champ_date(
            f"Accompagnement délégué en {forme} : agrément L 365-3 du partenaire, début"
        )
        self.fields[f"{p}_partenaire_agrement_fin"] = champ_date(
            f"Accompagnement délégué en {forme} : agrément L 365-3 du partenaire, fin"
        )

    @classmethod
    def initial_depuis(cls, contenu: Mapping[str, Any], contexte: ContexteDossier) -> dict:
        s = contenu.get("services") or {}
        captation = s.get("captation") or {}
        initial: dict[str, Any] = {
            "captation_cout": decimal_initial(captation.get("cout_par_logement")),
            "captation_description": captation.get("description"),
            "modalites_accompagnement": contenu.get("modalites_accompagnement"),
        }
        for m in Mode:
            initial[f"gestion_{m.value}"] = [
                {"libelle": e.get("libelle"), "cout": decimal_initial(e.get("cout_par_logement"))}
                for e in _gestion_initiale(contenu, m)
            ]
            acc = (s.get("accompagnement") or {}).get(m.value) or {}
            part = acc.get("partenaire_delegue") or {}
            agrement = part.get("agrement_L365_3") or {}
            p = f"acc_{m.value}"
            initial |= {
                f"{p}_modalite": acc.get("modalite"),
                f"{p}_etp": decimal_initial(acc.get("etp")),
                f"{p}_montant_par_menage": decimal_initial(acc.get("montant_par_menage")),
                f"{p}_partenaire_budget": decimal_initial(part.get("budget_annee_pleine")),
                f"{p}_partenaire_agrement_debut": _jour(agrement.get("date_debut")),
                f"{p}_partenaire_agrement_fin": _jour(agrement.get("date_fin")),
            }
            for champ in ("nom", "description", "convention"):
                initial[f"{p}_partenaire_{champ}"] = part.get(champ)
        return initial

    def clean(self) -> dict[str, Any]:
        donnees = super().clean()
        for m in Mode:
            p = f"acc_{m.value}"
            saisis = [k for k in self.fields if k.startswith(p) and k != f"{p}_modalite"]
            if not donnees.get(f"{p}_modalite") and any(donnees.get(k) for k in saisis):
                self.add_error(
                    f"{p}_modalite",
                    f"« Accompagnement en {m.libelle.lower()} : modalité » : choisissez qui "
                    "réalise l'accompagnement.",
                )
            debut = donnees.get(f"{p}_partenaire_agrement_debut")
            fin = donnees.get(f"{p}_partenaire_agrement_fin")
            if debut and fin and fin < debut:
                self.add_error(
                    f"{p}_partenaire_agrement_fin",
                    f"« {self.fields[f'{p}_partenaire_agrement_fin'].label} » : la date de fin "
                    "précède la date de début.",
                )
        return donnees

    def _accompagnement(self, m: Mode) -> dict[str, Any] | None:
        p, d = f"acc_{m.value}", self.donnee
        modalite = texte(d(f"{p}_modalite"))
        if not modalite:
            return None
        acc: dict[str, Any] = {
            "modalite": modalite,
            "etp": decimal_json(d(f"{p}_etp")),
            "montant_par_menage": decimal_json(d(f"{p}_montant_par_menage")),
        }
        if modalite == ModaliteAccompagnement.DELEGUE.value:
            partenaire = {
                cle: texte(d(f"{p}_partenaire_{champ}"))
                for champ, cle in CHAMPS_PARTENAIRE.items()
                if champ != "budget"
            }
            partenaire["budget_annee_pleine"] = decimal_json(d(f"{p}_partenaire_budget"))
            partenaire["agrement_L365_3"] = sans_vides(
                {
                    "date_debut": date_json(d(f"{p}_partenaire_agrement_debut")),
                    "date_fin": date_json(d(f"{p}_partenaire_agrement_fin")),
                }
            )
            acc["partenaire_delegue"] = sans_vides(partenaire) or None
        return sans_vides(acc) | {"modalite": modalite}

    def vers_contenu(self) -> dict[str, Any]:
        gestion = {}
        for m in Mode:
            postes = [
                {
                    "libelle": texte(ligne.valeur("libelle")) or "",
                    "cout_par_logement": decimal_json(ligne.valeur("cout")),
                }
                for ligne in self.postes[m].lignes()
            ]
            if postes:
                gestion[m.value] = postes
        accompagnement = {m.value: a for m in Mode if (a := self._accompagnement(m)) is not None}
        captation = sans_vides(
            {
                "cout_par_logement": decimal_json(self.donnee("captation_cout")),
                "description": texte(self.donnee("captation_description")),
            }
        )
        services = sans_vides(
            {"captation": captation, "gestion": gestion, "accompagnement": accompagnement}
        )
        return {
            "services": services,
            "modalites_accompagnement": texte(self.donnee("modalites_accompagnement")),
        }

    def champ_pour(self, chemin: str, contenu: Mapping[str, Any]) -> str | None:
        if chemin == "modalites_accompagnement":
            return chemin
        if chemin.startswith("services.captation"):
            return "captation_cout"
        m = re.match(r"services\.gestion\.(\w+?)(?:\[(\d+)\](?:\.(\w+))?)?$", chemin)
        if m:
            rang, colonne = (
                int(m.group(2) or 0),
                "cout" if m.group(3) == "cout_par_logement" else "libelle",
            )
            jeu = self.formsets.get(f"gestion_{m.group(1)}")
            return jeu.nom_champ(rang, colonne) if jeu is not None else None
        m = re.match(r"services\.accompagnement\.(\w+?)(?:\.(.+))?$", chemin)
        if not m:
            return None
        p, reste = f"acc_{m.group(1)}", m.group(2) or ""
        if reste in ("etp", "montant_par_menage"):
            return f"{p}_{reste}"
        if reste.startswith("partenaire_delegue"):
            sous = reste.removeprefix("partenaire_delegue").lstrip(".")
            inverse = {v: k for k, v in CHAMPS_PARTENAIRE.items()}
            if sous.startswith("agrement_L365_3"):
                return f"{p}_partenaire_agrement_debut"
            return f"{p}_partenaire_{inverse.get(sous, 'nom')}"
        return f"{p}_modalite"

    def sections(self) -> list[dict[str, Any]]:
        """Pour le gabarit : par forme, postes de gestion et accompagnement."""
        sections = []
        for m in Mode:
            p = f"acc_{m.value}"
            noms_acc = [f"{p}_modalite", f"{p}_etp", f"{p}_montant_par_menage"]
            noms_part = [k for k in self.fields if k.startswith(f"{p}_partenaire_")]
            sections.append(
                {
                    "mode": m,
                    "gestion": tableau(
                        self,
                        self.postes[m],
                        f"Gestion en {m.libelle.lower()} : postes de dépense par logement et "
                        "par an",
                    ),
                    "accompagnement": [
                        (self[n], self.constats_champs.get(n, [])) for n in noms_acc
                    ],
                    "partenaire": [(self[n], self.constats_champs.get(n, [])) for n in noms_part],
                }
            )
        return sections

    def erreurs_en_ordre(self) -> list[tuple[Any, str]]:
        """Dans l'ordre de la page : captation, puis par forme les postes de gestion et
        l'accompagnement, enfin l'accompagnement adapté."""

        def du_champ(nom: str) -> list[tuple[Any, str]]:
            return [(self[nom], str(e)) for e in self[nom].errors]

        erreurs = du_champ("captation_cout") + du_champ("captation_description")
        for m in Mode:
            erreurs += self.postes[m].erreurs()
            for nom in (n for n in self.fields if n.startswith(f"acc_{m.value}_")):
                erreurs += du_champ(nom)
        return erreurs + du_champ("modalites_accompagnement")

    def champs_communs(self, *noms: str) -> list[tuple[Any, list]]:
        return [(self[n], self.constats_champs.get(n, [])) for n in noms]
