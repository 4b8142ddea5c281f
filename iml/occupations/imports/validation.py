"""Validation de toutes les lignes d'un import des ménages avant toute écriture : chaque erreur
nomme sa ligne et sa colonne (« Ligne 4, date d'entrée : … ») et, le cas échéant, sa règle. Les
recherches (ménages, logements, référents) sont faites une fois pour tout le fichier."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from iml.comptes.acteur import Acteur
from iml.comptes.enums import Role
from iml.comptes.models import Adhesion
from iml.menages.enums import PublicSpecialise, SituationAvant
from iml.menages.models import Menage
from iml.occupations.imports.colonnes import COLONNES_OCCUPATION, dans_une_phrase
from iml.occupations.parametres import bareme
from iml.parc.imports import conversions as cv
from iml.parc.imports.lecture import Tableau
from iml.parc.models import Logement
from regles.bareme import Bareme
from regles.occupations import periodes_permises
from regles.types import Categorie, LienPersonne, Mode, NatureRessource, SuiteParcours

CATEGORIES = cv._table(Categorie.choices(), ("specialisee", "SPECIALISEE"))
PUBLICS = cv._table(
    PublicSpecialise.choices, ("sortants d'ase", "SORTANTS_ASE"), ("ase", "SORTANTS_ASE"),
    ("violences", "VICTIMES_VIOLENCES"), ("autre", "AUTRE"),
)  # fmt: skip
SITUATIONS = cv._table(
    SituationAvant.choices, ("hebergement", "HEBERGEMENT"), ("hotel", "HOTEL"),
    ("sans abri", "RUE"), ("rue", "RUE"), ("tiers", "TIERS"), ("expulsion", "EXPULSION"),
    ("rupture familiale", "RUPTURE_FAMILIALE"), ("logement indigne", "LOGEMENT_INDIGNE"),
    ("autre", "AUTRE"),
)  # fmt: skip
LIENS = cv._table(
    LienPersonne.choices(), ("conjoint", "CONJOINT"), ("conjointe", "CONJOINT"),
    ("enfant", "ENFANT"), ("parent", "PARENT"), ("autre", "AUTRE"),
)  # fmt: skip
SUITES = cv._table(
    SuiteParcours.choices(), ("bail glissant", "BAIL_GLISSANT"),
    ("relogement social", "RELOGEMENT_SOCIAL"), ("relogement prive", "RELOGEMENT_PRIVE"),
    ("procedure prioritaire", "PROCEDURE_PRIORITAIRE"),
)  # fmt: skip
RESSOURCES = {
    "salaires": NatureRessource.SALAIRE, "rsa": NatureRessource.RSA,
    "aah": NatureRessource.AAH, "prestations_familiales": NatureRessource.PRESTATIONS_FAMILIALES,
    "aide_logement": NatureRessource.AIDE_LOGEMENT, "autres_ressources": NatureRessource.AUTRE,
}  # fmt: skip
MEMBRE = re.compile(r"^\s*(.+?)\s+(\d{4})\s*$")


@dataclass(frozen=True)
class Erreur:
    ligne: int | None
    colonne: str | None
    message: str
    #: La colonne au fil d'une phrase, pour un autre import (sinon celle des ménages).
    libelle: str | None = None

    @property
    def texte(self) -> str:
        if self.ligne is None:
            return self.message
        if self.colonne is None:
            return f"Ligne {self.ligne} : {self.message}"
        colonne = self.libelle or dans_une_phrase(self.colonne)
        return f"Ligne {self.ligne}, {colonne} : {self.message}"


class ErreursImport(Exception):
    def __init__(self, erreurs: list[Erreur]) -> None:
        super().__init__(f"{len(erreurs)} erreur(s)")
        self.erreurs = erreurs


@dataclass
class OccupationImportee:
    logement: Logement
    forme: str
    date_entree: date
    loyer: Decimal
    charges: Decimal
    suite_parcours: str
    renouvellements: int


@dataclass
class LigneValide:
    numero: int
    reference: str
    menage: dict[str, Any]
    referent: Any  # `None` : pas de colonne ou cellule vide (rien ne change)
    membres: list[tuple[str, int]]
    ressources: list[tuple[str, Decimal]]
    connue_le: date | None
    occupation: OccupationImportee | None


@dataclass
class Contexte:
    """Tout ce que la validation consulte, chargé une fois pour le fichier."""

    acteur: Acteur
    aujourd_hui: date
    bareme: Bareme
    menages: dict[str, Menage] = field(default_factory=dict)
    logements: dict[str, Logement] = field(default_factory=dict)
    referents: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def charger(cls, acteur: Acteur, aujourd_hui: date) -> Contexte:
        organisation = acteur.organisation
        adhesions = Adhesion.objects.filter(
            organisation=organisation, role=Role.TRAVAILLEUR_SOCIAL, actif=True
        ).select_related("utilisateur")
        return cls(
            acteur=acteur,
            aujourd_hui=aujourd_hui,
            bareme=bareme(),
            menages={m.reference: m for m in Menage.objects.filter(operateur=organisation)},
            logements={
                lg.reference: lg
                for lg in Logement.objects.filter(operateur=organisation).exclude(reference="")
            },
            referents={a.utilisateur.email.casefold(): a.utilisateur for a in adhesions},
        )


def _texte(longueur: int) -> Callable[[str], str]:
    def convertir(brut: str) -> str:
        if len(brut) > longueur:
            raise ValueError(f"{longueur} caractères au plus.")
        return brut

    return convertir


def _membres(brut: str) -> list[tuple[str, int]]:
    membres = []
    for morceau in filter(None, (m.strip() for m in brut.split(";"))):
        trouve = MEMBRE.match(morceau)
        lien = LIENS.get(cv.cle(trouve.group(1))) if trouve else None
        if trouve is None or lien is None:
            raise ValueError(
                f"« {morceau} » : écrivez le lien puis l'année de naissance, par exemple "
                "« enfant 2016 ; conjoint 1985 » (conjoint, enfant, parent, autre)."
            )
        membres.append((lien, int(trouve.group(2))))
    return membres


#: Colonne -> (champ du ménage, conversion).
MENAGE: dict[str, tuple[str, Callable[[str], Any]]] = {
    "nom": ("nom", _texte(100)),
    "prenom": ("prenom", _texte(100)),
    "date_naissance": ("date_naissance", cv.jour),
    "categorie": ("categorie", cv.choix(CATEGORIES, "classique, spécialisée ou psy")),
    "public_specialise": ("public_specialise", cv.choix(PUBLICS, "jeunes, sortants d'ASE…")),
    "situation_avant": ("situation_avant", cv.choix(SITUATIONS, "hébergement, hôtel…")),
    "orientation_siao_reference": ("orientation_siao_reference", _texte(60)),
    "orientation_siao_le": ("orientation_siao_le", cv.jour),
}
COLONNE_DU_CHAMP = {champ: col for col, (champ, _) in MENAGE.items()} | {
    "referent": "referent", "reference": "reference", "logement": "reference_logement",
    "forme": "forme", "date_entree": "date_entree", "loyer": "loyer", "charges": "charges",
    "suite_parcours": "suite_parcours", "decide_le": "renouvellements", "rang": "renouvellements",
    "annee_naissance": "membres", "connue_le": "ressources_connues_le",
}  # fmt: skip
DATES_PASSEES = ("date_naissance", "orientation_siao_le", "ressources_connues_le", "date_entree")


class _Ligne:
    """La validation d'une ligne : conversions, puis règles croisées."""

    def __init__(self, ctx: Contexte, numero: int, valeurs: dict[str, str]) -> None:
        self.ctx, self.numero, self.valeurs = ctx, numero, valeurs
        self.erreurs: list[Erreur] = []

    def refus(self, colonne: str | None, message: str) -> None:
        self.erreurs.append(Erreur(self.numero, colonne, message))

    def convertir(self, colonne: str, conversion: Callable[[str], Any]) -> Any:
        brut = self.valeurs.get(colonne, "")
        if cv.vide(brut):
            return None
        try:
            valeur = conversion(brut)
        except ValueError as refus:
            self.refus(colonne, str(refus))
            return None
        if colonne in DATES_PASSEES and valeur > self.ctx.aujourd_hui:
            self.refus(colonne, "la date ne peut pas être dans le futur.")
            return None
        return valeur

    def valider(self) -> LigneValide | None:
        reference = self.valeurs.get("reference", "")
        if not reference:
            self.refus("reference", "valeur requise.")
        elif len(reference) > 60:
            self.refus("reference", "60 caractères au plus.")
        menage = {}
        for colonne, (champ, conversion) in MENAGE.items():
            if colonne in self.valeurs:
                valeur = self.convertir(colonne, conversion)
                menage[champ] = "" if valeur is None and champ not in DATES_PASSEES else valeur
        for requise in ("nom", "prenom", "date_naissance"):
            if not menage.get(requise) and not any(e.colonne == requise for e in self.erreurs):
                self.refus(requise, "valeur requise.")
        referent = self._referent()
        membres = self.convertir("membres", _membres) or []
        for _, annee in membres:
            if not 1900 <= annee <= self.ctx.aujourd_hui.year:
                self.refus("membres", f"année de naissance {annee} hors de 1900 à aujourd'hui.")
        ressources = [
            (nature, montant)
            for colonne, nature in RESSOURCES.items()
            if (montant := self.convertir(colonne, cv.decimal)) is not None
        ]
        connue_le = self.convertir("ressources_connues_le", cv.jour)
        if ressources and connue_le is None and "ressources_connues_le" not in self._en_erreur():
            self.refus("ressources_connues_le", "requise quand une ressource est donnée.")
        occupation = self._occupation()
        if self.erreurs:
            return None
        return LigneValide(
            self.numero, reference, menage, referent, membres, ressources, connue_le, occupation
        )

    def _en_erreur(self) -> set[str | None]:
        return {e.colonne for e in self.erreurs}

    def _referent(self) -> Any:
        courriel = self.valeurs.get("referent", "")
        if cv.vide(courriel):
            return None
        referent = self.ctx.referents.get(courriel.casefold())
        if referent is None:
            self.refus("referent", f"« {courriel} » n'est pas un travailleur social actif de "
                       "votre organisation.")  # fmt: skip
        return referent

    def _occupation(self) -> OccupationImportee | None:
        if not any(not cv.vide(self.valeurs.get(c, "")) for c in COLONNES_OCCUPATION):
            return None
        ref = self.valeurs.get("reference_logement", "")
        logement = self.ctx.logements.get(ref)
        if cv.vide(ref):
            self.refus("reference_logement", "requise pour une occupation en cours.")
        elif logement is None:
            self.refus("reference_logement", f"« {ref} » n'est pas un logement de votre parc "
                       "(votre référence du logement).")  # fmt: skip
        forme = self.convertir("forme", cv.choix(cv.FORMES, "mandat de gestion ou sous-location"))
        forme = forme or (logement.forme if logement else None)
        valeurs = {
            c: self.convertir(c, conv)
            for c, conv in (("date_entree", cv.jour), ("loyer", cv.decimal),
                            ("charges", cv.decimal))
        }  # fmt: skip
        for colonne, valeur in valeurs.items():
            if valeur is None and colonne not in self._en_erreur():
                self.refus(colonne, "requis pour une occupation en cours.")
        suite = self.convertir("suite_parcours", cv.choix(SUITES, "glissement de bail…")) or ""
        # Cellule vide : aucun renouvellement fait (règle de la colonne, pas une inconnue).
        faits = self.convertir("renouvellements", cv.entier)
        rang = 0 if faits is None else faits
        self._renouvellements(forme, valeurs["date_entree"], rang)
        if logement is None or forme is None or None in valeurs.values():
            return None
        return OccupationImportee(logement, forme, valeurs["date_entree"], valeurs["loyer"],
                                  valeurs["charges"], suite, rang)  # fmt: skip

    def _renouvellements(self, forme: str | None, entree: date | None, rang: int) -> None:
        """R-SL-DURATION : 0 à 2 renouvellements, en sous-location, et la période en cours ne
        s'est pas achevée avant l'import."""
        maximum = self.ctx.bareme.sl_renouvellements_max
        if rang and forme != Mode.SOUS_LOCATION:
            self.refus("renouvellements", "R-SL-DURATION : seule une sous-location se renouvelle.")
        elif not 0 <= rang <= maximum:
            self.refus("renouvellements", f"R-SL-DURATION : de 0 à {maximum}.")
        elif forme == Mode.SOUS_LOCATION and entree is not None:
            fin = periodes_permises(entree, self.ctx.bareme)[rang].fin
            if fin < self.ctx.aujourd_hui:
                self.refus("renouvellements", (
                    f"R-SL-DURATION : avec {rang} renouvellement{'s' if rang > 1 else ''}, "
                    f"la sous-location entrée le {entree:%d/%m/%Y} a pris fin le {fin:%d/%m/%Y} "
                    "; indiquez les renouvellements faits ou notez la sortie du ménage."
                ))  # fmt: skip


def _doublons(lignes: list[tuple[int, dict[str, str]]], erreurs: list[Erreur]) -> None:
    vues: dict[str, int] = {}
    logements: dict[str, int] = {}
    for numero, valeurs in lignes:
        ref = valeurs.get("reference", "")
        if ref and ref in vues:
            erreurs.append(Erreur(numero, "reference", f"« {ref} » figure déjà ligne {vues[ref]}."))
        vues.setdefault(ref, numero)
        logement = valeurs.get("reference_logement", "")
        if logement and logement in logements:
            erreurs.append(Erreur(numero, "reference_logement", f"« {logement} » est déjà "
                                  f"occupé ligne {logements[logement]}."))  # fmt: skip
        logements.setdefault(logement, numero)


def valider(
    ctx: Any,
    tableau: Tableau,
    avancer: Callable[[float], None] = lambda f: None,
    ligne_de: Callable[..., Any] = _Ligne,
    doublons: Callable[[list, list], None] = _doublons,
) -> list[Any]:
    """Toutes les lignes, ou `ErreursImport` avec toutes les erreurs du fichier ; `ligne_de`
    et `doublons` : la validation d'un autre import (les demandes du SIAO)."""
    erreurs: list[Erreur] = []
    doublons(tableau.lignes, erreurs)
    valides: list[Any] = []
    pas = max(1, len(tableau.lignes) // 20)
    for rang, (numero, valeurs) in enumerate(tableau.lignes, start=1):
        ligne = ligne_de(ctx, numero, valeurs)
        if (valide := ligne.valider()) is not None:
            valides.append(valide)
        erreurs += ligne.erreurs
        if rang % pas == 0:
            avancer(rang / len(tableau.lignes))
    if erreurs:
        erreurs.sort(key=lambda e: -1 if e.ligne is None else e.ligne)
        raise ErreursImport(erreurs)
    return valides
