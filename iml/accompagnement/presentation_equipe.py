"""Ce que « Mes ménages » et la vue d'équipe affichent : une ligne par ménage (plan, jours sans
contact, visites de la semaine d'« un petit chez-soi », prochaine revue, étapes restantes,
action budgétaire), la charge d'un travailleur social au ratio (R-SW-RATIO). Lecture seule ;
les nombres viennent de `regles.accompagnement`, les lignes des sélecteurs (rien n'est relu
ici : aucune requête)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from iml.accompagnement.models import Objectif, Plan
from iml.accompagnement.selectors_equipe import SANS_REFERENT, Suivis
from iml.comptes.models import Utilisateur
from iml.menages.models import Menage
from regles import format as fmt
from regles.accompagnement import (
    Charge,
    avancement,
    charge_travail,
    jours_sans_contact,
    sans_contact,
    semaines_sans_visite,
)
from regles.bareme import Bareme
from regles.types import Dispositif, Mode
from regles.types_accompagnement import MomentEtape, OrigineObjectif

NON_RENSEIGNE = "non renseigné"
R_SW_RATIO = "R-SW-RATIO"


def lundi_de(jour: date) -> date:
    return jour - timedelta(days=jour.weekday())


def nombre_court(valeur: Decimal) -> str:
    """« 0,8 », « 16 », « 12,5 » : sans zéros inutiles."""
    return fmt.nombre(valeur.normalize())


# --- Charge (R-SW-RATIO) ------------------------------------------------------------------------


@dataclass(frozen=True)
class ChargeAffichee:
    """La charge d'un travailleur social et ses textes ; un ETP inconnu n'est jamais 0."""

    charge: Charge
    menages_par_etp: Decimal
    autres: int = 0  # ménages suivis hors ratio (mandat de gestion, pas logés, délégués…)

    @property
    def etp(self) -> str:
        c = self.charge
        return "ETP non renseigné" if c.etp is None else f"{nombre_court(c.etp)} ETP"

    @property
    def capacite(self) -> str:
        c = self.charge
        return "non calculable" if c.capacite is None else nombre_court(c.capacite)

    @property
    def taux(self) -> str:
        """Un ETP inconnu : non renseigné ; un ETP de 0 (connu) : non calculable."""
        c = self.charge
        if c.etp is None:
            return NON_RENSEIGNE
        return "non calculable" if c.taux_pct is None else fmt.pourcentage(c.taux_pct)

    @property
    def hors_ratio(self) -> str:
        """« autres ménages suivis : 3 » (hors capacité), vide s'il n'y en a pas."""
        if not self.autres:
            return ""
        return f"autres ménages suivis : {fmt.nombre(self.autres)} (hors capacité)"

    @property
    def suivis(self) -> str:
        libelles = ("ménage suivi au ratio", "ménages suivis au ratio")
        return fmt.pluriel(self.charge.menages, *libelles)

    @property
    def texte(self) -> str:
        """« 14 ménages suivis pour 0,8 ETP, capacité 16 »."""
        c = self.charge
        if c.etp is None:
            texte = f"{self.suivis}, ETP non renseigné : capacité non calculable"
        else:
            texte = f"{self.suivis} pour {self.etp}, capacité {self.capacite}"
        return f"{texte} ; {self.hors_ratio}" if self.autres else texte

    @property
    def ratio(self) -> str:
        return f"{R_SW_RATIO} : {nombre_court(self.menages_par_etp)} ménages par ETP"


# --- « Mes ménages » ----------------------------------------------------------------------------


def lire_referent(valeur: str, referents: list[Utilisateur]) -> str:
    """Le filtre par référent de la direction ; une valeur hors liste est ignorée."""
    if valeur == SANS_REFERENT or valeur in {str(u.pk) for u in referents}:
        return valeur
    return ""


@dataclass(frozen=True)
class Visites:
    """R-PETIT-CHEZ-SOI : les visites de la semaine en cours et de la précédente."""

    cette_semaine: int
    semaine_derniere: int
    minimum: int
    derniere_manquee: bool


@dataclass(frozen=True)
class Etapes:
    """R-ACCOMP-ETAPES : ce qui reste à faire, dont à l'entrée."""

    restantes: int
    total: int
    entree: int


@dataclass(frozen=True)
class LigneAccueil:
    menage: Menage
    plan: Plan | None
    dernier_contact: date | None
    jours_sans_contact: int | None
    sans_contact: bool
    visites: Visites | None
    prochaine_revue: date | None
    revue_passee: bool
    etapes: Etapes | None
    action_budget: Objectif | None


def _visites(menage: Menage, plan: Plan, aujourd_hui: date, b: Bareme) -> Visites | None:
    if plan.dispositif != Dispositif.UN_PETIT_CHEZ_SOI or b.accompagnement is None:
        return None
    lundi = lundi_de(aujourd_hui)
    canaux = b.accompagnement.canaux_visite
    dates = [c.le for c in menage.contacts_recents if c.canal in canaux]  # type: ignore[attr-defined]
    minimum = b.petit_chez_soi_visites_min_semaine
    manquees = semaines_sans_visite(plan.debut_le, None, dates, aujourd_hui, minimum)
    return Visites(
        cette_semaine=sum(1 for d in dates if d >= lundi),
        semaine_derniere=sum(1 for d in dates if lundi - timedelta(weeks=1) <= d < lundi),
        minimum=minimum,
        derniere_manquee=lundi - timedelta(weeks=1) in manquees,
    )


def _etapes(menage: Menage, plan: Plan, b: Bareme) -> Etapes | None:
    en_cours = menage.en_cours[0] if menage.en_cours else None  # type: ignore[attr-defined]
    occupation = en_cours or plan.occupation
    if occupation is None or b.accompagnement is None:
        return None
    cochees = [e.code for e in plan.etapes_cochees]  # type: ignore[attr-defined]
    moments = avancement(b.accompagnement.etapes, Mode(occupation.forme), cochees)
    return Etapes(
        restantes=sum(len(a.restantes) for a in moments),
        total=sum(a.total for a in moments),
        entree=sum(len(a.restantes) for a in moments if a.moment is MomentEtape.ENTREE),
    )


def _debut_du_suivi(menage: Menage, plan: Plan | None) -> date | None:
    if plan is not None:
        return plan.debut_le
    en_cours = menage.en_cours[0] if menage.en_cours else None  # type: ignore[attr-defined]
    return en_cours.date_entree if en_cours else None


def ligne_accueil(menage: Menage, aujourd_hui: date, b: Bareme) -> LigneAccueil:
    """Une ligne de « Mes ménages » (`menage` lu par `selectors_equipe.menages_de_l_accueil`)."""
    plan = menage.plans_ouverts[0] if menage.plans_ouverts else None  # type: ignore[attr-defined]
    dernier = menage.dernier_contact  # type: ignore[attr-defined]
    debut = _debut_du_suivi(menage, plan)
    jours = jours_sans_contact(dernier, debut, aujourd_hui) if debut or dernier else None
    seuil = b.accompagnement.sans_contact_jours if b.accompagnement else None
    objectifs = plan.objectifs_en_cours if plan else []  # type: ignore[attr-defined]
    revue = objectifs[0].revue_le if objectifs else None
    return LigneAccueil(
        menage=menage,
        plan=plan,
        dernier_contact=dernier,
        jours_sans_contact=jours,
        sans_contact=(
            plan is not None
            and seuil is not None
            and sans_contact(dernier, plan.debut_le, aujourd_hui, seuil)
        ),
        visites=_visites(menage, plan, aujourd_hui, b) if plan else None,
        prochaine_revue=revue,
        revue_passee=revue is not None and revue < aujourd_hui,
        etapes=_etapes(menage, plan, b) if plan else None,
        action_budget=next((o for o in objectifs if o.origine == OrigineObjectif.IMPAYES), None),
    )


# --- Vue d'équipe -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LigneEquipe:
    utilisateur: Utilisateur
    charge: ChargeAffichee


def charge_affichee(
    suivis: Suivis, etp: Decimal | None, menages_par_etp: Decimal
) -> ChargeAffichee:
    """R-SW-RATIO : la charge au ratio (les seuls ménages comptés au ratio), les autres ménages
    suivis à part, hors capacité."""
    charge = charge_travail(suivis.au_ratio, etp, menages_par_etp)
    return ChargeAffichee(charge, menages_par_etp, suivis.autres)


def lignes_equipe(
    travailleurs: list[Utilisateur],
    suivis: dict[int, Suivis],
    etp: dict[int, Decimal],
    menages_par_etp: Decimal,
) -> list[LigneEquipe]:
    """R-SW-RATIO : la charge de chaque travailleur social (ménages suivis, ETP en vigueur ;
    un ETP absent est inconnu, jamais 0)."""
    return [
        LigneEquipe(u, charge_affichee(suivis.get(u.pk, Suivis()), etp.get(u.pk), menages_par_etp))
        for u in travailleurs
    ]


@dataclass(frozen=True)
class TotalEquipe:
    menages: int
    etp: Decimal | None  # None : aucun ETP connu
    sans_etp: int
    autres: int = 0  # ménages suivis hors ratio


def total_equipe(lignes: list[LigneEquipe]) -> TotalEquipe:
    """Les ménages suivis de l'équipe, la somme des ETP connus et le nombre d'ETP inconnus
    (jamais comptés 0)."""
    connus = [ligne.charge.charge.etp for ligne in lignes if ligne.charge.charge.etp is not None]
    return TotalEquipe(
        menages=sum(ligne.charge.charge.menages for ligne in lignes),
        etp=sum(connus, Decimal(0)) if connus else None,
        sans_etp=len(lignes) - len(connus),
        autres=sum(ligne.charge.autres for ligne in lignes),
    )


def raisons_sans_plan(menage: Menage) -> list[str]:
    """Pourquoi un ménage logé est signalé (`menage` lu par
    `selectors_equipe.sans_plan_ou_sans_referent`)."""
    raisons = []
    if not menage.suivi:  # type: ignore[attr-defined]
        raisons.append("pas de plan d'accompagnement ouvert")
    if menage.referent_id is None:
        raisons.append("sans référent")
    elif not menage.referent_actif:  # type: ignore[attr-defined]
        raisons.append("référent qui n'est plus travailleur social actif ici")
    return raisons
