"""Génération complète : organisations et comptes, puis le parc de chaque opérateur, ses
ménages, occupations et comptes (`iml.generateur.occupations`), leur accompagnement
(`iml.generateur.accompagnement`), puis les orientations des SIAO
(`iml.generateur.orientations`), insérés par lots de 2 000
lignes ; une graine donne toujours les mêmes données (pour un même jour de
référence). Mesure la durée et la taille de la base."""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TextIO

from django.db import connection, transaction

from iml.comptes.models import Organisation, Utilisateur
from iml.generateur.accompagnement import (
    Generation,
    LotAccompagnement,
    inserer_accompagnement,
    inserer_comptes,
)
from iml.generateur.admissions import ContexteOccupations
from iml.generateur.echelles import Echelle, departements
from iml.generateur.occupations import LotOccupations, inserer_occupations, occuper
from iml.generateur.organisations import (
    PREFIXE_SIRET,
    TAILLE_LOT,
    creer_organisations,
    vider_generees,
)
from iml.generateur.orientations import generer_orientations
from iml.generateur.parc import Contexte, Lot, bailleurs_de, logement_de
from iml.generateur.progression import Progression
from iml.generateur.prospects import prospect_capte, prospect_ouvert
from iml.occupations.parametres import bareme as bareme_occupations
from iml.parc import selectors
from iml.parc.models import (
    Bailleur,
    ContratBailleur,
    EvenementLogement,
    EvenementProspect,
    Logement,
    Prospect,
)
from iml.parc.parametres import bareme_national, parametres_parc
from regles.format import nombre
from regles.types import Mode, Typologie

#: Part des logements venus d'un prospect capté (les plus anciens n'en ont pas).
PART_CAPTES = 0.6


class GenerationImpossible(Exception):
    """Refus expliqué en français (données déjà générées, paramètres absents…)."""


@dataclass
class Bilan:
    lignes: Counter
    duree_s: float
    taille_octets: int | None


def contexte(aujourd_hui: date) -> Contexte:
    capacites = dict(bareme_national().capacite_max_places)
    motifs = list(selectors.motifs_actifs())
    return Contexte(capacites, parametres_parc(), aujourd_hui, motifs)


def contexte_occupations(ctx: Contexte) -> ContexteOccupations:
    b = bareme_occupations()
    assert b.occupations is not None
    return ContexteOccupations(ctx, b, b.occupations.jour_appel_loyer)


def inserer(
    lot: Lot, lignes: Counter, occupations: LotOccupations | None = None,
    accompagnement: LotAccompagnement | None = None,
) -> None:  # fmt: skip
    """Insère le lot dans l'ordre des dépendances (les clés primaires reviennent sur les objets,
    SQLite ≥ 3.35 et PostgreSQL), puis le vide ; ensuite les travailleurs sociaux (référents
    des ménages), les ménages et occupations, enfin leur accompagnement."""
    for modele, objets, libelle in (
        (Bailleur, lot.bailleurs, "bailleurs"),
        (Logement, lot.logements, "logements"),
        (EvenementLogement, lot.evenements_logement, "changements de statut de logement"),
        (ContratBailleur, lot.contrats, "contrats avec un bailleur"),
        (Prospect, lot.prospects, "prospects"),
        (EvenementProspect, lot.evenements_prospect, "changements de statut de prospect"),
    ):
        modele.objects.bulk_create(objets, batch_size=TAILLE_LOT)
        lignes[libelle] += len(objets)
        objets.clear()
    if accompagnement is not None:
        inserer_comptes(accompagnement, lignes)
    if occupations is not None:
        inserer_occupations(occupations, lignes)
    if accompagnement is not None:
        inserer_accompagnement(accompagnement, lignes)


def parc_operateur(
    rng: random.Random, ctx: Contexte, operateur: Organisation, par: Utilisateur,
    logements: int, prospects: int, lot: Lot, forme: str,
    occupations: tuple[ContexteOccupations, LotOccupations] | None = None,
) -> None:  # fmt: skip
    """Bailleurs, logements (la forme principale pour 85 % d'entre eux), prospects captés
    liés aux logements, puis prospects en cours ou abandonnés, ajoutés au lot ; avec
    `occupations`, les ménages et occupations de chaque logement occupé ou l'ayant été."""
    bailleurs = bailleurs_de(rng, operateur, max(3, (logements + prospects) * 2 // 3), lot)
    autre = Mode.SOUS_LOCATION if forme == Mode.MANDAT_GESTION else Mode.MANDAT_GESTION
    captes = min(int(logements * PART_CAPTES), prospects)
    rangs = itertools.count(1)
    for rang in range(1, logements + 1):
        f = forme if rng.random() < 0.85 else autre
        premier = len(lot.evenements_logement)
        logement, cree = logement_de(rng, ctx, operateur, rng.choice(bailleurs), par, lot, f, rang)
        if occupations is not None:
            occuper(rng, occupations[0], logement, premier, lot, occupations[1], par, rangs)
        if rang <= captes:
            prospect_capte(rng, logement, cree, par, lot)
    contactables = [b for b in bailleurs if not b.ne_pas_contacter] or bailleurs
    for _ in range(prospects - captes):
        prospect_ouvert(rng, ctx, operateur, contactables, par, lot)


def _preparer(base_vide: bool) -> None:
    if base_vide:
        vider_generees()
    elif Organisation.objects.filter(siret__startswith=PREFIXE_SIRET).exists():
        raise GenerationImpossible(
            "Des données générées existent déjà dans cette base : relancez avec --base-vide "
            "pour les remplacer (la démonstration n'est pas touchée)."
        )


def generer(
    echelle: Echelle, graine: int, aujourd_hui: date, *, base_vide: bool = False,
    sortie: TextIO | None = None,
) -> Bilan:  # fmt: skip
    """Génère l'échelle demandée dans une seule transaction ; `sortie` reçoit la barre de
    progression."""
    debut = time.perf_counter()
    lignes: Counter = Counter()
    with transaction.atomic():
        _preparer(base_vide)
        ctx = contexte(aujourd_hui)
        octx, occ = contexte_occupations(ctx), LotOccupations()
        depts = departements(echelle)
        operateurs = creer_organisations(depts, echelle.operateurs_par_departement)
        lignes["opérateurs"] = len(operateurs)
        lignes["comptes"] = 2 * len(operateurs)
        barre, lot = Progression("Opérateurs", len(operateurs), sortie), Lot()
        acc = Generation.preparer(graine, aujourd_hui, operateurs)
        for op in operateurs:
            rng = random.Random(f"{graine}:{op.organisation.siret}")
            forme = Mode.MANDAT_GESTION if op.rang % 2 else Mode.SOUS_LOCATION
            n_log = rng.randint(
                echelle.logements_par_operateur // 2, echelle.logements_par_operateur * 3 // 2
            )
            n_pro = rng.randint(
                echelle.prospects_par_operateur // 2, echelle.prospects_par_operateur * 3 // 2
            )
            repere = acc.reperer(occ)
            parc_operateur(rng, ctx, op.organisation, op.gestionnaire, n_log, n_pro, lot, forme,
                           (octx, occ))  # fmt: skip
            acc.accompagner(op.organisation, occ, repere)
            if len(lot.logements) >= TAILLE_LOT:
                inserer(lot, lignes, occ, acc.lot)
            barre.avancer()
        inserer(lot, lignes, occ, acc.lot)
        generer_orientations(graine, aujourd_hui, depts, ctx.capacites[Typologie.T6_PLUS], lignes)
        barre.terminer()
    return Bilan(lignes, time.perf_counter() - debut, taille_base())


def taille_base() -> int | None:
    """Taille de la base en octets (PostgreSQL : pg_database_size ; SQLite : pages)."""
    with connection.cursor() as curseur:
        if connection.vendor == "postgresql":
            curseur.execute("SELECT pg_database_size(current_database())")
            return int(curseur.fetchone()[0])
        if connection.vendor == "sqlite":
            curseur.execute("PRAGMA page_count")
            pages = curseur.fetchone()[0]
            curseur.execute("PRAGMA page_size")
            return int(pages * curseur.fetchone()[0])
    return None


def octets_fr(taille: int | None) -> str:
    if taille is None:
        return "non mesurée"
    return f"{nombre(Decimal(taille) / 1024 / 1024, 1)}\u00a0Mo"
