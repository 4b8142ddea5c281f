"""Parc généré d'un opérateur, construit en mémoire puis inséré par lots.

Les invariants des services du parc sont appliqués ici avant l'insertion : capacité au plus
celle du barème national (R-CAPACITY), zone dérivée de la commune (`zone_de_commune`), statuts
atteints en franchissant la table (`regles.transitions`, un événement par passage), contrôle
de décence à chaque mise en location (`controler_decence` : un logement refusé s'arrête avant),
contrat du type de la forme (R-MODE), redevance et bail glissant en sous-location seulement."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from iml.comptes.communes import communes_du_departement
from iml.comptes.models import Organisation, Utilisateur
from iml.generateur.chemins import chemin
from iml.generateur.noms import NOMS, PRENOMS, RUES, SCI, SOCIETES
from iml.parc.models import Bailleur, ContratBailleur, EvenementLogement, Logement
from iml.parc.services.contrats import TYPE_DE_FORME, date_de_fin
from iml.parc.services.logements import constats_decence
from regles.constats import a_des_erreurs
from regles.parametres_parc import ParametresParc, zone_de_commune
from regles.transitions import STATUTS_MISE_EN_LOCATION, TRANSITIONS_LOGEMENT
from regles.types import Mode, Typologie

TYPOLOGIES = {"STUDIO": 12, "T1": 15, "T2": 28, "T3": 24, "T4": 12, "T5": 6, "T6_PLUS": 3}
SURFACES = {"STUDIO": (14, 26), "T1": (22, 36), "T2": (35, 52), "T3": (50, 72),
            "T4": (65, 90), "T5": (80, 110), "T6_PLUS": (95, 140)}  # fmt: skip
CLASSES = {"A": 2, "B": 6, "C": 18, "D": 30, "E": 24, "F": 12, "G": 8}
STATUTS_LOGEMENT = {"OCCUPE": 55, "DISPONIBLE": 8, "VACANT": 8, "EN_TRAVAUX": 6,
                    "EN_CAPTATION": 10, "RESTITUE": 13}  # fmt: skip
UN_CENTIME = Decimal("0.01")


@dataclass
class Contexte:
    """Ce qui ne change pas d'un opérateur à l'autre."""

    capacites: dict[Typologie, int]
    parametres: ParametresParc
    aujourd_hui: date
    motifs: list  # MotifBlocage actifs


@dataclass
class Lot:
    """Les lignes en attente d'insertion, dans l'ordre des dépendances."""

    bailleurs: list[Bailleur] = field(default_factory=list)
    logements: list[Logement] = field(default_factory=list)
    evenements_logement: list[EvenementLogement] = field(default_factory=list)
    contrats: list[ContratBailleur] = field(default_factory=list)
    prospects: list = field(default_factory=list)
    evenements_prospect: list = field(default_factory=list)


def tirer(rng: random.Random, poids: dict[str, int]) -> str:
    return rng.choices(list(poids), weights=list(poids.values()))[0]


def instant(jour: date, rng: random.Random) -> datetime:
    """Un moment ouvré du jour, dans le fuseau du projet."""
    heure = time(hour=rng.randint(8, 17), minute=rng.randrange(0, 60, 5))
    return timezone.make_aware(datetime.combine(jour, heure))


def bailleurs_de(rng: random.Random, operateur: Organisation, nombre: int, lot: Lot) -> list:
    """Personnes surtout, quelques SCI et sociétés ; 3 % « ne pas contacter »."""
    liste = []
    for n in range(nombre):
        tirage = rng.random()
        b = Bailleur(operateur=operateur, reference=f"B{n + 1:05d}", type="PERSONNE",
                     nom=rng.choice(NOMS), prenom=rng.choice(PRENOMS), origine="PROSPECTION",
                     consentement_contact=True)  # fmt: skip
        if tirage < 0.08:
            b.type, b.nom, b.prenom = "SCI", f"{rng.choice(SCI)} {n + 1}", ""
        elif tirage < 0.12:
            b.type, b.nom, b.prenom = "SOCIETE", f"{rng.choice(SOCIETES)} {n + 1}", ""
        b.origine = rng.choice(("PROSPECTION", "BOUCHE_A_OREILLE", "AGENCE", "PLATEFORME",
                                "ZERO_LOGEMENT_VACANT"))  # fmt: skip
        if rng.random() < 0.03:
            b.ne_pas_contacter, b.ne_pas_contacter_motif = True, "Demande du bailleur."
            b.consentement_contact = False
        liste.append(b)
    lot.bailleurs.extend(liste)
    return liste


def _fiche(rng: random.Random, ctx: Contexte, dept: str, forme: str) -> Logement:
    typologie = tirer(rng, TYPOLOGIES)
    bas, haut = SURFACES[typologie]
    surface = Decimal(rng.randint(bas, haut)) if rng.random() > 0.01 else Decimal("8.50")
    commune = rng.choice(communes_du_departement(dept))
    maximum = ctx.capacites[Typologie(typologie)]
    loyer = (surface * Decimal(str(round(rng.uniform(8, 15), 2)))).quantize(UN_CENTIME)
    prefixe = (dept if dept.isascii() and dept.isdigit() else "20").ljust(3, "0")
    logement = Logement(
        adresse=f"{rng.randint(1, 150)} {rng.choice(RUES)}", commune=commune.code,
        code_postal=prefixe + f"{rng.randrange(100):02d}",
        typologie=typologie, capacite=max(1, maximum - rng.randint(0, 1)), surface_m2=surface,
        hauteur_sous_plafond_m=Decimal("2.50"), etage=rng.randint(0, 6), forme=forme,
        loyer=loyer, charges=Decimal(rng.randint(20, 90)), classe_dpe=tirer(rng, CLASSES),
        zone=zone_de_commune(commune.code, ctx.parametres).value, meuble=rng.random() < 0.2,
    )  # fmt: skip
    if forme == Mode.SOUS_LOCATION:
        logement.redevance = (loyer * Decimal("0.55")).quantize(UN_CENTIME)
        logement.bail_glissant_possible = rng.random() < 0.4
    return logement


def decent(logement: Logement, ctx: Contexte, jour: date) -> bool:
    return not a_des_erreurs(constats_decence(logement, jour, ctx.parametres))


def _parcours(rng: random.Random, ctx: Contexte, logement: Logement, debut: date) -> list:
    """Les passages (vers, jour) vers un statut tiré, arrêtés à aujourd'hui ou au premier
    refus du contrôle de décence."""
    cible = tirer(rng, STATUTS_LOGEMENT)
    via = ("VACANT",) if cible == "RESTITUE" and rng.random() < 0.7 else ()
    passages, jour = [], debut
    for vers in chemin(TRANSITIONS_LOGEMENT, "EN_CAPTATION", cible, via):
        jour += timedelta(days=rng.randint(7, 120))
        if jour > ctx.aujourd_hui:
            break
        if vers in STATUTS_MISE_EN_LOCATION and not decent(logement, ctx, jour):
            break
        passages.append((vers, jour))
    return passages


def _contrat(rng: random.Random, logement: Logement, par: Utilisateur) -> ContratBailleur:
    debut = logement.date_mobilisation
    assert debut is not None
    duree = 36 if logement.forme == Mode.MANDAT_GESTION else rng.choice((12, 36))
    contrat = ContratBailleur(
        logement=logement, type=TYPE_DE_FORME[Mode(logement.forme)], date_debut=debut,
        duree_mois=duree, date_fin=date_de_fin(debut, duree), cree_par=par,
        resilie_le=logement.date_restitution,
    )  # fmt: skip
    if logement.forme == Mode.MANDAT_GESTION:
        contrat.honoraires_pct, contrat.garanties = Decimal("7.00"), ["VISALE"]
    else:
        contrat.loyer, contrat.renouvellement_tacite = logement.loyer, True
    return contrat


def logement_de(
    rng: random.Random, ctx: Contexte, operateur: Organisation, bailleur: Bailleur,
    par: Utilisateur, lot: Lot, forme: str, rang: int,
) -> tuple[Logement, date]:  # fmt: skip
    """Un logement, ses événements de statut et son contrat, ajoutés au lot ; avec le jour de
    sa création."""
    logement = _fiche(rng, ctx, operateur.territoire.code, forme)
    logement.operateur, logement.bailleur = operateur, bailleur
    debut = ctx.aujourd_hui - timedelta(days=rng.randint(20, 8 * 365))
    logement.date_dpe = debut - timedelta(days=rng.randint(0, 6 * 365))
    logement.reference = f"L{rang:06d}"
    lot.logements.append(logement)
    ligne = {"logement": logement, "par": par}
    lot.evenements_logement.append(
        EvenementLogement(de="", vers="EN_CAPTATION", le=instant(debut, rng), **ligne)
    )
    de = "EN_CAPTATION"
    for vers, jour in _parcours(rng, ctx, logement, debut):
        note = "Fin du contrat avec le bailleur." if vers == "RESTITUE" else ""
        lot.evenements_logement.append(
            EvenementLogement(de=de, vers=vers, le=instant(jour, rng), note=note, **ligne)
        )
        if vers == "DISPONIBLE" and logement.date_mobilisation is None:
            logement.date_mobilisation = jour
        if vers == "RESTITUE":
            logement.date_restitution = jour
        de = vers
    logement.statut = de
    if logement.date_mobilisation is not None:
        lot.contrats.append(_contrat(rng, logement, par))
    return logement, debut
