"""Présentation du suivi d'un ménage (volet suivi) : la chronologie des contacts groupée par
mois, les orientations vers les partenaires, l'annuaire. Des fonctions pures sur des objets
déjà lus : aucune requête ici."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from iml.accompagnement import perms
from iml.accompagnement.models import Contact, OrientationPartenaire
from iml.comptes.acteur import Acteur
from regles.format import UNITE, date_fr, mois_fr, pluriel
from regles.types_accompagnement import CanalContact, IssueOrientation

#: Le rappel affiché sous chaque note (la personne peut demander à lire ce qui est écrit).
RAPPEL_NOTE = "La personne peut demander à lire cette note : des faits, ni jugement ni diagnostic."


#: Les canaux au pluriel, pour le décompte d'un mois (« 2 visites à domicile »).
CANAUX_PLURIEL = {
    CanalContact.VISITE_DOMICILE: "visites à domicile",
    CanalContact.LIEU_CHOISI: "rencontres dans un lieu choisi",
    CanalContact.BUREAU: "rendez-vous au bureau",
    CanalContact.TELEPHONE: "appels téléphoniques",
    CanalContact.VISIO: "visioconférences",
    CanalContact.DEMARCHE: "démarches accompagnées",
}
CANAUX_SINGULIER = {
    CanalContact.VISITE_DOMICILE: "visite à domicile",
    CanalContact.LIEU_CHOISI: "rencontre dans un lieu choisi",
    CanalContact.BUREAU: "rendez-vous au bureau",
    CanalContact.TELEPHONE: "appel téléphonique",
    CanalContact.VISIO: "visioconférence",
    CanalContact.DEMARCHE: "démarche accompagnée",
}


def duree_lisible(minutes: int | None) -> str:
    """« 45 min », « 1 h », « 1 h 30 » ; une durée non notée le reste (R-UNKNOWN)."""
    if minutes is None:
        return "durée non notée"
    heures, reste = divmod(minutes, 60)
    if not heures:
        return f"{reste}\u00a0min"
    return f"{heures}\u00a0h" + (f"\u00a0{reste:02d}" if reste else "")


def mois_lisible(jour: date) -> str:
    """« Novembre 2026 »."""
    return mois_fr(jour).capitalize()


def peut_retirer_contact(acteur: Acteur | None, contact: Contact) -> bool:
    """Un contact se retire par son auteur ou par la direction (comme `retirer_contact`, qui
    le vérifie à nouveau) ; sert à n'afficher le lien qu'à qui peut s'en servir."""
    return acteur is not None and perms.peut_retirer_contact(acteur, contact.par_id)


@dataclass(frozen=True)
class LigneContact:
    contact: Contact
    jour: str
    canal: str
    duree: str
    auteur: str


@dataclass(frozen=True)
class MoisContacts:
    """Les contacts d'un mois, du plus récent au plus ancien, et leur décompte par canal."""

    premier_jour: date
    contacts: tuple[LigneContact, ...]
    par_canal: str

    @property
    def libelle(self) -> str:
        return mois_lisible(self.premier_jour)

    @property
    def nombre(self) -> int:
        return len(self.contacts)

    @property
    def decompte(self) -> str:
        return pluriel(self.nombre, "contact")


@dataclass(frozen=True)
class Chronologie:
    """La chronologie des contacts d'un ménage : les mois (le plus récent d'abord), le nombre
    de contacts du mois en cours et le dernier contact."""

    mois: tuple[MoisContacts, ...]
    ce_mois: int
    dernier_le: date | None

    def __len__(self) -> int:
        return sum(m.nombre for m in self.mois)

    @property
    def decompte_ce_mois(self) -> str:
        return pluriel(self.ce_mois, "contact")

    @property
    def dernier(self) -> str:
        return date_fr(self.dernier_le) if self.dernier_le else "aucun contact noté"


def decompte_par_canal(contacts: Iterable[Contact]) -> str:
    """« 2 visites à domicile, 1 appel téléphonique » (ordre des canaux)."""
    nombres = Counter(c.canal for c in contacts)
    morceaux = []
    for canal in CanalContact:
        if n := nombres.get(canal.value):
            nom = CANAUX_SINGULIER[canal] if n == 1 else CANAUX_PLURIEL[canal]
            morceaux.append(f"{n}{UNITE}{nom}")
    return ", ".join(morceaux)


def ligne_contact(contact: Contact) -> LigneContact:
    return LigneContact(
        contact=contact,
        jour=date_fr(contact.le),
        canal=contact.get_canal_display(),
        duree=duree_lisible(contact.duree_minutes),
        auteur=str(contact.par),
    )


def grouper_par_mois(contacts: Sequence[Contact], aujourd_hui: date) -> Chronologie:
    """`contacts` du plus récent au plus ancien, groupés par mois civil."""
    groupes: dict[date, list[Contact]] = {}
    for contact in contacts:
        groupes.setdefault(contact.le.replace(day=1), []).append(contact)
    mois = tuple(
        MoisContacts(
            premier_jour=premier,
            contacts=tuple(ligne_contact(c) for c in liste),
            par_canal=decompte_par_canal(liste),
        )
        for premier, liste in groupes.items()
    )
    ce_mois = len(groupes.get(aujourd_hui.replace(day=1), []))
    return Chronologie(mois=mois, ce_mois=ce_mois, dernier_le=contacts[0].le if contacts else None)


# --- Orientations vers les partenaires ----------------------------------------------------------


@dataclass(frozen=True)
class LigneOrientation:
    orientation: OrientationPartenaire
    partenaire: str
    type: str
    actif: bool
    jour: str
    motif: str
    suite: str
    en_attente: bool


@dataclass(frozen=True)
class Orientations:
    """Les orientations d'un ménage (la plus récente d'abord) et l'état de l'annuaire de son
    opérateur (vide : le dossier propose d'y ajouter un partenaire)."""

    lignes: tuple[LigneOrientation, ...]
    annuaire_vide: bool

    def __len__(self) -> int:
        return len(self.lignes)

    @property
    def en_attente(self) -> int:
        return sum(1 for ligne in self.lignes if ligne.en_attente)

    @property
    def decompte_en_attente(self) -> str:
        return pluriel(self.en_attente, "orientation") + " en attente de réponse"


def suite_lisible(orientation: OrientationPartenaire) -> str:
    """« Prise en charge par le partenaire le 03/11/2026 » ; « En attente de réponse »."""
    libelle = orientation.get_issue_display()
    if orientation.issue_le and orientation.issue != IssueOrientation.EN_ATTENTE:
        return f"{libelle} le {date_fr(orientation.issue_le)}"
    return libelle


def ligne_orientation(orientation: OrientationPartenaire) -> LigneOrientation:
    partenaire = orientation.partenaire
    return LigneOrientation(
        orientation=orientation,
        partenaire=partenaire.nom,
        type=partenaire.get_type_display(),
        actif=partenaire.actif,
        jour=date_fr(orientation.le),
        motif=orientation.get_motif_display(),
        suite=suite_lisible(orientation),
        en_attente=orientation.issue == IssueOrientation.EN_ATTENTE,
    )


def orientations(liste: Iterable[OrientationPartenaire], annuaire_vide: bool) -> Orientations:
    return Orientations(
        lignes=tuple(ligne_orientation(o) for o in liste), annuaire_vide=annuaire_vide
    )


def description_contact(contact: Contact) -> str:
    """La ligne décrite dans la confirmation du retrait."""
    return (
        f"{contact.get_canal_display()} du {date_fr(contact.le)} "
        f"({duree_lisible(contact.duree_minutes)}), noté par {contact.par}"
    )
