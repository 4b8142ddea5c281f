"""Validation de toutes les lignes d'un import avant toute écriture : chaque erreur nomme sa
ligne, sa colonne et, le cas échéant, sa règle (R-CAPACITY, R-MODE…). Les recherches (logements
et bailleurs existants, conventions) sont faites une fois pour tout le fichier ; les communes
viennent du COG en mémoire."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iml.comptes.acteur import Acteur
from iml.comptes.communes import CommuneAmbigue, resoudre
from iml.parc import selectors
from iml.parc.imports import conversions as cv
from iml.parc.imports.lecture import Tableau
from iml.parc.models import Bailleur, Logement
from iml.parc.parametres import bareme_national
from regles.types import Mode, Typologie

CODE_POSTAL = re.compile(r"^\d{5}$")
REQUIS_LOGEMENT = ("adresse", "code_postal", "commune", "typologie", "forme")


@dataclass(frozen=True)
class Erreur:
    ligne: int | None
    colonne: str | None
    message: str

    @property
    def texte(self) -> str:
        if self.ligne is None:
            return self.message
        if self.colonne is None:
            return f"Ligne {self.ligne} : {self.message}"
        return f"Ligne {self.ligne}, colonne « {self.colonne} » : {self.message}"


@dataclass
class LigneValide:
    numero: int
    reference_logement: str
    reference_bailleur: str
    bailleur: dict[str, Any]
    logement: dict[str, Any]


class ErreursImport(Exception):
    def __init__(self, erreurs: list[Erreur]) -> None:
        super().__init__(f"{len(erreurs)} erreur(s)")
        self.erreurs = erreurs


def _texte(modele, champ: str):
    longueur = modele._meta.get_field(champ).max_length

    def convertir(brut: str) -> str:
        if len(brut) > longueur:
            raise ValueError(f"{longueur} caractères au plus.")
        return brut

    return convertir


#: Colonne du fichier -> (champ du bailleur, conversion).
BAILLEUR: dict[str, tuple[str, Callable[[str], Any]]] = {
    "reference_bailleur": ("reference", _texte(Bailleur, "reference")),
    "bailleur_type": ("type", cv.choix(cv.TYPES_BAILLEUR, "personne, SCI, société")),
    "bailleur_nom": ("nom", _texte(Bailleur, "nom")),
    "bailleur_prenom": ("prenom", _texte(Bailleur, "prenom")),
    "bailleur_telephone": ("telephone", _texte(Bailleur, "telephone")),
    "bailleur_courriel": ("courriel", _texte(Bailleur, "courriel")),
    "bailleur_origine": ("origine", cv.choix(cv.ORIGINES, "prospection, agence, autre…")),
    "bailleur_consentement": ("consentement_contact", cv.oui_non),
    "bailleur_ne_pas_contacter": ("ne_pas_contacter", cv.oui_non),
}
DEFAUTS_BAILLEUR = {"type": "PERSONNE", "origine": "AUTRE", "consentement_contact": False,
                    "ne_pas_contacter": False, "nom": "", "prenom": "", "telephone": "",
                    "courriel": ""}  # fmt: skip

#: Colonne du fichier -> (champ du logement, conversion).
LOGEMENT: dict[str, tuple[str, Callable[[str], Any]]] = {
    "reference_logement": ("reference", _texte(Logement, "reference")),
    "adresse": ("adresse", _texte(Logement, "adresse")),
    "complement": ("complement", _texte(Logement, "complement")),
    "code_postal": ("code_postal", str),
    "commune": ("commune", str),
    "typologie": ("typologie", cv.choix(cv.TYPOLOGIES, "studio, T1… T6 et +")),
    "capacite": ("capacite", cv.entier),
    "surface_m2": ("surface_m2", cv.decimal),
    "hauteur_sous_plafond_m": ("hauteur_sous_plafond_m", cv.decimal),
    "etage": ("etage", cv.entier),
    "ascenseur": ("ascenseur", cv.oui_non),
    "plain_pied": ("plain_pied", cv.oui_non),
    "meuble": ("meuble", cv.oui_non),
    "forme": ("forme", cv.choix(cv.FORMES, "mandat de gestion ou sous-location")),
    "bail_glissant_possible": ("bail_glissant_possible", cv.oui_non),
    "loyer": ("loyer", cv.decimal),
    "charges": ("charges", cv.decimal),
    "redevance": ("redevance", cv.decimal),
    "classe_dpe": ("classe_dpe", cv.classe_dpe),
    "date_dpe": ("date_dpe", cv.jour),
    "conventionnement": ("conventionnement", cv.choix(cv.CONVENTIONNEMENTS, "aucun, Loc1…")),
    "date_mobilisation": ("date_mobilisation", cv.jour),
    "convention": ("convention", str),
}
#: Valeur d'une cellule vide (non renseigné) quand le champ n'accepte pas l'inconnu.
DEFAUTS_LOGEMENT = {"complement": "", "meuble": False, "bail_glissant_possible": False,
                    "classe_dpe": "", "conventionnement": "AUCUN", "convention": None}  # fmt: skip
COLONNE_DU_CHAMP_LOGEMENT = {champ: col for col, (champ, _) in LOGEMENT.items()}
COLONNE_DU_CHAMP_BAILLEUR = {champ: col for col, (champ, _) in BAILLEUR.items()}


@dataclass
class Contexte:
    """Tout ce que la validation consulte, chargé une fois pour le fichier."""

    acteur: Acteur
    aujourd_hui: date
    logements: dict[str, Logement] = field(default_factory=dict)
    bailleurs: dict[str, Bailleur] = field(default_factory=dict)
    conventions: dict[str, Any] = field(default_factory=dict)
    capacites: dict[str, int] = field(default_factory=dict)
    communes: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def charger(cls, acteur: Acteur, aujourd_hui: date) -> Contexte:
        logements = selectors.logements_visibles(acteur).exclude(reference="")
        bailleurs = selectors.bailleurs_visibles(acteur).exclude(reference="")
        bareme = bareme_national()
        return cls(
            acteur=acteur,
            aujourd_hui=aujourd_hui,
            logements={lg.reference: lg for lg in logements},
            bailleurs={b.reference: b for b in bailleurs},
            conventions={c.numero: c for c in selectors.conventions_rattachables(acteur)},
            capacites={t.value: bareme.capacite_max_places[t] for t in Typologie},
        )

    def commune(self, saisie: str) -> str | None:
        if saisie not in self.communes:
            try:
                trouvee = resoudre(saisie, self.acteur.territoire.code)
            except CommuneAmbigue as erreur:
                raise ValueError(str(erreur)) from erreur
            self.communes[saisie] = trouvee.code if trouvee else None
        return self.communes[saisie]


def _convertir(
    valeurs: dict[str, str], table: dict, defauts: dict, numero: int, erreurs: list[Erreur]
) -> dict[str, Any]:
    """Les colonnes présentes dans le fichier, converties ; une cellule vide vaut « non
    renseigné » (None) ou la valeur par défaut du champ."""
    donnees: dict[str, Any] = {}
    for colonne, brut in valeurs.items():
        if colonne not in table:
            continue
        champ, conversion = table[colonne]
        if cv.vide(brut):
            donnees[champ] = defauts.get(champ, "" if conversion is str else None)
            continue
        try:
            donnees[champ] = conversion(brut)
        except ValueError as refus:
            erreurs.append(Erreur(numero, colonne, str(refus)))
    return donnees


def _requis(donnees: dict, existant: object, numero: int, erreurs: list[Erreur]) -> None:
    deja = {e.colonne for e in erreurs if e.ligne == numero}
    for champ in REQUIS_LOGEMENT:
        if champ in deja:
            continue
        absent = champ not in donnees and existant is None
        if absent or (champ in donnees and donnees[champ] in ("", None)):
            erreurs.append(Erreur(numero, champ, "valeur requise."))


def _regles_logement(
    ctx: Contexte, d: dict, existant: Logement | None, numero: int, erreurs: list[Erreur]
) -> None:
    def refus(champ: str, message: str) -> None:
        erreurs.append(Erreur(numero, COLONNE_DU_CHAMP_LOGEMENT[champ], message))

    if d.get("code_postal") and not CODE_POSTAL.match(d["code_postal"]):
        refus("code_postal", "cinq chiffres, par exemple 35000.")
    if d.get("commune"):
        try:
            code = ctx.commune(d["commune"])
        except ValueError as ambigue:
            code, _ = None, refus("commune", str(ambigue))
        else:
            if code is None:
                refus("commune", f"« {d['commune']} » n'est pas une commune de votre "
                      "département (nom ou code INSEE).")  # fmt: skip
        d["commune"] = code or d["commune"]
    _capacite(ctx, d, existant, refus)
    forme = d.get("forme") or (existant.forme if existant else "")
    if forme and forme != Mode.SOUS_LOCATION:
        if d.get("redevance") is not None:
            refus("redevance", "R-MODE : la redevance ne concerne que la sous-location.")
        if d.get("bail_glissant_possible"):
            refus("bail_glissant_possible", "R-MODE : le bail glissant est une sous-location.")
    if d.get("date_dpe") and d["date_dpe"] > ctx.aujourd_hui:
        refus("date_dpe", "la date du DPE ne peut pas être dans le futur.")
    if d.get("convention"):
        numero_convention = d["convention"]
        d["convention"] = ctx.conventions.get(numero_convention)
        if d["convention"] is None:
            refus("convention", f"« {numero_convention} » n'est pas une convention de "
                  "financement de votre organisation.")  # fmt: skip


def _capacite(ctx: Contexte, d: dict, existant: Logement | None, refus) -> None:
    """R-CAPACITY : vide, la capacité est le maximum de la typologie."""
    typologie = d.get("typologie") or (existant.typologie if existant else None)
    if typologie not in ctx.capacites:
        return
    maximum = ctx.capacites[typologie]
    if ("capacite" in d and d["capacite"] is None) or ("capacite" not in d and existant is None):
        d["capacite"] = maximum
    capacite = d.get("capacite")
    if capacite is not None and capacite < 1:
        refus("capacite", "une place au moins.")
    elif capacite is not None and capacite > maximum:
        libelle = Typologie(typologie).libelle
        refus("capacite", f"R-CAPACITY : {capacite} places dépassent le maximum de {maximum} "
              f"pour un logement « {libelle} ».")  # fmt: skip


def _regles_bailleur(
    ctx: Contexte, d: dict, existant: Bailleur | None, numero: int, erreurs: list[Erreur]
) -> None:
    if existant is None:
        d = {**DEFAUTS_BAILLEUR, **{k: v for k, v in d.items() if v is not None}}
    if existant is not None and existant.ne_pas_contacter and d.get("ne_pas_contacter") is False:
        erreurs.append(
            Erreur(numero, "bailleur_ne_pas_contacter", "R-CONTACT : la mention « ne pas "
                   "contacter » se retire sur la fiche du bailleur, pas par import.")
        )  # fmt: skip
    if ("nom" in d or existant is None) and not d.get("nom"):
        erreurs.append(Erreur(numero, "bailleur_nom", "valeur requise pour un bailleur."))
    if d.get("type") == "BAILLEUR_SOCIAL":
        erreurs.append(
            Erreur(numero, "bailleur_type", "R-PUBLIC-STOCK : un logement social est une "
                   "exception justifiée et datée ; saisissez-le sur sa fiche, pas par import.")
        )  # fmt: skip


def _ligne(ctx: Contexte, numero: int, valeurs: dict[str, str], erreurs: list[Erreur]):
    avant = len(erreurs)
    ref_logement, ref_bailleur = valeurs["reference_logement"], valeurs["reference_bailleur"]
    for colonne, ref in (
        ("reference_logement", ref_logement),
        ("reference_bailleur", ref_bailleur),
    ):
        if not ref:
            erreurs.append(Erreur(numero, colonne, "valeur requise."))
    bailleur = _convertir(valeurs, BAILLEUR, DEFAUTS_BAILLEUR, numero, erreurs)
    ancien = ctx.bailleurs.get(ref_bailleur)
    for colonne, champ in (
        ("bailleur_consentement", "consentement_contact"),
        ("bailleur_ne_pas_contacter", "ne_pas_contacter"),
    ):
        if champ in bailleur and (bailleur[champ] is None or cv.vide(valeurs.get(colonne, ""))):
            # Cellule vide : la fiche garde sa valeur (non pour un bailleur nouveau).
            bailleur[champ] = bool(ancien and getattr(ancien, champ))
    logement = _convertir(valeurs, LOGEMENT, DEFAUTS_LOGEMENT, numero, erreurs)
    for champ in ("meuble", "bail_glissant_possible"):
        if champ in logement and logement[champ] is None:
            logement[champ] = False
    existant = ctx.logements.get(ref_logement)
    _requis(logement, existant, numero, erreurs)
    _regles_logement(ctx, logement, existant, numero, erreurs)
    _regles_bailleur(ctx, bailleur, ctx.bailleurs.get(ref_bailleur), numero, erreurs)
    if existant is not None:
        _existant(existant, ref_bailleur, numero, erreurs)
    if len(erreurs) > avant:
        return None
    return LigneValide(numero, ref_logement, ref_bailleur, bailleur, logement)


def _existant(logement: Logement, ref_bailleur: str, numero: int, erreurs: list[Erreur]) -> None:
    # Un logement restitué ne change plus : une ligne identique passe (« inchangé », l'export
    # se réimporte), une ligne modifiée est refusée par le service (R-PARC).
    if ref_bailleur and logement.bailleur.reference != ref_bailleur:
        erreurs.append(
            Erreur(numero, "reference_bailleur", f"ce logement appartient au bailleur "
                   f"« {logement.bailleur.reference or logement.bailleur} » ; un changement de "
                   "bailleur se fait sur la fiche du logement.")
        )  # fmt: skip


def _doublons(lignes: list[tuple[int, dict[str, str]]], erreurs: list[Erreur]) -> None:
    vues: dict[str, int] = {}
    for numero, valeurs in lignes:
        ref = valeurs["reference_logement"]
        if ref and ref in vues:
            erreurs.append(Erreur(numero, "reference_logement",
                                  f"« {ref} » figure déjà ligne {vues[ref]}."))  # fmt: skip
        vues.setdefault(ref, numero)


def _bailleurs_coherents(lignes: list[LigneValide], erreurs: list[Erreur]) -> None:
    """Un bailleur présent sur plusieurs lignes y porte les mêmes coordonnées."""
    premieres: dict[str, LigneValide] = {}
    for ligne in lignes:
        premiere = premieres.setdefault(ligne.reference_bailleur, ligne)
        for champ, valeur in ligne.bailleur.items():
            if premiere.bailleur.get(champ, valeur) != valeur:
                colonne = COLONNE_DU_CHAMP_BAILLEUR[champ]
                message = (
                    f"le bailleur « {ligne.reference_bailleur} » a une autre valeur "
                    f"ligne {premiere.numero}."
                )
                erreurs.append(Erreur(ligne.numero, colonne, message))


def valider(
    ctx: Contexte, tableau: Tableau, avancer: Callable[[float], None] = lambda f: None
) -> list[LigneValide]:
    """Toutes les lignes, ou `ErreursImport` avec toutes les erreurs du fichier."""
    erreurs: list[Erreur] = []
    _doublons(tableau.lignes, erreurs)
    valides: list[LigneValide] = []
    pas = max(1, len(tableau.lignes) // 20)
    for rang, (numero, valeurs) in enumerate(tableau.lignes, start=1):
        if (ligne := _ligne(ctx, numero, valeurs, erreurs)) is not None:
            valides.append(ligne)
        if rang % pas == 0:
            avancer(rang / len(tableau.lignes))
    _bailleurs_coherents(valides, erreurs)
    if erreurs:
        erreurs.sort(key=lambda e: -1 if e.ligne is None else e.ligne)  # fichier d'abord
        raise ErreursImport(erreurs)
    return valides
