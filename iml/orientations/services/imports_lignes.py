"""Les colonnes et la validation ligne à ligne de l'import des demandes du SIAO (format :
docs/formats/siao-demandes.md). Chaque erreur nomme sa ligne, sa colonne et, le cas échéant,
sa règle ; les contrôles croisés sont ceux du service des demandes (`_erreurs`), appliqués à la
demande lue avant toute écriture. Les briques de lecture sont celles des imports du parc et des
ménages (conversions, en-têtes, `Erreur`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from iml.occupations.imports import validation
from iml.occupations.imports.colonnes import Colonne
from iml.occupations.imports.validation import Erreur
from iml.orientations.models import Demande
from iml.orientations.services.demandes import _erreurs as erreurs_demande
from iml.parc.imports import conversions as cv
from iml.parc.imports.colonnes import normaliser_entete
from iml.parc.imports.lecture import Tableau
from regles.types import Categorie, PublicPrioritaire

COLONNES: tuple[Colonne, ...] = (
    Colonne("reference_siao", "Référence SI-SIAO", "Référence de la demande dans "
            "l'application nationale (clé de l'import : une référence déjà enregistrée est "
            "mise à jour)", "SIAO35-2025-0142", True),
    Colonne("nom", "Nom", "Nom de la personne de référence", "Durand", True),
    Colonne("prenom", "Prénom", "Prénom de la personne de référence", "Léa", True),
    Colonne("adultes", "Adultes", "Nombre d'adultes, de 1 à 12", "1", True),
    Colonne("enfants", "Enfants", "Nombre d'enfants, de 0 à 12 (0 s'il n'y en a pas ; vide : "
            "refusé, jamais lu comme 0)", "2", True),
    Colonne("ressources", "Ressources mensuelles", "€ par mois hors aide au logement, "
            "« 1 234,50 » (vide : inconnues)", "1 234,50"),
    Colonne("aide_logement", "Aide au logement", "€ par mois (vide : inconnue, jamais 0)",
            "280"),
    Colonne("aide_estimee", "Aide estimée", "oui si le montant de l'aide est une estimation",
            "non"),
    Colonne("demande_le", "Date de la demande", "JJ/MM/AAAA, pas dans le futur (ancienneté)",
            "01/03/2025", True),
    Colonne("communes", "Communes souhaitées", "Codes INSEE séparés par des virgules (vide : "
            "indifférent)", "35238, 35047"),
    Colonne("communes_strictes", "Seulement ces communes", "oui ou non (vide : non)", "non"),
    Colonne("plain_pied_requis", "Plain-pied requis", "oui ou non (vide : non)", "non"),
    Colonne("categorie", "Catégorie", "IML classique, spécialisée ou psy (R-CATEGORY)",
            "classique", True),
    Colonne("criteres", "Critères de priorité", "Codes séparés par des virgules, chacun "
            "suivi de sa date de reconnaissance entre parenthèses s'il y a lieu "
            "(R-PRIORITY-PUBLICS)", "DALO_SANS_DOMICILE (01/03/2025), SANS_LOGEMENT"),
)  # fmt: skip

NOMS = tuple(c.nom for c in COLONNES)
REQUISES = tuple(c.nom for c in COLONNES if c.requise)
PAR_NOM = {c.nom: c for c in COLONNES}
ALIAS = {normaliser_entete(c.libelle): c.nom for c in COLONNES} | {
    "reference": "reference_siao",
    "numero_si_siao": "reference_siao",
    "ressources_mensuelles_hors_aide_au_logement": "ressources",
    "date_demande": "demande_le",
    "categorie_iml": "categorie",
}
CATEGORIES = cv._table(Categorie.choices(), ("specialisee", "SPECIALISEE"))
CRITERES = cv._table(PublicPrioritaire.choices())
CRITERE = re.compile(r"^\s*([^()]+?)\s*(?:\(\s*([^()]*?)\s*\))?\s*$")
ENTIERS = {"adultes": (1, 12), "enfants": (0, 12)}
OUI_NON = ("aide_estimee", "communes_strictes", "plain_pied_requis")


def _erreur(numero: int | None, colonne: str | None, message: str) -> Erreur:
    libelle = PAR_NOM[colonne].dans_une_phrase if colonne in PAR_NOM else None
    return Erreur(numero, colonne, message, libelle)


def _sans_champ(message: str) -> str:
    """« Date de la demande : elle ne peut… » → « elle ne peut… » (la colonne est déjà dite) ;
    un message qui cite sa règle (« R-CAPACITY : … ») reste entier."""
    if message.startswith("R-"):
        return message
    return re.sub(r"^«?\s*[^:«»]{1,60}?\s*»?\s*:\s+", "", message, count=1)


@dataclass
class LigneValide:
    numero: int
    reference: str
    donnees: dict[str, Any]
    criteres: dict[str, date | None]


class _Ligne:
    def __init__(self, aujourd_hui: date, numero: int, valeurs: dict[str, str]) -> None:
        self.numero, self.valeurs, self.aujourd_hui = numero, valeurs, aujourd_hui
        self.erreurs: list[Erreur] = []

    def refus(self, colonne: str | None, message: str) -> None:
        self.erreurs.append(_erreur(self.numero, colonne, message))

    def convertir(self, colonne: str, conversion: Callable[[str], Any]) -> Any:
        brut = self.valeurs.get(colonne, "")
        if cv.vide(brut):
            return None
        try:
            return conversion(brut)
        except ValueError as refus:
            self.refus(colonne, str(refus))
            return None

    def requis(self, colonne: str, valeur: Any) -> Any:
        if valeur is None and not any(e.colonne == colonne for e in self.erreurs):
            self.refus(colonne, "valeur requise.")
        return valeur

    def entier(self, colonne: str) -> int | None:
        valeur = self.convertir(colonne, cv.entier)
        minimum, maximum = ENTIERS[colonne]
        if valeur is not None and not minimum <= valeur <= maximum:
            self.refus(colonne, f"de {minimum} à {maximum}.")
            return None
        return valeur

    def criteres(self) -> dict[str, date | None]:
        criteres: dict[str, date | None] = {}
        brut = self.valeurs.get("criteres", "")
        for morceau in [] if cv.vide(brut) else brut.split(","):
            trouve = CRITERE.match(morceau)
            code = CRITERES.get(normaliser_entete(trouve.group(1))) if trouve else None
            if trouve is None or code is None:
                self.refus("criteres", f"R-PRIORITY-PUBLICS : « {morceau.strip()} » n'est pas "
                           "un critère connu (voir les codes du format).")  # fmt: skip
                continue
            le = None
            if trouve.group(2):
                try:
                    le = cv.jour(trouve.group(2))
                except ValueError as refus:
                    self.refus("criteres", f"{code} : {refus}")
            criteres[code] = le
        return criteres

    def valider(self) -> LigneValide | None:
        v = {c: self.valeurs.get(c, "").strip() for c in ("reference_siao", "nom", "prenom")}
        for colonne, maximum in (("reference_siao", 60), ("nom", 100), ("prenom", 100)):
            if not v[colonne]:
                self.refus(colonne, "valeur requise.")
            elif len(v[colonne]) > maximum:
                self.refus(colonne, f"{maximum} caractères au plus.")
        donnees: dict[str, Any] = {
            **v,
            "adultes": self.requis("adultes", self.entier("adultes")),
            "enfants": self.requis("enfants", self.entier("enfants")),
            "ressources": self.convertir("ressources", cv.decimal),
            "aide_logement": self.convertir("aide_logement", cv.decimal),
            "demande_le": self.requis("demande_le", self.convertir("demande_le", cv.jour)),
            "categorie": self.requis(
                "categorie",
                self.convertir("categorie", cv.choix(CATEGORIES, "classique, spécialisée, psy")),
            ),
            "communes": [c.strip() for c in self.valeurs.get("communes", "").split(",")
                         if c.strip()],
        }  # fmt: skip
        for colonne in OUI_NON:
            donnees[colonne] = bool(self.convertir(colonne, cv.oui_non))
        criteres = self.criteres()
        if self.erreurs:
            return None
        self._croisees(donnees, criteres)
        if self.erreurs:
            return None
        return LigneValide(self.numero, v["reference_siao"], donnees, criteres)

    def _croisees(self, donnees: dict[str, Any], criteres: dict[str, date | None]) -> None:
        """Les règles du service des demandes (dates, codes INSEE, R-CAPACITY…)."""
        demande = Demande(**donnees)
        for champ, messages in erreurs_demande(demande, criteres, self.aujourd_hui).items():
            for message in messages:
                self.refus(champ if champ in PAR_NOM else None, _sans_champ(message))


def _doublons(lignes: list[tuple[int, dict[str, str]]], erreurs: list[Erreur]) -> None:
    vues: dict[str, int] = {}
    for numero, valeurs in lignes:
        ref = valeurs.get("reference_siao", "").strip()
        if ref and ref in vues:
            erreurs.append(_erreur(numero, "reference_siao", f"« {ref} » figure déjà ligne "
                                   f"{vues[ref]} : une ligne par demande."))  # fmt: skip
        vues.setdefault(ref, numero)


def valider(
    tableau: Tableau, aujourd_hui: date, avancer: Callable[[float], None] = lambda f: None
) -> list[LigneValide]:
    """Toutes les lignes, ou `ErreursImport` avec toutes les erreurs du fichier (la boucle de
    l'import des ménages, avec les lignes et les doublons des demandes)."""
    return validation.valider(aujourd_hui, tableau, avancer, _Ligne, _doublons)
