"""Ménages générés : la personne de référence (nom fictif), les autres membres (lien, année de
naissance), des ressources datées choisies pour que le contrôle d'admission passe (taux
d'effort sous le plafond de la forme, ménage à la taille du logement), des critères de
priorité, l'orientation du SIAO. Rien de plus : ni diagnostic, ni note libre."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from iml.comptes.models import Organisation, Utilisateur
from iml.generateur.noms import NOMS, PRENOMS
from iml.menages.enums import PublicSpecialise, SituationAvant
from iml.menages.models import CriterePriorite, Menage, Personne, Ressource
from regles.types import Categorie, LienPersonne, Mode, NatureRessource, PublicPrioritaire

UN_CENTIME = Decimal("0.01")
#: Taille du ménage (personnes) : plafonnée ensuite par la capacité du logement.
TAILLES = {1: 40, 2: 24, 3: 17, 4: 11, 5: 5, 6: 3}
SITUATIONS = [s.value for s in SituationAvant]
PUBLICS = [p.value for p in PublicSpecialise]
CRITERES = [c.value for c in PublicPrioritaire]
#: Taux d'effort visé (en part des ressources), sous le plafond de chaque forme.
EFFORT_VISE = {Mode.SOUS_LOCATION: (0.12, 0.27), Mode.MANDAT_GESTION: (0.18, 0.42)}


@dataclass
class LotMenages:
    menages: list[Menage] = field(default_factory=list)
    personnes: list[Personne] = field(default_factory=list)
    ressources: list[Ressource] = field(default_factory=list)
    criteres: list[CriterePriorite] = field(default_factory=list)


@dataclass(frozen=True)
class MenageGenere:
    """Le ménage (pas encore inséré) et ce que le contrôle d'admission en lit."""

    menage: Menage
    personnes: int
    ressources: Decimal
    aide_logement: Decimal | None


def _membres(rng: random.Random, menage: Menage, taille: int, annee_ref: int) -> list[Personne]:
    membres = []
    if taille >= 2 and rng.random() < 0.5:
        lien, annee = LienPersonne.CONJOINT, annee_ref + rng.randint(-6, 6)
        membres.append(Personne(menage=menage, lien=lien, annee_naissance=annee))
    while len(membres) < taille - 1:
        if rng.random() < 0.92:
            lien, annee = LienPersonne.ENFANT, annee_ref + rng.randint(18, 38)
        else:
            lien, annee = rng.choice((LienPersonne.PARENT, LienPersonne.AUTRE)), annee_ref - 25
        membres.append(Personne(menage=menage, lien=lien, annee_naissance=annee))
    return membres


def _ressources(
    rng: random.Random,
    menage: Menage,
    mensuel: Decimal,
    forme: str,
    connue_le: date,
    facteur: Decimal,
) -> tuple[list[Ressource], Decimal, Decimal | None]:
    """Des ressources par nature telles que le coût net (loyer + charges − aide) pèse une part
    visée des ressources ; une aide au logement connue pour deux ménages sur trois."""
    aide = None
    if rng.random() < 0.65:
        aide = (mensuel * Decimal(str(round(rng.uniform(0.25, 0.6), 2)))).quantize(UN_CENTIME)
    cout = mensuel - (aide or Decimal("0"))
    bas, haut = EFFORT_VISE[Mode(forme)]
    total = (cout / Decimal(str(round(rng.uniform(bas, haut), 3))) * facteur).quantize(UN_CENTIME)
    hors_aide = max(total - (aide or Decimal("0")), Decimal("300.00"))
    lignes: list[tuple[str, Decimal]] = []
    if rng.random() < 0.45:
        salaire = (hors_aide * Decimal(str(round(rng.uniform(0.5, 1), 2)))).quantize(UN_CENTIME)
        lignes.append((NatureRessource.SALAIRE, salaire))
        reste = hors_aide - salaire
    else:
        nature = NatureRessource.AAH if rng.random() < 0.2 else NatureRessource.RSA
        lignes.append((nature, hors_aide))
        reste = Decimal("0")
    if reste > 0:
        lignes.append((NatureRessource.PRESTATIONS_FAMILIALES, reste))
    if aide is not None:
        lignes.append((NatureRessource.AIDE_LOGEMENT, aide))
    objets = [Ressource(menage=menage, nature=n, montant=m, connue_le=connue_le) for n, m in lignes]
    return objets, sum((m for _, m in lignes), Decimal("0.00")), aide


def menage_de(
    rng: random.Random,
    operateur: Organisation,
    par: Utilisateur,
    rang: int,
    entree: date,
    aujourd_hui: date,
    capacite: int,
    mensuel: Decimal,
    forme: str,
    facteur: Decimal = Decimal(1),
) -> tuple[MenageGenere, LotMenages]:
    """Un ménage qui entre le `entree` dans un logement de `capacite` places au coût `mensuel`
    (loyer et charges) ; `facteur` > 1 relève ses ressources (le contrôle bloquait)."""
    taille = min(capacite, rng.choices(list(TAILLES), weights=list(TAILLES.values()))[0])
    age = rng.randint(19, 68) if taille == 1 else rng.randint(22, 55)
    categorie = Categorie.SPECIALISEE if rng.random() < 0.15 else Categorie.CLASSIQUE
    menage = Menage(
        operateur=operateur,
        reference=f"M{rang:06d}",
        nom=rng.choice(NOMS),
        prenom=rng.choice(PRENOMS),
        date_naissance=date(entree.year - age, rng.randint(1, 12), rng.randint(1, 28)),
        categorie=categorie,
        public_specialise=rng.choice(PUBLICS) if categorie == Categorie.SPECIALISEE else "",
        situation_avant=rng.choice(SITUATIONS),
        orientation_siao_reference=f"SIAO-{operateur.territoire.code}-{rng.randrange(10**6):06d}",
        orientation_siao_le=entree - timedelta(days=rng.randint(20, 150)),
        notice_remise_le=entree,
        dernier_contact_le=min(entree + timedelta(days=rng.randint(0, 60)), aujourd_hui),
        cree_par=par,
    )
    lot = LotMenages(menages=[menage])
    lot.personnes = _membres(rng, menage, taille, menage.date_naissance.year)
    connue_le = entree - timedelta(days=rng.randint(5, 120))
    lot.ressources, total, aide = _ressources(rng, menage, mensuel, forme, connue_le, facteur)
    for critere in rng.sample(CRITERES, rng.choice((0, 1, 1, 2))):
        reconnu = entree - timedelta(days=rng.randint(30, 400)) if rng.random() < 0.7 else None
        lot.criteres.append(CriterePriorite(menage=menage, critere=critere, reconnu_le=reconnu))
    return MenageGenere(menage, taille, total, aide), lot


def fusionner(dans: LotMenages, lot: LotMenages) -> None:
    dans.menages += lot.menages
    dans.personnes += lot.personnes
    dans.ressources += lot.ressources
    dans.criteres += lot.criteres
