"""Règles du parc privé hors décence : prise de contact d'un bailleur (R-CONTACT), échéance
d'un contrat avec le bailleur (R-CONTRAT-FIN), et LA définition d'un logement mobilisé et d'une
place ouverte à une date (R-PARC), partagée par le tableau de bord, la montée en charge et les
statistiques annuelles. Les passages de statut des prospects
(R-CAPTATION) et des logements (R-PARC) sont des tables de `regles/transitions.py`."""

from __future__ import annotations

from datetime import date, timedelta

from regles.constats import Constat, alerte, erreur
from regles.format import date_fr

#: Statuts d'un prospect qui supposent de joindre le bailleur : tous, sauf l'abandon.
STATUTS_DE_CONTACT = frozenset({"A_CONTACTER", "CONTACTE", "VISITE", "NEGOCIATION", "CAPTE"})

#: Statuts d'un logement dont les places sont ouvertes aujourd'hui (en travaux : mobilisé, fermé).
STATUTS_OUVERTS = frozenset({"DISPONIBLE", "OCCUPE", "VACANT"})
#: Statuts d'un logement qui n'est pas mobilisé aujourd'hui, quelle que soit sa date de
#: mobilisation (une date importée sur un logement encore en captation ne compte pas).
STATUTS_NON_MOBILISES = frozenset({"EN_CAPTATION", "RESTITUE"})


def mobilise_au(
    statut: str, mobilise_le: date | None, restitue_le: date | None, jour: date
) -> bool:
    """R-PARC : logement mobilisé au `jour` : daté de sa mobilisation (au plus tard ce jour),
    passé par une mise en location (pas en captation), non restitué à ce jour. Un logement
    restitué dont la date de restitution manque n'est compté à aucune date (on ne sait pas
    jusqu'à quand il l'a été). Pour une date passée, on ne connaît que ces deux dates."""
    if mobilise_le is None or statut == "EN_CAPTATION" or mobilise_le > jour:
        return False
    if statut == "RESTITUE" and restitue_le is None:
        return False
    return restitue_le is None or restitue_le > jour


def ouvert_au(
    statut: str,
    mobilise_le: date | None,
    restitue_le: date | None,
    jour: date,
    aujourd_hui: date,
) -> bool:
    """R-PARC : places ouvertes au `jour` : celles d'un logement mobilisé ce jour-là ; au jour
    présent (ou après), son statut doit en outre être disponible, occupé ou vacant (un
    logement en travaux est mobilisé mais fermé). Pour une date passée, seul le statut actuel
    est connu, pas celui de ce jour : les dates de mobilisation et de restitution décident."""
    if not mobilise_au(statut, mobilise_le, restitue_le, jour):
        return False
    return jour < aujourd_hui or statut in STATUTS_OUVERTS


def verifier_contact(ne_pas_contacter: bool, vers: str) -> Constat | None:
    """R-CONTACT : un bailleur qui a demandé à ne pas être contacté sort de la prospection ;
    aucun de ses prospects ne peut avancer (contact, visite, négociation, captation) : seul
    l'abandon reste possible ; aucun prospect nouveau ne le vise (statut initial « à
    contacter »)."""
    if not ne_pas_contacter or vers not in STATUTS_DE_CONTACT:
        return None
    return erreur(
        "R-CONTACT",
        "ce bailleur a demandé à ne pas être contacté ; retirez d'abord la mention « ne pas "
        "contacter » de sa fiche si elle n'a plus cours.",
        "statut",
    )


def echeance_contrat(
    date_fin: date,
    resilie_le: date | None,
    aujourd_hui: date,
    delai_jours: int,
    objet: str = "le contrat",
) -> Constat | None:
    """R-CONTRAT-FIN : un contrat (mandat ou bail à l'association) non résilié dont la fin
    tombe dans les `delai_jours` à venir (paramètre `parc.alerte_fin_contrat_jours`), ou est
    passée depuis moins de `delai_jours`, appelle une décision : renouveler ou restituer.
    `objet` nomme le contrat dans le message (« le mandat de gestion du 12 rue X (Rennes) »)."""
    if resilie_le is not None and resilie_le <= aujourd_hui:
        return None
    if date_fin - timedelta(days=delai_jours) > aujourd_hui:
        return None
    if date_fin + timedelta(days=delai_jours) < aujourd_hui:
        return None
    verbe = "a pris fin" if date_fin < aujourd_hui else "prend fin"
    return alerte(
        "R-CONTRAT-FIN",
        f"{objet} {verbe} le {date_fr(date_fin)} : renouvelez-le ou préparez la restitution.",
        "date_fin",
    )
