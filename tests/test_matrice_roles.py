"""Matrice des permissions par rôle : chaque ligne de la matrice fusionnée
(tests/test_matrice_permissions.py et tests/*/matrice_*.py) rejouée pour les personas de rôle.

Le statut attendu d'une persona de rôle se DÉDUIT de celui d'une persona de référence de la
matrice (même organisation ou même type d'organisation), sauf les écarts voulus de `ECARTS`,
chacun commenté par sa règle :

- yves (DDETS 35, responsable) ← claire (DDETS 35, agent instructeur) ;
- julie (AIS 35, gestionnaire locatif) ← marc (AIS 35, direction) ;
- nadia (travailleuse sociale de l'AIS et du Relais ; elle agit pour l'AIS, sa première
  adhésion) ← marc ;
- ines (Le Relais 35, travailleuse sociale) ← marc, cibles transposées au Relais ;
- louis (Solidarité Logement Gironde, département 33, direction) ← marc, cibles transposées
  en Gironde.

Cibles : les constructeurs de CIBLES sont indexés par persona de la matrice. On demande d'abord
la cible de la persona de référence ; si l'objet visé n'est pas, pour la persona de rôle, dans
la même relation (« propre » ou « autre ») que pour la référence, on cherche parmi les cibles
des autres personas un objet qui l'est (pour ines, le dossier du Relais ; pour louis, l'appel
et le dossier de la Gironde). La relation se lit sur l'objet lui-même (`portee`) : un appel est
« propre » dans son département, un dossier, une pièce ou une organisation dans son
organisation, une adhésion postée pour son utilisateur. Quand aucun constructeur ne fournit un
tel objet, la ligne est vérifiée sur l'objet de la référence avec l'attendu de la ligne de la
relation réelle (en pratique : la ligne « propre » d'ines ou de louis vérifiée comme « autre »,
404) ; les écarts de rôle ne s'y appliquent pas. Un objet d'un type inconnu de `PORTEES` est
signalé pour ines et louis (il faut dire de quoi dépend sa visibilité).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from iml.accompagnement.models import (
    Contact,
    EtapeCochee,
    Objectif,
    OrientationPartenaire,
    Partenaire,
    Plan,
)
from iml.appels.models import AppelACandidatures, Dossier, PieceJointe
from iml.comptes.acteur import Acteur, acteur_pour
from iml.comptes.enums import Role
from iml.comptes.models import Adhesion
from iml.menages.models import Menage
from iml.occupations.models import (
    Ecriture,
    EstimationAide,
    ImportMenages,
    Occupation,
    PlanApurement,
)
from iml.orientations.models import (
    DeclarationVacance,
    Demande,
    ExecutionAppariement,
    Proposition,
)
from iml.orientations.models_imports import ImportDemandes
from iml.parc.models import Bailleur, ContratBailleur, Logement, Prospect
from iml.parc.models_imports import ImportParc
from tests import test_matrice_permissions as matrice
from tests.factories import connecter

#: Persona de rôle -> persona de référence de la matrice.
REFERENCES = {"yves": "claire", "julie": "marc", "nadia": "marc", "ines": "marc", "louis": "marc"}

#: Écarts voulus : (nom d'URL, méthode, cible) -> {persona de rôle : statut}. Un écart sur une
#: URL qui n'existe pas encore attend sa ligne ; dès que l'URL existe, la méta-vérification
#: exige la ligne dans la matrice.
ECARTS: dict[tuple[str, str, str], dict[str, int]] = {
    # Seule la direction dépose : elle engage la personne morale (perms.peut_deposer).
    ("appels:dossier_deposer", "post", "propre"): {"julie": 403, "nadia": 403, "ines": 403},
    # Un travailleur social lit le dossier de son organisation (perms.peut_lire_brouillon) mais
    # ne l'écrit pas : ni étape enregistrée ni pièce retirée (perms.ROLES_REDACTION).
    ("appels:dossier_etape", "post", "propre"): {"nadia": 403, "ines": 403},
    ("appels:piece_supprimer", "post", "propre"): {"nadia": 403, "ines": 403},
    # R-AAC : seul le ou la responsable du service rouvre un appel clos ; l'agent instructeur
    # est renvoyé à la fiche avec le motif du refus (302), le responsable voit la confirmation.
    # Ligne attendue avec l'URL de confirmation (volet décisions) : cible « clos » = l'appel
    # clos de la DDETS 35, vers PUBLIE ; claire 302, paul 404, admin et non-État 403.
    ("appels:confirmer_statut", "get", "clos"): {"yves": 200},
    # Chaque volet peut ajouter ses écarts (`ECARTS` de tests/<app>/matrice_<volet>.py).
    **matrice.ECARTS_DES_VOLETS,
}
# Sans écart, par la règle :
# - le gestionnaire locatif rédige comme la direction (perms.ROLES_REDACTION) : il ouvre,
#   enregistre, retire une pièce ; il ne dépose pas ;
# - « ouvrir » un dossier qui existe déjà le retrouve sans rien écrire (services.ouvrir_dossier) :
#   le travailleur social y est renvoyé (302) comme la direction ;
# - le panneau de conformité calcule sans enregistrer : le travailleur social l'obtient (200) ;
# - le dépôt par l'API est réservé à la direction, mais la ligne vise un appel clos : 403 pour
#   tous ;
# - le ou la responsable de l'État a, hors réouverture, les droits de l'agent instructeur.

_OBJET = re.compile(r"/([a-z_-]+)/(\d+)(?=/|\.|$)")


def _operateur_du_dossier(pk: int) -> int | None:
    return Dossier.objects.filter(pk=pk).values_list("operateur_id", flat=True).first()


#: Segment d'URL suivi d'un identifiant -> (ce dont dépend la visibilité, sa valeur).
PORTEES = {
    "appels": lambda pk: (
        "territoire",
        AppelACandidatures.objects.filter(pk=pk).values_list("territoire_id", flat=True).first(),
    ),
    "dossiers": lambda pk: ("organisation", _operateur_du_dossier(pk)),
    "pieces": lambda pk: (
        "organisation",
        PieceJointe.objects.filter(pk=pk).values_list("dossier__operateur_id", flat=True).first(),
    ),
    "organisations": lambda pk: ("organisation", pk),
    # Parc : un bailleur, un prospect, un logement, un contrat appartiennent à un opérateur.
    "bailleurs": lambda pk: ("organisation", _operateur(Bailleur, pk)),
    "prospects": lambda pk: ("organisation", _operateur(Prospect, pk)),
    "logements": lambda pk: ("organisation", _operateur(Logement, pk)),
    "contrats": lambda pk: (
        "organisation",
        ContratBailleur.objects.filter(pk=pk)
        .values_list("logement__operateur_id", flat=True)
        .first(),
    ),
    # Alertes : une alerte appartient à son destinataire (celle d'un autre = 404).
    "alertes": lambda pk: ("utilisateur", _destinataire_alerte(pk)),
    "imports": lambda pk: ("organisation", _operateur(ImportParc, pk)),
    # Ménages et occupations : ceux d'un opérateur (le travail social n'en voit qu'une part :
    # les volets choisissent pour nadia et ines des ménages dont elles sont référentes).
    "menages": lambda pk: ("organisation", _operateur(Menage, pk)),
    "occupations": lambda pk: ("organisation", _operateur(Occupation, pk)),
    "ecritures": lambda pk: (
        "organisation",
        Ecriture.objects.filter(pk=pk).values_list("occupation__operateur_id", flat=True).first(),
    ),
    "plans": lambda pk: (
        "organisation",
        PlanApurement.objects.filter(pk=pk)
        .values_list("occupation__operateur_id", flat=True)
        .first(),
    ),
    "estimations": lambda pk: (
        "organisation",
        EstimationAide.objects.filter(pk=pk).values_list("menage__operateur_id", flat=True).first(),
    ),
    "imports-menages": lambda pk: ("organisation", _operateur(ImportMenages, pk)),
    # Accompagnement : un plan, ses objectifs et étapes, un contact, une orientation suivent le
    # ménage ; un partenaire est dans l'annuaire d'un opérateur.
    "plan": lambda pk: ("organisation", _du_menage(Plan, pk, "menage")),
    "objectifs": lambda pk: ("organisation", _du_menage(Objectif, pk, "plan__menage")),
    "etapes": lambda pk: ("organisation", _du_menage(EtapeCochee, pk, "plan__menage")),
    "contacts": lambda pk: ("organisation", _du_menage(Contact, pk, "menage")),
    "orientations": lambda pk: ("organisation", _du_menage(OrientationPartenaire, pk, "menage")),
    "partenaires": lambda pk: ("organisation", _operateur(Partenaire, pk)),
    # Orientations du SIAO : une demande appartient à son SIAO, une proposition à l'opérateur
    # à qui elle est faite (le SIAO qui l'a faite la lit aussi).
    "demandes": lambda pk: ("organisation", _siao_de_la_demande(pk)),
    "propositions": lambda pk: ("organisation", _operateur(Proposition, pk)),
    # Une déclaration de vacance appartient à l'opérateur du logement.
    "vacances": lambda pk: ("organisation", _operateur(DeclarationVacance, pk)),
    # Un import des demandes appartient au SIAO qui l'a déposé.
    "imports-demandes": lambda pk: (
        "organisation",
        ImportDemandes.objects.filter(pk=pk).values_list("siao_id", flat=True).first(),
    ),
    # Pilotage : la montée en charge d'une convention suit l'opérateur de son dossier.
    "conventions": lambda pk: ("organisation", _operateur_de_la_convention(pk)),
    # Une exécution du moteur d'appariement appartient à son SIAO.
    "appariements": lambda pk: (
        "organisation",
        ExecutionAppariement.objects.filter(pk=pk).values_list("siao_id", flat=True).first(),
    ),
    # Statistiques annuelles (R-STATS) : une statistique appartient à son opérateur, une
    # campagne à son territoire (département de la DDETS ou région de la DREETS).
    "statistiques": lambda pk: ("organisation", _operateur_statistique(pk)),
    "campagnes": lambda pk: ("territoire", _territoire_campagne(pk)),
}


def _operateur_de_la_convention(pk: int) -> int | None:
    from iml.appels.models import Convention

    return Convention.objects.filter(pk=pk).values_list("dossier__operateur_id", flat=True).first()


def _operateur_statistique(pk: int) -> int | None:
    from iml.pilotage.models import StatistiqueAnnuelle

    return _operateur(StatistiqueAnnuelle, pk)


def _territoire_campagne(pk: int) -> int | None:
    from iml.pilotage.models import CampagneStatistiques

    return (
        CampagneStatistiques.objects.filter(pk=pk).values_list("territoire_id", flat=True).first()
    )


def _siao_de_la_demande(pk: int) -> int | None:
    return Demande.objects.filter(pk=pk).values_list("siao_id", flat=True).first()


def _du_menage(modele, pk: int, chemin: str) -> int | None:
    champ = f"{chemin}__operateur_id"
    return modele.objects.filter(pk=pk).values_list(champ, flat=True).first()


def _destinataire_alerte(pk: int) -> int | None:
    from iml.alertes.models import Alerte

    return Alerte.objects.filter(pk=pk).values_list("destinataire_id", flat=True).first()


def _operateur(modele, pk: int) -> int | None:
    return modele.objects.filter(pk=pk).values_list("operateur_id", flat=True).first()


@dataclass(frozen=True)
class Cible:
    chemin: str
    donnees: dict[str, Any]
    portee: tuple[str, Any] | None

    def relation(self, acteur: Acteur) -> str | None:
        """« propre », « autre », None sans objet, « inconnue » pour un objet non reconnu."""
        if self.portee is None or self.portee[0] == "inconnue":
            return None if self.portee is None else "inconnue"
        nature, valeur = self.portee
        organisation = acteur.organisation
        miens = {
            "territoire": organisation.territoire_id if organisation else None,
            "organisation": organisation.pk if organisation else None,
            "utilisateur": acteur.utilisateur.pk,
        }
        return "propre" if valeur is not None and valeur == miens[nature] else "autre"


def portee(chemin: str, donnees: dict[str, Any]) -> tuple[str, Any] | None:
    if "adhesion" in donnees:
        adhesion = Adhesion.objects.filter(pk=donnees["adhesion"]).first()
        return ("utilisateur", adhesion.utilisateur_id if adhesion else None)
    trouve = _OBJET.search(chemin)
    if trouve is None:
        return None
    segment, pk = trouve.groups()
    return PORTEES[segment](int(pk)) if segment in PORTEES else ("inconnue", segment)


def cible(d, nom: str, persona: str, quoi: str | None) -> Cible:
    kwargs, donnees = matrice.CIBLES[nom](d, persona, quoi) if nom in matrice.CIBLES else ({}, {})
    chemin = reverse(nom, kwargs=kwargs)
    return Cible(chemin, donnees, portee(chemin, donnees))


@dataclass(frozen=True)
class Attente:
    cible: Cible
    statut: int | None  # None : rien à déduire pour cette ligne
    transposee: bool = False  # l'objet de la référence, vérifié selon sa relation réelle
    probleme: str = ""


def _candidats(role: str, reference: str, quoi: str | None):
    """La cible de la référence, puis celles du rôle et des autres personas (même cible, puis
    la cible contraire)."""
    contraire = {"propre": "autre", "autre": "propre"}
    quois = [quoi, contraire[quoi]] if quoi in contraire else [quoi]
    personas = [reference, role, *(p for p in matrice.PERSONAS if p != reference)]
    for q in quois:
        for persona in personas:
            yield persona, q


def _statut(ligne, table: dict[str, int], role: str) -> int | None:
    return ECARTS.get(ligne, {}).get(role, table.get(REFERENCES[role]))


def attente(d, ligne: tuple[str, str, str | None], table: dict[str, int], role: str) -> Attente:
    """La cible à demander pour `role` et le statut attendu (voir la docstring du module)."""
    nom, _, quoi = ligne
    reference = REFERENCES[role]
    acteur_role = acteur_pour(getattr(d, role), None)
    acteur_reference = acteur_pour(getattr(d, reference), None)
    de_reference = cible(d, nom, reference, quoi)
    voulue = de_reference.relation(acteur_reference)
    if voulue == "inconnue":
        if acteur_role.organisation == acteur_reference.organisation:
            return Attente(de_reference, _statut(ligne, table, role))
        probleme = f"objet de {de_reference.chemin} inconnu : ajouter son segment à PORTEES"
        return Attente(de_reference, None, probleme=probleme)
    for persona, q in _candidats(role, reference, quoi):
        try:
            candidate = cible(d, nom, persona, q)
        except (KeyError, AttributeError):  # constructeur indexé sans cette persona
            continue
        if candidate.relation(acteur_role) == voulue:
            return Attente(candidate, _statut(ligne, table, role))
    reelle = de_reference.relation(acteur_role)
    return Attente(de_reference, _attendu_transpose(ligne, table, reference, reelle), True)


def _attendu_transpose(ligne, table: dict[str, int], reference: str, reelle: str | None):
    """L'objet de la référence est, pour le rôle, dans la relation `reelle` : l'attendu de la
    référence sur la ligne de cette relation ; 405 reste 405 (la méthode est refusée avant la
    recherche de l'objet) ; hors périmètre sans ligne : 404."""
    nom, methode, _ = ligne
    if {s for p, s in table.items() if p != "anonyme"} == {405}:
        return 405
    if (nom, methode, reelle) in matrice.MATRICE:
        return matrice.MATRICE[(nom, methode, reelle)].get(reference)
    return 404 if reelle == "autre" else None


def verifier(d, ligne, table: dict[str, int], role: str) -> str | None:
    """Une persona de rôle, un client neuf : l'écart lisible, ou None."""
    a = attente(d, ligne, table, role)
    if a.probleme:
        return f"{role} : {a.probleme}"
    if a.statut is None:
        return None
    client = Client()
    connecter(client, getattr(d, role))
    obtenu = getattr(client, ligne[1])(a.cible.chemin, a.cible.donnees).status_code
    if obtenu == a.statut:
        return None
    vue = " vérifiée comme « autre »" if a.transposee else ""
    return f"{role} : attendu {a.statut}, obtenu {obtenu} ({a.cible.chemin}{vue})"


CAS = [
    pytest.param(ligne, table, id="-".join(str(x) for x in ligne))
    for ligne, table in matrice.MATRICE.items()
]


@pytest.mark.django_db
@pytest.mark.parametrize(("ligne", "table"), CAS)
def test_matrice_par_role(distribution_preparee, ligne, table):
    """Une ligne de la matrice × les personas de rôle ; les écarts sont tous listés."""
    ecarts = [
        e for role in REFERENCES if (e := verifier(distribution_preparee, ligne, table, role))
    ]
    assert not ecarts, "\n".join(ecarts)


# --- Méta-vérifications -------------------------------------------------------------------------


def test_un_ecart_vise_une_ligne_de_la_matrice_des_que_son_url_existe():
    """Un écart sur une URL du projet sans ligne dans la matrice ne serait jamais vérifié ; sur
    une URL qui n'existe pas encore, il attend sa ligne."""
    noms = matrice.noms_url_du_projet()
    orphelins = [e for e in ECARTS if e[0] in noms and e not in matrice.MATRICE]
    assert orphelins == [], "Lignes à ajouter à la matrice (et leur cible) : " + repr(orphelins)
    assert {p for table in ECARTS.values() for p in table} <= set(REFERENCES)


ROLES_ANNONCES = {
    "yves": ("ddets35", Role.RESPONSABLE),
    "julie": ("ais35", Role.GESTIONNAIRE_LOCATIF),
    "nadia": ("ais35", Role.TRAVAILLEUR_SOCIAL),
    "ines": ("relais35", Role.TRAVAILLEUR_SOCIAL),
    "louis": ("solidarite33", Role.DIRECTION),
}


@pytest.mark.django_db
def test_chaque_persona_de_role_agit_avec_le_role_annonce(distribution_preparee):
    """La déduction repose sur ces rôles : nadia agit pour l'AIS (sa première adhésion), louis
    est en Gironde, hors du département des personas de référence."""
    for persona, (cle, role) in ROLES_ANNONCES.items():
        acteur = acteur_pour(getattr(distribution_preparee, persona), None)
        assert (acteur.organisation, acteur.role) == (getattr(distribution_preparee.org, cle), role)
    assert (
        distribution_preparee.org.solidarite33.territoire
        != distribution_preparee.org.ais35.territoire
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "ligne", "cle"),
    [
        ("ines", ("appels:dossier_etape", "post", "propre"), "relais35"),
        ("ines", ("appels:piece_telecharger", "get", "propre"), "relais35"),
        ("ines", ("ui:organisation", "get", "propre"), "relais35"),
        ("louis", ("appels:convention_pdf", "get", "propre"), "solidarite33"),
        ("louis", ("api:dossier", "get", "propre"), "solidarite33"),
        ("louis", ("appels:detail", "get", "propre"), "solidarite33"),
    ],
)
def test_la_cible_propre_d_ines_et_de_louis_est_chez_eux(
    distribution_preparee, persona, ligne, cle
):
    """Leur ligne « propre » vise un objet de leur organisation (ou, pour un appel, de leur
    département), pas celui de l'AIS vérifié comme « autre »."""
    a = attente(distribution_preparee, ligne, matrice.MATRICE[ligne], persona)
    organisation = getattr(distribution_preparee.org, cle)
    nature, valeur = a.cible.portee
    attendue = organisation.territoire_id if nature == "territoire" else organisation.pk
    assert (a.transposee, valeur) == (False, attendue)


def test_un_objet_d_un_type_inconnu_est_signale():
    """Un identifiant dans un segment d'URL que PORTEES ne connaît pas : on ne sait pas de quoi
    dépend sa visibilité ; ines et louis le signalent au lieu de deviner."""
    assert portee("/inconnus/3/", {}) == ("inconnue", "inconnus")
    assert Cible("/inconnus/3/", {}, ("inconnue", "inconnus")).relation(None) == "inconnue"
    assert portee("/compte/mot-de-passe/nouveau/MQ/faux-jeton/", {}) is None
