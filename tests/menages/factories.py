"""Fabriques des ménages et des occupations, qui passent toutes par les services : une
occupation a passé le contrôle d'admission, une sous-location renouvelée a sa décision.
Par défaut, la gestionnaire locative julie (AIS Rennes) agit ; nadia (travail social, AIS
Rennes) est la référente quand le trait `suivi_par_nadia` est posé."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from iml.menages.models import Menage
from iml.menages.services import menages
from iml.occupations.models import Occupation
from iml.occupations.services import admission, horloge, sorties
from tests.appels.factories import acteur, demo
from tests.parc.factories import LogementFactory


def a_midi(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(12, 0)))


class MenageFactory(factory.Factory):
    """Une mère et son enfant (né en 2016), 1 100 € de salaire et 250 € de prestations
    familiales connus depuis 1 000 jours, IML classique, sortant d'hébergement."""

    class Meta:
        model = Menage

    agent = factory.LazyFunction(lambda: demo("julie"))
    ressources = factory.LazyFunction(
        lambda: {"SALAIRE": Decimal("1100.00"), "PRESTATIONS_FAMILIALES": Decimal("250.00")}
    )
    membres = factory.LazyFunction(lambda: [("ENFANT", 2016)])
    criteres = factory.LazyFunction(lambda: ["SORTANT_HEBERGEMENT"])
    referent = None
    ressources_connues_le = factory.LazyFunction(
        lambda: timezone.localdate() - timedelta(days=1000)
    )

    class Params:
        suivi_par_nadia = factory.Trait(referent=factory.LazyFunction(lambda: demo("nadia")))
        sans_ressources = factory.Trait(ressources={})
        famille_nombreuse = factory.Trait(
            membres=[("CONJOINT", 1985), ("ENFANT", 2012), ("ENFANT", 2015), ("ENFANT", 2019)]
        )
        aide_connue = factory.Trait(
            ressources={"SALAIRE": Decimal("1100.00"), "AIDE_LOGEMENT": Decimal("280.00")}
        )

    reference = factory.Sequence(lambda n: f"MEN-{n:05d}")
    nom = factory.Sequence(lambda n: f"Martin{n}")
    prenom = "Awa"
    date_naissance = date(1990, 5, 17)
    categorie = "CLASSIQUE"
    situation_avant = "HEBERGEMENT"

    @classmethod
    def _create(
        cls, model_class, agent, ressources, membres, criteres, referent, ressources_connues_le,
        **donnees: Any,
    ) -> Menage:  # fmt: skip
        a = acteur(agent)
        aujourd_hui = timezone.localdate()
        menage = menages.creer_menage(
            acteur=a, aujourd_hui=aujourd_hui, referent=referent, **donnees
        )
        for lien, annee in membres:
            menages.ajouter_personne(
                acteur=a, menage=menage, lien=lien, annee_naissance=annee, aujourd_hui=aujourd_hui
            )
        for nature, montant in ressources.items():
            menages.ajouter_ressource(
                acteur=a, menage=menage, nature=nature, montant=montant,
                connue_le=ressources_connues_le, aujourd_hui=aujourd_hui,
            )  # fmt: skip
        for critere in criteres:
            menages.poser_critere(
                acteur=a, menage=menage, critere=critere, reconnu_le=None, aujourd_hui=aujourd_hui
            )
        return menage


class OccupationFactory(factory.Factory):
    """Le ménage entre dans un T2 disponible de Rennes (mandat de gestion par défaut, loyer
    520 € + 40 € de charges) ; `sous_location=True` : redevance 320 € + 40 €, entrée il y a
    deux mois ; `renouvellements=N` : N renouvellements décidés ; `sortie=(date, destination)`."""

    class Meta:
        model = Occupation

    agent = factory.LazyFunction(lambda: demo("julie"))
    menage = factory.SubFactory(MenageFactory, agent=factory.SelfAttribute("..agent"))
    sous_location = False
    logement = factory.LazyAttribute(
        lambda o: LogementFactory(agent=o.agent, statut="DISPONIBLE", sous_location=o.sous_location)
    )
    date_entree = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60))
    loyer = factory.LazyAttribute(
        lambda o: Decimal("320.00") if o.sous_location else Decimal("520.00")
    )
    charges = Decimal("40.00")
    suite_parcours = factory.LazyAttribute(lambda o: "BAIL_GLISSANT" if o.sous_location else "")
    derogation = ""
    renouvellements = 0
    sortie = None

    @classmethod
    def _create(
        cls, model_class, agent, menage, sous_location, logement, renouvellements, sortie,
        **donnees: Any,
    ) -> Occupation:  # fmt: skip
        a = acteur(agent)
        occupation = admission.admettre(
            acteur=a, menage=menage, logement=logement, forme=logement.forme,
            bail_glissant=sous_location, maintenant=a_midi(donnees["date_entree"]), **donnees,
        )  # fmt: skip
        for _ in range(renouvellements):
            fin = occupation.periodes.order_by("-rang").first().fin
            horloge.renouveler(
                acteur=a, occupation=occupation, decide_le=fin - timedelta(days=20),
                motif="Projet de relogement en cours", maintenant=a_midi(fin - timedelta(days=20)),
            )  # fmt: skip
        if sortie is not None:
            quand, destination = sortie
            sorties.sortir(
                acteur=a, occupation=occupation, date_sortie=quand, destination=destination,
                maintenant=a_midi(quand),
            )  # fmt: skip
        occupation.refresh_from_db()
        return occupation
