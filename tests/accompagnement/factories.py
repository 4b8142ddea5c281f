"""Fabriques de l'accompagnement, qui passent toutes par les services : un plan a ses besoins
évalués et passe les contrôles de son dispositif.

Par défaut, nadia (travail social, AIS Rennes) est la référente et agit ; le ménage est logé
en sous-location (OccupationFactory). Traits : `petit_chez_soi` (sous-location à bail glissant,
ARS 7 000 € + État 7 000 €), `delegue`, `mesure_cd`, `sans_logement` (plan avant l'entrée)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from iml.accompagnement.models import Contact, OrientationPartenaire, Partenaire, Plan
from iml.accompagnement.services import plans, suivi
from iml.accompagnement.services.plans import SaisiePlan
from tests.appels.factories import acteur, demo
from tests.menages.factories import MenageFactory, OccupationFactory


def _menage_loge(o) -> Any:
    if o.sans_logement:
        return MenageFactory(referent=o.agent)
    occupation = OccupationFactory(
        sous_location=True,
        menage=MenageFactory(referent=o.agent, agent=demo(o.gestion)),
        agent=demo(o.gestion),
    )
    return occupation.menage


class PlanFactory(factory.Factory):
    """Plan d'IML d'État, intensité régulière, réalisé en interne, 12 mois, besoins « budget »
    (important) et « démarches » (ponctuel), ouvert il y a 30 jours."""

    class Meta:
        model = Plan

    agent = factory.LazyFunction(lambda: demo("nadia"))
    gestion = "julie"
    sans_logement = False
    menage = factory.LazyAttribute(_menage_loge)
    debut_le = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    intensite = "REGULIERE"
    realisation = "INTERNE"
    duree_prevue_mois = 12
    besoins = factory.LazyFunction(lambda: {"BUDGET": "IMPORTANT", "DEMARCHES_DROITS": "PONCTUEL"})
    partenaire_delegue = ""
    service_droit_commun = ""
    dispositif = "IML_ETAT"
    financements = factory.LazyFunction(list)
    chez_soi_sans_abri = None
    chez_soi_trouble_atteste = None
    chez_soi_demande = None

    class Params:
        petit_chez_soi = factory.Trait(
            dispositif="UN_PETIT_CHEZ_SOI",
            intensite="RENFORCEE",
            financements=[("ARS", Decimal("7000.00")), ("ETAT_P177", Decimal("7000.00"))],
        )
        delegue = factory.Trait(realisation="DELEGUE", partenaire_delegue="AIVS Ouest")
        mesure_cd = factory.Trait(
            dispositif="MESURE_CD",
            duree_prevue_mois=36,
            financements=[("CONSEIL_DEPARTEMENTAL", Decimal("3500.00"))],
        )

    @classmethod
    def _create(cls, model_class, agent, gestion, sans_logement, menage, **donnees: Any) -> Plan:
        return plans.ouvrir_plan(
            acteur=acteur(agent),
            menage=menage,
            saisie=SaisiePlan(**donnees),
            aujourd_hui=timezone.localdate(),
        )


class PartenaireFactory(factory.Factory):
    """Un CCAS de l'annuaire de l'AIS Rennes (saisi par nadia)."""

    class Meta:
        model = Partenaire

    agent = factory.LazyFunction(lambda: demo("nadia"))
    nom = factory.Sequence(lambda n: f"CCAS de Rennes {n}")
    type = "CCAS_CIAS"
    commune = "Rennes"
    telephone = "02 99 00 00 00"
    courriel = ""
    actif = True

    @classmethod
    def _create(cls, model_class, agent, **donnees: Any) -> Partenaire:
        return suivi.creer_partenaire(acteur=acteur(agent), **donnees)


class ContactFactory(factory.Factory):
    """Une visite à domicile de 45 minutes, hier, par la référente du ménage."""

    class Meta:
        model = Contact

    agent = factory.LazyFunction(lambda: demo("nadia"))
    menage = factory.LazyAttribute(lambda o: PlanFactory(agent=o.agent).menage)
    le = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    canal = "VISITE_DOMICILE"
    duree_minutes = 45
    note = "Point sur le budget du mois."

    @classmethod
    def _create(cls, model_class, agent, **donnees: Any) -> Contact:
        return suivi.noter_contact(
            acteur=acteur(agent), aujourd_hui=timezone.localdate(), **donnees
        )


class OrientationFactory(factory.Factory):
    """Une orientation vers le CCAS, pour l'accès aux droits, il y a une semaine."""

    class Meta:
        model = OrientationPartenaire

    agent = factory.LazyFunction(lambda: demo("nadia"))
    menage = factory.LazyAttribute(lambda o: PlanFactory(agent=o.agent).menage)
    partenaire = factory.LazyAttribute(lambda o: PartenaireFactory(agent=o.agent))
    le = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    motif = "DROITS"

    @classmethod
    def _create(cls, model_class, agent, **donnees: Any) -> OrientationPartenaire:
        return suivi.orienter(acteur=acteur(agent), aujourd_hui=timezone.localdate(), **donnees)


def jours(n: int) -> date:
    """Il y a `n` jours."""
    return timezone.localdate() - timedelta(days=n)
