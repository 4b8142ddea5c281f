"""Fabriques des orientations du SIAO, qui passent toutes par les services.

Personas : sophie (coordination du SIAO 35) enregistre les demandes et propose ; marc
(direction de l'AIS 35) déclare les vacances, répond et admet. Par défaut, une demande est une
mère et son enfant (1 400 € de ressources, aide inconnue), IML classique, sans logement ; une
vacance est un T2 de Rennes disponible, déclaré vacant aujourd'hui. Traits des propositions :
`acceptee`, `refusee`, `refus_confirme`, `passe_outre`, `en_retard` (proposée il y a 30 jours,
sans réponse), `admise`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from iml.orientations.models import DeclarationVacance, Demande, Proposition
from iml.orientations.services import admission, demandes, propositions, vacances
from tests.appels.factories import acteur, demo
from tests.parc.factories import LogementFactory


def a_midi(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(12, 0)))


def maintenant() -> datetime:
    return a_midi(timezone.localdate())


def agent_ailleurs(type_organisation: str, role: str, departement_code: str):
    """Un agent d'une organisation hors de la démonstration (autre département) : un SIAO
    de Gironde, un opérateur de Paris…"""
    from iml.comptes.services import rattacher
    from tests.factories import OrganisationFactory, UtilisateurFactory, departement

    organisation = OrganisationFactory(
        type=type_organisation, territoire=departement(departement_code)
    )
    utilisateur = UtilisateurFactory()
    rattacher(utilisateur=utilisateur, organisation=organisation, role=role)
    return utilisateur


def jours(n: int) -> date:
    """Il y a `n` jours."""
    return timezone.localdate() - timedelta(days=n)


class DemandeFactory(factory.Factory):
    class Meta:
        model = Demande

    agent = factory.LazyFunction(lambda: demo("sophie"))
    reference_siao = factory.Sequence(lambda n: f"SIAO35-{n:05d}")
    nom = factory.Sequence(lambda n: f"Durand{n}")
    prenom = "Léa"
    adultes = 1
    enfants = 1
    ressources = Decimal("1400.00")
    aide_logement = None
    aide_estimee = False
    demande_le = factory.LazyFunction(lambda: jours(200))
    communes = factory.LazyFunction(lambda: ["35238"])
    communes_strictes = False
    plain_pied_requis = False
    categorie = "CLASSIQUE"
    criteres = factory.LazyFunction(lambda: {"SANS_LOGEMENT": None})

    class Params:
        dalo = factory.Trait(criteres={"DALO_SANS_DOMICILE": date(2025, 3, 1)})
        aide_connue = factory.Trait(aide_logement=Decimal("280.00"))
        famille = factory.Trait(adultes=2, enfants=3)

    @classmethod
    def _create(cls, model_class, agent, **donnees: Any) -> Demande:
        return demandes.enregistrer_demande(
            acteur=acteur(agent), aujourd_hui=timezone.localdate(), **donnees
        )


class VacanceFactory(factory.Factory):
    class Meta:
        model = DeclarationVacance

    agent = factory.LazyFunction(lambda: demo("marc"))
    nature = "VACANT"
    disponible_le = factory.LazyFunction(timezone.localdate)
    # Mobilisé au plus tard le jour où il est vacant (jamais dans le futur).
    logement = factory.LazyAttribute(
        lambda o: LogementFactory(
            agent=o.agent,
            statut="DISPONIBLE",
            date_mobilisation=min(o.disponible_le, timezone.localdate()),
        )
    )
    note = ""
    quand = factory.LazyFunction(maintenant)

    @classmethod
    def _create(cls, model_class, agent, quand, **donnees: Any) -> DeclarationVacance:
        return vacances.declarer_vacance(acteur=acteur(agent), maintenant=quand, **donnees)


class PropositionFactory(factory.Factory):
    class Meta:
        model = Proposition

    agent = factory.LazyFunction(lambda: demo("sophie"))
    operateur_agent = factory.LazyFunction(lambda: demo("marc"))
    demande = factory.LazyAttribute(lambda o: DemandeFactory(agent=o.agent))
    logement = factory.LazyAttribute(lambda o: VacanceFactory(agent=o.operateur_agent).logement)
    le = factory.LazyFunction(maintenant)
    etapes: tuple = ()

    class Params:
        acceptee = factory.Trait(etapes=("accepter",))
        refusee = factory.Trait(etapes=("refuser",))
        refus_confirme = factory.Trait(etapes=("refuser", "confirmer"))
        passe_outre = factory.Trait(etapes=("refuser", "passer_outre"))
        admise = factory.Trait(etapes=("accepter", "admettre"))
        en_retard = factory.Trait(le=factory.LazyFunction(lambda: a_midi(jours(30))))

    @classmethod
    def _create(
        cls, model_class, agent, operateur_agent, demande, logement, le, etapes
    ) -> Proposition:
        proposition = propositions.proposer(
            acteur=acteur(agent), demande=demande, logement=logement, maintenant=le
        )
        for etape in etapes:
            ETAPES[etape](acteur(agent), acteur(operateur_agent), proposition)
        proposition.refresh_from_db()
        return proposition


def _refuser(siao, operateur, p) -> None:
    propositions.repondre(
        acteur=operateur, proposition=p, accepte=False, motif_refus="TYPOLOGIE",
        maintenant=maintenant(),
    )  # fmt: skip


ETAPES = {
    "accepter": lambda s, o, p: propositions.repondre(
        acteur=o, proposition=p, accepte=True, maintenant=maintenant()
    ),
    "refuser": _refuser,
    "confirmer": lambda s, o, p: propositions.decider_refus(
        acteur=s, proposition=p, decision="CONFIRME", maintenant=maintenant()
    ),
    "passer_outre": lambda s, o, p: propositions.decider_refus(
        acteur=s,
        proposition=p,
        decision="PASSE_OUTRE",
        motif="Le T2 convient : deux personnes.",
        maintenant=maintenant(),
    ),  # fmt: skip
    "admettre": lambda s, o, p: admission.admettre_proposition(
        acteur=o,
        proposition=p,
        maintenant=maintenant(),
        saisie=admission.SaisieAdmission(
            date_naissance=date(1990, 5, 17),
            date_entree=timezone.localdate(),
            membres=[("ENFANT", 2016)],
        ),
    ),  # fmt: skip
}
