"""Accompagnement social : étapes de la liste par moment et par forme (R-ACCOMP-ETAPES),
ménages sans contact (R-ACCOMP-CONTACT), action budgétaire ouverte par les impayés et refermée
quand la dette échue est soldée (R-ACCOMP-IMPAYES) ; s'y ajoutent le contrôle d'un plan
(R-ACCOMP-PLAN, avec les dispositifs de `regles.dispositifs`), la visite hebdomadaire d'« un petit
chez-soi » (R-PETIT-CHEZ-SOI) et la charge des travailleurs sociaux (R-SW-RATIO).

Fonctions pures : la date du jour est toujours un argument ; aucun diagnostic n'entre ici, des
oui/non, des domaines et des nombres.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from regles.bareme import Bareme
from regles.calcul import arrondir, part_pct, somme
from regles.calendrier import ajouter_mois
from regles.constats import Constat, alerte, erreur, info
from regles.dispositifs import Financement, totaux_financements, verifier_mesure_cd
from regles.echeances import AlerteEcheance
from regles.format import date_fr, euros, pluriel
from regles.parametres_accompagnement import Etape
from regles.types import Dispositif, Financeur, Mode
from regles.types_accompagnement import MomentEtape, NiveauBesoin, Realisation

UN_DIXIEME = Decimal("0.1")

# --- Le plan (R-ACCOMP-PLAN et dispositifs) ---------------------------------------------------


@dataclass(frozen=True)
class CriteresChezSoi:
    """R-CHEZ-SOI : les trois conditions d'entrée, en oui / non (`None` = non renseigné) ;
    jamais de diagnostic, seulement le fait qu'il est posé par un psychiatre."""

    sans_abri: bool | None
    trouble_atteste_psychiatre: bool | None
    demande_logement: bool | None


@dataclass(frozen=True)
class PlanSaisi:
    """Un plan tel que saisi : besoins par domaine, qui accompagne, durée, dispositif ; la forme
    et le bail glissant de l'occupation en cours du ménage (`None` s'il n'est pas logé)."""

    besoins: Mapping[str, NiveauBesoin]
    realisation: Realisation
    partenaire_delegue: str
    service_droit_commun: str
    duree_prevue_mois: int
    dispositif: Dispositif
    forme: Mode | None
    bail_glissant: bool
    criteres_chez_soi: CriteresChezSoi | None = None
    financements: Sequence[Financement] = field(default_factory=tuple)


def fin_prevue(debut: date, duree_mois: int) -> date:
    """R-ACCOMP-PLAN : dernier jour prévu d'un accompagnement de `duree_mois` mois (la veille du
    même jour `duree_mois` mois plus tard)."""
    return ajouter_mois(debut, duree_mois) - timedelta(days=1)


def _realisation(p: PlanSaisi) -> list[Constat]:
    if p.realisation is Realisation.DELEGUE and not p.partenaire_delegue.strip():
        return [
            erreur(
                "R-ACCOMP-PLAN",
                "accompagnement délégué : nommez l'opérateur agréé (article L. 365-3 du CCH) qui "
                "le réalise.",
                "partenaire_delegue",
            )
        ]
    if p.realisation is Realisation.DROIT_COMMUN and not p.service_droit_commun:
        return [
            erreur(
                "R-ACCOMP-PLAN",
                "accompagnement par le droit commun : choisissez le service qui le réalise.",
                "service_droit_commun",
            )
        ]
    return []


def _chez_soi(c: CriteresChezSoi | None) -> list[Constat]:
    """R-CHEZ-SOI : les trois conditions renseignées et remplies."""
    c = c or CriteresChezSoi(None, None, None)
    manquants = [
        libelle
        for valeur, libelle in (
            (c.sans_abri, "sans abri à l'entrée"),
            (c.trouble_atteste_psychiatre, "trouble psychique sévère attesté par un psychiatre"),
            (c.demande_logement, "demande à être logée"),
        )
        if valeur is not True
    ]
    if not manquants:
        return []
    return [
        erreur(
            "R-CHEZ-SOI",
            "« un chez-soi d'abord » suppose chacune de ces conditions, non remplie ou non "
            f"renseignée ici : {', '.join(manquants)}.",
            "criteres_chez_soi",
        )
    ]


def _financements(p: PlanSaisi, bareme: Bareme) -> list[Constat]:
    constats: list[Constat] = []
    if p.dispositif is Dispositif.MESURE_CD:
        financeurs = {f.financeur for f in p.financements}
        if not financeurs & {Financeur.CONSEIL_DEPARTEMENTAL, Financeur.FAPI}:
            constats.append(
                erreur(
                    "R-CD-MEASURES",
                    "une mesure départementale a le conseil départemental (ou le FAPI) parmi ses "
                    "financeurs : ajoutez-le avec son montant.",
                    "financements",
                )
            )
        constats.extend(verifier_mesure_cd(p.duree_prevue_mois, bareme))
    if p.financements:
        total, _ = totaux_financements(p.financements)
        texte = f"financement annuel de {euros(total)}"
        if p.dispositif is Dispositif.UN_PETIT_CHEZ_SOI:
            reference = somme(bareme.petit_chez_soi_financement_par_place.values())
            texte += f" (référence « un petit chez-soi » : {euros(reference)} par place)"
        constats.append(info("R-COFUNDING", f"{texte}.", "financements"))
    return constats


def verifier_plan(p: PlanSaisi, bareme: Bareme) -> tuple[Constat, ...]:
    """R-ACCOMP-PLAN, R-CHEZ-SOI, R-PETIT-CHEZ-SOI, R-CD-MEASURES, R-COFUNDING : un plan part
    de besoins évalués, dit qui accompagne, et respecte les conditions de son dispositif."""
    constats: list[Constat] = []
    if not any(n is not NiveauBesoin.AUCUN for n in p.besoins.values()):
        constats.append(
            erreur(
                "R-ACCOMP-PLAN",
                "évaluez au moins un besoin (un domaine avec un besoin ponctuel ou important) : "
                "l'accompagnement se règle sur les besoins du ménage.",
                "besoins",
            )
        )
    constats.extend(_realisation(p))
    if p.dispositif is Dispositif.UN_CHEZ_SOI_D_ABORD:
        constats.extend(_chez_soi(p.criteres_chez_soi))
    if p.dispositif is Dispositif.UN_PETIT_CHEZ_SOI and not (
        p.forme is Mode.SOUS_LOCATION and p.bail_glissant
    ):
        constats.append(
            erreur(
                "R-PETIT-CHEZ-SOI",
                "« un petit chez-soi » suppose une sous-location à bail glissant : le ménage "
                "n'en occupe pas une.",
                "dispositif",
            )
        )
    constats.extend(_financements(p, bareme))
    return tuple(constats)


# --- Les étapes (R-ACCOMP-ETAPES) -------------------------------------------------------------


def etapes_de(etapes: Iterable[Etape], forme: Mode) -> tuple[Etape, ...]:
    """R-ACCOMP-ETAPES : les étapes d'une forme, dans l'ordre du barème (entrée, pendant,
    sortie) ; le mandat de gestion n'a pas d'étape de sortie."""
    ordre = list(MomentEtape)
    return tuple(
        sorted((e for e in etapes if forme in e.formes), key=lambda e: ordre.index(e.moment))
    )


@dataclass(frozen=True)
class Avancement:
    """Étapes faites et restantes d'un moment."""

    moment: MomentEtape
    faites: tuple[Etape, ...]
    restantes: tuple[Etape, ...]

    @property
    def total(self) -> int:
        return len(self.faites) + len(self.restantes)


def avancement(
    etapes: Iterable[Etape], forme: Mode, cochees: Iterable[str]
) -> tuple[Avancement, ...]:
    """R-ACCOMP-ETAPES : par moment (ceux qui ont des étapes pour la forme), ce qui est fait et
    ce qui reste ; une coche d'un code absent du barème est ignorée."""
    faits = set(cochees)
    resultat = []
    for moment in MomentEtape:
        du_moment = [e for e in etapes_de(etapes, forme) if e.moment is moment]
        if du_moment:
            resultat.append(
                Avancement(
                    moment,
                    tuple(e for e in du_moment if e.code in faits),
                    tuple(e for e in du_moment if e.code not in faits),
                )
            )
    return tuple(resultat)


# --- Visites d'« un petit chez-soi » (R-PETIT-CHEZ-SOI) -------------------------------------


def _lundi(jour: date) -> date:
    return jour - timedelta(days=jour.weekday())


def semaines_sans_visite(
    debut: date,
    fin: date | None,
    visites: Iterable[date],
    aujourd_hui: date,
    minimum: int,
) -> tuple[date, ...]:
    """R-PETIT-CHEZ-SOI : les lundis des semaines civiles (lundi à dimanche) entières, écoulées
    et comprises dans l'accompagnement [`debut`, `fin`], qui ont eu moins de `minimum` visites.
    La semaine du début ne compte que si elle commence le jour même ; celle du jour, jamais."""
    premier = _lundi(debut) if debut.weekday() == 0 else _lundi(debut) + timedelta(weeks=1)
    par_semaine: dict[date, int] = {}
    for v in visites:
        par_semaine[_lundi(v)] = par_semaine.get(_lundi(v), 0) + 1
    manquees = []
    lundi = premier
    while lundi + timedelta(days=6) < aujourd_hui and (
        fin is None or lundi + timedelta(days=6) <= fin
    ):
        if par_semaine.get(lundi, 0) < minimum:
            manquees.append(lundi)
        lundi += timedelta(weeks=1)
    return tuple(manquees)


def alerte_visites(reference: str, manquees: Sequence[date], minimum: int) -> AlerteEcheance | None:
    """R-PETIT-CHEZ-SOI : l'alerte de la dernière semaine manquée (clé propre à la semaine :
    une alerte par semaine, jamais deux)."""
    if not manquees:
        return None
    lundi = manquees[-1]
    texte = (
        f"{pluriel(minimum, 'visite')} au moins par semaine pour {reference} (« un petit "
        f"chez-soi ») : aucune la semaine du {date_fr(lundi)} au "
        f"{date_fr(lundi + timedelta(days=6))}."
        if minimum == 1
        else f"{pluriel(minimum, 'visite')} au moins par semaine pour {reference} (« un petit "
        f"chez-soi ») : pas assez la semaine du {date_fr(lundi)} au "
        f"{date_fr(lundi + timedelta(days=6))}."
    )
    return AlerteEcheance(
        f"semaine-{lundi.isoformat()}", lundi + timedelta(days=6), alerte("R-PETIT-CHEZ-SOI", texte)
    )


# --- Charge des travailleurs sociaux (R-SW-RATIO) ----------------------------------------------


@dataclass(frozen=True)
class Charge:
    """Charge d'un travailleur social : ménages suivis, capacité au ratio (`None` si l'ETP est
    inconnu, R-UNKNOWN), taux de charge en % (`None` si la capacité est inconnue ou nulle),
    surcharge (`None` si elle ne peut être dite)."""

    menages: int
    etp: Decimal | None
    capacite: Decimal | None
    taux_pct: Decimal | None
    surcharge: bool | None


def charge_travail(menages: int, etp: Decimal | None, menages_par_etp: Decimal) -> Charge:
    """R-SW-RATIO : un travailleur social pour 20 ménages (paramètre) ; un ETP de 0,5 suit 10
    ménages. Au-delà de la capacité, surcharge ; un ETP inconnu ne vaut jamais 0."""
    if etp is None:
        return Charge(menages, None, None, None, None)
    capacite = arrondir(etp * menages_par_etp, UN_DIXIEME)
    taux = part_pct(menages, capacite, UN_DIXIEME) if capacite else None
    return Charge(menages, etp, capacite, taux, menages > capacite)


# --- Ménages sans contact (R-ACCOMP-CONTACT) ---------------------------------------------------


def jours_sans_contact(dernier: date | None, debut_suivi: date, aujourd_hui: date) -> int:
    """R-ACCOMP-CONTACT : jours écoulés depuis le dernier contact, ou depuis le début du suivi
    quand il n'y en a eu aucun depuis : un contact d'avant le début du plan ne compte pas."""
    depuis = debut_suivi if dernier is None else max(dernier, debut_suivi)
    return (aujourd_hui - depuis).days


def sans_contact(
    dernier: date | None, debut_suivi: date, aujourd_hui: date, seuil_jours: int
) -> bool:
    """R-ACCOMP-CONTACT : signalé à partir de `seuil_jours` jours sans contact (30 : paramètre)."""
    return jours_sans_contact(dernier, debut_suivi, aujourd_hui) >= seuil_jours


# --- Les impayés ouvrent l'accompagnement budgétaire (R-ACCOMP-IMPAYES) ---------------------

OUVRIR = "OUVRIR"
FERMER = "FERMER"


def action_impayes(
    dette_echue: Decimal, mensuel: Decimal | None, seuil_mois: int, ouverte: bool
) -> str | None:
    """R-ACCOMP-IMPAYES : `OUVRIR` une action de soutien budgétaire quand la dette échue atteint
    le seuil des impayés (`seuil_mois` mois de loyer ou de redevance, le seuil de R-IMPAYES) et
    qu'aucune n'est ouverte ; `FERMER` celle qui l'est quand la dette échue est soldée ; sinon
    `None`. Sans loyer connu, rien ne s'ouvre."""
    if ouverte:
        return FERMER if dette_echue <= 0 else None
    if mensuel is None or mensuel <= 0:
        return None
    return OUVRIR if dette_echue >= mensuel * seuil_mois else None


def message_action_ouverte(reference: str, seuil_mois: int) -> Constat:
    """R-ACCOMP-IMPAYES : le message au référent (sans montant : il part aussi par courriel)."""
    return alerte(
        "R-ACCOMP-IMPAYES",
        f"la dette de {reference} atteint {pluriel(seuil_mois, 'mois', 'mois')} de loyer ou de "
        "redevance : une action de soutien budgétaire est ouverte sur son plan d'accompagnement.",
    )


# --- Chiffres d'activité -----------------------------------------------------------------------


def moyenne(total: int, effectif: int) -> Decimal | None:
    """Moyenne au dixième (contacts par ménage et par mois) ; `None` sans effectif."""
    if effectif == 0:
        return None
    return arrondir(Decimal(total) / Decimal(effectif), UN_DIXIEME)
