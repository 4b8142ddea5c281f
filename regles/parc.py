"""Règles du parc privé hors décence : prise de contact d'un bailleur (R-CONTACT) et échéance
d'un contrat avec le bailleur (R-CONTRAT-FIN). Les passages de statut des prospects
(R-CAPTATION) et des logements (R-PARC) sont des tables de `regles/transitions.py`."""

from __future__ import annotations

from datetime import date, timedelta

from regles.constats import Constat, alerte, erreur
from regles.format import date_fr

#: Statuts d'un prospect qui supposent de joindre le bailleur : tous, sauf l'abandon.
STATUTS_DE_CONTACT = frozenset({"A_CONTACTER", "CONTACTE", "VISITE", "NEGOCIATION", "CAPTE"})


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
