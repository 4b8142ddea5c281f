"""Le barème : jeu de paramètres daté, issu de couches national < régional < appel.

Un jeu de paramètres est un objet JSON (un fichier de `iml/referentiel/data/`, ou une ligne de
base) : {"code", "version", "niveau", "parent", "territoire", "libelle", "date_effet",
"source", "sources", "parametres"}. `fusionner_couches` fusionne en profondeur les `parametres`
d'une chaîne de jeux (la couche la plus spécifique l'emporte ; une liste est remplacée en
entier ; `null` efface la valeur héritée) puis lit le résultat en `Bareme`, en refusant toute
valeur absente, mal typée ou inconnue par `ParametreInvalide`, qui nomme le chemin du paramètre.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from regles import conversion as cv
from regles.lecture_bareme import lire_parametres
from regles.parametres import AppelDefaut, CritereSelection, Fourchette, Jalon, ParametresAppel
from regles.parametres_accompagnement import ParametresAccompagnement
from regles.parametres_occupations import ParametresOccupations
from regles.parametres_parc import ParametresParc
from regles.parametres_pilotage import ParametresPilotage
from regles.parametres_siao import ParametresSiao
from regles.types import Categorie, FormuleMandat, Mode, NiveauJeu, Typologie, Zone

__all__ = [
    "Bareme",
    "CritereSelection",
    "Fourchette",
    "Jalon",
    "ParametreInvalide",
    "ParametresAppel",
    "ParametresParc",
    "fusionner_couches",
    "resoudre_chaine",
]


class ParametreInvalide(cv.ValeurInvalide):
    """Jeu de paramètres refusé ; `champ` est le chemin (`parametres.cout_etp`)."""


@dataclass(frozen=True)
class Bareme:
    """Jeu de paramètres résolu ; `bareme_id` et `version` sont ceux de la dernière couche."""

    bareme_id: str
    version: int
    libelle: str
    date_effet: date
    couches: tuple[tuple[str, int], ...]
    capacite_max_places: Mapping[Typologie, int]
    petits_logements_typologies: frozenset[Typologie]
    petits_logements_part_min_pct: Decimal
    repartition_cible_pct: Mapping[Mode, Decimal]
    repartition_tolerance_pct: Decimal
    taux_effort_max_pct: Mapping[Mode, Decimal]
    pourcentages_arrondi: Decimal
    reste_a_vivre_min_jour_personne: Decimal | None
    jours_par_mois: int
    sl_duree_mois: int
    sl_renouvellements_max: int
    sl_fin_veille_echeance: bool
    mg_financement_duree_max_mois: int
    mg_revue_periodicite_mois: int | None
    cout_captation_par_logement: Fourchette
    cout_gestion_par_logement: Mapping[Mode, Fourchette]
    cout_accompagnement_indicatif_par_menage: Decimal
    cout_moyen_max_par_place: Decimal
    menages_par_etp: Decimal
    cout_etp: Decimal
    ratio_accompagnement_modes: frozenset[Mode]
    frais_gestion_accompagnement_pct: Decimal
    menages_par_logement: int
    plafonds_sous_location: Mapping[Categorie, Mapping[Zone, Decimal]] | None
    plafonds_mandat_gestion: Mapping[FormuleMandat, Mapping[Zone, Decimal]] | None
    prorata_mois_inclus: bool
    mois_mobilisation_dans_trimestre: int
    echeancier_cumulatif: bool
    dalo_hebergement_mois: int
    dalo_logement_transition_mois: int
    chez_soi_places: Mapping[str, int]
    petit_chez_soi_visites_min_semaine: int
    petit_chez_soi_financement_par_place: Mapping[str, Decimal]
    cd_accompagnement_duree_max_mois: int
    appel: ParametresAppel | None
    appel_defaut: AppelDefaut | None
    convention_avance_pct: Decimal | None = None
    parc: ParametresParc | None = None
    occupations: ParametresOccupations | None = None
    accompagnement: ParametresAccompagnement | None = None
    siao: ParametresSiao | None = None
    pilotage: ParametresPilotage | None = None

    def capacite(self, typologie: Typologie) -> int:
        """R-CAPACITY : places au plus dans un logement de cette typologie."""
        return self.capacite_max_places[typologie]


_ENVELOPPE_REQUISE = {"code", "version", "niveau", "libelle", "date_effet", "parametres"}
_ENVELOPPE_PERMISE = {"parent", "territoire", "source", "sources"}


def lire_enveloppe(jeu: object, chemin: str = "") -> tuple[str, int, NiveauJeu, str | None]:
    """Vérifie l'enveloppe d'un jeu ; renvoie (code, version, niveau, parent)."""
    try:
        obj = cv.objet(jeu, chemin)
        cv.cles(obj, chemin, requises=_ENVELOPPE_REQUISE, permises=_ENVELOPPE_PERMISE)
        code = cv.texte(obj["code"], cv.sous(chemin, "code"))
        if not code:
            raise cv.ValeurInvalide(cv.sous(chemin, "code"), "code vide")
        version = cv.entier(obj["version"], cv.sous(chemin, "version"), minimum=1)
        niveau = cv.choix(NiveauJeu, obj["niveau"], cv.sous(chemin, "niveau"))
        parent = cv.texte_ou_none(obj.get("parent"), cv.sous(chemin, "parent"))
        cv.objet(obj["parametres"], cv.sous(chemin, "parametres"))
        cv.texte(obj["libelle"], cv.sous(chemin, "libelle"))
        cv.jour(obj["date_effet"], cv.sous(chemin, "date_effet"))
    except ParametreInvalide:
        raise
    except cv.ValeurInvalide as e:
        raise ParametreInvalide(e.champ, e.message) from e
    return code, version, niveau, parent


def fusion_profonde(base: Mapping[str, Any], dessus: Mapping[str, Any]) -> dict[str, Any]:
    """Fusion de deux objets : `dessus` l'emporte, les sous-objets se fusionnent."""
    resultat = dict(base)
    for cle, valeur in dessus.items():
        ancien = resultat.get(cle)
        if isinstance(ancien, Mapping) and isinstance(valeur, Mapping):
            resultat[cle] = fusion_profonde(ancien, valeur)
        else:
            resultat[cle] = valeur
    return resultat


def _verifier_chaine(couches: Sequence[object]) -> list[tuple[str, int, NiveauJeu, str | None]]:
    if not couches:
        raise ParametreInvalide("couches", "au moins un jeu de paramètres (national) attendu")
    entetes = [lire_enveloppe(c, f"couches[{i}]") for i, c in enumerate(couches)]
    ordre = list(NiveauJeu)
    if entetes[0][2] is not NiveauJeu.NATIONAL or entetes[0][3] is not None:
        raise ParametreInvalide(
            "couches[0].niveau", "la première couche est nationale, sans parent"
        )
    for i in range(1, len(entetes)):
        code, _, niveau, parent = entetes[i]
        if ordre.index(niveau) <= ordre.index(entetes[i - 1][2]):
            raise ParametreInvalide(
                f"couches[{i}].niveau",
                f"niveau {niveau.value} après {entetes[i - 1][2].value} : ordre national < "
                "régional < départemental < appel attendu",
            )
        if parent != entetes[i - 1][0]:
            raise ParametreInvalide(
                f"couches[{i}].parent", f"parent « {parent} » attendu « {entetes[i - 1][0]} »"
            )
    return entetes


def fusionner_couches(couches: Sequence[Mapping[str, Any]]) -> Bareme:
    """Barème d'une chaîne de jeux, du national au plus spécifique (R-AAC, R-CEILING-NA…).

    Fonction pure : elle ne lit aucun fichier. La dernière couche donne `bareme_id`, `version`,
    `libelle` et `date_effet` ; `couches` garde (code, version) de chaque couche.
    """
    entetes = _verifier_chaine(couches)
    fusion: dict[str, Any] = {}
    for couche in couches:
        fusion = fusion_profonde(fusion, couche["parametres"])
    try:
        valeurs = lire_parametres(fusion, "parametres")
    except cv.ValeurInvalide as e:
        raise ParametreInvalide(e.champ, e.message) from e
    derniere = couches[-1]
    return Bareme(
        bareme_id=entetes[-1][0],
        version=entetes[-1][1],
        libelle=cv.texte(derniere["libelle"], "libelle"),
        date_effet=cv.jour(derniere["date_effet"], "date_effet"),
        couches=tuple((e[0], e[1]) for e in entetes),
        **valeurs,
    )


def resoudre_chaine(jeux: Mapping[str, Mapping[str, Any]], code: str) -> list[Mapping[str, Any]]:
    """La chaîne de jeux de `code` jusqu'au national, dans l'ordre national → `code`.

    `jeux` associe chaque code à son jeu. Un code ou un parent inconnu, ou un cycle, lève
    `ParametreInvalide`.
    """
    chaine: list[Mapping[str, Any]] = []
    vus: set[str] = set()
    courant: str | None = code
    while courant is not None:
        if courant in vus:
            raise ParametreInvalide("parent", f"cycle dans les parents du jeu « {code} »")
        if courant not in jeux:
            raise ParametreInvalide("code", f"jeu de paramètres « {courant} » introuvable")
        vus.add(courant)
        jeu = jeux[courant]
        chaine.insert(0, jeu)
        courant = lire_enveloppe(jeu, courant)[3]
    return chaine
