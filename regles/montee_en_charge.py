"""R-RAMPUP : montée en charge d'une convention, le prévu à côté du réel, trimestre par
trimestre, par typologie et par forme, et l'état de ses jalons ; agrégats (appel, département,
région).

- **Prévu** : annexes 2 (logements) et 3 (places) de la version retenue du dossier, en stock à
  la fin de chaque trimestre (`capacite.stock`). Retenue partielle : chaque forme réduite est
  ramenée au rapport places retenues ÷ places demandées (`subvention.rapports_places_retenues`),
  trimestre par trimestre : total arrondi à l'unité (demi vers le haut), réparti entre
  typologies au plus fort reste (`stocks_prevus`).
- **Réel** à une date : logements ouverts (`regles.parc.ouvert_au`, la définition commune :
  mobilisés à cette date ; au jour présent, disponibles, occupés ou vacants, pas en travaux) ;
  places ouvertes = leur capacité ; places occupées = capacité de ceux d'entre eux
  qu'une occupation couvre à cette date (entrée au plus tard ce jour, sortie après). Un
  trimestre pas encore commencé n'a pas de réel (non renseigné) ; le trimestre en cours est
  compté au jour.
- **Jalons** (`appel.jalons`) : part = places ouvertes à la date du jalon (au jour s'il est à
  venir) ÷ capacité financée (places retenues par la décision). Capacité inconnue : « non
  renseigné » (R-UNKNOWN), jamais 0. Jalon passé : atteint ou manqué. À venir : atteint si la
  part y est déjà, « à risque » dans les `pilotage.alerte_jalon_jours` jours qui le précèdent,
  sinon « à venir ».
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from regles.bareme import Bareme
from regles.calcul import part_pct
from regles.calendrier import Trimestre, trimestres_appel
from regles.capacite import LigneEcheancier, stock
from regles.parc import ouvert_au
from regles.types import Choix, Mode, Typologie

Cle = tuple[Typologie, Mode]
CENT = Decimal(100)


class EtatJalon(Choix):
    """État d'un jalon de montée en charge pour une convention."""

    ATTEINT = "ATTEINT", "Atteint"
    MANQUE = "MANQUE", "Manqué"
    A_RISQUE = "A_RISQUE", "À risque"
    A_VENIR = "A_VENIR", "À venir"
    NON_RENSEIGNE = "NON_RENSEIGNE", "Non renseigné"


@dataclass(frozen=True)
class LogementReel:
    """Un logement rattaché à la convention, daté de sa mobilisation."""

    ident: int
    typologie: Typologie
    mode: Mode
    capacite: int
    mobilise_le: date
    restitue_le: date | None = None
    statut: str = "DISPONIBLE"

    def ouvert_au(self, jour: date, aujourd_hui: date) -> bool:
        """`regles.parc.ouvert_au` : la définition commune au tableau de bord et aux
        statistiques annuelles."""
        return ouvert_au(self.statut, self.mobilise_le, self.restitue_le, jour, aujourd_hui)


@dataclass(frozen=True)
class OccupationReelle:
    """Une occupation d'un logement de la convention (aucun ménage nommé)."""

    logement: int
    entree: date
    sortie: date | None = None

    def en_cours_au(self, jour: date) -> bool:
        return self.entree <= jour and (self.sortie is None or self.sortie > jour)


@dataclass(frozen=True)
class Compte:
    """Logements et places à une date : prévus (annexes) ou réels (parc, occupations)."""

    logements: int
    places: int
    occupees: int | None = None

    def __add__(self, autre: Compte) -> Compte:
        occupees = None
        if self.occupees is not None and autre.occupees is not None:
            occupees = self.occupees + autre.occupees
        return Compte(self.logements + autre.logements, self.places + autre.places, occupees)


ZERO_PREVU = Compte(0, 0)
ZERO_REEL = Compte(0, 0, 0)


@dataclass(frozen=True)
class EntreeMontee:
    """Ce que la montée en charge d'une convention lit : annexes (`None` : version illisible
    ou absente), rapports de réduction par forme, capacité financée, logements, occupations."""

    logements_prevus: tuple[LigneEcheancier, ...] | None
    places_prevues: tuple[LigneEcheancier, ...] | None
    rapports: Mapping[Mode, tuple[int, int]]
    capacite: int | None
    logements: tuple[LogementReel, ...] = ()
    occupations: tuple[OccupationReelle, ...] = ()


@dataclass(frozen=True)
class LigneTrimestre:
    """Un trimestre : prévu (`None` : annexes inconnues) et réel (`None` : à venir)."""

    trimestre: Trimestre
    prevu: Compte | None
    reel: Compte | None

    @property
    def ecart_places(self) -> int | None:
        """Places ouvertes moins places prévues ; non renseigné si l'un manque."""
        if self.prevu is None or self.reel is None:
            return None
        return self.reel.places - self.prevu.places


@dataclass(frozen=True)
class LigneCle:
    """Une typologie × forme : prévu au dernier trimestre, prévu au trimestre du jour, réel
    au jour."""

    typologie: Typologie
    mode: Mode
    prevu_final: Compte | None
    prevu_au_jour: Compte | None
    reel: Compte


@dataclass(frozen=True)
class JalonMontee:
    """Un jalon et ce que la convention (ou l'agrégat) en fait."""

    date: date
    part_min_pct: Decimal
    capacite: int | None
    places_exigees: int | None
    places_ouvertes: int
    part_pct: Decimal | None
    etat: EtatJalon


@dataclass(frozen=True)
class Montee:
    """La montée en charge d'une convention (ou d'un agrégat) au `jour`."""

    jour: date
    capacite: int | None
    trimestres: tuple[LigneTrimestre, ...]
    par_cle: tuple[LigneCle, ...]
    jalons: tuple[JalonMontee, ...]
    conventions: int = 1
    capacites_inconnues: int = 0
    etats: Mapping[tuple[date, Decimal], Mapping[EtatJalon, int]] = field(default_factory=dict)
    """Nombre de conventions par état, par jalon (date, part exigée) : deux jalons du même
    jour à des parts différentes ne se confondent pas."""


def _arrondi(valeur: Decimal) -> int:
    return int(valeur.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _repartir(valeurs: Sequence[int], rapport: tuple[int, int]) -> list[int]:
    """Les `valeurs` d'un trimestre ramenées au rapport (retenues, demandées) : leur somme est
    le total réduit arrondi à l'unité (demi vers le haut), réparti au plus fort reste (à reste
    égal, la première ligne d'abord)."""
    retenues, demandees = rapport
    exactes = [Decimal(v * retenues) / Decimal(demandees) for v in valeurs]
    parts = [int(e) for e in exactes]
    cible = _arrondi(Decimal(sum(valeurs) * retenues) / Decimal(demandees))
    ordre = sorted(range(len(valeurs)), key=lambda i: (parts[i] - exactes[i], i))
    for i in ordre[: max(cible - sum(parts), 0)]:
        parts[i] += 1
    return parts


def stocks_prevus(
    lignes: Sequence[LigneEcheancier], rapports: Mapping[Mode, tuple[int, int]], bareme: Bareme
) -> dict[Cle, tuple[int, ...]]:
    """R-RAMPUP : stock prévu à la fin de chaque trimestre, par typologie × forme. Une forme
    réduite (retenue partielle) est ramenée au rapport places retenues ÷ places demandées,
    trimestre par trimestre : le total de la forme est le total demandé réduit, arrondi à
    l'unité, et se répartit entre typologies au plus fort reste."""
    stocks: dict[Cle, list[int]] = {}
    for ligne in lignes:
        propre = stock(ligne, bareme)
        ancien = stocks.get(ligne.cle, [])
        n = max(len(ancien), len(propre))
        stocks[ligne.cle] = [
            (ancien[q] if q < len(ancien) else 0) + (propre[q] if q < len(propre) else 0)
            for q in range(n)
        ]
    for mode, rapport in rapports.items():
        cles = [k for k in stocks if k[1] is mode]
        for q in range(max((len(stocks[k]) for k in cles), default=0)):
            presentes = [k for k in cles if q < len(stocks[k])]
            reduits = _repartir([stocks[k][q] for k in presentes], rapport)
            for k, v in zip(presentes, reduits, strict=True):
                stocks[k][q] = v
    return {k: tuple(v) for k, v in stocks.items()}


def reel_au(
    jour: date,
    logements: Iterable[LogementReel],
    occupations: Iterable[OccupationReelle],
    cle: Cle | None = None,
    aujourd_hui: date | None = None,
) -> Compte:
    """R-RAMPUP : logements ouverts (`regles.parc.ouvert_au`), leurs places et places occupées
    au `jour` ; `aujourd_hui` (par défaut le `jour`) dit si le statut actuel s'applique."""
    present = jour if aujourd_hui is None else aujourd_hui
    ouverts = {
        lg.ident: lg
        for lg in logements
        if lg.ouvert_au(jour, present) and (cle is None or (lg.typologie, lg.mode) == cle)
    }
    occupes = {o.logement for o in occupations if o.logement in ouverts and o.en_cours_au(jour)}
    return Compte(
        logements=len(ouverts),
        places=sum(lg.capacite for lg in ouverts.values()),
        occupees=sum(ouverts[i].capacite for i in occupes),
    )


def _prevu(
    logements: Mapping[Cle, tuple[int, ...]] | None,
    places: Mapping[Cle, tuple[int, ...]] | None,
    rang: int,
    cle: Cle | None = None,
) -> Compte | None:
    if logements is None or places is None:
        return None
    if rang < 0:
        return ZERO_PREVU

    def total(stocks: Mapping[Cle, tuple[int, ...]]) -> int:
        return sum(
            s[min(rang, len(s) - 1)] for k, s in stocks.items() if s and (cle is None or k == cle)
        )

    return Compte(total(logements), total(places))


def _rang(propres: Sequence[Trimestre], t: Trimestre) -> int:
    """Rang de `t` dans les trimestres de l'appel : -1 avant le premier (rien de prévu), le
    dernier après lui (le stock final reste)."""
    if t in propres:
        return propres.index(t)
    return -1 if not propres or t < propres[0] else len(propres) - 1


def jusqu_au_trimestre_du_jour(
    trimestres: Sequence[Trimestre], jour: date
) -> tuple[Trimestre, ...]:
    """R-RAMPUP : les trimestres prolongés jusqu'au trimestre du `jour` quand l'échéancier
    s'arrête avant lui (le réel se lit jusqu'au trimestre en cours ; au-delà de l'échéancier, le
    prévu reste le stock du dernier trimestre). Vide reste vide (hors appel)."""
    resultat = list(trimestres)
    while resultat and resultat[-1].fin < jour:
        resultat.append(resultat[-1].suivant())
    return tuple(resultat)


def _rang_du_jour(trimestres: Sequence[Trimestre], jour: date) -> int:
    """Le trimestre du jour (le premier avant l'appel, le dernier après)."""
    rangs = [i for i, t in enumerate(trimestres) if t.debut <= jour]
    return rangs[-1] if rangs else 0


def etat_jalon(
    date_jalon: date,
    part_min_pct: Decimal,
    capacite: int | None,
    places_ouvertes: int,
    jour: date,
    alerte_jours: int,
    pas: Decimal,
) -> JalonMontee:
    """R-RAMPUP : état d'un jalon au `jour` (voir le module)."""
    if not capacite:
        return JalonMontee(
            date_jalon, part_min_pct, capacite, None, places_ouvertes, None,
            EtatJalon.NON_RENSEIGNE,
        )  # fmt: skip
    exigees = int((Decimal(capacite) * part_min_pct / CENT).quantize(1, rounding=ROUND_CEILING))
    part = part_pct(places_ouvertes, capacite, pas)
    if places_ouvertes >= exigees:
        etat = EtatJalon.ATTEINT
    elif jour > date_jalon:
        etat = EtatJalon.MANQUE
    elif jour >= date_jalon - timedelta(days=alerte_jours):
        etat = EtatJalon.A_RISQUE
    else:
        etat = EtatJalon.A_VENIR
    return JalonMontee(date_jalon, part_min_pct, capacite, exigees, places_ouvertes, part, etat)


def _reel(entree: EntreeMontee, quand: date, aujourd_hui: date, cle: Cle | None = None) -> Compte:
    return reel_au(quand, entree.logements, entree.occupations, cle, aujourd_hui)


def _stocks(
    lignes: tuple[LigneEcheancier, ...] | None,
    rapports: Mapping[Mode, tuple[int, int]],
    bareme: Bareme,
) -> dict[Cle, tuple[int, ...]] | None:
    return None if lignes is None else stocks_prevus(lignes, rapports, bareme)


def _jalons(
    entree: EntreeMontee, bareme: Bareme, jour: date, alerte_jours: int
) -> tuple[JalonMontee, ...]:
    return tuple(
        etat_jalon(
            j.date, j.part_min_pct, entree.capacite,
            reel_au(min(j.date, jour), entree.logements, (), aujourd_hui=jour).places,
            jour, alerte_jours, bareme.pourcentages_arrondi,
        )
        for j in (bareme.appel.jalons if bareme.appel else ())
    )  # fmt: skip


def montee_convention(
    entree: EntreeMontee,
    bareme: Bareme,
    jour: date,
    alerte_jours: int,
    trimestres: Sequence[Trimestre] | None = None,
) -> Montee:
    """R-RAMPUP : prévu et réel par trimestre et par typologie × forme, jalons au `jour`.
    `trimestres` (défaut : ceux de l'appel) aligne des conventions de plusieurs appels avant
    de les agréger : rien de prévu avant l'appel, le stock final après. Les trimestres vont
    toujours jusqu'au trimestre du `jour` (`jusqu_au_trimestre_du_jour`)."""
    propres = trimestres_appel(bareme)
    trimestres = jusqu_au_trimestre_du_jour(propres if trimestres is None else trimestres, jour)
    logements = _stocks(entree.logements_prevus, entree.rapports, bareme)
    places = _stocks(entree.places_prevues, entree.rapports, bareme)
    lignes = tuple(
        LigneTrimestre(
            t, _prevu(logements, places, _rang(propres, t)),
            None if t.debut > jour else _reel(entree, min(t.fin, jour), jour),
        )
        for t in trimestres
    )  # fmt: skip
    rang = _rang_du_jour(propres, jour)
    par_cle = tuple(
        LigneCle(
            typologie, mode,
            _prevu(logements, places, len(propres) - 1, (typologie, mode)),
            _prevu(logements, places, rang, (typologie, mode)),
            _reel(entree, jour, jour, (typologie, mode)),
        )
        for typologie in Typologie
        for mode in Mode
    )  # fmt: skip
    jalons = _jalons(entree, bareme, jour, alerte_jours)
    return Montee(
        jour, entree.capacite, lignes, par_cle, jalons,
        capacites_inconnues=0 if entree.capacite else 1,
        etats={(j.date, j.part_min_pct): {j.etat: 1} for j in jalons},
    )  # fmt: skip
