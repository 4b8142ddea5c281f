"""Démonstration : l'appel d'Ille-et-Vilaine 2019-2020 (140 places) et trois dossiers déposés —
un conforme (retenu et conventionné), un avec trop peu de petits logements (partiellement
retenu), un au-dessus de 2 200 € par place (refusé) — plus un appel ouvert pour essayer.

Chaque chargement remet la démonstration à zéro (`remettre_a_zero`) : les appels, dossiers,
pièces et conventions créés depuis sont supprimés, puis les deux appels sont recréés. Chaque
opérateur a ses propres textes (`TEXTES`)."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError

from iml.appels import moteur
from iml.appels.enums import ResultatDecision, StatutAppel
from iml.appels.models import AppelACandidatures, PieceJointe
from iml.appels.services import appels as services
from iml.appels.services.conventions import etablir_convention
from iml.appels.services.decisions import decider
from iml.appels.services.instruction import noter
from iml.comptes.acteur import acteur_pour
from iml.comptes.models import Utilisateur
from iml.referentiel.models import JeuParametres
from iml.referentiel.services import jeu_courant
from iml.referentiel.validation import EXEMPLES
from regles.conversion import chaine_decimale
from regles.format import pluriel

EXEMPLE = EXEMPLES / "conformite.json"
NOM_APPEL = "Création de 140 places d'intermédiation locative en Ille-et-Vilaine (2019-2020)"
NOM_APPEL_OUVERT = "Création de 135 places d'IML en Ille-et-Vilaine (2027-2028, démonstration)"
PARIS = ZoneInfo("Europe/Paris")


def _acteur(email: str):
    return acteur_pour(Utilisateur.objects.get(email=email), None)


def _ligne(typologie: str, mode: str, trimestres: list[int]) -> dict:
    return {"typologie": typologie, "mode": mode, "trimestres": trimestres}


#: Les textes propres à chaque opérateur de la démonstration (SIRET → textes) : deux dossiers
#: ne se recopient jamais.
TEXTES: dict[str, dict] = {
    "42000000000034": {
        "porteur": {
            "adresse": "4 rue de la Solidarité, 35000 Rennes",
            "courriel": "contact@ais35.demo",
            "telephone": "02 99 00 00 35",
            "representant": {"prenom": "Marc", "nom": "Bernard", "qualite": "Directeur"},
        },
        "realisations": "Gestion locative adaptée de 60 logements du parc privé rennais depuis "
        "2012 ; 25 mandats de gestion signés en 2018.",
        "experience": "Agence immobilière à vocation sociale, carte professionnelle depuis 2012 ; "
        "équipe de quatre gestionnaires locatifs et deux travailleuses sociales.",
        "captation": "Prospection auprès des petits propriétaires de Rennes Métropole : réunions "
        "avec les agences, visites, conseil sur les aides à la rénovation.",
        "modalites_accompagnement": "Accompagnement à l'entrée dans le logement, puis suivi "
        "mensuel du paiement du loyer et des démarches, relais vers le droit commun.",
        "evaluation": "Bilan annuel : délais de captation, taux d'impayés, durées de mandat.",
        "regulation": "Point trimestriel avec la DDETS et le SIAO 35 sur les vacances.",
    },
    "43000000000041": {
        "porteur": {
            "adresse": "18 boulevard de la Liberté, 35000 Rennes",
            "courriel": "accueil@relais35.demo",
            "telephone": "02 99 00 01 41",
            "representant": {"prenom": "Hélène", "nom": "Garnier", "qualite": "Directrice"},
        },
        "realisations": "Sous-location de 30 logements pour des familles sortant d'hôtel depuis "
        "2015, dont 12 baux ayant glissé aux ménages.",
        "experience": "Association d'insertion par le logement, agréée L 365-3 et L 365-4 ; "
        "un service d'accompagnement social de six travailleurs sociaux.",
        "captation": "Captation de T3 et T4 auprès de bailleurs privés de Saint-Malo et Fougères, "
        "garantie des loyers par l'association.",
        "modalites_accompagnement": "Accompagnement renforcé des familles : visites à domicile "
        "hebdomadaires les trois premiers mois, aide budgétaire, scolarité des enfants.",
        "evaluation": "Suivi des glissements de bail et des sorties vers le logement social.",
        "regulation": "Commission mensuelle d'orientation avec le SIAO 35.",
    },
    "45000000000064": {
        "porteur": {
            "adresse": "7 place du Marché, 35400 Saint-Malo",
            "courriel": "bonjour@toit35.demo",
            "telephone": "02 99 00 02 64",
            "representant": {"prenom": "Gaëlle", "nom": "Le Bihan", "qualite": "Présidente"},
        },
        "realisations": "Accueil de personnes seules sortant de la rue dans 12 studios diffus "
        "depuis 2017.",
        "experience": "Équipe pluridisciplinaire (infirmière, travailleurs sociaux) ; "
        "partenariat avec le centre hospitalier Guillaume-Régnier.",
        "captation": "Recherche de studios et de T1 en centre-ville, proches des transports et "
        "des soins.",
        "modalites_accompagnement": "Accompagnement intensif de personnes isolées : deux visites "
        "par semaine, coordination avec l'équipe mobile psychiatrie précarité.",
        "evaluation": "Maintien dans le logement à six mois et à un an, recours aux urgences.",
        "regulation": "Réunion de synthèse bimensuelle avec les partenaires de soins.",
    },
}


def contenu_conforme(organisation) -> dict:
    """L'exemple documenté (annexe 1b de l'appel : 50 places, 85 500 €, 1 710 € par place),
    avec les textes propres à l'opérateur (`TEXTES`)."""
    contenu = json.loads(EXEMPLE.read_text(encoding="utf-8"))
    contenu.pop("$schema", None)
    contenu.pop("date_depot", None)
    textes = TEXTES.get(organisation.siret, {})
    contenu["porteur"] = {
        **contenu["porteur"],
        **textes.get("porteur", {}),
        "nom": organisation.nom,
        "siret": organisation.siret,
    }
    for cle in ("realisations", "experience", "modalites_accompagnement"):
        contenu[cle] = textes.get(cle, contenu[cle])
    for cle in ("evaluation", "regulation"):
        contenu[cle] = textes.get(cle, contenu[cle])
    if "captation" in textes:
        contenu["services"]["captation"]["description"] = textes["captation"]
    return contenu


def contenu_peu_de_petits_logements(organisation) -> dict:
    """20 % des places en petits logements (R-SMALL-UNITS : 30 % au moins)."""
    contenu = contenu_conforme(organisation)
    contenu["logements"] = [
        _ligne("T2", "SOUS_LOCATION", [0, 1, 1, 0, 0, 0, 0, 0]),
        _ligne("T3", "SOUS_LOCATION", [0, 1, 1, 1, 1, 0, 0, 0]),
        _ligne("T4", "SOUS_LOCATION", [0, 0, 1, 1, 0, 1, 0, 0]),
    ]
    contenu["places"] = [
        _ligne("T2", "SOUS_LOCATION", [0, 3, 3, 0, 0, 0, 0, 0]),
        _ligne("T3", "SOUS_LOCATION", [0, 4, 4, 4, 4, 0, 0, 0]),
        _ligne("T4", "SOUS_LOCATION", [0, 0, 2, 2, 0, 2, 0, 0]),
    ]
    contenu["financements"] = []
    return contenu


def contenu_trop_cher(organisation) -> dict:
    """Personnes seules en sous-location avec accompagnement renforcé : plus de 2 200 € par
    place (R-COST-PLACE-MAX)."""
    contenu = contenu_conforme(organisation)
    contenu["logements"] = [
        _ligne("STUDIO", "SOUS_LOCATION", [0, 3, 3, 2, 2, 0, 0, 0]),
        _ligne("T1", "SOUS_LOCATION", [0, 1, 1, 1, 1, 0, 0, 0]),
    ]
    contenu["places"] = [
        _ligne("STUDIO", "SOUS_LOCATION", [0, 3, 3, 2, 2, 0, 0, 0]),
        _ligne("T1", "SOUS_LOCATION", [0, 1, 1, 1, 1, 0, 0, 0]),
    ]
    contenu["services"] = copy.deepcopy(contenu["services"])
    contenu["services"]["gestion"].pop("MANDAT_GESTION", None)
    contenu["services"]["accompagnement"] = {
        "SOUS_LOCATION": {"modalite": "INTERNE", "montant_par_menage": chaine_decimale(2200)}
    }
    contenu["financements"] = []
    return contenu


def _avec_financements(contenu: dict, appel) -> dict:
    """Recettes = le budget calculé par le moteur, financé par l'État (programme 177)."""
    budget = moteur.verifier(contenu, appel, date(2019, 3, 1)).chiffres["budget"]
    contenu["financements"] = [
        {
            "financeur": "ETAT_P177",
            "service": service.upper(),
            "montant": chaine_decimale(Decimal(budget[service])),
        }
        for service in ("captation", "gestion", "accompagnement")
        if budget[service] not in (None, "0.00")
    ]
    return contenu


def _dossier_depose(appel, email: str, contenu: dict):
    acteur = _acteur(email)
    contenu = _avec_financements(contenu, appel)
    dossier = services.ouvrir_dossier(acteur=acteur, appel=appel, aujourd_hui=date(2019, 2, 1))
    services.enregistrer_etape(
        acteur=acteur,
        dossier=dossier,
        etape="recapitulatif",
        donnees=contenu,
        aujourd_hui=date(2019, 2, 1),
    )
    services.deposer_dossier(
        acteur=acteur, dossier=dossier, maintenant=datetime(2019, 3, 1, 10, tzinfo=PARIS)
    )
    dossier.refresh_from_db()
    return dossier


def _appel_2019(organisations):
    claire = _acteur("claire.moreau@ddets35.demo")
    appel = services.creer_appel(
        acteur=claire, nom=NOM_APPEL, source=jeu_courant("appel-35-2019-2020")
    )
    # Transitions datées comme l'appel de 2019 (lancé le 12/12/2018, dépôt jusqu'au 04/03/2019).
    services.changer_statut_appel(
        acteur=claire,
        appel=appel,
        statut=StatutAppel.PUBLIE,
        maintenant=datetime(2018, 12, 12, 10, tzinfo=PARIS),
    )
    conforme = _dossier_depose(
        appel, "marc.bernard@ais35.demo", contenu_conforme(organisations["ais35"])
    )
    petits = _dossier_depose(
        appel,
        "helene.garnier@relais35.demo",
        contenu_peu_de_petits_logements(organisations["relais35"]),
    )
    cher = _dossier_depose(
        appel, "gaelle.le-bihan@toit35.demo", contenu_trop_cher(organisations["toit35"])
    )
    services.changer_statut_appel(
        acteur=claire,
        appel=appel,
        statut=StatutAppel.CLOS,
        maintenant=datetime(2019, 3, 5, 9, tzinfo=PARIS),
    )
    _instruire(appel, claire, conforme, petits, cher)
    return appel


def _conventionner(claire, conforme) -> None:
    """La convention du dossier retenu, aux montants calculés."""
    calcul = services_conventions_calcul(conforme)
    convention = etablir_convention(
        acteur=claire,
        dossier=conforme,
        montants_negocies=calcul,
        motif_ecart="",
        cofinancements=[],
    )
    # Établie au lendemain du comité (le service la date du jour) : la démonstration reste
    # cohérente avec l'appel de 2019 et sa signature se saisit en mai 2019.
    type(convention).objects.filter(pk=convention.pk).update(
        cree_le=datetime(2019, 4, 26, 10, tzinfo=PARIS)
    )


def _instruire(appel, claire, conforme, petits, cher) -> None:
    criteres = [c.code for c in appel.jeu.en_bareme().appel.criteres_selection]
    for dossier, note in ((conforme, "4.5"), (petits, "3"), (cher, "2")):
        noter(acteur=claire, dossier=dossier, notes={c: Decimal(note) for c in criteres})
    quand = datetime(2019, 4, 25, 14, tzinfo=PARIS)
    decider(acteur=claire, dossier=conforme, resultat=ResultatDecision.RETENU, maintenant=quand)
    decider(
        acteur=claire,
        dossier=petits,
        resultat=ResultatDecision.PARTIELLEMENT_RETENU,
        maintenant=quand,
        places_sl=10,
        motifs="R-SMALL-UNITS : 21,4 % de petits logements ; seules les places en T2 et T3 sont "
        "retenues dans l'attente d'une offre de studios.",
        justification_erreurs="Le comité retient la seule sous-location, dont les logements "
        "répondent aux besoins ; l'opérateur s'engage à capter des studios en 2020.",
    )
    decider(
        acteur=claire,
        dossier=cher,
        resultat=ResultatDecision.REFUSE,
        maintenant=quand,
        motifs="R-COST-PLACE-MAX : coût moyen supérieur à 2 200 € par place.",
    )
    _conventionner(claire, conforme)
    services.changer_statut_appel(
        acteur=claire,
        appel=appel,
        statut=StatutAppel.DECIDE,
        maintenant=datetime(2019, 4, 30, 10, tzinfo=PARIS),
    )


def services_conventions_calcul(dossier) -> dict[int, Decimal | None]:
    from iml.appels.services.conventions import calculer_convention

    calcul = calculer_convention(dossier)
    return {
        int(annee): (Decimal(m) if m is not None else None)
        for annee, m in calcul.montants().items()
    }


def _appel_ouvert() -> None:
    claire = _acteur("claire.moreau@ddets35.demo")
    appel = services.creer_appel(
        acteur=claire, nom=NOM_APPEL_OUVERT, source=jeu_courant("appel-35-2019-2020")
    )
    services.modifier_appel(
        acteur=claire,
        appel=appel,
        nom=NOM_APPEL_OUVERT,
        parametres={
            "appel": {
                "places": 135,
                "exercices": [2027, 2028],
                "date_lancement": "2026-11-02",
                "date_limite_depot": "2027-03-01",
                "date_selection": "2027-04-30",
                "date_debut_montee_en_charge": "2027-04-01",
                "jalons": [
                    {"date": "2027-12-31", "part_min_pct": 50},
                    {"date": "2028-12-31", "part_min_pct": 100},
                ],
                "premier_trimestre": "2027T1",
            }
        },
    )
    services.changer_statut_appel(acteur=claire, appel=appel, statut=StatutAppel.PUBLIE)


def _vider(modeles: list[type[Model]]) -> None:
    """Supprime toutes les lignes des modèles donnés ; un modèle protégé par un autre (PROTECT)
    est repris après lui, jusqu'à ce que rien ne bloque."""
    restants = list(modeles)
    for _ in range(len(modeles) + 1):
        bloques = []
        for modele in restants:
            try:
                with transaction.atomic():
                    modele._base_manager.all().delete()
            except (ProtectedError, RestrictedError):
                bloques.append(modele)
        if not bloques:
            return
        restants = bloques
    noms = ", ".join(m._meta.verbose_name_plural for m in restants)
    raise RuntimeError(f"Remise à zéro de la démonstration impossible : {noms} protégés.")


def remettre_a_zero(sortie) -> None:
    """Supprime tous les appels et ce qui en dépend (dossiers, versions, pièces et leurs
    fichiers, notations, décisions, conventions…), puis les jeux de paramètres copiés pour ces
    appels : la démonstration repart de son état d'origine."""
    appels = AppelACandidatures.objects.count()
    jeux = list(AppelACandidatures.objects.values_list("jeu_id", flat=True))
    for piece in PieceJointe.objects.all():
        piece.fichier.delete(save=False)
    # Ordre inverse de déclaration : un modèle déclaré après référence ceux d'avant.
    _vider(list(reversed(list(apps.get_app_config("appels").get_models()))))
    # Copies des appels : une copie peut servir de parent à une autre, supprimée avant elle.
    for _ in range(len(jeux)):
        for jeu in JeuParametres.objects.filter(pk__in=jeux):
            try:
                with transaction.atomic():
                    jeu.delete()
            except (ProtectedError, RestrictedError):
                continue
    if appels:
        accord = "s" if appels > 1 else ""
        sortie.write(
            f"Démonstration remise à zéro : {pluriel(appels, 'appel')} supprimé{accord}.\n"
        )


def charger_demo(organisations, sortie) -> None:
    """Remet la démonstration à zéro puis crée ses deux appels (idempotent)."""
    remettre_a_zero(sortie)
    _appel_2019(organisations)
    sortie.write(f"Appel créé : {NOM_APPEL} (3 dossiers, 1 convention).\n")
    _appel_ouvert()
    sortie.write(f"Appel ouvert créé : {NOM_APPEL_OUVERT}.\n")
