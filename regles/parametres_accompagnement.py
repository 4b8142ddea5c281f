"""Paramètres de l'accompagnement social : étapes de la liste par moment et par forme
(R-ACCOMP-ETAPES), canaux comptés comme une visite (R-PETIT-CHEZ-SOI), délai sans contact
(R-ACCOMP-CONTACT).

Bloc facultatif `accompagnement` d'un jeu de paramètres ; absent d'un jeu d'avant son ajout, il
vaut `None` dans le `Bareme`. La lecture stricte du bloc est `lire_accompagnement`. Le seuil
des impayés qui ouvre une action budgétaire (R-ACCOMP-IMPAYES) est celui du bloc
`occupations` (`impayes_seuil_mois`) : une seule valeur pour l'alerte et pour l'action.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from regles import conversion as cv
from regles.types import Mode
from regles.types_accompagnement import CanalContact, MomentEtape

LIBELLE_MAX = 200


@dataclass(frozen=True)
class Etape:
    """Une étape de la liste : code stable (les coches le gardent), moment, formes, libellé."""

    code: str
    moment: MomentEtape
    formes: frozenset[Mode]
    libelle: str


@dataclass(frozen=True)
class ParametresAccompagnement:
    """Bloc `accompagnement` d'un barème."""

    etapes: tuple[Etape, ...]
    canaux_visite: frozenset[CanalContact]
    sans_contact_jours: int


NOMS_ACCOMPAGNEMENT: frozenset[str] = frozenset(f.name for f in fields(ParametresAccompagnement))


def _etape(v: object, chemin: str) -> Etape:
    obj = cv.objet(v, chemin)
    cv.cles(obj, chemin, requises={"code", "moment", "formes", "libelle"}, permises=set())
    code = cv.texte(obj["code"], cv.sous(chemin, "code"))
    if not code.replace("_", "").isalnum() or not code.isupper() or len(code) > 40:
        raise cv.ValeurInvalide(cv.sous(chemin, "code"), "code en majuscules ASCII attendu")
    formes_chemin = cv.sous(chemin, "formes")
    formes = frozenset(
        cv.choix(Mode, x, cv.indice(formes_chemin, i))
        for i, x in enumerate(cv.liste(obj["formes"], formes_chemin))
    )
    if not formes:
        raise cv.ValeurInvalide(formes_chemin, "au moins une forme attendue")
    libelle = cv.texte(obj["libelle"], cv.sous(chemin, "libelle"))
    if len(libelle) > LIBELLE_MAX:
        raise cv.ValeurInvalide(cv.sous(chemin, "libelle"), f"{LIBELLE_MAX} caractères au plus")
    return Etape(
        code, cv.choix(MomentEtape, obj["moment"], cv.sous(chemin, "moment")), formes, libelle
    )


def _etapes(v: object, chemin: str) -> tuple[Etape, ...]:
    etapes = tuple(_etape(x, cv.indice(chemin, i)) for i, x in enumerate(cv.liste(v, chemin)))
    codes = [e.code for e in etapes]
    if len(set(codes)) != len(codes):
        raise cv.ValeurInvalide(chemin, "code d'étape en double")
    return etapes


def lire_accompagnement(v: object, chemin: str) -> ParametresAccompagnement | None:
    """Lit le bloc `accompagnement` (toutes les clés requises, aucune inconnue) ; `None` reste
    `None`."""
    if v is None:
        return None
    obj = cv.objet(v, chemin)
    cv.cles(obj, chemin, requises=set(NOMS_ACCOMPAGNEMENT), permises=set())
    canaux_chemin = cv.sous(chemin, "canaux_visite")
    canaux = frozenset(
        cv.choix(CanalContact, x, cv.indice(canaux_chemin, i))
        for i, x in enumerate(cv.liste(obj["canaux_visite"], canaux_chemin))
    )
    if not canaux:
        raise cv.ValeurInvalide(canaux_chemin, "au moins un canal attendu")
    return ParametresAccompagnement(
        etapes=_etapes(obj["etapes"], cv.sous(chemin, "etapes")),
        canaux_visite=canaux,
        sans_contact_jours=cv.entier(
            obj["sans_contact_jours"], cv.sous(chemin, "sans_contact_jours"), minimum=1
        ),
    )
