"""Chiffres d'activité de l'accompagnement pour une année (R-STATS), par opérateur et au total :
ménages accompagnés, contacts par ménage et par mois par canal, plans par intensité et par
dispositif, orientations par type de partenaire et par suite, plans clos par issue. Des
nombres, jamais un nom ; une moyenne sans mois d'accompagnement est « non renseignée » (`None`,
R-UNKNOWN), jamais 0. Pour l'État (et l'administration), un opérateur sans aucun plan dans
l'année n'a rien déclaré : tous ses nombres sont « non renseignés », hors du total.

Les comptes viennent des requêtes groupées de `selectors_chiffres` ; les moyennes et les mois
d'accompagnement se calculent par `regles` (le total recalcule la moyenne sur toutes les lignes,
il n'additionne pas des moyennes). Le même tableau sert à l'écran et à l'export CSV.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from iml.accompagnement import selectors_chiffres as lectures
from iml.comptes.models import Organisation
from regles import format as fmt
from regles.accompagnement import moyenne
from regles.activite_accompagnement import mois_accompagnes
from regles.types import Choix, Dispositif
from regles.types_accompagnement import (
    CanalContact,
    Intensite,
    IssueOrientation,
    IssuePlan,
    TypePartenaire,
)

Valeur = int | Decimal | None


@dataclass
class Colonne:
    """Les comptes d'un opérateur (ou du total) pour l'année."""

    libelle: str
    menages: int = 0
    mois: int = 0  # mois d'accompagnement : ménages × mois
    plans: int = 0
    intensites: Counter[str] = field(default_factory=Counter)
    dispositifs: Counter[str] = field(default_factory=Counter)
    clos: Counter[str] = field(default_factory=Counter)
    contacts: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    suites: Counter[str] = field(default_factory=Counter)
    connue: bool = True  # False : aucun plan dans l'année, nombres non renseignés

    def ajouter(self, autre: Colonne) -> None:
        self.menages += autre.menages
        self.mois += autre.mois
        self.plans += autre.plans
        for nom in ("intensites", "dispositifs", "clos", "contacts", "types", "suites"):
            getattr(self, nom).update(getattr(autre, nom))


@dataclass(frozen=True)
class Ligne:
    libelle: str
    valeurs: list[Valeur]


@dataclass(frozen=True)
class Tableau:
    """Une rubrique : une ligne par catégorie, une colonne par opérateur (et le total)."""

    ident: str
    titre: str
    lignes: list[Ligne]
    moyennes: bool = False


@dataclass(frozen=True)
class Chiffres:
    annee: int
    colonnes: list[str]
    tableaux: list[Tableau]
    non_renseignes: list[str] = field(default_factory=list)  # opérateurs sans plan (R-UNKNOWN)


def _masquer(tableaux: list[Tableau], colonnes: list[Colonne]) -> list[Tableau]:
    """R-UNKNOWN : les nombres d'une colonne inconnue sont « non renseignés », jamais 0."""
    inconnues = {i for i, c in enumerate(colonnes) if not c.connue}
    if not inconnues:
        return tableaux
    for tableau in tableaux:
        for ligne in tableau.lignes:
            for i in inconnues:
                ligne.valeurs[i] = None
    return tableaux


def _par_categorie(colonnes: list[Colonne], attribut: str, choix: type[Choix]) -> list[Ligne]:
    return [Ligne(c.libelle, [getattr(col, attribut)[c.value] for col in colonnes]) for c in choix]


def _tableaux(annee: int, colonnes: list[Colonne]) -> list[Tableau]:
    activite = [
        Ligne("Ménages accompagnés", [c.menages for c in colonnes]),
        Ligne("Mois d'accompagnement (ménages × mois)", [c.mois for c in colonnes]),
        Ligne("Plans d'accompagnement", [c.plans for c in colonnes]),
        Ligne("Contacts", [c.contacts.total() for c in colonnes]),
        Ligne("Orientations vers un partenaire", [c.types.total() for c in colonnes]),
        Ligne("Plans clos", [c.clos.total() for c in colonnes]),
    ]
    par_mois = [
        Ligne(canal.libelle, [moyenne(c.contacts[canal.value], c.mois) for c in colonnes])
        for canal in CanalContact
    ] + [Ligne("Tous canaux", [moyenne(c.contacts.total(), c.mois) for c in colonnes])]
    return [
        Tableau("activite", f"Accompagnement en {annee}", activite),
        Tableau("contacts", "Contacts par ménage et par mois, par canal", par_mois, True),
        Tableau(
            "intensite", "Plans par intensité", _par_categorie(colonnes, "intensites", Intensite)
        ),
        Tableau(
            "dispositif",
            "Plans par dispositif",
            _par_categorie(colonnes, "dispositifs", Dispositif),
        ),
        Tableau(
            "orientations_type",
            "Orientations par type de partenaire",
            _par_categorie(colonnes, "types", TypePartenaire),
        ),
        Tableau(
            "orientations_suite",
            "Orientations par suite",
            _par_categorie(colonnes, "suites", IssueOrientation),
        ),
        Tableau(
            "clos", f"Plans clos en {annee}, par issue", _par_categorie(colonnes, "clos", IssuePlan)
        ),
    ]


def _compter_plans(
    colonnes: dict[int, Colonne], plans: list[tuple], annee: int, jour: date
) -> None:
    periodes: dict[tuple[int, int], list[tuple[date, date | None]]] = defaultdict(list)
    for operateur, menage, debut, fin, intensite, dispositif, issue in plans:
        colonne = colonnes[operateur]
        colonne.plans += 1
        colonne.intensites[intensite] += 1
        colonne.dispositifs[dispositif] += 1
        if fin is not None and fin.year == annee:
            colonne.clos[issue] += 1
        periodes[(operateur, menage)].append((debut, fin))
    for (operateur, _), dates in periodes.items():
        colonnes[operateur].menages += 1
        colonnes[operateur].mois += mois_accompagnes(dates, annee, jour)


def chiffres(
    operateurs: list[Organisation],
    annee: int,
    aujourd_hui: date,
    *,
    cofinances: bool,
    avec_total: bool,
    sans_plan_inconnu: bool | None = None,
) -> Chiffres:
    """Les chiffres de chaque opérateur pour l'année, puis le total. Trois requêtes, quel que
    soit le nombre de plans, de contacts ou d'opérateurs. `sans_plan_inconnu` (par défaut : la
    lecture de plusieurs opérateurs, hors cofinanceur, c'est-à-dire l'État) : un opérateur sans
    aucun plan dans l'année est « non renseigné » et n'entre pas dans le total ; pour un
    cofinanceur, 0 plan qu'il finance est un vrai 0."""
    if sans_plan_inconnu is None:
        sans_plan_inconnu = avec_total and not cofinances
    ids = [o.pk for o in operateurs]
    colonnes = {o.pk: Colonne(o.nom) for o in operateurs}
    _compter_plans(
        colonnes, lectures.plans_de_l_annee(ids, annee, aujourd_hui, cofinances), annee, aujourd_hui
    )
    for operateur, canaux in lectures.contacts_par_canal(ids, annee, cofinances).items():
        colonnes[operateur].contacts.update(canaux)
    for operateur, type_, suite, n in lectures.orientations(ids, annee, cofinances):
        colonnes[operateur].types[type_] += n
        colonnes[operateur].suites[suite] += n
    liste = [colonnes[o.pk] for o in operateurs]
    if sans_plan_inconnu:
        for colonne in liste:
            colonne.connue = colonne.plans > 0
    if avec_total:
        total = Colonne("Total")
        for colonne in liste:
            if colonne.connue:
                total.ajouter(colonne)
        liste.append(total)
    inconnues = [c.libelle for c in liste if not c.connue]
    tableaux = _masquer(_tableaux(annee, liste), liste)
    return Chiffres(annee, [c.libelle for c in liste], tableaux, inconnues)


def annees_proposees(operateurs: list[Organisation], aujourd_hui: date) -> list[int]:
    """Les années du filtre : du premier plan connu à l'année en cours, la plus récente
    d'abord."""
    premiere = lectures.premiere_annee([o.pk for o in operateurs]) or aujourd_hui.year
    return list(range(aujourd_hui.year, min(premiere, aujourd_hui.year) - 1, -1))


ENTETES_CSV = ["Année", "Opérateur", "Rubrique", "Indicateur", "Valeur"]


def _texte(valeur: Valeur) -> object:
    """Une moyenne au dixième (« 2,5 ») ; un nombre entier tel quel ; `None` : « non
    renseigné » (écrit par l'export)."""
    return fmt.nombre(valeur) if isinstance(valeur, Decimal) else valeur


def lignes_csv(c: Chiffres) -> list[list[object]]:
    """Une ligne par opérateur (ou total), rubrique et indicateur : les chiffres de l'écran."""
    return [
        [c.annee, colonne, tableau.titre, ligne.libelle, _texte(ligne.valeurs[i])]
        for tableau in c.tableaux
        for ligne in tableau.lignes
        for i, colonne in enumerate(c.colonnes)
    ]
