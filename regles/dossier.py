"""Le dossier de candidature (R-DOSSIER), en dataclasses figées.

Forme JSON : voir `iml/referentiel/schemas/conformite.schema.json` ; lecture :
`regles.entrees.lire_dossier`.
`None` ou une liste vide signifie « non renseigné » (R-UNKNOWN).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from regles.bareme import Bareme
from regles.budget import ProjetBudget, Services
from regles.capacite import LigneEcheancier, totaux_par
from regles.dispositifs import Financement
from regles.eligibilite import Validite
from regles.formes import ParcSocial
from regles.types import (
    Agrement,
    Categorie,
    ModaliteAccompagnement,
    Mode,
    Partenaire,
    PublicPrioritaire,
    StatutJuridique,
    SuiteParcours,
    Zone,
)


@dataclass(frozen=True)
class Representant:
    """Personne physique habilitée à représenter le porteur."""

    nom: str | None
    prenom: str | None
    qualite: str | None = None


@dataclass(frozen=True)
class Porteur:
    """Identité du porteur (003 §4.1)."""

    nom: str | None
    siret: str | None
    statut: StatutJuridique | None
    representant: Representant | None
    adresse: str | None = None
    courriel: str | None = None
    telephone: str | None = None


@dataclass(frozen=True)
class Partenariat:
    """Un partenariat prévu (R-PARTNERS)."""

    type: Partenaire
    nom: str


@dataclass(frozen=True)
class Engagements:
    """Durées prévues par le porteur (R-SL-DURATION, R-MG-GLS-DURATION, R-MODE)."""

    sl_duree_mois: int | None = None
    sl_renouvellements_max: int | None = None
    suite_parcours: tuple[SuiteParcours, ...] = ()
    bail_glissant: bool = False
    mg_duree_financement_mois: int | None = None


@dataclass(frozen=True)
class Dossier:
    """Réponse d'un opérateur à un appel à candidatures (R-DOSSIER)."""

    porteur: Porteur
    date_depot: date | None = None
    bareme: str | None = None
    realisations: str | None = None
    experience: str | None = None
    agrements: Mapping[Agrement, Validite] = field(default_factory=dict)
    zone: tuple[str, ...] = ()
    publics: tuple[PublicPrioritaire, ...] = ()
    attention_sante: bool = False
    categorie: Categorie | None = None
    public_specialise: str | None = None
    zone_marche: Zone | None = None
    logements: tuple[LigneEcheancier, ...] = ()
    places: tuple[LigneEcheancier, ...] = ()
    services: Services = field(default_factory=lambda: Services(None))
    modalites_accompagnement: str | None = None
    financements: tuple[Financement, ...] = ()
    engagements: Engagements = field(default_factory=Engagements)
    parc_social: ParcSocial | None = None
    partenariats: tuple[Partenariat, ...] = ()
    engagement_siao: bool | None = None
    evaluation: str | None = None
    regulation: str | None = None

    def modes(self, bareme: Bareme) -> frozenset[Mode]:
        """Formes d'IML où le dossier mobilise au moins un logement."""
        par_mode, _ = totaux_par(self.logements, bareme)
        return frozenset(m for m, n in par_mode.items() if n > 0)

    def accompagnement_interne(self) -> bool:
        """Vrai si une forme est accompagnée en interne (agrément L 365-3 exigé)."""
        return any(
            a.modalite is ModaliteAccompagnement.INTERNE
            for a in self.services.accompagnement.values()
        )

    def projet_budget(self, bareme: Bareme) -> ProjetBudget:
        """Projet à chiffrer : totaux des annexes 2 (logements) et 3 (places) par forme."""
        logements, _ = totaux_par(self.logements, bareme)
        places, _ = totaux_par(self.places, bareme)
        return ProjetBudget(logements, places, self.services, self.categorie, self.zone_marche)
