"""Étapes 4 et 5 : zone et public (R-AAC, R-PRIORITY-PUBLICS, R-CATEGORY), logements et
places par trimestre, annexes 2 et 3 (R-CAPACITY, R-SCHEDULE-CONSISTENCY, R-SMALL-UNITS,
R-RAMPUP)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms

from iml.appels.forms.dossier.base import (
    ContexteDossier,
    FormulaireEtape,
    avec_vide,
    decouper,
    texte,
)
from iml.comptes import communes as referentiel
from iml.comptes.enums import NiveauTerritoire
from regles.capacite import LigneEcheancier, total
from regles.types import Categorie, Mode, PublicPrioritaire, Typologie, Zone


def communes(saisie: str) -> list[str]:
    """Une commune (nom ou code INSEE) par ligne, ou séparées par des virgules ou « ; »."""
    return [c.strip() for c in re.split(r"[\n,;]+", saisie or "") if c.strip()]


def communes_par_ligne(saisie: str) -> list[tuple[int, str]]:
    """(numéro de ligne, commune) : les lignes vides comptent, comme à l'écran."""
    return [
        (numero, c.strip())
        for numero, ligne in enumerate((saisie or "").splitlines(), start=1)
        for c in re.split(r"[,;]+", ligne)
        if c.strip()
    ]


#: Au-delà, les communes inconnues suivantes sont seulement comptées.
ERREURS_ZONE_MAX = 10


class ZonePublicForm(FormulaireEtape):
    slug = "zone-et-public"
    titre = "Zone d'implantation et public"
    gabarit = "appels/dossiers/etapes/zone-et-public.html"
    cles = ("zone", "publics", "attention_sante", "categorie", "public_specialise", "zone_marche")
    correspondances = {
        "zone": "zone",
        "publics": "publics",
        "attention_sante": "attention_sante",
        "categorie": "categorie",
        "public_specialise": "public_specialise",
        "zone_marche": "zone_marche",
    }

    zone = forms.CharField(
        label="Communes d'implantation",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Une commune par ligne : nom ou code INSEE (ex. : 35238 ou Rennes).",
    )
    publics = forms.MultipleChoiceField(
        label="Publics prioritaires visés",
        required=False,
        choices=PublicPrioritaire.choices(),
        widget=forms.CheckboxSelectMultiple,
    )
    attention_sante = forms.BooleanField(
        label="Le projet porte une attention particulière aux problèmes de santé (somatique et "
        "psychique) des publics accueillis",
        required=False,
    )
    categorie = forms.ChoiceField(
        label="Catégorie d'IML", required=False, choices=avec_vide(Categorie.choices())
    )
    public_specialise = forms.CharField(
        label="Public de l'IML spécialisée",
        required=False,
        max_length=300,
        help_text="Seulement pour une IML spécialisée (jeunes, sortants d'ASE, victimes de "
        "violences…).",
    )
    zone_marche = forms.ChoiceField(
        label="Zone de marché du logement", required=False, choices=avec_vide(Zone.choices())
    )

    def construire(self) -> None:
        """Les communes acceptées : celles du département de l'appel, ou des départements de
        sa région (référentiel iml.comptes.communes)."""
        territoire = self.contexte.appel.territoire
        if territoire.niveau == NiveauTerritoire.REGION:
            codes = sorted(territoire.departements.values_list("code", flat=True))
            self.territoire_zone = referentiel.de_la_region(territoire.code)
        else:
            codes = [territoire.code]
            self.territoire_zone = referentiel.du_departement(territoire.code)
        self.territoire_zone = self.territoire_zone or f"de {territoire.nom}"
        self.departements_zone = [c for c in codes if referentiel.communes_du_departement(c)]
        nombre = sum(len(referentiel.communes_du_departement(c)) for c in self.departements_zone)
        if nombre:
            exemple = referentiel.communes_du_departement(self.departements_zone[0])[0]
            # Le champ lié est déjà créé (DsfrBaseForm) : on met à jour les deux.
            self.fields["zone"].help_text = self["zone"].help_text = (
                f"Une commune par ligne : nom ou code INSEE (ex. : {exemple.nom} ou "
                f"{exemple.code}). Les {nombre} communes {self.territoire_zone} sont acceptées "
                "(liste sous le champ)."
            )

    def communes_proposees(self) -> list[dict[str, Any]]:
        """Pour la liste d'aide : les communes acceptées, par département."""
        return [
            {
                "titre": (referentiel.nom_departement(code) or code) + f" ({code})",
                "communes": referentiel.communes_du_departement(code),
            }
            for code in self.departements_zone
        ]

    def clean_zone(self) -> list[str]:
        """Chaque commune saisie doit être une commune du territoire de l'appel ; on garde sa
        forme officielle « Nom (code INSEE) », sans doublon."""
        saisie = self.cleaned_data.get("zone") or ""
        lignes = communes_par_ligne(saisie)
        if any(len(c) > 100 for _, c in lignes):
            raise forms.ValidationError(
                "« Communes d'implantation » : une commune par ligne (100 caractères au plus)."
            )
        if not self.departements_zone:  # territoire absent du référentiel : saisie libre
            return communes(saisie)
        retenues: list[str] = []
        erreurs: list[str] = []
        for numero, saisie_ligne in lignes:
            try:
                trouvee = referentiel.resoudre(saisie_ligne, self.departements_zone)
            except referentiel.CommuneAmbigue as ambigue:
                liste = ", ".join(c.libelle for c in ambigue.candidates)
                erreurs.append(
                    f"« Communes d'implantation » : « {saisie_ligne} » désigne plusieurs "
                    f"communes ({liste}), indiquez le code INSEE (ligne {numero})."
                )
                continue
            if trouvee is None:
                erreurs.append(
                    f"« Communes d'implantation » : « {saisie_ligne} » n'est pas une commune "
                    f"{self.territoire_zone} (ligne {numero})."
                )
            elif trouvee.libelle not in retenues:
                retenues.append(trouvee.libelle)
        if len(erreurs) > ERREURS_ZONE_MAX:
            reste = len(erreurs) - ERREURS_ZONE_MAX
            erreurs = erreurs[:ERREURS_ZONE_MAX]
            autres = f"{reste} autre ligne" if reste == 1 else f"{reste} autres lignes"
            erreurs.append(f"« Communes d'implantation » : {autres} à corriger.")
        if erreurs:
            raise forms.ValidationError(erreurs)
        return retenues

    @classmethod
    def initial_depuis(cls, contenu: Mapping[str, Any], contexte: ContexteDossier) -> dict:
        return {
            "zone": "\n".join(contenu.get("zone") or []),
            "publics": list(contenu.get("publics") or []),
            "attention_sante": bool(contenu.get("attention_sante")),
            "categorie": contenu.get("categorie"),
            "public_specialise": contenu.get("public_specialise"),
            "zone_marche": contenu.get("zone_marche"),
        }

    def vers_contenu(self) -> dict[str, Any]:
        d = self.donnee
        return {
            "zone": list(d("zone") or []),
            "publics": [p.value for p in PublicPrioritaire if p.value in (d("publics") or [])],
            "attention_sante": bool(d("attention_sante")),
            "categorie": texte(d("categorie")),
            "public_specialise": texte(d("public_specialise")),
            "zone_marche": texte(d("zone_marche")),
        }


ANNEXES = (("logements", "Annexe 2 : logements mobilisés"), ("places", "Annexe 3 : places"))


def nom_cellule(annexe: str, typologie: str, mode: str, rang: int) -> str:
    return f"{annexe}__{typologie}__{mode}__{rang}"


class EcheancierForm(FormulaireEtape):
    """Entrées de chaque trimestre par typologie × forme ; les totaux sont calculés."""

    slug = "echeancier"
    titre = "Logements et places par trimestre"
    cles = ("logements", "places")
    gabarit = "appels/dossiers/etapes/echeancier.html"

    def construire(self) -> None:
        self.constats_annexes: dict[str, list[dict[str, Any]]] = {}
        for annexe, _ in ANNEXES:
            for t in Typologie:
                for m in Mode:
                    for q, trimestre in enumerate(self.contexte.trimestres):
                        unite = "logements" if annexe == "logements" else "places"
                        self.fields[nom_cellule(annexe, t.value, m.value, q)] = forms.IntegerField(
                            label=f"{unite.capitalize()} en {t.libelle}, "
                            f"{m.libelle.lower()}, {trimestre.libelle}",
                            required=False,
                            min_value=0,
                            max_value=10000,
                            widget=forms.NumberInput(attrs={"min": 0, "class": "fr-input"}),
                        )

    @classmethod
    def initial_depuis(cls, contenu: Mapping[str, Any], contexte: ContexteDossier) -> dict:
        initial: dict[str, Any] = {}
        for annexe, _ in ANNEXES:
            for ligne in contenu.get(annexe) or []:
                for q, n in enumerate(ligne.get("trimestres") or []):
                    if q < len(contexte.trimestres):
                        initial[nom_cellule(annexe, ligne["typologie"], ligne["mode"], q)] = n
        return initial

    def _valeurs(self, annexe: str, t: Typologie, m: Mode) -> list[int]:
        valeurs = []
        for q in range(len(self.contexte.trimestres)):
            nom = nom_cellule(annexe, t.value, m.value, q)
            if self.is_bound:
                valeurs.append(self.donnee(nom) or 0)
            else:
                valeurs.append(self.initial.get(nom) or 0)
        return valeurs

    def lignes(self, annexe: str) -> list[dict[str, Any]]:
        """Lignes de l'annexe au format du dossier : seules les lignes non nulles, dans l'ordre
        des lignes déjà enregistrées (les chemins des constats restent stables), puis les
        nouvelles dans l'ordre des typologies."""
        existantes = [
            (ligne.get("typologie"), ligne.get("mode"))
            for ligne in self.contexte.dossier.contenu.get(annexe) or []
        ]
        toutes = [(t.value, m.value) for t in Typologie for m in Mode]
        ordre = [c for c in existantes if c in toutes]
        ordre += [c for c in toutes if c not in ordre]
        resultat = []
        for t, m in ordre:
            valeurs = self._valeurs(annexe, Typologie(t), Mode(m))
            if any(valeurs):
                resultat.append({"typologie": t, "mode": m, "trimestres": valeurs})
        return resultat

    def vers_contenu(self) -> dict[str, Any]:
        return {annexe: self.lignes(annexe) for annexe, _ in ANNEXES}

    def champ_pour(self, chemin: str, contenu: Mapping[str, Any]) -> str | None:
        morceaux = decouper(chemin)
        if len(morceaux) < 2 or morceaux[0] not in ("logements", "places"):
            return None
        annexe, rang = morceaux[0], morceaux[1]
        lignes = contenu.get(annexe) or []
        if not isinstance(rang, int) or rang >= len(lignes):
            return None
        ligne = lignes[rang]
        q = morceaux[3] if len(morceaux) >= 4 and isinstance(morceaux[3], int) else 0
        return nom_cellule(annexe, ligne.get("typologie"), ligne.get("mode"), q)

    def grille(self, annexe: str) -> dict[str, Any]:
        """Tableau à rendre : lignes (cellules et total calculé), totaux par trimestre."""
        bareme, n = self.contexte.bareme, len(self.contexte.trimestres)
        rangees, par_trimestre, general = [], [0] * n, 0
        for t in Typologie:
            for m in Mode:
                valeurs = self._valeurs(annexe, t, m)
                noms = [nom_cellule(annexe, t.value, m.value, q) for q in range(n)]
                cellules = [(self[nom], self.constats_champs.get(nom, [])) for nom in noms]
                somme = total(LigneEcheancier(t, m, tuple(valeurs)), bareme)
                general += somme
                par_trimestre = [a + b for a, b in zip(par_trimestre, valeurs, strict=True)]
                rangees.append(
                    {
                        "typologie": t.libelle,
                        "mode": m.libelle,
                        "premiere": m is Mode.MANDAT_GESTION,
                        "capacite": bareme.capacite(t),
                        "cellules": cellules,
                        "total": somme,
                    }
                )
        return {
            "annexe": annexe,
            "titre": dict(ANNEXES)[annexe],
            "rangees": rangees,
            "par_trimestre": par_trimestre,
            "total": general,
            "constats": self.constats_annexes.get(annexe, []),
        }

    def grilles(self) -> list[dict[str, Any]]:
        return [self.grille(annexe) for annexe, _ in ANNEXES]

    def placer_constats(
        self, constats: Iterable[Mapping[str, Any]], contenu: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """Les constats des annexes (cellule, ligne ou annexe entière) vont à côté du tableau ;
        ceux d'une cellule la marquent aussi."""
        places = []
        for constat in constats:
            chemin = constat.get("champ") or ""
            annexe = decouper(chemin)[0] if chemin else None
            if annexe not in dict(ANNEXES):
                continue
            places.append(dict(constat))
            self.constats_annexes.setdefault(annexe, []).append(dict(constat))
            nom = self.champ_pour(chemin, contenu)
            if nom and nom in self.fields:
                self.constats_champs.setdefault(nom, []).append(dict(constat))
        return places
