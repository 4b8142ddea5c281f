"""Démonstration du parc : l'AIS de Rennes (≈ 30 logements en mandat de gestion dans six
communes d'Ille-et-Vilaine, comptés dans sa convention) et Le Relais (10 logements en
sous-location, dont des baux glissants possibles), des bailleurs fictifs (personnes, une SCI,
une société, un « ne pas contacter »), des prospects dans chaque statut avec leur historique
étalé sur les derniers mois, des contrats (deux finissent dans moins de 90 jours) et un studio
de 8 m² refusé par le contrôle de décence, resté « en captation ».

Tout passe par les services du parc, datés dans le passé (`maintenant=`). Chaque chargement
vide d'abord le parc des opérateurs de la démonstration (`vider_demo`, appelé avant l'étape
des appels : un logement retient sa convention)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from iml.alertes.models import Alerte
from iml.appels.models import Convention
from iml.comptes.acteur import Acteur, acteur_pour
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Utilisateur
from iml.generateur.chemins import chemin
from iml.generateur.noms import NOMS, PRENOMS, RUES, SCI, SOCIETES
from iml.parc.enums import OrigineBailleur
from iml.parc.models import Bailleur, ContratBailleur, Logement, MotifBlocage, Prospect
from iml.parc.services import bailleurs, contrats, logements, prospects
from iml.parc.taches import alerter_fins_de_contrat
from regles.calendrier import ajouter_mois
from regles.format import pluriel
from regles.transitions import TRANSITIONS_LOGEMENT, TRANSITIONS_PROSPECT

#: (code INSEE, code postal) des communes de chaque opérateur.
COMMUNES_AIS = (
    ("35238", "35000"), ("35288", "35400"), ("35360", "35500"), ("35115", "35300"),
    ("35236", "35600"), ("35051", "35510"), ("35238", "35700"), ("35047", "35170"),
)  # fmt: skip
COMMUNES_RELAIS = (("35288", "35400"), ("35115", "35300"), ("35238", "35200"))
TYPOLOGIES = ("T2", "STUDIO", "T3", "T1", "T2", "T4", "T3", "T2", "T5", "T1")
SURFACES = {"STUDIO": 19, "T1": 27, "T2": 41, "T3": 58, "T4": 74, "T5": 90, "T6_PLUS": 110}
LOYERS_M2 = {"STUDIO": 16, "T1": 14, "T2": 12, "T3": 11, "T4": 10, "T5": 10, "T6_PLUS": 9}
CLASSES = ("C", "D", "E", "D", "B", "F", "C", "E")
#: Statut final des logements, dans l'ordre de création (le premier restitué).
STATUTS_AIS = ("RESTITUE",) + (
    "OCCUPE", "OCCUPE", "DISPONIBLE", "OCCUPE", "VACANT", "EN_TRAVAUX", "OCCUPE",
    "EN_CAPTATION", "OCCUPE", "DISPONIBLE",
) * 3  # fmt: skip
STATUTS_RELAIS = ("OCCUPE", "OCCUPE", "DISPONIBLE", "VACANT", "OCCUPE") * 2
#: Prospects restés ouverts (statut, étape de passage) et abandonnés (motif, étape atteinte).
OUVERTS = (("A_CONTACTER", ()), ("A_CONTACTER", ()), ("CONTACTE", ()), ("CONTACTE", ()),
           ("VISITE", ()), ("NEGOCIATION", ("VISITE",)), ("NEGOCIATION", ()))  # fmt: skip
ABANDONS = (("loyer-attendu", ("NEGOCIATION",)), ("succession", ("CONTACTE",)),
            ("travaux", ("VISITE",)), ("vente", ()), ("crainte-impayes", ("CONTACTE",)),
            ("etiquette-energie", ("VISITE",)), ("copropriete", ("NEGOCIATION",)))  # fmt: skip


@dataclass
class Operateur:
    acteur: Acteur
    bailleurs: list[Bailleur]
    convention: Convention | None
    forme: str
    communes: tuple[tuple[str, str], ...]


def _acteur(email: str) -> Acteur:
    return acteur_pour(Utilisateur.objects.get(email=email), None)


def vider_demo(organisations, sortie) -> None:
    """Supprime le parc des opérateurs de la démonstration (événements compris)."""
    operateurs = [o for o in organisations.values() if o.type == TypeOrganisation.OPERATEUR]
    Prospect.objects.filter(operateur__in=operateurs).delete()
    ContratBailleur.objects.filter(logement__operateur__in=operateurs).delete()
    Logement.objects.filter(operateur__in=operateurs).delete()
    Bailleur.objects.filter(operateur__in=operateurs).delete()
    Alerte.objects.filter(organisation__in=operateurs).delete()


def _bailleurs(acteur: Acteur, nombre: int, decalage: int) -> list[Bailleur]:
    """`nombre` bailleurs : des personnes, une SCI et une société ; le dernier ne veut plus
    être contacté."""
    origines = list(OrigineBailleur.values)
    liste = []
    for i in range(nombre):
        n = i + decalage
        donnees = {"type": "PERSONNE", "nom": NOMS[n % len(NOMS)], "prenom": PRENOMS[n % 24]}
        if i == 1:
            donnees = {"type": "SCI", "nom": SCI[decalage % len(SCI)], "prenom": ""}
        if i == 2:
            donnees = {"type": "SOCIETE", "nom": SOCIETES[decalage % len(SOCIETES)], "prenom": ""}
        donnees |= {
            "reference": f"B{n + 1:03d}",
            "telephone": f"06 12 34 {n // 10 % 10}{n % 10} {10 + n}",
            "courriel": f"bailleur{n + 1}@exemple.demo",
            "origine": origines[i % len(origines)],
            "consentement_contact": i != nombre - 1,
        }
        jour = timezone.localdate() - timedelta(days=500)
        liste.append(bailleurs.creer_bailleur(acteur=acteur, aujourd_hui=jour, **donnees))
    return liste


def _ne_plus_contacter(op: Operateur) -> None:
    """Le dernier bailleur, prospecté puis abandonné, a demandé à ne plus être contacté
    (R-CONTACT) : la mention vient après son prospect, comme dans la vie."""
    bailleurs.modifier_bailleur(
        acteur=op.acteur, bailleur=op.bailleurs[-1], aujourd_hui=timezone.localdate(),
        ne_pas_contacter=True, ne_pas_contacter_motif="Demande orale.",
    )  # fmt: skip


def _fiche(op: Operateur, i: int, statut: str, t0: datetime) -> dict:
    typologie = TYPOLOGIES[i % len(TYPOLOGIES)]
    commune, code_postal = op.communes[i % len(op.communes)]
    surface = SURFACES[typologie] + i % 5
    loyer = Decimal(surface * LOYERS_M2[typologie])
    fiche = {
        "reference": f"L{i + 1:03d}",
        "adresse": f"{3 + 2 * i} {RUES[i % len(RUES)]}",
        "code_postal": code_postal,
        "commune": commune,
        "typologie": typologie,
        "surface_m2": Decimal(surface),
        "hauteur_sous_plafond_m": Decimal("2.50"),
        "etage": i % 5,
        "ascenseur": i % 5 > 2,
        "plain_pied": i % 5 == 0,
        "forme": op.forme,
        "loyer": loyer,
        "charges": Decimal(30 + 5 * (i % 6)),
        "classe_dpe": CLASSES[i % len(CLASSES)],
        "date_dpe": (t0 - timedelta(days=90)).date(),
        "conventionnement": "LOC2" if i % 3 == 0 else "AUCUN",
    }
    if op.forme == "SOUS_LOCATION":
        fiche |= {"redevance": (loyer * Decimal("0.6")).quantize(Decimal("1")),
                  "bail_glissant_possible": i % 3 != 2}  # fmt: skip
    if statut == "EN_TRAVAUX":
        fiche["classe_dpe"] = "G"
    if op.convention is not None and statut != "EN_CAPTATION":
        fiche["convention"] = op.convention
    return fiche


def _contrat(op: Operateur, logement: Logement, debut: datetime, i: int) -> None:
    """Trois ans par défaut ; les logements 2 et 3 ont un contrat qui finit sous 90 jours."""
    jour = debut.date()
    duree = 36
    if i in (2, 3):
        duree = max(1, (timezone.localdate() - jour).days // 30 + 1 + i % 2)
    donnees: dict = {"date_debut": jour, "duree_mois": duree}
    if op.forme == "SOUS_LOCATION":
        donnees |= {"loyer": logement.loyer, "renouvellement_tacite": True}
    else:
        donnees |= {"honoraires_pct": Decimal("7.50"), "garanties": ["VISALE"]}
    contrats.creer_contrat(acteur=op.acteur, logement=logement, **donnees)
    if ajouter_mois(jour, duree) <= timezone.localdate():
        raise RuntimeError("Démonstration : contrat déjà échu.")


def _logement(op: Operateur, i: int, statut: str, prospect: Prospect | None) -> Logement:
    t0 = timezone.now() - timedelta(days=100 + 19 * i)
    bailleur = prospect.bailleur if prospect else op.bailleurs[i % (len(op.bailleurs) - 1)]
    fiche = _fiche(op, i, statut, t0)
    if prospect is not None:  # le logement est celui que le prospect visait
        postal = dict(op.communes).get(prospect.commune, fiche["code_postal"])
        fiche |= {"adresse": prospect.adresse, "commune": prospect.commune, "code_postal": postal}
    logement = logements.creer_logement(
        acteur=op.acteur, bailleur=bailleur, maintenant=t0, prospect=prospect, **fiche
    )
    via = ("VACANT",) if statut == "RESTITUE" else ()
    for k, vers in enumerate(chemin(TRANSITIONS_LOGEMENT, logement.statut, statut, via), 1):
        quand = t0 + timedelta(days=14 * k)
        if vers == "RESTITUE":
            contrat = logement.contrats.get()
            contrats.modifier_contrat(acteur=op.acteur, contrat=contrat, resilie_le=quand.date())
        logements.changer_statut_logement(
            acteur=op.acteur, logement=logement, vers=vers, maintenant=quand,
            note="Fin du mandat à la demande du bailleur." if vers == "RESTITUE" else "",
        )  # fmt: skip
        if vers == "DISPONIBLE" and not logement.contrats.exists():
            _contrat(op, logement, quand, i)
    return logement


def _prospect(op: Operateur, j: int, statut: str, via: tuple, debut: datetime, **suite):
    # Le dernier bailleur (« ne pas contacter ») n'a qu'un prospect, abandonné sans contact.
    contactable = op.bailleurs[(j + 3) % (len(op.bailleurs) - 1)]
    bailleur = contactable if via or statut != "ABANDONNE" else op.bailleurs[-1]
    commune = op.communes[j % len(op.communes)][0]
    typologie = TYPOLOGIES[(j + 2) % len(TYPOLOGIES)]
    prospect = prospects.creer_prospect(
        acteur=op.acteur, bailleur=bailleur, maintenant=debut, charge=op.acteur.utilisateur,
        adresse=f"{10 + j} {RUES[(j + 5) % len(RUES)]}", commune=commune, typologie=typologie,
    )  # fmt: skip
    etapes = chemin(TRANSITIONS_PROSPECT, prospect.statut, statut, via)
    for k, vers in enumerate(etapes, 1):
        prospects.changer_statut_prospect(
            acteur=op.acteur, prospect=prospect, vers=vers,
            maintenant=debut + timedelta(days=(6 + j % 4 * 3) * k), **suite,
        )  # fmt: skip
    return prospect


def _parc(op: Operateur, statuts: tuple[str, ...], captes: int) -> int:
    """Les logements (les `captes` premiers viennent d'un prospect capté), puis les prospects
    ouverts et abandonnés. Renvoie le nombre de prospects."""
    for i, statut in enumerate(statuts):
        prospect = None
        if i < captes:
            debut = timezone.now() - timedelta(days=210 + 19 * i)
            prospect = _prospect(op, i, "CAPTE", ("VISITE",), debut)
        _logement(op, i, statut, prospect)
    for j, (statut, via) in enumerate(OUVERTS):
        debut = timezone.now() - timedelta(days=70 + 11 * j)
        p = _prospect(op, captes + j, statut, via, debut)
        p.prochaine_action, p.prochaine_action_le = (
            "Rappeler le bailleur",
            (timezone.localdate() + timedelta(days=3 + j)),
        )
        p.save(update_fields=["prochaine_action", "prochaine_action_le"])
    for k, (code, via) in enumerate(ABANDONS):
        motif = MotifBlocage.objects.get(code=code)
        debut = timezone.now() - timedelta(days=90 + 23 * k)
        _prospect(op, 40 + k, "ABANDONNE", via, debut, motif_abandon=motif, note=motif.libelle)
    return captes + len(OUVERTS) + len(ABANDONS)


def _decence_refusee(op: Operateur) -> None:
    """Un studio de 8 m² (R-DECENCE-SURFACE) : il ne peut pas être mis en location."""
    t0 = timezone.now() - timedelta(days=20)
    fiche = _fiche(op, 99, "EN_CAPTATION", t0) | {
        "reference": "L-DECENCE", "typologie": "STUDIO", "surface_m2": Decimal("8.00"),
        "hauteur_sous_plafond_m": Decimal("2.30"), "adresse": "2 bis rue de la Visitation",
    }  # fmt: skip
    logements.creer_logement(acteur=op.acteur, bailleur=op.bailleurs[0], maintenant=t0, **fiche)


def charger_demo(organisations, sortie) -> None:
    """Vide puis recrée le parc des deux opérateurs (idempotent)."""
    vider_demo(organisations, sortie)
    convention = Convention.objects.filter(dossier__operateur=organisations["ais35"]).first()
    julie = _acteur("julie.petit@ais35.demo")
    ais = Operateur(julie, _bailleurs(julie, 12, 0), convention, "MANDAT_GESTION", COMMUNES_AIS)
    thomas = _acteur("thomas.faure@relais35.demo")
    relais = Operateur(thomas, _bailleurs(thomas, 6, 12), None, "SOUS_LOCATION", COMMUNES_RELAIS)
    n_ais = _parc(ais, STATUTS_AIS, 6)
    _ne_plus_contacter(ais)
    _decence_refusee(ais)
    n_relais = _parc(relais, STATUTS_RELAIS, 3)
    _ne_plus_contacter(relais)
    # La tâche quotidienne, lancée une fois : les boîtes d'alertes ont leurs fins de contrat.
    alerter_fins_de_contrat.call()
    sortie.write(
        f"Parc créé : AIS, {pluriel(len(STATUTS_AIS) + 1, 'logement')} et "
        f"{pluriel(n_ais, 'prospect')} ; Le Relais, {pluriel(len(STATUTS_RELAIS), 'logement')} "
        f"et {pluriel(n_relais, 'prospect')}.\n"
    )
