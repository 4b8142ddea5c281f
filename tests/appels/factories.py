"""Fabriques factory_boy des appels et des dossiers, qui passent toutes par les services.

Chaque trait mène l'objet à son état par le chemin du produit : création et paramétrage de
l'appel (`creer_appel`, `modifier_appel`), publication et clôture (`changer_statut_appel`),
ouverture, saisie et dépôt du dossier (`ouvrir_dossier`, `enregistrer_etape`,
`deposer_dossier`, chiffres et constats du moteur), décision du comité (`decider`), convention
(`etablir_convention`) et signature (`signer_convention`). Un état que le produit interdit (un
dossier retenu sur un appel encore publié, un dépôt sur un appel clos) ne se fabrique donc pas :
le service refuse.

Le temps passe par les arguments `maintenant` des services : un dossier d'un appel dont la date
limite est passée est déposé quelques jours avant elle, l'appel est clos le lendemain de la date
limite et le comité décide ce même jour.
"""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, time, timedelta
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from iml.appels import perms
from iml.appels.enums import ResultatDecision, StatutAppel, StatutDossier
from iml.appels.models import AppelACandidatures, Convention, Dossier
from iml.appels.services import appels as services
from iml.appels.services.avenants import Signature, signer_convention
from iml.appels.services.conventions import calculer_convention, etablir_convention
from iml.appels.services.decisions import decider, erreurs_de_la_version
from iml.comptes.acteur import Acteur, acteur_pour
from iml.comptes.enums import Role
from iml.comptes.models import Organisation, Utilisateur
from iml.referentiel.models import JeuParametres
from iml.referentiel.validation import EXEMPLES
from tests.appels.echantillons import PDF

EXEMPLE = EXEMPLES / "conformite.json"
ORDRE_APPEL = [StatutAppel.BROUILLON, StatutAppel.PUBLIE, StatutAppel.CLOS, StatutAppel.DECIDE]
SOURCE = "appel-35-2019-2020"
MOTIF_REFUS = "Projet hors des priorités du cahier des charges."
JUSTIFICATION = "Le comité retient le projet : les écarts seront levés à la convention."


def demo(cle: str) -> Utilisateur:
    """Un persona de la démonstration (`claire`, `marc`…), chargée au besoin."""
    from iml.comptes.demo import PERSONAS, charger_comptes

    email = next(p.email for p in PERSONAS if p.email.startswith(f"{cle}."))
    if not Utilisateur.objects.filter(email=email).exists():
        charger_comptes()
    return Utilisateur.objects.get(email=email)


def acteur(utilisateur: Utilisateur) -> Acteur:
    return acteur_pour(utilisateur, None)


def jeu_source(code: str) -> JeuParametres:
    from tests.appels.test_appels_fabriques import jeu

    return jeu(code)


def a_dix_heures(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(10, 0)))


def calendrier_ouvert(aujourd_hui: date | None = None) -> dict[str, Any]:
    """Un calendrier dont le dépôt est ouvert aujourd'hui (date limite dans 20 jours)."""
    jour = aujourd_hui or timezone.localdate()
    an = jour.year + 1
    return {
        "date_lancement": (jour - timedelta(days=10)).isoformat(),
        "date_limite_depot": (jour + timedelta(days=20)).isoformat(),
        "date_selection": (jour + timedelta(days=40)).isoformat(),
        "date_debut_montee_en_charge": f"{an}-01-01",
        "premier_trimestre": f"{an}T1",
        "exercices": [an, an + 1],
        "jalons": [
            {"date": f"{an}-12-31", "part_min_pct": 50},
            {"date": f"{an + 1}-12-31", "part_min_pct": 100},
        ],
    }


def moment_du_depot(appel: AppelACandidatures) -> datetime:
    """Aujourd'hui si le dépôt est encore ouvert, sinon trois jours avant la date limite."""
    limite = perms.date_limite(appel)
    if limite is None or limite >= timezone.localdate():
        return timezone.now()
    return a_dix_heures(limite - timedelta(days=3))


def moment_de_la_cloture(appel: AppelACandidatures) -> datetime:
    """Le lendemain de la date limite, ou maintenant si elle n'est pas encore passée."""
    limite = perms.date_limite(appel)
    if limite is None or limite >= timezone.localdate():
        return timezone.now()
    return a_dix_heures(limite + timedelta(days=1))


def clore(appel: AppelACandidatures, agent: Utilisateur | None = None) -> AppelACandidatures:
    """Clôt l'appel par le service : après la date limite, ou clôture anticipée justifiée."""
    limite = perms.date_limite(appel)
    anticipee = limite is not None and limite >= timezone.localdate()
    return services.changer_statut_appel(
        acteur=acteur(agent or agent_de(appel)),
        appel=appel,
        statut=StatutAppel.CLOS,
        motif="Clôture anticipée : toutes les candidatures attendues sont déposées."
        if anticipee
        else "",
        maintenant=moment_de_la_cloture(appel),
    )


def agent_de(appel: AppelACandidatures) -> Utilisateur:
    """Un agent instructeur du service qui a lancé l'appel."""
    return Utilisateur.objects.filter(
        adhesions__organisation=appel.service, adhesions__role=Role.AGENT_INSTRUCTEUR
    ).first()


class AppelFactory(factory.django.DjangoModelFactory):
    """Un appel de la DDETS 35 (claire), copie du jeu de l'appel 2019-2020, mené au statut voulu.

    `AppelFactory(clos=True)`, `AppelFactory(ouvert=True)` (dépôt ouvert aujourd'hui),
    `AppelFactory(agent=…, parametres={"appel": {…}})`."""

    class Meta:
        model = AppelACandidatures

    class Params:
        brouillon = factory.Trait(statut=StatutAppel.BROUILLON)
        publie = factory.Trait(statut=StatutAppel.PUBLIE)
        ouvert = factory.Trait(
            statut=StatutAppel.PUBLIE,
            parametres=factory.LazyFunction(lambda: {"appel": calendrier_ouvert()}),
        )
        clos = factory.Trait(statut=StatutAppel.CLOS)
        decide = factory.Trait(statut=StatutAppel.DECIDE)

    nom = factory.Sequence(lambda n: f"Appel IML n° {n}")
    agent = factory.LazyFunction(lambda: demo("claire"))
    source = SOURCE
    parametres = None
    statut = StatutAppel.PUBLIE

    @classmethod
    def _create(cls, model_class, *, nom, agent, source, parametres, statut, **reste):
        assert not reste, f"Champs que les services ne posent pas : {sorted(reste)}"
        qui = acteur(agent)
        appel = services.creer_appel(acteur=qui, nom=nom, source=jeu_source(source))
        if parametres:
            services.modifier_appel(acteur=qui, appel=appel, nom=nom, parametres=parametres)
        for suivant in ORDRE_APPEL[1 : ORDRE_APPEL.index(statut) + 1]:
            if suivant == StatutAppel.CLOS:
                clore(appel, agent)
            else:
                services.changer_statut_appel(
                    acteur=qui, appel=appel, statut=suivant, maintenant=moment_de_la_cloture(appel)
                )
        return appel


def contenu_complet(operateur: Organisation, **remplacements: Any) -> dict[str, Any]:
    """Le dossier complet de l'exemple (`iml/referentiel/schemas/exemples/conformite.json`),
    au nom de `operateur`."""
    contenu = json.loads(EXEMPLE.read_text(encoding="utf-8"))
    contenu.pop("$schema", None)
    contenu.pop("date_depot", None)
    contenu["porteur"] = {**contenu["porteur"], "nom": operateur.nom, "siret": operateur.siret}
    contenu.update(copy.deepcopy(remplacements))
    return contenu


ETATS_DOSSIER = [
    StatutDossier.BROUILLON,
    StatutDossier.DEPOSE,
    "DECIDE",
    "CONVENTIONNE",
    "SIGNE",
]


def direction_de(operateur: Organisation) -> Utilisateur:
    """La direction de l'opérateur (elle seule dépose : elle engage la structure)."""
    return Utilisateur.objects.filter(
        adhesions__organisation=operateur, adhesions__role=Role.DIRECTION
    ).first()


def decider_dossier(
    dossier: Dossier,
    resultat: str = ResultatDecision.RETENU,
    *,
    agent: Utilisateur | None = None,
    places_mg: int = 0,
    places_sl: int = 0,
    motifs: str = "",
) -> Dossier:
    """La décision du comité par le service, sur un appel clos (le clore d'abord s'il est
    publié) ; retenir une version qui porte des erreurs se fait avec une justification."""
    appel = dossier.appel
    agent = agent or agent_de(appel)
    if appel.statut == StatutAppel.PUBLIE:
        clore(appel, agent)
    erreurs = erreurs_de_la_version(dossier.derniere_version)
    decider(
        acteur=acteur(agent),
        dossier=dossier,
        resultat=resultat,
        maintenant=moment_de_la_cloture(appel),
        places_mg=places_mg,
        places_sl=places_sl,
        motifs=motifs or (MOTIF_REFUS if resultat == ResultatDecision.REFUSE else ""),
        justification_erreurs=JUSTIFICATION if erreurs else "",
    )
    dossier.refresh_from_db()
    return dossier


def conventionner(dossier: Dossier, agent: Utilisateur | None = None) -> Convention:
    """La convention d'un dossier retenu, aux montants calculés (sans écart ni cofinancement)."""
    calcul = calculer_convention(dossier)
    return etablir_convention(
        acteur=acteur(agent or agent_de(dossier.appel)),
        dossier=dossier,
        montants_negocies=calcul.totaux(),
        motif_ecart="",
        cofinancements=[],
    )


def signer(convention: Convention, agent: Utilisateur | None = None) -> Convention:
    """La signature de la convention, datée d'aujourd'hui, avec son exemplaire scanné."""
    scan = SimpleUploadedFile("convention-signee.pdf", PDF, content_type="application/pdf")
    return signer_convention(
        acteur=acteur(agent or agent_de(convention.dossier.appel)),
        convention=convention,
        signature=Signature(
            timezone.localdate(), "Anne Martin, directrice", "Marc Bernard, directeur", scan
        ),
        aujourd_hui=timezone.localdate(),
    )


class DossierFactory(factory.django.DjangoModelFactory):
    """Le dossier d'un opérateur (AIS Rennes, déposé par marc) sur un appel publié, mené à son
    état par les services : `DossierFactory(brouillon=True)`, `(retenu=True)`,
    `(partiellement_retenu=True)`, `(refuse=True)`, `(conventionne=True)`, `(signe=True)`.

    Décider clôt l'appel : plusieurs dossiers d'un même appel se déposent d'abord
    (`DossierFactory(appel=appel)`), puis se décident par `decider_dossier`."""

    class Meta:
        model = Dossier

    class Params:
        brouillon = factory.Trait(etat=StatutDossier.BROUILLON)
        depose = factory.Trait(etat=StatutDossier.DEPOSE)
        retenu = factory.Trait(etat="DECIDE", resultat=ResultatDecision.RETENU)
        partiellement_retenu = factory.Trait(
            etat="DECIDE",
            resultat=ResultatDecision.PARTIELLEMENT_RETENU,
            places_mg=factory.LazyFunction(lambda: 10),
            places_sl=factory.LazyFunction(lambda: 5),
        )
        refuse = factory.Trait(etat="DECIDE", resultat=ResultatDecision.REFUSE)
        conventionne = factory.Trait(etat="CONVENTIONNE", resultat=ResultatDecision.RETENU)
        signe = factory.Trait(etat="SIGNE", resultat=ResultatDecision.RETENU)

    appel = factory.SubFactory(AppelFactory, publie=True)
    operateur = factory.LazyFunction(lambda: demo("marc").adhesions.get().organisation)
    deposant = factory.LazyAttribute(lambda o: direction_de(o.operateur))
    contenu = factory.LazyAttribute(lambda o: contenu_complet(o.operateur))
    etat = StatutDossier.DEPOSE
    resultat = ResultatDecision.RETENU
    places_mg = 0
    places_sl = 0

    @classmethod
    def _create(cls, model_class, *, appel, operateur, deposant, contenu, etat, **reste):
        decision = {c: reste.pop(c) for c in ("resultat", "places_mg", "places_sl")}
        assert not reste, f"Champs que les services ne posent pas : {sorted(reste)}"
        assert etat in ETATS_DOSSIER, etat
        assert operateur == deposant.adhesions.get(organisation=operateur).organisation
        qui = acteur(deposant)
        moment = moment_du_depot(appel)
        jour = timezone.localdate(moment)
        dossier = services.ouvrir_dossier(acteur=qui, appel=appel, aujourd_hui=jour)
        dossier = services.enregistrer_etape(
            acteur=qui, dossier=dossier, etape="", donnees=contenu, aujourd_hui=jour
        )
        if etat == StatutDossier.BROUILLON:
            return dossier
        services.deposer_dossier(acteur=qui, dossier=dossier, maintenant=moment)
        dossier.refresh_from_db()
        if etat == StatutDossier.DEPOSE:
            return dossier
        dossier = decider_dossier(dossier, **decision)
        if etat in ("CONVENTIONNE", "SIGNE"):
            convention = conventionner(dossier)
            if etat == "SIGNE":
                signer(convention)
            dossier.refresh_from_db()
        return dossier
