"""Matrice des permissions des documents (convention, exports, PDF), et fabriques du volet.

`preparer` crée un appel de la DDETS 35 et le dossier de marc (AIS Rennes), déposé pendant
que l'appel est publié (version créée directement, chiffres du moteur, dépôt que le service
accepterait), puis l'appel clos et le dossier retenu par les services ; et, pour la région de
paul, de même un appel de la DDETS de la Gironde et le dossier retenu de Solidarité Logement
Gironde. Un dossier déposé après une décision a donc son propre appel (l'appel est clos).
"""

from __future__ import annotations

import copy
import json
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from tests.test_matrice_permissions import statuts

MG, SL = "MANDAT_GESTION", "SOUS_LOCATION"

#: Le dossier de l'annexe 1b de l'appel d'Ille-et-Vilaine : 30 logements (15 MG, 15 SL),
#: 25 + 25 places, captation 600 €, gestion 800 € / 1 500 €, accompagnement au ratio en SL.
LOGEMENTS = [
    ("STUDIO", MG, [0, 2, 2, 1, 1, 0, 0, 0]),
    ("T1", MG, [0, 1, 1, 1, 1, 0, 0, 0]),
    ("T2", MG, [0, 0, 1, 1, 0, 1, 0, 0]),
    ("T3", MG, [0, 0, 0, 1, 0, 0, 1, 0]),
    ("STUDIO", SL, [0, 1, 2, 1, 1, 0, 0, 0]),
    ("T1", SL, [0, 1, 1, 1, 1, 1, 0, 0]),
    ("T2", SL, [0, 0, 1, 1, 0, 0, 1, 0]),
    ("T3", SL, [0, 0, 0, 0, 1, 0, 0, 1]),
]
PLACES = [
    ("STUDIO", MG, [0, 2, 2, 1, 1, 0, 0, 0]),
    ("T1", MG, [0, 2, 1, 2, 1, 0, 0, 0]),
    ("T2", MG, [0, 0, 2, 2, 0, 2, 0, 0]),
    ("T3", MG, [0, 0, 0, 4, 0, 0, 3, 0]),
    ("STUDIO", SL, [0, 1, 2, 1, 1, 0, 0, 0]),
    ("T1", SL, [0, 2, 1, 2, 1, 1, 0, 0]),
    ("T2", SL, [0, 0, 2, 3, 0, 0, 2, 0]),
    ("T3", SL, [0, 0, 0, 0, 3, 0, 0, 3]),
]


def _lignes(lignes) -> list[dict[str, Any]]:
    return [{"typologie": t, "mode": m, "trimestres": list(q)} for t, m, q in lignes]


def contenu_annexe_1b(nom: str, siret: str, **remplacements: Any) -> dict[str, Any]:
    """Un dossier complet reproduisant l'exemple de l'annexe 1b (85 500 €, 1 710 € par place)."""
    contenu = {
        "date_depot": "2019-03-01",
        "porteur": {
            "nom": nom,
            "siret": siret,
            "statut": "ASSOCIATION",
            "representant": {"nom": "Bernard", "prenom": "Marc", "qualite": "Directeur"},
            "adresse": "12 rue de l'Exemple, 35000 Rennes",
        },
        "realisations": "Gestion de 40 places d'hébergement d'insertion depuis 2010.",
        "experience": "Agence immobilière à vocation sociale depuis 2012.",
        "agrements": {
            "L365_4": {"date_debut": "2015-01-01", "date_fin": None},
            "L365_3": {"date_debut": "2015-06-01", "date_fin": None},
            "CARTE_PROFESSIONNELLE": {"date_debut": "2016-01-01", "date_fin": "2022-12-31"},
            "GARANTIE_FINANCIERE": {"date_debut": "2019-01-01", "date_fin": "2019-12-31"},
            "ASSURANCE_RC": {"date_debut": "2019-01-01", "date_fin": "2019-12-31"},
        },
        "zone": ["35238", "35288"],
        "publics": ["SORTANT_HEBERGEMENT", "PDALHPD"],
        "attention_sante": True,
        "logements": _lignes(LOGEMENTS),
        "places": _lignes(PLACES),
        "services": {
            "captation": {"cout_par_logement": 600, "description": "Prospection des bailleurs."},
            "gestion": {
                MG: [{"libelle": "GLA et frais de fonctionnement", "cout_par_logement": 800}],
                SL: [
                    {"libelle": "GLA et frais de fonctionnement", "cout_par_logement": 1200},
                    {"libelle": "Vacance et impayés de redevance", "cout_par_logement": 300},
                ],
            },
            "accompagnement": {MG: {"modalite": "DROIT_COMMUN"}, SL: {"modalite": "INTERNE"}},
        },
        "modalites_accompagnement": "Accompagnement modulé selon le diagnostic d'entrée.",
        "financements": [{"financeur": "ETAT_P177", "montant": 85500}],
        "engagements": {
            "sl_duree_mois": 6,
            "sl_renouvellements_max": 2,
            "suite_parcours": ["BAIL_GLISSANT"],
            "mg_duree_financement_mois": 36,
        },
        "partenariats": [{"type": "SIAO", "nom": "SIAO 35"}],
        "engagement_siao": True,
        "evaluation": "Bilan annuel.",
        "regulation": "Comité de suivi trimestriel.",
    }
    contenu.update(copy.deepcopy(remplacements))
    return contenu


def acteur_de(utilisateur):
    from iml.comptes.acteur import acteur_pour

    return acteur_pour(utilisateur, None)


def appel_publie(agent, nom: str):
    """Un appel publié par le service de `agent`, copie du jeu de l'appel 35 2019-2020."""
    from iml.appels.enums import StatutAppel
    from iml.appels.models import AppelACandidatures
    from iml.appels.services.appels import changer_statut_appel, creer_appel
    from iml.referentiel.services import charger_jeux_fichiers, jeu_courant

    acteur = acteur_de(agent)
    existant = AppelACandidatures.objects.filter(nom=nom, service=acteur.organisation).first()
    if existant:
        return existant
    if jeu_courant("appel-35-2019-2020") is None:
        charger_jeux_fichiers()
    appel = creer_appel(acteur=acteur, nom=nom, source=jeu_courant("appel-35-2019-2020"))
    return changer_statut_appel(acteur=acteur, appel=appel, statut=StatutAppel.PUBLIE)


_RESULTATS: dict[str, Any] = {}


def _verifier(contenu, appel, jour):
    """Le moteur, mémorisé : la matrice prépare les mêmes dossiers à chaque cas."""
    from iml.appels import moteur

    cle = json.dumps([contenu, appel.jeu.code, appel.jeu.parametres, str(jour)], sort_keys=True)
    if cle not in _RESULTATS:
        _RESULTATS[cle] = moteur.verifier(contenu, appel, jour)
    return _RESULTATS[cle]


#: Le jour du dépôt des dossiers de la matrice : l'appel 2019-2020 est alors publié et son
#: dépôt ouvert (date limite non passée).
DEPOSEE_LE = timezone.make_aware(timezone.datetime(2019, 3, 1, 10, 0))
MOTIF_AMENDEMENT = "Le comité revoit sa décision."


def dossier_depose(appel, operateur, deposant, contenu=None):
    """Le dossier de `operateur`, avec une version déposée le 1er mars 2019 (chiffres et
    constats du moteur, mémorisés : la version est donc créée directement). Le dépôt n'est
    accepté que si le service l'accepterait (`perms.acces_deposer_sur` : appel publié, date
    limite non passée, direction de l'opérateur déposant) ; le statut suit par la transition."""
    from iml.appels import perms
    from iml.appels.enums import StatutDossier
    from iml.appels.models import Dossier, VersionDossier
    from iml.appels.services.statuts import appliquer_transition

    qui = acteur_de(deposant)
    assert qui.organisation == operateur, f"{deposant} ne dépose pas pour {operateur}"
    refus = perms.acces_deposer_sur(qui, appel, DEPOSEE_LE.date())
    assert refus is None, f"Le service refuserait ce dépôt : {refus}"
    contenu = contenu or contenu_annexe_1b(operateur.nom, operateur.siret)
    dossier, cree = Dossier.objects.get_or_create(
        appel=appel, operateur=operateur, defaults={"contenu": contenu}
    )
    if cree:
        resultat = _verifier(contenu, appel, DEPOSEE_LE.date())
        assert not resultat.invalide, resultat.invalide
        VersionDossier.objects.create(
            dossier=dossier,
            numero=1,
            contenu=contenu,
            constats=resultat.constats,
            chiffres=resultat.chiffres,
            bareme_code=resultat.bareme_code,
            bareme_version=resultat.bareme_version,
            deposee_le=DEPOSEE_LE,
            deposee_par=deposant,
        )
        appliquer_transition(
            acteur=qui, objet=dossier, vers=StatutDossier.DEPOSE, maintenant=DEPOSEE_LE
        )
    return dossier


def _inchangee(decision, resultat, places_mg, places_sl) -> bool:
    if decision is None or decision.resultat != resultat:
        return False
    return resultat != "PARTIELLEMENT_RETENU" or (decision.places_mg, decision.places_sl) == (
        places_mg,
        places_sl,
    )


def decider(dossier, agent, resultat="RETENU", places_mg=25, places_sl=25):
    """La décision du comité par le service (`decisions.decider`) : l'appel encore publié est
    d'abord clos par le service (`factories.clore`) ; un dossier déjà décidé autrement l'est
    par un amendement motivé, une décision identique est laissée telle quelle."""
    from iml.appels.enums import StatutAppel
    from iml.appels.models import Decision
    from iml.appels.services import decisions
    from tests.appels.factories import JUSTIFICATION, MOTIF_REFUS, clore, moment_de_la_cloture

    appel = dossier.appel
    if appel.statut == StatutAppel.PUBLIE:
        clore(appel, agent)
    existante = Decision.objects.filter(dossier=dossier).first()
    if not _inchangee(existante, resultat, places_mg, places_sl):
        retenu = resultat != "REFUSE"
        decisions.decider(
            acteur=acteur_de(agent),
            dossier=dossier,
            resultat=resultat,
            maintenant=moment_de_la_cloture(appel),
            places_mg=places_mg,
            places_sl=places_sl,
            motifs="" if retenu else MOTIF_REFUS,
            justification_erreurs=JUSTIFICATION
            if retenu and decisions.erreurs_de_la_version(dossier.derniere_version)
            else "",
            motif_amendement=MOTIF_AMENDEMENT if existante else "",
        )
    dossier.refresh_from_db()
    return dossier


def _gironde(d):
    """Appel de la DDETS de la Gironde (région de paul), dossier de Solidarité Logement Gironde."""
    from iml.comptes.enums import Role, TypeOrganisation
    from tests.factories import AdhesionFactory, OrganisationFactory, departement

    agent = AdhesionFactory(
        organisation=OrganisationFactory(
            type=TypeOrganisation.ETAT, nom="DDETS de la Gironde", territoire=departement("33")
        ),
        role=Role.AGENT_INSTRUCTEUR,
    ).utilisateur
    appel = appel_publie(agent, "Appel documents Gironde")
    return decider(dossier_depose(appel, d.org.solidarite33, d.louis), agent), agent


def preparer(d) -> None:
    """Appel de la DDETS 35 clos, dossier de marc déposé (appel publié) puis retenu ; de même
    en Gironde."""
    if getattr(d, "documents", None) is not None:
        return
    appel = appel_publie(d.claire, "Appel documents 2019-2020")
    dossier = decider(dossier_depose(appel, d.org.ais35, d.marc), d.claire)
    gironde, agent33 = _gironde(d)
    d.documents = SimpleNamespace(appel=appel, dossier=dossier, gironde=gironde, agent33=agent33)


def _cible(d, persona, cible):
    """« propre » : le dossier de marc (35), sauf pour paul (DREETS Nouvelle-Aquitaine) dont le
    territoire est la Gironde ; « autre » : l'autre des deux."""
    ille, gironde = d.documents.dossier, d.documents.gironde
    propre, autre = (gironde, ille) if persona == "paul" else (ille, gironde)
    return propre if cible == "propre" else autre


def _dossier(d, persona, cible):
    return {"pk": _cible(d, persona, cible).pk}, {}


def _calcules(dossier):
    from iml.appels.services.conventions import calculer_convention

    return {a.annee: a.total for a in calculer_convention(dossier).annees}


def _convention_etablie(d, persona, cible):
    """Le PDF d'une convention : celles des deux dossiers sont établies d'abord."""
    from iml.appels.models import Convention
    from iml.appels.services.conventions import etablir_convention

    for dossier, agent in (
        (d.documents.dossier, d.claire),
        (d.documents.gironde, d.documents.agent33),
    ):
        if not Convention.objects.filter(dossier=dossier).exists():
            etablir_convention(
                acteur=acteur_de(agent),
                dossier=dossier,
                montants_negocies=_calcules(dossier),
                motif_ecart="",
                cofinancements=[],
            )
    return _dossier(d, persona, cible)


def _convention_post(d, persona, cible):
    dossier = _cible(d, persona, cible)
    donnees = {f"montant_{a}": str(m) for a, m in _calcules(dossier).items()}
    donnees |= {
        "motif_ecart": "",
        "cofinancements-TOTAL_FORMS": "0",
        "cofinancements-INITIAL_FORMS": "0",
    }
    return {"pk": dossier.pk}, donnees


def _appel(d, persona, cible):
    return {"pk": _cible(d, persona, cible).appel_id}, {}


#: Téléchargements : opérateur du dossier, services de l'État du territoire (claire pour
#: l'Ille-et-Vilaine, paul pour la Gironde de sa région), admin ; les autres 404.
TELECHARGER = {
    "propre": statuts(404, claire=200, paul=200, marc=200, admin=200),
    "autre": statuts(404, admin=200),
}

MATRICE = {
    # Le formulaire : seul le service de l'appel établit la convention ; ceux qui voient le
    # dossier sans en avoir le droit (paul, marc, admin) reçoivent 403, les autres 404.
    ("appels:convention", "get", "propre"): statuts(404, claire=200, paul=403, marc=403, admin=403),
    ("appels:convention", "get", "autre"): statuts(404, admin=403),
    ("appels:convention", "post", "propre"): statuts(
        404, claire=302, paul=403, marc=403, admin=403
    ),
    ("appels:convention", "post", "autre"): statuts(404, admin=403),
    ("appels:convention_pdf", "get", "propre"): TELECHARGER["propre"],
    ("appels:convention_pdf", "get", "autre"): TELECHARGER["autre"],
    **{
        (nom, "get", cible): TELECHARGER[cible]
        for nom in (
            "appels:dossier_annexes_xlsx",
            "appels:dossier_annexes_ods",
            "appels:dossier_pdf",
        )
        for cible in ("propre", "autre")
    },
    # La synthèse d'un appel : l'État du territoire (et l'admin) ; marc, sophie et anne voient
    # l'appel (clos, son dossier décidé) mais pas les chiffres de tous les opérateurs (404).
    ("appels:appel_synthese_xlsx", "get", "propre"): statuts(404, claire=200, paul=200, admin=200),
    ("appels:appel_synthese_xlsx", "get", "autre"): statuts(404, admin=200),
}


CIBLES = {
    "appels:convention": _convention_post,
    "appels:convention_pdf": _convention_etablie,
    "appels:dossier_annexes_xlsx": _dossier,
    "appels:dossier_annexes_ods": _dossier,
    "appels:dossier_pdf": _dossier,
    "appels:appel_synthese_xlsx": _appel,
}
