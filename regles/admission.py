"""Contrôle d'admission d'un ménage dans un logement (R-CAPACITY, R-EFFORT-MG, R-EFFORT-SL,
R-CATEGORY, R-SL-DURATION, R-MODE).

Chaque contrôle rend ses chiffres et son constat ; les erreurs bloquent l'admission. Seules
les erreurs des règles de `DEROGEABLES` peuvent être levées, par la direction, avec une
justification écrite : le taux d'effort et le reste à vivre (l'opérateur peut garantir un
reste à vivre par un autre moyen) et la catégorie d'IML (une place vacante peut accueillir un
autre public, motif écrit). La capacité du logement (R-CAPACITY) et la forme (R-MODE) ne se
lèvent jamais.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from regles.bareme import Bareme
from regles.capacite import verifier_adequation_menage
from regles.constats import Constat, a_des_erreurs, alerte, erreur, info, trier
from regles.effort import ResultatEffort, SituationMenage, verifier_effort
from regles.format import pluriel
from regles.publics import verifier_categorie
from regles.types import Categorie, Mode, Niveau, SuiteParcours, Typologie

#: Règles dont une erreur peut être levée par la direction, avec une justification écrite.
DEROGEABLES: frozenset[str] = frozenset({"R-EFFORT-MG", "R-EFFORT-SL", "R-CATEGORY"})


@dataclass(frozen=True)
class DemandeAdmission:
    """Ce que l'admission contrôle ; `None` = non renseigné (R-UNKNOWN)."""

    mode: Mode
    bail_glissant: bool
    typologie: Typologie
    capacite_logement: int
    personnes: int
    loyer: Decimal | None
    charges: Decimal | None
    aide_logement: Decimal | None
    ressources: Decimal | None
    categorie: Categorie | None
    public_specialise: str | None
    categorie_financee: Categorie | None
    convention: bool
    suite_parcours: SuiteParcours | None


@dataclass(frozen=True)
class ResultatAdmission:
    """Les constats triés (erreurs d'abord), les chiffres de l'effort et ce qui bloque."""

    constats: tuple[Constat, ...]
    effort: ResultatEffort

    @property
    def erreurs(self) -> tuple[Constat, ...]:
        return tuple(c for c in self.constats if c.niveau is Niveau.ERREUR)

    @property
    def bloquant(self) -> bool:
        """Vrai si une erreur bloque l'admission."""
        return a_des_erreurs(self.constats)

    @property
    def derogeable(self) -> bool:
        """Vrai si toutes les erreurs appartiennent à des règles qui admettent une dérogation."""
        return self.bloquant and all(c.regle in DEROGEABLES for c in self.erreurs)


def _capacite(d: DemandeAdmission, bareme: Bareme) -> list[Constat]:
    """R-CAPACITY : la grille (typologie) et la capacité déclarée du logement."""
    constats = list(verifier_adequation_menage(d.typologie, d.personnes, bareme, "personnes"))
    if not constats and d.personnes > d.capacite_logement:
        constats.append(
            erreur(
                "R-CAPACITY",
                f"un ménage de {d.personnes} personnes dépasse la capacité de ce logement "
                f"({pluriel(d.capacite_logement, 'place')}).",
                "personnes",
            )
        )
    if not constats:
        constats.append(
            info(
                "R-CAPACITY",
                f"{pluriel(d.personnes, 'personne')} pour "
                f"{pluriel(d.capacite_logement, 'place')} : le ménage tient dans le logement.",
            )
        )
    return constats


def _categorie(d: DemandeAdmission) -> list[Constat]:
    """R-CATEGORY : la catégorie du ménage et celle que finance la convention du logement."""
    constats = list(verifier_categorie(d.categorie, d.public_specialise, True))
    if not d.convention:
        constats.append(
            alerte(
                "R-CATEGORY",
                "logement rattaché à aucune convention : la place n'est pas financée par l'État.",
                "logement",
            )
        )
    elif d.categorie_financee is not None and d.categorie not in (None, d.categorie_financee):
        constats.append(
            erreur(
                "R-CATEGORY",
                f"ménage en {d.categorie.libelle}, logement financé en "
                f"{d.categorie_financee.libelle} par sa convention.",
                "categorie",
            )
        )
    elif d.categorie is None:
        constats.append(info("R-CATEGORY", "catégorie d'IML du ménage non renseignée."))
    return constats


def _suite(d: DemandeAdmission) -> list[Constat]:
    """R-SL-DURATION : en sous-location, la suite du parcours est prévue dès l'entrée."""
    if d.mode is not Mode.SOUS_LOCATION or d.suite_parcours is not None:
        return []
    return [
        alerte(
            "R-SL-DURATION",
            "suite du parcours non prévue : elle doit l'être dès l'entrée (bail glissant, "
            "relogement, procédure prioritaire).",
            "suite_parcours",
        )
    ]


def controler_admission(d: DemandeAdmission, bareme: Bareme) -> ResultatAdmission:
    """Tous les contrôles de l'admission, avec leurs chiffres (effort et reste à vivre)."""
    effort = verifier_effort(
        SituationMenage(
            mode=d.mode,
            loyer=d.loyer,
            charges=d.charges,
            aide_logement=d.aide_logement,
            ressources=d.ressources,
            personnes=d.personnes,
            typologie=None,
            bail_glissant=d.bail_glissant,
        ),
        bareme,
    )
    constats = [*_capacite(d, bareme), *effort.constats, *_categorie(d), *_suite(d)]
    return ResultatAdmission(trier(constats), effort)
