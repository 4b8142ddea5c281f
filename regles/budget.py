"""Modèle budgétaire annuel d'un projet (R-BUDGET-MODEL, R-SW-RATIO, R-UNKNOWN).

Trois postes (003 §4.7, annexe 1b) :
- captation : logements × coût par logement capté, l'année de la captation ;
- gestion : logements × somme des lignes de coût de la forme (mandat / sous-location) ;
- accompagnement, par forme, selon ce que le dossier donne, dans cet ordre : un montant par
  ménage ; des ETP (× coût d'un ETP × (1 + frais de gestion)) ; pour une délégation, le budget
  en année pleine du partenaire ; sinon, dans les formes où le barème l'applique
  (`ratio_accompagnement_modes`, la sous-location au national), le ratio d'un travailleur social
  pour 20 ménages (ménages ÷ ménages par ETP), ailleurs non renseigné. Droit commun : 0 €.
  Ménages = logements × ménages par logement.
Chaque poste est arrondi au centime (demi au-dessus) ; le total somme les postes arrondis ; un
poste non renseigné rend le total non renseigné (R-UNKNOWN).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from regles.bareme import Bareme
from regles.calcul import CENT, arrondir, divise, somme
from regles.eligibilite import PartenaireDelegue
from regles.types import Categorie, ModaliteAccompagnement, Mode, Zone

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LigneCout:
    """Un poste de dépense de gestion, par logement et par an (003 §4.6)."""

    libelle: str
    cout_par_logement: Decimal | None


@dataclass(frozen=True)
class Accompagnement:
    """Accompagnement d'une forme (R-ACCOMP-PLAN) ; `None` = non renseigné."""

    modalite: ModaliteAccompagnement
    etp: Decimal | None = None
    montant_par_menage: Decimal | None = None
    partenaire: PartenaireDelegue | None = None


@dataclass(frozen=True)
class Services:
    """Prestations prévues (003 §4.6) ; une forme absente est non renseignée."""

    captation_par_logement: Decimal | None
    gestion: Mapping[Mode, tuple[LigneCout, ...]] = field(default_factory=dict)
    accompagnement: Mapping[Mode, Accompagnement] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjetBudget:
    """Ce qu'il faut pour chiffrer un projet : logements et places par forme, prestations."""

    logements: Mapping[Mode, int]
    places: Mapping[Mode, int]
    services: Services
    categorie: Categorie | None = None
    zone: Zone | None = None

    def nb_logements(self, mode: Mode | None = None) -> int:
        """Logements d'une forme, ou de toutes."""
        return self.logements.get(mode, 0) if mode is not None else sum(self.logements.values())

    def nb_places(self, mode: Mode | None = None) -> int:
        """Places d'une forme, ou de toutes."""
        return self.places.get(mode, 0) if mode is not None else sum(self.places.values())


@dataclass(frozen=True)
class PosteAccompagnement:
    """Accompagnement chiffré d'une forme : montant, ETP, méthode de calcul."""

    montant: Decimal | None
    etp: Decimal | None
    methode: str


@dataclass(frozen=True)
class Budget:
    """Budget annuel : postes par forme, total et coûts moyens (`None` = non renseigné)."""

    menages: Mapping[Mode, int]
    captation: Mapping[Mode, Decimal | None]
    gestion: Mapping[Mode, Decimal | None]
    accompagnement: Mapping[Mode, PosteAccompagnement]
    total: Decimal | None
    cout_par_place: Decimal | None
    cout_par_logement: Decimal | None
    cout_par_logement_par_mode: Mapping[Mode, Decimal | None]
    non_renseignes: tuple[str, ...]

    @property
    def total_captation(self) -> Decimal | None:
        """Poste captation, toutes formes."""
        return somme(self.captation.values())

    @property
    def total_gestion(self) -> Decimal | None:
        """Poste gestion, toutes formes."""
        return somme(self.gestion.values())

    @property
    def total_accompagnement(self) -> Decimal | None:
        """Poste accompagnement, toutes formes."""
        return somme(p.montant for p in self.accompagnement.values())


def cout_etp_charge(bareme: Bareme) -> Decimal:
    """R-SW-RATIO : coût d'un ETP frais de gestion compris (40 000 € × 1,10)."""
    return bareme.cout_etp * (1 + bareme.frais_gestion_accompagnement_pct / CENT)


def etp_necessaires(menages: int, bareme: Bareme) -> Decimal:
    """R-SW-RATIO : ménages ÷ ménages par travailleur social (15 ménages → 0,75 ETP)."""
    return Decimal(menages) / bareme.menages_par_etp


def chiffrer_accompagnement(
    acc: Accompagnement | None, menages: int, bareme: Bareme, mode: Mode = Mode.SOUS_LOCATION
) -> PosteAccompagnement:
    """R-BUDGET-MODEL, R-SW-RATIO, R-COST-ACCOMP : coût annuel de l'accompagnement d'une forme.

    Le ratio ne chiffre qu'une forme de `bareme.ratio_accompagnement_modes` (la sous-location
    au national, 003 annexe 1b) : 10 ménages en mandat de gestion accompagnés en interne sans
    chiffre restent non renseignés (R-UNKNOWN), pas 22 000 €."""
    if menages == 0:
        return PosteAccompagnement(ZERO, ZERO, "SANS_MENAGE")
    if acc is None:
        return PosteAccompagnement(None, None, "NON_RENSEIGNE")
    if acc.modalite is ModaliteAccompagnement.DROIT_COMMUN:
        return PosteAccompagnement(ZERO, ZERO, "DROIT_COMMUN")
    if acc.montant_par_menage is not None:
        return PosteAccompagnement(
            arrondir(menages * acc.montant_par_menage), None, "MONTANT_PAR_MENAGE"
        )
    if acc.etp is not None:
        return PosteAccompagnement(arrondir(acc.etp * cout_etp_charge(bareme)), acc.etp, "ETP")
    if acc.partenaire is not None and acc.partenaire.budget_annee_pleine is not None:
        return PosteAccompagnement(
            arrondir(acc.partenaire.budget_annee_pleine), None, "BUDGET_DELEGUE"
        )
    if mode not in bareme.ratio_accompagnement_modes:
        return PosteAccompagnement(None, None, "NON_RENSEIGNE")
    montant = arrondir(menages * cout_etp_charge(bareme) / bareme.menages_par_etp)
    return PosteAccompagnement(montant, etp_necessaires(menages, bareme), "RATIO")


def cout_gestion_unitaire(lignes: tuple[LigneCout, ...] | None) -> Decimal | None:
    """R-COST-GESTION : somme des lignes de gestion par logement ; `None` si une manque."""
    if not lignes:
        return None
    return somme(ligne.cout_par_logement for ligne in lignes)


def _fois(nombre: int, unitaire: Decimal | None) -> Decimal | None:
    if nombre == 0:
        return ZERO
    return None if unitaire is None else arrondir(nombre * unitaire)


def calculer_budget(projet: ProjetBudget, bareme: Bareme) -> Budget:
    """R-BUDGET-MODEL, R-SW-RATIO, R-UNKNOWN : budget annuel d'un projet (annexe 1b).

    Exemple de l'annexe 1b : 15 + 15 logements, 25 + 25 places, captation 600 €, gestion
    800 € / 1 500 €, accompagnement au ratio en sous-location → 85 500 €, 1 710 € par place.
    """
    s = projet.services
    menages = {m: projet.nb_logements(m) * bareme.menages_par_logement for m in Mode}
    captation = {m: _fois(projet.nb_logements(m), s.captation_par_logement) for m in Mode}
    gestion = {
        m: _fois(projet.nb_logements(m), cout_gestion_unitaire(s.gestion.get(m))) for m in Mode
    }
    accomp = {
        m: chiffrer_accompagnement(s.accompagnement.get(m), menages[m], bareme, m) for m in Mode
    }
    total = somme([*captation.values(), *gestion.values(), *(a.montant for a in accomp.values())])
    par_mode = {
        m: divise(somme([captation[m], gestion[m], accomp[m].montant]), projet.nb_logements(m))
        for m in Mode
    }
    return Budget(
        menages=menages,
        captation=captation,
        gestion=gestion,
        accompagnement=accomp,
        total=total,
        cout_par_place=divise(total, projet.nb_places()),
        cout_par_logement=divise(total, projet.nb_logements()),
        cout_par_logement_par_mode=par_mode,
        non_renseignes=_non_renseignes(projet, captation, gestion, accomp),
    )


def _non_renseignes(
    projet: ProjetBudget,
    captation: Mapping[Mode, Decimal | None],
    gestion: Mapping[Mode, Decimal | None],
    accomp: Mapping[Mode, PosteAccompagnement],
) -> tuple[str, ...]:
    champs = []
    if any(v is None for v in captation.values()):
        champs.append("services.captation.cout_par_logement")
    champs += [f"services.gestion.{m.value}" for m in Mode if gestion[m] is None]
    champs += [f"services.accompagnement.{m.value}" for m in Mode if accomp[m].montant is None]
    return tuple(champs)


def cout_par_personne(
    captation: Decimal, gestion: Decimal, accompagnement_par_menage: Decimal, places: int
) -> Decimal:
    """R-BUDGET-MODEL : coût d'une mesure par personne, la première année (annexe 1b).

    (captation + gestion + accompagnement) ÷ places du logement : 600 + 800 → 1 400 € pour une
    personne seule en mandat de gestion ; (600 + 1 500 + 2 200) ÷ 4 → 1 075 € en T3 de 4 places.
    """
    return arrondir((captation + gestion + accompagnement_par_menage) / places)
