"""Chiffres d'une convention : places financées, logements mobilisés, places ouvertes
(R-CAPACITY, R-MODE), par forme et par typologie, et taux d'ouverture.

- Places financées : les places retenues de la décision (`places_mg`, `places_sl`) ; sans
  décision qui retient, « non renseigné » (R-UNKNOWN), jamais 0. Par typologie : l'annexe 3
  (places) de la dernière version déposée ; si le comité n'a retenu qu'une partie des places,
  la répartition affichée est celle du dossier (on le dit).
- Logements mobilisés : logements rattachés à la convention, datés de leur mobilisation et
  non restitués. Places ouvertes : capacité des logements disponibles, occupés ou vacants.

Le calcul lit les objets préchargés par `selectors.conventions_des_chiffres` et la requête
groupée `selectors.logements_par_convention` : un nombre de requêtes constant, et aucune
identité de bailleur ni adresse de logement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from iml.appels.enums import ResultatDecision
from iml.appels.models import AppelACandidatures, Convention
from iml.parc import selectors
from regles.bareme import Bareme
from regles.capacite import totaux_par
from regles.conversion import ValeurInvalide
from regles.entrees import lignes_echeancier
from regles.types import Mode, Typologie


@dataclass
class Ligne:
    """Une forme ou une typologie d'une convention."""

    libelle: str
    financees: int | None = None
    mobilises: int = 0
    ouvertes: int = 0


@dataclass
class ChiffresConvention:
    numero: str
    operateur: str
    appel: str
    dossier_pk: int
    financees: int | None
    mobilises: int = 0
    ouvertes: int = 0
    par_forme: list[Ligne] = field(default_factory=list)
    par_typologie: list[Ligne] = field(default_factory=list)
    typologie_connue: bool = False
    typologie_du_dossier: bool = False

    @property
    def taux(self) -> Decimal | None:
        """Places ouvertes ÷ places financées, en % au dixième ; non renseigné sans places
        financées connues et non nulles."""
        if not self.financees:
            return None
        taux = Decimal(self.ouvertes * 100) / Decimal(self.financees)
        return taux.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _decision_retenue(convention: Convention):
    decision = getattr(convention.dossier, "decision", None)
    if decision is None or decision.resultat == ResultatDecision.REFUSE:
        return None
    return decision


def _places_du_dossier(convention: Convention, bareme: Bareme) -> dict[Typologie, int] | None:
    """Places par typologie de l'annexe 3 de la dernière version (None si illisible ou vide)."""
    versions = list(convention.dossier.versions.all())
    if not versions:
        return None
    version = max(versions, key=lambda v: v.numero)
    try:
        lignes = lignes_echeancier((version.contenu or {}).get("places"), "places")
    except ValeurInvalide:
        return None
    if not lignes:
        return None
    _, par_typo = totaux_par(lignes, bareme)
    return par_typo


def _squelette(convention: Convention, bareme: Bareme) -> ChiffresConvention:
    decision = _decision_retenue(convention)
    dossier = convention.dossier
    chiffres = ChiffresConvention(
        numero=convention.numero,
        operateur=dossier.operateur.nom,
        appel=dossier.appel.nom,
        dossier_pk=dossier.pk,
        financees=decision.places_mg + decision.places_sl if decision else None,
    )
    places = {
        Mode.MANDAT_GESTION: decision.places_mg if decision else None,
        Mode.SOUS_LOCATION: decision.places_sl if decision else None,
    }
    chiffres.par_forme = [Ligne(m.libelle, places[m]) for m in Mode]
    par_typo = _places_du_dossier(convention, bareme)
    chiffres.typologie_connue = par_typo is not None
    if par_typo is not None and decision is not None:
        chiffres.typologie_du_dossier = sum(par_typo.values()) != chiffres.financees
    chiffres.par_typologie = [
        Ligne(t.libelle, par_typo[t] if par_typo is not None else None) for t in Typologie
    ]
    return chiffres


def _ajouter(chiffres: ChiffresConvention, groupe: dict) -> None:
    mobilises, ouvertes = groupe["mobilises"], groupe["ouvertes"]
    chiffres.mobilises += mobilises
    chiffres.ouvertes += ouvertes
    for membres, valeur, lignes in (
        (list(Mode), groupe["forme"], chiffres.par_forme),
        (list(Typologie), groupe["typologie"], chiffres.par_typologie),
    ):
        valeurs = [m.value for m in membres]
        if valeur in valeurs:
            lignes[valeurs.index(valeur)].mobilises += mobilises
            lignes[valeurs.index(valeur)].ouvertes += ouvertes


def chiffres_des_conventions(conventions: Iterable[Convention]) -> list[ChiffresConvention]:
    """Les chiffres de chaque convention (déjà lue dans le périmètre de l'acteur)."""
    conventions = list(conventions)
    baremes: dict[int, Bareme] = {}
    resultats: dict[int, ChiffresConvention] = {}
    for convention in conventions:
        jeu = convention.dossier.appel.jeu
        if jeu.pk not in baremes:
            baremes[jeu.pk] = jeu.en_bareme()
        resultats[convention.pk] = _squelette(convention, baremes[jeu.pk])
    for groupe in selectors.logements_par_convention(list(resultats)):
        _ajouter(resultats[groupe["convention_id"]], groupe)
    return [resultats[c.pk] for c in conventions]


def total(lignes: Iterable[ChiffresConvention], libelle: str = "Total") -> ChiffresConvention:
    """La somme de plusieurs conventions : places financées non renseignées dès qu'une
    convention ne les donne pas (R-UNKNOWN), jamais comptées 0."""
    lignes = list(lignes)
    somme = ChiffresConvention(
        numero=libelle, operateur="", appel="", dossier_pk=0, financees=0 if lignes else None
    )
    for ligne in lignes:
        somme.mobilises += ligne.mobilises
        somme.ouvertes += ligne.ouvertes
        if somme.financees is not None:
            somme.financees = None if ligne.financees is None else somme.financees + ligne.financees
    return somme


def par_operateur(lignes: Iterable[ChiffresConvention]) -> list[dict]:
    """Les conventions regroupées par opérateur (dans l'ordre reçu), avec leur total."""
    groupes: dict[str, list[ChiffresConvention]] = {}
    for ligne in lignes:
        groupes.setdefault(ligne.operateur, []).append(ligne)
    return [
        {"operateur": nom, "conventions": conventions, "total": total(conventions)}
        for nom, conventions in groupes.items()
    ]


def aucun_appel() -> QuerySet[AppelACandidatures]:
    return AppelACandidatures.objects.none()


def appels_des_conventions(conventions: QuerySet[Convention]) -> QuerySet[AppelACandidatures]:
    """Les appels des conventions visibles, pour le filtre (rien d'autre n'est proposé)."""
    return AppelACandidatures.objects.filter(pk__in=conventions.values("dossier__appel")).order_by(
        "nom"
    )
