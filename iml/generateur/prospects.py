"""Prospects générés : ceux qui ont mené à un logement (captés avant sa création) et les
autres, arrêtés dans un statut tiré de la table R-CAPTATION ; un abandon garde son motif."""

from __future__ import annotations

import random
from datetime import date, timedelta

from iml.comptes.communes import communes_du_departement
from iml.comptes.models import Organisation, Utilisateur
from iml.generateur.chemins import chemin
from iml.generateur.noms import RUES
from iml.generateur.parc import Contexte, Lot, instant, tirer
from iml.parc.models import Bailleur, EvenementProspect, Logement, Prospect
from regles.transitions import TRANSITIONS_PROSPECT

STATUTS_OUVERTS = {"A_CONTACTER": 25, "CONTACTE": 20, "VISITE": 12, "NEGOCIATION": 10,
                   "ABANDONNE": 33}  # fmt: skip
ACTIONS = ("Rappeler le bailleur", "Envoyer la proposition de mandat", "Organiser la visite",
           "Relancer après la visite", "Transmettre le diagnostic énergétique")  # fmt: skip
VIA = {"CAPTE": ("VISITE",), "NEGOCIATION": ("VISITE",)}


def _passages(rng: random.Random, statut: str, debut: date, fin: date) -> list:
    """Les passages vers `statut`, étalés de `debut` à `fin` (bornes comprises)."""
    via = VIA.get(statut, ()) if rng.random() < 0.7 else ()
    if statut == "ABANDONNE":
        via = (rng.choice(("A_CONTACTER", "CONTACTE", "VISITE", "NEGOCIATION")),)
        via = () if via == ("A_CONTACTER",) else via
    etapes = chemin(TRANSITIONS_PROSPECT, "A_CONTACTER", statut, via)
    pas = max((fin - debut).days // max(len(etapes), 1), 1)
    return [(vers, min(debut + timedelta(days=pas * k), fin)) for k, vers in enumerate(etapes, 1)]


def _prospect(operateur: Organisation, bailleur: Bailleur, par: Utilisateur, **champs):
    return Prospect(operateur=operateur, bailleur=bailleur, cree_par=par, charge=par, **champs)


def _ajouter(rng, lot: Lot, prospect: Prospect, debut: date, passages: list, par) -> None:
    lot.prospects.append(prospect)
    ligne = {"prospect": prospect, "par": par}
    lot.evenements_prospect.append(
        EvenementProspect(de="", vers="A_CONTACTER", le=instant(debut, rng), **ligne)
    )
    de = "A_CONTACTER"
    for vers, jour in passages:
        lot.evenements_prospect.append(
            EvenementProspect(de=de, vers=vers, le=instant(jour, rng), **ligne)
        )
        de = vers
    prospect.statut = de


def prospect_capte(
    rng: random.Random, logement: Logement, cree: date, par: Utilisateur, lot: Lot
) -> None:
    """Le prospect d'un logement : capté la veille de la création du logement (`cree`)."""
    fin = cree - timedelta(days=1)
    debut = fin - timedelta(days=rng.randint(20, 240))
    prospect = _prospect(
        logement.operateur, logement.bailleur, par, adresse=logement.adresse,
        commune=logement.commune, typologie=logement.typologie, logement=logement,
    )  # fmt: skip
    _ajouter(rng, lot, prospect, debut, _passages(rng, "CAPTE", debut, fin), par)


def prospect_ouvert(rng, ctx: Contexte, operateur, contactables: list, par, lot: Lot) -> None:
    """Un prospect en cours ou abandonné, d'un bailleur `contactables` (jamais de contact avec
    un « ne pas contacter »)."""
    statut = tirer(rng, STATUTS_OUVERTS)
    bailleur = rng.choice(contactables)
    debut = ctx.aujourd_hui - timedelta(days=rng.randint(5, 720))
    fin = min(debut + timedelta(days=rng.randint(3, 180)), ctx.aujourd_hui)
    passages = _passages(rng, statut, debut, fin)
    communes = communes_du_departement(operateur.territoire.code)
    prospect = _prospect(
        operateur, bailleur, par, adresse=f"{rng.randint(1, 150)} {rng.choice(RUES)}",
        commune=rng.choice(communes).code, typologie=rng.choice(("STUDIO", "T1", "T2", "T3", "T4")),
    )  # fmt: skip
    if statut == "ABANDONNE":
        prospect.motif_abandon = rng.choice(ctx.motifs)
    else:
        prospect.prochaine_action = rng.choice(ACTIONS)
        prospect.prochaine_action_le = ctx.aujourd_hui + timedelta(days=rng.randint(-10, 40))
    _ajouter(rng, lot, prospect, debut, passages, par)
