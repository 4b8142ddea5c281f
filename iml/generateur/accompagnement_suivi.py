"""Suivi généré d'un opérateur : l'annuaire de ses partenaires (R-PARTNERS), ses travailleurs
sociaux et leur temps de travail (R-SW-RATIO), et pour chaque plan les étapes cochées de la
liste de sa forme (R-ACCOMP-ETAPES), les contacts (environ deux par mois d'accompagnement,
une visite par semaine pour « un petit chez-soi ») et les orientations vers les partenaires.
Rien n'est daté après la fin du plan ni après le jour de référence."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth.hashers import make_password

from iml.accompagnement.models import (
    Contact,
    EtapeCochee,
    OrientationPartenaire,
    Partenaire,
    Plan,
    TempsTravail,
)
from iml.comptes.communes import commune, nom_departement
from iml.comptes.enums import Role
from iml.comptes.models import Adhesion, Organisation, Utilisateur
from iml.generateur.ecritures import inserer_par_lots
from iml.generateur.organisations import DOMAINE
from iml.generateur.parc import tirer
from iml.menages.models import Menage
from regles.types import Mode
from regles.types_accompagnement import MomentEtape

#: (type, libellé, motif d'une orientation vers lui) : l'annuaire type d'un opérateur.
ANNUAIRE = (
    ("MDS", "Maison départementale des solidarités", "PARENTALITE"),
    ("CCAS_CIAS", "CCAS", "DROITS"),
    ("CAF", "CAF", "DROITS"),
    ("FRANCE_TRAVAIL", "France Travail", "EMPLOI_FORMATION"),
    ("MISSION_LOCALE", "Mission locale", "EMPLOI_FORMATION"),
    ("HOPITAL_CMP", "CMP", "SANTE"),
    ("CAARUD", "CAARUD", "ADDICTIONS"),
    ("SAVS_SAMSAH", "SAVS", "SANTE"),
    ("ASSOCIATION", "Point conseil budget", "BUDGET"),
    ("ASSOCIATION", "Association d'entraide", "ISOLEMENT"),
    ("AUTRE", "Épicerie solidaire", "AUTRE"),
)
#: Contacts par mois selon l'intensité (≈ 2 en moyenne sur les plans générés).
RYTHMES = {"LEGERE": 1.0, "REGULIERE": 2.0, "RENFORCEE": 3.5}
CANAUX = {"VISITE_DOMICILE": 30, "TELEPHONE": 30, "BUREAU": 20, "DEMARCHE": 8,
          "LIEU_CHOISI": 7, "VISIO": 5}  # fmt: skip
DUREES = {"VISITE_DOMICILE": (30, 90), "LIEU_CHOISI": (30, 60), "BUREAU": (20, 60),
          "TELEPHONE": (5, 20), "VISIO": (15, 45), "DEMARCHE": (60, 180)}  # fmt: skip
NOTES = ("Point sur le budget du mois.", "Rendez-vous confirmé.", "Courrier reçu, à voir ensemble.",
         "Compteurs relevés ensemble.", "Dossier de la CAF complété.")  # fmt: skip
SUITES = {"PRISE_EN_CHARGE": 50, "EN_ATTENTE": 15, "REFUSEE": 10, "NON_HONOREE": 15,
          "SANS_SUITE": 10}  # fmt: skip


def _communes(occupations: list, operateur: Organisation) -> list[str]:
    """Les trois communes où l'opérateur loge le plus de ménages (le département à défaut)."""
    codes = Counter(o.logement.commune for o in occupations).most_common(3)
    noms = [c.nom for code, _ in codes if (c := commune(code)) is not None]
    return noms or [nom_departement(operateur.territoire.code) or operateur.territoire.code]


def partenaires(rng: random.Random, operateur: Organisation, occupations: list, lot) -> list:
    """Neuf à onze partenaires de l'annuaire type dans les communes de l'opérateur (un sur
    trois opérateurs garde un ancien partenaire inactif ; noms uniques), chacun avec le motif
    d'une orientation vers lui."""
    communes = _communes(occupations, operateur)
    rangs = sorted(rng.sample(range(len(ANNUAIRE)), rng.randint(9, len(ANNUAIRE))))
    retenus = [ANNUAIRE[i] for i in rangs]
    liste = []
    for i, (type_, libelle, motif) in enumerate(retenus):
        liste.append((
            Partenaire(
                operateur=operateur, nom=f"{libelle} de {communes[i % len(communes)]}",
                type=type_, commune=communes[i % len(communes)],
                telephone=f"0{rng.randint(1, 5)} {rng.randint(10, 99)} 00 {i:02d} {i + 10:02d}",
                actif=not (i == len(retenus) - 1 and rng.random() < 0.33),
            ),
            motif,
        ))  # fmt: skip
    lot.partenaires += [p for p, _ in liste]
    return liste


def _etp(rng: random.Random, ctx, charge: float) -> Decimal:
    """R-SW-RATIO : un temps de travail proche de la charge (20 ménages par ETP), entre 70 et
    140 % de ce qu'elle demande (des travailleurs en surcharge, d'autres non), au dixième,
    entre 0,1 et 1."""
    besoin = charge / float(ctx.bareme.menages_par_etp) * rng.uniform(0.7, 1.4)
    return Decimal(str(min(1.0, max(0.1, round(besoin, 1))))).quantize(Decimal("0.01"))


def travailleurs(rng, ctx, operateur: Organisation, direction, ouverts: int, lot) -> list:
    """Environ un travailleur social pour 18 plans ouverts (comptes inutilisables) et, pour
    neuf sur dix, leur temps de travail fixé par la direction à la mesure de leur charge ;
    l'ETP des autres reste inconnu (R-UNKNOWN)."""
    dept, rang = int(operateur.siret[3:6]), int(operateur.siret[6:10])
    nombre = 1 + ouverts // 18
    inutilisable = make_password(None)
    comptes = []
    for k in range(1, nombre + 1):
        compte = Utilisateur(
            email=f"social.{dept:03d}.{rang:02d}.{k}@{DOMAINE}", first_name="Travail social",
            last_name=f"Opérateur {dept:03d}-{rang:02d} n° {k}", password=inutilisable,
        )  # fmt: skip
        comptes.append(compte)
        lot.adhesions.append(
            Adhesion(utilisateur=compte, organisation=operateur, role=Role.TRAVAILLEUR_SOCIAL)
        )
        if rng.random() < 0.9:
            depuis = ctx.aujourd_hui - timedelta(days=rng.randint(30, 8 * 365))
            lot.temps.append(
                TempsTravail(operateur=operateur, utilisateur=compte,
                             etp=_etp(rng, ctx, ouverts / nombre), depuis_le=depuis, par=direction)
            )  # fmt: skip
    lot.comptes += comptes
    return comptes


def _fenetre(moment: MomentEtape, age: int, clos: bool) -> tuple[float, int, int]:
    """Probabilité d'une étape d'un moment et jours (après le début) où elle se coche."""
    if moment is MomentEtape.ENTREE:
        return (0.95 if age >= 60 else 0.5), 0, min(age, 45)
    if moment is MomentEtape.PENDANT:
        return min(0.8, age / 365), min(30, age), age
    return (0.7 if clos else 0.4 if age > 365 else 0.0), max(0, age - 60), age


def etapes(rng: random.Random, ctx, plan: Plan, fin) -> list[EtapeCochee]:
    """R-ACCOMP-ETAPES : des étapes de la liste de la forme de l'occupation, cochées une fois
    chacune par le référent, entre le début du plan et sa fin (ou le jour de référence)."""
    age = (fin - plan.debut_le).days
    lignes = []
    for etape in ctx.etapes[Mode(plan.occupation.forme)]:
        p, de, a = _fenetre(etape.moment, age, plan.fin_le is not None)
        if rng.random() < p:
            faite = plan.debut_le + timedelta(days=rng.randint(de, a))
            lignes.append(
                EtapeCochee(plan=plan, code=etape.code, faite_le=faite, par=plan.cree_par)
            )
    return lignes


class LigneContact(NamedTuple):
    """Un contact à insérer (`Contact`), le ménage et l'auteur pas encore insérés : les
    contacts sont les lignes les plus nombreuses de l'accompagnement, insérées par
    `executemany` sans instancier de modèle (comme les lignes de compte)."""

    menage: Menage
    le: date
    canal: str
    duree_minutes: int | None
    par: Utilisateur
    note: str


def _contact(rng: random.Random, plan: Plan, le: date, canal: str | None = None) -> LigneContact:
    canal = canal or tirer(rng, CANAUX)
    duree = None if rng.random() < 0.1 else rng.randint(*DUREES[canal])
    note = rng.choice(NOTES) if rng.random() < 0.3 else ""
    return LigneContact(plan.menage, le, canal, duree, plan.cree_par, note)


def contacts(rng: random.Random, plan: Plan, fin: date) -> list[LigneContact]:
    """Au rythme de l'intensité, à des dates tirées dans le plan, par des canaux variés ;
    « un petit chez-soi » : une visite presque chaque semaine (R-PETIT-CHEZ-SOI) et un appel
    par mois. Au moins un contact par plan."""
    jours = (fin - plan.debut_le).days + 1
    petit = plan.dispositif == "UN_PETIT_CHEZ_SOI"
    lignes = []
    if petit:
        for semaine in range(0, jours, 7):
            le = plan.debut_le + timedelta(days=min(semaine + rng.randint(0, 6), jours - 1))
            if rng.random() < 0.95:
                canal = rng.choice(("VISITE_DOMICILE", "VISITE_DOMICILE", "LIEU_CHOISI"))
                lignes.append(_contact(rng, plan, le, canal))
        nombre = max(jours // 30, 0 if lignes else 1)
    else:
        nombre = max(1, round(jours / 30 * RYTHMES[plan.intensite] * rng.uniform(0.7, 1.3)))
    for _ in range(nombre):
        le = plan.debut_le + timedelta(days=rng.randrange(jours))
        lignes.append(_contact(rng, plan, le, "TELEPHONE" if petit else None))
    return lignes


def orientations(rng: random.Random, ctx, plan: Plan, fin, partenaires: list) -> list:
    """R-PARTNERS : zéro à deux orientations vers un partenaire actif (`(partenaire, motif)`) ;
    la suite connue quelques jours ou semaines plus tard (jamais après le jour de référence)."""
    actifs = [(p, motif) for p, motif in partenaires if p.actif]
    lignes = []
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        partenaire, motif = rng.choice(actifs)
        le = plan.debut_le + timedelta(days=rng.randint(0, (fin - plan.debut_le).days))
        issue = tirer(rng, SUITES)
        issue_le = None if issue == "EN_ATTENTE" else le + timedelta(days=rng.randint(3, 45))
        if issue_le is not None and issue_le > ctx.aujourd_hui:
            issue, issue_le = "EN_ATTENTE", None
        lignes.append(
            OrientationPartenaire(menage=plan.menage, partenaire=partenaire, le=le, motif=motif,
                                  issue=issue, issue_le=issue_le, par=plan.cree_par)
        )  # fmt: skip
    return lignes


COLONNES = ("menage_id", "le", "canal", "duree_minutes", "par_id", "note", "cree_le")


def inserer_contacts(lignes: list[LigneContact], taille_lot: int) -> None:
    """Les contacts, les plus nombreux (ménages et comptes déjà insérés)."""
    inserer_par_lots(
        Contact, COLONNES, lignes,
        lambda x, date_db, cree_le: (
            x.menage.pk, date_db(x.le), x.canal, x.duree_minutes, x.par.pk, x.note, cree_le
        ),
        taille_lot,
    )  # fmt: skip
