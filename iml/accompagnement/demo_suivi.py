"""Démonstration de l'accompagnement : l'annuaire des partenaires de chaque opérateur, un mois
de contacts (canaux variés, notes courtes et factuelles), les visites hebdomadaires d'« un
petit chez-soi » avec une semaine manquée, les orientations et leurs suites, tous écrits par
`iml.accompagnement.services.suivi`."""

from __future__ import annotations

from datetime import date, timedelta

from iml.accompagnement.models import OrientationPartenaire, Partenaire
from iml.accompagnement.services import suivi
from iml.comptes.acteur import Acteur
from iml.menages.models import Menage

#: (nom, type, commune, téléphone, actif) : l'annuaire de chaque opérateur (R-PARTNERS).
ANNUAIRES = {
    "ais35": (
        ("MDS de Rennes Centre", "MDS", "Rennes", "02 99 00 10 01", True),
        ("CCAS de Rennes", "CCAS_CIAS", "Rennes", "02 99 00 10 02", True),
        ("CCAS de Saint-Malo", "CCAS_CIAS", "Saint-Malo", "02 99 00 10 03", True),
        ("CAF d'Ille-et-Vilaine", "CAF", "Rennes", "", True),
        ("France Travail Rennes Est", "FRANCE_TRAVAIL", "Rennes", "", True),
        ("Mission locale du bassin rennais", "MISSION_LOCALE", "Rennes", "02 99 00 10 06", True),
        ("CMP adultes de Rennes Nord", "HOPITAL_CMP", "Rennes", "02 99 00 10 07", True),
        ("CAARUD de Rennes", "CAARUD", "Rennes", "02 99 00 10 08", True),
        ("Jardins partagés de Cleunay", "ASSOCIATION", "Rennes", "", True),
        ("Épicerie solidaire de Vitré", "ASSOCIATION", "Vitré", "", False),
    ),
    "relais35": (
        ("MDS du pays de Fougères", "MDS", "Fougères", "02 99 00 20 01", True),
        ("CCAS de Fougères", "CCAS_CIAS", "Fougères", "02 99 00 20 02", True),
        ("CCAS de Saint-Malo", "CCAS_CIAS", "Saint-Malo", "02 99 00 20 03", True),
        ("CAF d'Ille-et-Vilaine", "CAF", "Rennes", "", True),
        ("France Travail Saint-Malo", "FRANCE_TRAVAIL", "Saint-Malo", "", True),
        ("Mission locale du pays de Saint-Malo", "MISSION_LOCALE", "Saint-Malo", "", True),
        ("CMP de Saint-Malo", "HOPITAL_CMP", "Saint-Malo", "02 99 00 20 07", True),
        ("CAARUD du pays malouin", "CAARUD", "Saint-Malo", "02 99 00 20 08", True),
        ("SAVS du pays de Fougères", "SAVS_SAMSAH", "Fougères", "02 99 00 20 09", True),
        ("Café associatif La Passerelle", "ASSOCIATION", "Fougères", "", True),
        ("Permanence logement de Combourg", "AUTRE", "Combourg", "", False),
    ),
}
#: Contacts du mois selon l'intensité de l'accompagnement.
PAR_MOIS = {"LEGERE": 1, "REGULIERE": 3, "RENFORCEE": 5}
CANAUX = ("VISITE_DOMICILE", "TELEPHONE", "BUREAU", "DEMARCHE", "TELEPHONE", "VISIO",
          "LIEU_CHOISI")  # fmt: skip
DUREES = {"VISITE_DOMICILE": 60, "LIEU_CHOISI": 45, "BUREAU": 45, "TELEPHONE": 15,
          "VISIO": 30, "DEMARCHE": 120}  # fmt: skip
#: Notes courtes et factuelles (la personne peut les lire) ; certaines restent vides.
NOTES = {
    "VISITE_DOMICILE": ("Relevé des compteurs fait ensemble.", "Point sur le budget du mois.",
                        "Chauffage et aération vérifiés avec la personne.", ""),
    "LIEU_CHOISI": ("Rencontre au café du quartier, à sa demande : point sur la semaine.", ""),
    "BUREAU": ("Dossier d'aide au logement complété.", "Factures en attente triées ensemble."),
    "TELEPHONE": ("Rendez-vous confirmé pour la semaine prochaine.",
                  "Courrier de la CAF reçu : à regarder ensemble.", ""),
    "VISIO": ("Échange avec la mission locale, en présence de la personne.",),
    "DEMARCHE": ("Accompagnement au CCAS pour la demande d'aide.",
                 "Accompagnement à France Travail pour l'inscription."),
}  # fmt: skip
#: Partenaire (type) et motif d'une orientation selon le premier besoin du plan.
ORIENTATIONS = {
    "BUDGET": ("CCAS_CIAS", "BUDGET"),
    "DEMARCHES_DROITS": ("CAF", "DROITS"),
    "SAVOIR_HABITER": ("CCAS_CIAS", "DROITS"),
    "SANTE": ("HOPITAL_CMP", "SANTE"),
    "EMPLOI_FORMATION": ("FRANCE_TRAVAIL", "EMPLOI_FORMATION"),
    "PARENTALITE": ("MDS", "PARENTALITE"),
    "ISOLEMENT": ("ASSOCIATION", "ISOLEMENT"),
}
SUITES = ("PRISE_EN_CHARGE", "EN_ATTENTE", "PRISE_EN_CHARGE", "REFUSEE", "NON_HONOREE",
          "SANS_SUITE")  # fmt: skip


def annuaire(acteur: Acteur, cle: str) -> dict[str, Partenaire]:
    """L'annuaire de l'opérateur, par type (le premier partenaire actif de chaque type)."""
    par_type: dict[str, Partenaire] = {}
    for nom, type_, commune, telephone, actif in ANNUAIRES[cle]:
        partenaire = suivi.creer_partenaire(
            acteur=acteur, nom=nom, type=type_, commune=commune, telephone=telephone,
            courriel="", actif=actif,
        )  # fmt: skip
        if actif:
            par_type.setdefault(type_, partenaire)
    return par_type


def noter(acteur: Acteur, menage: Menage, le: date, rang: int, aujourd_hui: date, canal=None):
    canal = canal or CANAUX[rang % len(CANAUX)]
    notes = NOTES[canal]
    duree = None if rang % 11 == 5 else DUREES[canal]  # une durée non notée reste inconnue
    return suivi.noter_contact(
        acteur=acteur, menage=menage, le=le, canal=canal, duree_minutes=duree,
        note=notes[rang % len(notes)], aujourd_hui=aujourd_hui,
    )  # fmt: skip


def contacts_du_mois(
    acteur: Acteur, menage: Menage, intensite: str, rang: int, sans_contact: bool,
    debut: date, aujourd_hui: date,
) -> int:  # fmt: skip
    """Les contacts des 30 derniers jours, au rythme de l'intensité ; un ménage « sans
    contact » n'en a eu qu'un, il y a plus de 30 jours (R-ACCOMP-CONTACT)."""
    if sans_contact:
        jours = [38 + rang % 9]
    else:
        n = PAR_MOIS[intensite] + rang % 2
        jours = [1 + rang % 3 + k * 28 // n for k in range(n)]
    dates = [aujourd_hui - timedelta(days=j) for j in jours]
    dates = [d for d in dates if d >= debut] or [max(debut, aujourd_hui - timedelta(days=2))]
    for k, le in enumerate(dates):
        noter(acteur, menage, le, rang + k, aujourd_hui)
    return len(dates)


def contacts_passes(acteur: Acteur, menage: Menage, debut: date, fin: date, aujourd_hui: date):
    """Trois contacts pendant un accompagnement terminé : au début, au milieu, à la fin."""
    milieu = debut + timedelta(days=(fin - debut).days // 2)
    for k, le in enumerate((debut + timedelta(days=7), milieu, fin - timedelta(days=3))):
        noter(acteur, menage, max(debut, min(le, fin)), k, aujourd_hui)


def visites_hebdomadaires(acteur: Acteur, menage: Menage, debut: date, aujourd_hui: date) -> date:
    """R-PETIT-CHEZ-SOI : une visite (à domicile ou dans un lieu choisi) chaque semaine depuis
    l'entrée, et un appel entre deux, sauf la semaine d'il y a deux semaines, passée sans
    visite (un simple appel) ; renvoie le lundi de cette semaine manquée."""
    lundi_courant = aujourd_hui - timedelta(days=aujourd_hui.weekday())
    manquee = lundi_courant - timedelta(weeks=2)
    lundi = debut - timedelta(days=debut.weekday())
    rang = 0
    while lundi <= lundi_courant:
        visite = max(lundi + timedelta(days=rang % 4), debut)
        canal = "LIEU_CHOISI" if rang % 3 == 2 else "VISITE_DOMICILE"
        if lundi == manquee:
            canal, visite = "TELEPHONE", lundi + timedelta(days=2)
        if visite <= aujourd_hui:
            noter(acteur, menage, visite, rang, aujourd_hui, canal)
        appel = visite + timedelta(days=3)
        if lundi != manquee and rang % 2 and appel <= aujourd_hui:
            noter(acteur, menage, appel, rang, aujourd_hui, "TELEPHONE")
        lundi += timedelta(weeks=1)
        rang += 1
    return manquee


def orienter(
    acteur: Acteur, menage: Menage, domaine: str, partenaires: dict[str, Partenaire],
    rang: int, debut: date, aujourd_hui: date,
) -> OrientationPartenaire:  # fmt: skip
    """R-PARTNERS : une orientation vers le partenaire du premier besoin, il y a trois à six
    semaines, et sa suite une semaine plus tard (ou encore en attente)."""
    type_, motif = ORIENTATIONS[domaine]
    le = max(debut, aujourd_hui - timedelta(days=20 + 7 * (rang % 4) + rang % 5))
    orientation = suivi.orienter(
        acteur=acteur, menage=menage, partenaire=partenaires[type_], le=le, motif=motif,
        aujourd_hui=aujourd_hui,
    )  # fmt: skip
    # Rang de l'orientation : les ménages de rang 1, 4, 7… n'en ont pas (`demo._suivre`).
    issue = SUITES[(rang - (rang + 1) // 3) % len(SUITES)]
    if issue != "EN_ATTENTE":
        suivi.noter_suite(
            acteur=acteur, orientation=orientation, issue=issue,
            issue_le=min(le + timedelta(days=8), aujourd_hui), aujourd_hui=aujourd_hui,
        )  # fmt: skip
    return orientation
