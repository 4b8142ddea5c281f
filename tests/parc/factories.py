"""Fabriques factory_boy du parc, qui passent toutes par les services : un prospect capté a
franchi chaque étape de la table R-CAPTATION, un logement disponible a passé le contrôle de
décence. Par défaut, la gestionnaire locative julie (AIS Rennes) agit."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from iml.parc.models import Bailleur, ContratBailleur, Logement, MotifBlocage, Prospect
from iml.parc.services import bailleurs, contrats, logements, prospects
from regles.types import StatutLogement, StatutProspect
from tests.appels.factories import acteur, demo

#: Chemin de la table R-CAPTATION jusqu'à chaque statut.
CHEMIN_PROSPECT = {
    StatutProspect.A_CONTACTER: (),
    StatutProspect.CONTACTE: (StatutProspect.CONTACTE,),
    StatutProspect.VISITE: (StatutProspect.CONTACTE, StatutProspect.VISITE),
    StatutProspect.NEGOCIATION: (
        StatutProspect.CONTACTE,
        StatutProspect.VISITE,
        StatutProspect.NEGOCIATION,
    ),
    StatutProspect.CAPTE: (
        StatutProspect.CONTACTE,
        StatutProspect.VISITE,
        StatutProspect.NEGOCIATION,
        StatutProspect.CAPTE,
    ),
    StatutProspect.ABANDONNE: (StatutProspect.CONTACTE, StatutProspect.ABANDONNE),
}
#: Chemin de la table R-PARC jusqu'à chaque statut.
CHEMIN_LOGEMENT = {
    StatutLogement.EN_CAPTATION: (),
    StatutLogement.DISPONIBLE: (StatutLogement.DISPONIBLE,),
    StatutLogement.OCCUPE: (StatutLogement.DISPONIBLE, StatutLogement.OCCUPE),
    StatutLogement.VACANT: (
        StatutLogement.DISPONIBLE,
        StatutLogement.OCCUPE,
        StatutLogement.VACANT,
    ),
    StatutLogement.EN_TRAVAUX: (StatutLogement.EN_TRAVAUX,),
    StatutLogement.RESTITUE: (StatutLogement.RESTITUE,),
}


def maintenant() -> datetime:
    return timezone.now()


class BailleurFactory(factory.Factory):
    class Meta:
        model = Bailleur

    agent = factory.LazyFunction(lambda: demo("julie"))

    class Params:
        ne_pas_contacter_trait = factory.Trait(
            ne_pas_contacter=True, ne_pas_contacter_motif="Demande écrite du 02/03/2026"
        )
        sci = factory.Trait(type="SCI", nom="SCI Les Tilleuls", prenom="")

    type = "PERSONNE"
    nom = factory.Sequence(lambda n: f"Bailleur{n}")
    prenom = "Jeanne"
    origine = "PROSPECTION"
    consentement_contact = True

    @classmethod
    def _create(cls, model_class, agent, **donnees: Any) -> Bailleur:
        return bailleurs.creer_bailleur(
            acteur=acteur(agent), aujourd_hui=timezone.localdate(), **donnees
        )


class ProspectFactory(factory.Factory):
    """`statut=` mène le prospect par la table (un abandon prend le motif « travaux »).
    `puis_ne_pas_contacter=True` : son bailleur demande ensuite à ne plus être contacté
    (R-CONTACT interdit de créer un prospect pour un bailleur déjà « ne pas contacter »)."""

    class Meta:
        model = Prospect

    agent = factory.LazyFunction(lambda: demo("julie"))
    statut = StatutProspect.A_CONTACTER
    puis_ne_pas_contacter = False

    bailleur = factory.SubFactory(BailleurFactory, agent=factory.SelfAttribute("..agent"))
    adresse = factory.Sequence(lambda n: f"{n} rue de la Monnaie")
    commune = "35238"
    typologie = "T2"

    @classmethod
    def _create(
        cls, model_class, agent, statut, bailleur, puis_ne_pas_contacter, **donnees: Any
    ) -> Prospect:
        a = acteur(agent)
        prospect = prospects.creer_prospect(
            acteur=a, bailleur=bailleur, maintenant=maintenant(), **donnees
        )
        for vers in CHEMIN_PROSPECT[StatutProspect(statut)]:
            motif = MotifBlocage.objects.get(code="travaux") if vers == "ABANDONNE" else None
            prospects.changer_statut_prospect(
                acteur=a, prospect=prospect, vers=vers, maintenant=maintenant(),
                motif_abandon=motif, note="Fabrique de test",
            )  # fmt: skip
        if puis_ne_pas_contacter:
            bailleurs.modifier_bailleur(
                acteur=a, bailleur=bailleur, aujourd_hui=timezone.localdate(),
                ne_pas_contacter=True, ne_pas_contacter_motif="Demande écrite",
            )  # fmt: skip
        prospect.refresh_from_db()
        return prospect


class LogementFactory(factory.Factory):
    """Un T2 de Rennes en mandat de gestion, décent (32 m², classe D) ; `statut=` le mène par
    la table R-PARC (la restitution porte une note)."""

    class Meta:
        model = Logement

    agent = factory.LazyFunction(lambda: demo("julie"))
    statut = StatutLogement.EN_CAPTATION

    class Params:
        sous_location = factory.Trait(
            forme="SOUS_LOCATION", redevance=Decimal("320.00"), bail_glissant_possible=True
        )
        indecent = factory.Trait(surface_m2=Decimal("8.00"), hauteur_sous_plafond_m=Decimal("2.30"))
        passoire = factory.Trait(classe_dpe="G")

    bailleur = factory.SubFactory(BailleurFactory, agent=factory.SelfAttribute("..agent"))
    adresse = factory.Sequence(lambda n: f"{n} boulevard de la Liberté")
    code_postal = "35000"
    commune = "35238"
    typologie = "T2"
    capacite = 3
    surface_m2 = Decimal("32.00")
    hauteur_sous_plafond_m = Decimal("2.50")
    forme = "MANDAT_GESTION"
    loyer = Decimal("520.00")
    charges = Decimal("40.00")
    classe_dpe = "D"
    date_dpe = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=400))

    @classmethod
    def _create(cls, model_class, agent, statut, bailleur, **donnees: Any) -> Logement:
        a = acteur(agent)
        logement = logements.creer_logement(
            acteur=a, bailleur=bailleur, maintenant=maintenant(), **donnees
        )
        for vers in CHEMIN_LOGEMENT[StatutLogement(statut)]:
            note = "Fin du mandat" if vers == "RESTITUE" else ""
            logements.changer_statut_logement(
                acteur=a, logement=logement, vers=vers, maintenant=maintenant(), note=note
            )
        logement.refresh_from_db()
        return logement


class ContratFactory(factory.Factory):
    """Le contrat qui va avec la forme du logement : 36 mois à partir d'aujourd'hui."""

    class Meta:
        model = ContratBailleur

    agent = factory.LazyFunction(lambda: demo("julie"))
    logement = factory.SubFactory(LogementFactory, agent=factory.SelfAttribute("..agent"))
    date_debut = factory.LazyFunction(timezone.localdate)
    duree_mois = 36

    @classmethod
    def _create(cls, model_class, agent, logement, **donnees: Any) -> ContratBailleur:
        return contrats.creer_contrat(acteur=acteur(agent), logement=logement, **donnees)


def jour(texte: str) -> date:
    return date.fromisoformat(texte)
