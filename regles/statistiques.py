"""Statistiques annuelles d'un opérateur (R-STATS, 003 §4.9 : « Le remplissage annuel des
données statistiques … conditionne le renouvellement des conventions »).

Calcul pur : en entrée des instantanés figés (logements, ménages, occupations, activité
d'accompagnement) lus par l'application ; en sortie des lignes (clé, rubrique, libellé,
valeur). « Non renseigné » n'est jamais 0 (R-UNKNOWN) : une moyenne sans donnée vaut `None`,
une catégorie non saisie a sa propre ligne.

Conventions de comptage (présents, entrées, sorties, durée de séjour) :
docs/formats/statistiques-annuelles.md ; présents au 1er janvier + entrées − sorties = présents
au 31 décembre (en ménages).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from regles.calcul import arrondir
from regles.parc import mobilise_au
from regles.types import (
    Categorie,
    DestinationSortie,
    LienPersonne,
    Mode,
    NatureRessource,
    Typologie,
)

Valeur = int | Decimal | None

NON_RENSEIGNE = "NON_RENSEIGNE"
DESTINATIONS_LOGEMENT = (
    DestinationSortie.GLISSEMENT_BAIL,
    DestinationSortie.LOGEMENT_SOCIAL,
    DestinationSortie.LOGEMENT_PRIVE,
)

RUBRIQUES = (
    "Places au 31 décembre",
    "Ménages logés",
    "Entrées et sorties",
    "Composition des ménages logés",
    "Publics et catégories",
    "Ressources des ménages logés",
    "Activité d'accompagnement",
)


@dataclass(frozen=True)
class LogementFige:
    forme: str
    typologie: str
    capacite: int
    mobilise_le: date | None
    restitue_le: date | None
    statut: str = "DISPONIBLE"


@dataclass(frozen=True)
class MenageFige:
    id: int
    categorie: str
    public_specialise: str
    situation_avant: str
    naissance_reference: date
    membres: tuple[tuple[str, int], ...] = ()
    """(lien, année de naissance) des autres membres."""
    ressources: tuple[tuple[str, Decimal, date], ...] = ()
    """(nature, montant mensuel, connue le) : la plus récente de chaque nature compte."""


@dataclass(frozen=True)
class OccupationFigee:
    menage: int
    forme: str
    date_entree: date
    date_sortie: date | None = None
    destination: str = ""
    debut_parcours: date | None = None
    """Entrée de la première occupation de la chaîne (bail glissé puis mandat)."""
    a_une_precedente: bool = False
    a_une_suivante: bool = False


@dataclass(frozen=True)
class ActiviteFigee:
    """Activité d'accompagnement de l'année, déjà comptée."""

    contacts: int = 0
    contacts_minutes: int = 0
    contacts_sans_duree: int = 0
    menages_accompagnes: int = 0
    plans_ouverts: int = 0
    orientations_partenaires: int = 0


@dataclass(frozen=True)
class Ligne:
    cle: str
    rubrique: str
    libelle: str
    valeur: Valeur
    nature: str = "entier"
    """« entier », « decimal » (une décimale) ou « montant » (€)."""


@dataclass(frozen=True)
class LigneRevue:
    """Une ligne après corrections : la valeur calculée reste visible à côté de la retenue."""

    cle: str
    rubrique: str
    libelle: str
    calculee: Valeur
    corrigee: bool
    retenue: Valeur
    nature: str


def present(o: OccupationFigee, jour: date) -> bool:
    return o.date_entree <= jour and (o.date_sortie is None or o.date_sortie > jour)


def _pendant(o: OccupationFigee, debut: date, fin: date) -> bool:
    return o.date_entree <= fin and (o.date_sortie is None or o.date_sortie >= debut)


def _moyenne(valeurs: Sequence[Decimal | int], pas: str = "0.1") -> Decimal | None:
    if not valeurs:
        return None
    return arrondir(Decimal(sum(valeurs)) / len(valeurs), Decimal(pas))


Brute = tuple[str, str, Valeur] | tuple[str, str, Valeur, str]
"""(clé, libellé, valeur[, nature]) : une ligne avant sa rubrique."""


def _places(annee: int, logements: Iterable[LogementFige]) -> list[Brute]:
    fin = date(annee, 12, 31)
    # R-PARC, la définition commune : une année close, donc seules les dates comptent.
    actifs = [lg for lg in logements if mobilise_au(lg.statut, lg.mobilise_le, lg.restitue_le, fin)]
    lignes: list[Brute] = [
        ("logements", "Logements mobilisés", len(actifs)),
        ("places", "Places", sum(lg.capacite for lg in actifs)),
    ]
    for forme in Mode:
        de_forme = [lg for lg in actifs if lg.forme == forme]
        lignes.append((f"places.{forme}", f"Places — {forme.libelle}", _capacite(de_forme)))
        for typo in Typologie:
            places = _capacite([lg for lg in de_forme if lg.typologie == typo])
            lignes.append((f"places.{forme}.{typo}", f"{forme.libelle} — {typo.libelle}", places))
    return lignes


def _capacite(logements: Iterable[LogementFige]) -> int:
    return sum(lg.capacite for lg in logements)


def _menages_loges(annee: int, occupations: Sequence[OccupationFigee]) -> list[Brute]:
    debut, fin = date(annee, 1, 1), date(annee, 12, 31)
    pendant = [o for o in occupations if _pendant(o, debut, fin)]
    veille = debut - timedelta(days=1)
    lignes: list[Brute] = [
        ("menages_loges", "Ménages logés pendant l'année", len({o.menage for o in pendant})),
        ("presents_debut", "Ménages présents au 1er janvier", _presents(occupations, veille)),
        ("presents_fin", "Ménages présents au 31 décembre", _presents(occupations, fin)),
    ]
    for forme in Mode:
        menages = {o.menage for o in pendant if o.forme == forme}
        lignes.append((f"menages_loges.{forme}", f"Logés — {forme.libelle}", len(menages)))
    return lignes


def _presents(occupations: Iterable[OccupationFigee], jour: date) -> int:
    return len({o.menage for o in occupations if present(o, jour)})


def _entrees_sorties(annee: int, occupations: Sequence[OccupationFigee]) -> list[Brute]:
    entrees = [o for o in occupations if o.date_entree.year == annee and not o.a_une_precedente]
    finies = [o for o in occupations if o.date_sortie is not None and o.date_sortie.year == annee]
    sorties = [o for o in finies if not o.a_une_suivante]
    lignes: list[Brute] = [("entrees", "Entrées", len(entrees))]
    for forme in Mode:
        n = sum(1 for o in entrees if o.forme == forme)
        lignes.append((f"entrees.{forme}", f"Entrées — {forme.libelle}", n))
    lignes.append(("sorties", "Sorties", len(sorties)))
    for dest in DestinationSortie:
        n = sum(1 for o in sorties if _destination(o) == dest)
        libelle = "Inconnue ou non renseignée" if dest == "INCONNUE" else dest.libelle
        lignes.append((f"sorties.{dest}", f"Sorties — {libelle}", n))
    vers_logement = sum(1 for o in sorties if _destination(o) in DESTINATIONS_LOGEMENT)
    suivis = sum(1 for o in finies if o.a_une_suivante)
    durees = [
        (o.date_sortie - (o.debut_parcours or o.date_entree)).days for o in sorties if o.date_sortie
    ]
    return [
        *lignes,
        ("sorties_logement", "Sorties vers un logement", vers_logement),
        ("glissements_suivis_mandat", "Baux glissés suivis d'un mandat de gestion", suivis),
        ("duree_moyenne_jours", "Durée moyenne de séjour (jours)", _moyenne(durees), "decimal"),
    ]  # fmt: skip


def _destination(o: OccupationFigee) -> str:
    return o.destination or DestinationSortie.INCONNUE


COMPOSITIONS = (
    ("isole", "Personnes seules"),
    ("couple", "Couples sans enfant"),
    ("monoparentale", "Familles monoparentales"),
    ("couple_enfants", "Couples avec enfants"),
    ("autre", "Autres compositions"),
)


def composition(m: MenageFige) -> str:
    liens = [lien for lien, _ in m.membres]
    conjoint = LienPersonne.CONJOINT in liens
    enfants = LienPersonne.ENFANT in liens
    if any(lien not in (LienPersonne.CONJOINT, LienPersonne.ENFANT) for lien in liens):
        return "autre"
    if conjoint:
        return "couple_enfants" if enfants else "couple"
    return "monoparentale" if enfants else "isole"


def _composition(annee: int, menages: Sequence[MenageFige]) -> list[Brute]:
    lignes: list[Brute] = [
        (f"composition.{code}", libelle, sum(1 for m in menages if composition(m) == code))
        for code, libelle in COMPOSITIONS
    ]
    # Au 31 décembre, un membre né après l'année n'est pas logé (naissance saisie depuis).
    ages = [[annee - m.naissance_reference.year] + [annee - n for _, n in m.membres if n <= annee]
            for m in menages]  # fmt: skip
    personnes = sum(len(a) for a in ages)
    mineurs = sum(1 for a in ages for age in a if age < 18)
    return [
        *lignes,
        ("personnes", "Personnes logées", personnes),
        ("mineurs", "Dont mineurs au 31 décembre", mineurs),
    ]


def _repartition(
    prefixe: str, titre: str, choix: Iterable[tuple[str, str]], valeurs: Sequence[str]
) -> list[Brute]:
    lignes: list[Brute] = [
        (f"{prefixe}.{code}", f"{titre} — {libelle}", sum(1 for v in valeurs if v == code))
        for code, libelle in choix
    ]
    vides = sum(1 for v in valeurs if not v)
    return [*lignes, (f"{prefixe}.{NON_RENSEIGNE}", f"{titre} — non renseigné", vides)]


def _publics(
    menages: Sequence[MenageFige],
    publics: Sequence[tuple[str, str]],
    situations: Sequence[tuple[str, str]],
) -> list[Brute]:
    specialises = [m.public_specialise for m in menages if m.categorie == Categorie.SPECIALISEE]
    categories = [m.categorie for m in menages]
    avant = [m.situation_avant for m in menages]
    return [
        *_repartition("categorie", "Catégorie", Categorie.choices(), categories),
        *_repartition("public", "Public de l'IML spécialisée", publics, specialises),
        *_repartition("situation", "Avant l'entrée", situations, avant),
    ]


def ressources_au(m: MenageFige, jour: date) -> dict[str, Decimal]:
    """La ressource la plus récente de chaque nature connue au plus tard `jour`."""
    retenues: dict[str, tuple[date, Decimal]] = {}
    for nature, montant, connue_le in m.ressources:
        if connue_le <= jour and (nature not in retenues or retenues[nature][0] < connue_le):
            retenues[nature] = (connue_le, montant)
    return {nature: montant for nature, (_, montant) in retenues.items()}


def _ressources(menages: Sequence[tuple[MenageFige, date]]) -> list[Brute]:
    connues = [ressources_au(m, jour) for m, jour in menages]
    lignes: list[Brute] = [
        (f"ressources.{n}", f"Ménages percevant : {n.libelle}", sum(1 for c in connues if n in c))
        for n in NatureRessource
    ]
    totaux = [sum(c.values(), Decimal(0)) for c in connues if c]
    moyenne = _moyenne(totaux, "0.01")
    inconnues = sum(1 for c in connues if not c)
    return [
        *lignes,
        ("ressources.NON_RENSEIGNE", "Ressources non renseignées", inconnues),
        ("ressources_moyennes", "Ressources mensuelles moyennes (connues)", moyenne, "montant"),
    ]  # fmt: skip


def _activite(a: ActiviteFigee) -> list[Brute]:
    heures = arrondir(Decimal(a.contacts_minutes) / 60, Decimal("0.1"))
    return [
        ("menages_accompagnes", "Ménages accompagnés (plan ouvert)", a.menages_accompagnes),
        ("plans_ouverts", "Plans d'accompagnement ouverts", a.plans_ouverts),
        ("contacts", "Contacts avec les ménages", a.contacts),
        ("contacts_heures", "Durée des contacts à durée connue (heures)", heures, "decimal"),
        ("contacts_sans_duree", "Contacts à durée non renseignée", a.contacts_sans_duree),
        ("orientations_partenaires", "Orientations vers un partenaire", a.orientations_partenaires),
    ]  # fmt: skip


def _lignes(rubrique: str, brutes: Iterable[Brute]) -> list[Ligne]:
    return [Ligne(b[0], rubrique, b[1], b[2], *b[3:]) for b in brutes]


def calculer(
    annee: int,
    logements: Sequence[LogementFige],
    menages: Mapping[int, MenageFige],
    occupations: Sequence[OccupationFigee],
    activite: ActiviteFigee,
    publics: Sequence[tuple[str, str]] = (),
    situations: Sequence[tuple[str, str]] = (),
) -> tuple[Ligne, ...]:
    """Les statistiques de l'année `annee` d'un opérateur (R-STATS). `publics` et `situations` :
    les couples (code, libellé) des publics de l'IML spécialisée et des situations avant
    l'entrée (énumérations de l'application des ménages)."""
    debut, fin = date(annee, 1, 1), date(annee, 12, 31)
    pendant = [o for o in occupations if _pendant(o, debut, fin)]
    # Pour chaque ménage logé, le jour où lire ses ressources : le 31/12, ou sa dernière sortie.
    jours: dict[int, date] = {}
    for o in pendant:
        jour = fin if o.date_sortie is None or o.date_sortie > fin else o.date_sortie
        jours[o.menage] = max(jours.get(o.menage, jour), jour)
    loges = [menages[i] for i in sorted(jours) if i in menages]
    rubriques = (
        _places(annee, logements),
        _menages_loges(annee, occupations),
        _entrees_sorties(annee, occupations),
        _composition(annee, loges),
        _publics(loges, publics, situations),
        _ressources([(m, jours[m.id]) for m in loges]),
        _activite(activite),
    )
    return tuple(
        ligne for r, b in zip(RUBRIQUES, rubriques, strict=True) for ligne in _lignes(r, b)
    )


def reviser(lignes: Iterable[Ligne], corrections: Mapping[str, Valeur]) -> list[LigneRevue]:
    """Applique les corrections de l'opérateur (la dernière de chaque clé) ; une correction à
    une clé inconnue est ignorée. La valeur calculée reste à côté de la retenue."""
    revues = []
    for ligne in lignes:
        corrigee = ligne.cle in corrections
        retenue = corrections[ligne.cle] if corrigee else ligne.valeur
        revues.append(
            LigneRevue(
                ligne.cle,
                ligne.rubrique,
                ligne.libelle,
                ligne.valeur,
                corrigee,
                retenue,
                ligne.nature,
            )
        )
    return revues


@dataclass(frozen=True)
class Total:
    """Somme d'une clé sur plusieurs opérateurs : `valeur` porte les parts connues, `inconnues`
    le nombre de parts non renseignées (R-UNKNOWN : jamais présenté complet si > 0)."""

    valeur: Decimal | int | None
    inconnues: int

    @property
    def complet(self) -> bool:
        return self.inconnues == 0 and self.valeur is not None


def consolider(valeurs: Iterable[Valeur]) -> Total:
    """Total d'une ligne additive sur plusieurs opérateurs."""
    connues = []
    inconnues = 0
    for v in valeurs:
        if v is None:
            inconnues += 1
        else:
            connues.append(v)
    return Total(sum(connues) if connues else None, inconnues)


NON_ADDITIVES = frozenset({"duree_moyenne_jours", "ressources_moyennes"})
"""Moyennes : elles ne s'additionnent pas entre opérateurs (consolidation vide)."""
