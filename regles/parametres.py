"""Description des paramètres d'un barème : règles qu'ils servent, libellé, interprétation.

Cette table est la seule liste des clés admises dans `parametres` d'un jeu de paramètres ;
`regles.bareme` la consulte pour refuser une clé inconnue, et le générateur du guide
(`iml.referentiel.guide`) pour présenter chaque règle avec ses paramètres. Un paramètre
« d'interprétation » fixe un point que les sources laissent ouvert (voir iml-rules.md).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from regles.parametres_operations import (
    PARAMETRES_ACCOMPAGNEMENT,
    PARAMETRES_OCCUPATIONS,
    PARAMETRES_PARC,
    PARAMETRES_SIAO,
    Parametre,
    _p,
)
from regles.parametres_pilotage import PARAMETRES_PILOTAGE

__all__ = [
    "PARAMETRES_ACCOMPAGNEMENT",
    "PARAMETRES_OCCUPATIONS",
    "PARAMETRES_PARC",
    "PARAMETRES_PILOTAGE",
    "PARAMETRES_SIAO",
    "Parametre",
]


@dataclass(frozen=True)
class Fourchette:
    """Bornes incluses d'un coût (annexe 1a)."""

    min: Decimal
    max: Decimal

    def contient(self, valeur: Decimal) -> bool:
        """Vrai si `min ≤ valeur ≤ max`."""
        return self.min <= valeur <= self.max


@dataclass(frozen=True)
class Jalon:
    """R-RAMPUP : au `date`, au moins `part_min_pct` % des places doivent être ouvertes."""

    date: date
    part_min_pct: Decimal


@dataclass(frozen=True)
class CritereSelection:
    """R-SELECTION : un critère du comité et son poids."""

    code: str
    libelle: str
    poids: Decimal


@dataclass(frozen=True)
class ParametresAppel:
    """R-AAC : ce qui est propre à un appel à candidatures."""

    territoire: str
    places: int
    exercices: tuple[int, ...]
    budget: Decimal | None
    date_lancement: date
    date_limite_depot: date
    date_selection: date
    date_debut_montee_en_charge: date
    jalons: tuple[Jalon, ...]
    premier_trimestre: tuple[int, int]
    nombre_trimestres: int
    criteres_selection: tuple[CritereSelection, ...]
    note_max: Decimal


@dataclass(frozen=True)
class JalonDefaut:
    """R-RAMPUP : jalon proposé à un appel créé, daté par rapport à ses échéanciers.

    `echeance` : « FIN_PREMIERE_ANNEE » (31/12 de l'année d'ouverture des places) ou
    « FIN_ECHEANCIERS » (fin du dernier trimestre des annexes 2 et 3)."""

    echeance: str
    part_min_pct: Decimal


ECHEANCES_JALON = ("FIN_PREMIERE_ANNEE", "FIN_ECHEANCIERS")


@dataclass(frozen=True)
class AppelDefaut:
    """R-AAC, R-RAMPUP, R-SELECTION : valeurs proposées à un appel créé depuis un jeu sans
    bloc `appel` (national, régional), à compléter ensuite par le service."""

    places: int
    duree_depot_jours: int
    delai_selection_jours: int
    nombre_trimestres: int
    jalons: tuple[JalonDefaut, ...]
    note_max: Decimal
    criteres_selection: tuple[CritereSelection, ...]


PARAMETRES: tuple[Parametre, ...] = (
    _p("capacite_max_places", "R-CAPACITY", "Nombre maximal de places par typologie"),
    _p(
        "petits_logements_typologies", "R-SMALL-UNITS", "Typologies comptées comme petits logements"
    ),
    _p("petits_logements_part_min_pct", "R-SMALL-UNITS", "Part minimale des places (%)"),
    _p("repartition_cible_pct", "R-MODE-SPLIT", "Répartition cible des places par forme (%)"),
    _p(
        "repartition_tolerance_pct",
        "R-MODE-SPLIT",
        "Écart toléré à la cible avant alerte (points de %)",
        True,
    ),
    _p(
        "taux_effort_max_pct",
        "R-EFFORT-MG R-EFFORT-SL",
        "Taux d'effort maximal par forme (%)",
    ),
    _p(
        "pourcentages_arrondi",
        "R-EFFORT-MG R-EFFORT-SL R-SMALL-UNITS R-MODE-SPLIT R-RAMPUP",
        "Pas d'arrondi d'un pourcentage avant comparaison (points, demi au-dessus)",
        True,
    ),
    _p(
        "reste_a_vivre_min_jour_personne",
        "R-EFFORT-SL",
        "Reste à vivre minimum par personne et par jour (€) ; vide : non contrôlé",
        True,
    ),
    _p("jours_par_mois", "R-EFFORT-SL", "Jours par mois pour le reste à vivre journalier", True),
    _p("sl_duree_mois", "R-SL-DURATION", "Durée d'une période de sous-location (mois)"),
    _p("sl_renouvellements_max", "R-SL-DURATION", "Nombre maximal de renouvellements"),
    _p(
        "sl_fin_veille_echeance",
        "R-SL-DURATION",
        "Une période finit la veille du jour anniversaire (sinon le jour même)",
        True,
    ),
    _p(
        "mg_financement_duree_max_mois",
        "R-MG-GLS-DURATION",
        "Durée maximale du financement de la gestion en mandat (mois)",
    ),
    _p(
        "mg_revue_periodicite_mois",
        "R-MG-GLS-DURATION",
        "Périodicité de la revue de la durée de financement (mois) ; vide : pas d'échéance",
        True,
    ),
    _p(
        "cout_captation_par_logement",
        "R-COST-CAPTATION",
        "Fourchette du coût de captation par logement capté (€)",
    ),
    _p(
        "cout_gestion_par_logement",
        "R-COST-GESTION",
        "Fourchette du coût de gestion par logement et par an, par forme (€)",
    ),
    _p(
        "cout_accompagnement_indicatif_par_menage",
        "R-COST-ACCOMP",
        "Base indicative de l'accompagnement par ménage et par an (€)",
    ),
    _p(
        "cout_moyen_max_par_place", "R-COST-PLACE-MAX", "Coût moyen maximal par place et par an (€)"
    ),
    _p("menages_par_etp", "R-SW-RATIO", "Ménages accompagnés par travailleur social (1 ETP)"),
    _p("cout_etp", "R-SW-RATIO", "Coût annuel d'un ETP de travailleur social (€)"),
    _p(
        "ratio_accompagnement_modes",
        "R-SW-RATIO",
        "Formes où l'accompagnement sans chiffre est calculé au ratio (ailleurs : non renseigné)",
        True,
    ),
    _p(
        "frais_gestion_accompagnement_pct",
        "R-SW-RATIO",
        "Frais de gestion et de logistique ajoutés au coût des ETP (%)",
    ),
    _p(
        "menages_par_logement",
        "R-BUDGET-MODEL",
        "Ménages par logement pour compter les ménages accompagnés",
        True,
    ),
    _p(
        "plafonds_sous_location",
        "R-CEILING-NA",
        "Plafond par logement en sous-location, par catégorie et zone (€) ; vide : sans objet",
    ),
    _p(
        "plafonds_mandat_gestion",
        "R-CEILING-NA",
        "Plafond par logement en mandat de gestion, avec ou sans accompagnement, par zone (€)",
    ),
    _p(
        "prorata_mois_inclus",
        "R-SUBSIDY-PRORATA",
        "Le mois de mobilisation compte la première année : 13 − m mois (sinon 12 − m)",
        True,
    ),
    _p(
        "mois_mobilisation_dans_trimestre",
        "R-SUBSIDY-PRORATA",
        "Mois (1 à 3) du trimestre où l'on répute mobilisés les logements de l'annexe 2",
        True,
    ),
    _p(
        "convention_avance_pct",
        "R-SUBSIDY-PRORATA",
        "Avance versée sur la subvention de chaque exercice de la convention (%) ; le solde suit "
        "la justification de la mobilisation effective ; vide : non fixée",
        True,
    ),
    _p(
        "echeancier_cumulatif",
        "R-SCHEDULE-CONSISTENCY R-DOSSIER",
        "Les annexes 2 et 3 donnent un stock cumulé (sinon des entrées par trimestre)",
        True,
    ),
    _p(
        "dalo_hebergement_mois",
        "R-PRIORITY-PUBLICS",
        "DALO : durée d'hébergement en structure ou RHVS (mois)",
    ),
    _p(
        "dalo_logement_transition_mois",
        "R-PRIORITY-PUBLICS",
        "DALO : durée en logement de transition ou logement-foyer (mois)",
    ),
    _p(
        "chez_soi_places", "R-CHEZ-SOI", "Capacité d'un « chez-soi d'abord » par type de territoire"
    ),
    _p(
        "petit_chez_soi_visites_min_semaine",
        "R-PETIT-CHEZ-SOI",
        "Visites minimales par semaine",
    ),
    _p(
        "petit_chez_soi_financement_par_place",
        "R-COFUNDING R-PETIT-CHEZ-SOI",
        "Financement par place d'« un petit chez-soi », par financeur (€)",
    ),
    _p(
        "cd_accompagnement_duree_max_mois",
        "R-CD-MEASURES",
        "Durée maximale d'un accompagnement renforcé départemental (mois)",
    ),
    _p(
        "appel",
        "R-AAC R-RAMPUP R-SELECTION R-MODE-SPLIT",
        "Paramètres propres à l'appel à candidatures ; vide hors appel",
    ),
    _p(
        "appel_defaut",
        "R-AAC R-RAMPUP R-SELECTION",
        "Calendrier, jalons et critères proposés à un appel créé depuis un jeu sans appel",
        True,
    ),
    _p(
        "parc",
        "R-DECENCE-SURFACE R-DECENCE-DPE R-PUBLIC-STOCK",
        "Paramètres du parc : décence, DPE, zones tendues, alertes",
        True,
    ),
    _p(
        "occupations",
        "R-SL-DURATION R-MG-GLS-DURATION R-IMPAYES R-VACANCE R-SORTIE",
        "Paramètres des occupations : alertes, appels de loyer, impayés, vacance, sorties",
        True,
    ),
    _p(
        "accompagnement",
        "R-ACCOMP-ETAPES R-PETIT-CHEZ-SOI R-ACCOMP-CONTACT",
        "Paramètres de l'accompagnement : étapes par moment et par forme, visites, contacts",
        True,
    ),
    _p(
        "siao",
        "R-SIAO R-PRIORITY-PUBLICS",
        "Paramètres du SIAO : réponse aux propositions, vacance non pourvue, poids de priorité",
        True,
    ),
    _p(
        "pilotage",
        "R-RAMPUP",
        "Paramètres du pilotage : alerte avant un jalon de montée en charge",
        True,
    ),
)

PARAMETRES_APPEL: tuple[Parametre, ...] = (
    _p("territoire", "R-AAC", "Code INSEE du département de l'appel"),
    _p("places", "R-AAC R-MODE-SPLIT", "Nombre de places ouvertes par l'appel"),
    _p("exercices", "R-AAC", "Exercices budgétaires couverts"),
    _p("budget", "R-AAC", "Enveloppe de l'appel (€) ; vide : non publiée"),
    _p("date_lancement", "R-AAC", "Date de lancement"),
    _p("date_limite_depot", "R-AAC", "Date limite d'envoi des dossiers"),
    _p("date_selection", "R-AAC", "Date de sélection par le comité", True),
    _p("date_debut_montee_en_charge", "R-RAMPUP", "Ouverture possible des places à partir du"),
    _p("jalons", "R-RAMPUP", "Jalons de montée en charge : date et part minimale des places (%)"),
    _p("premier_trimestre", "R-RAMPUP R-DOSSIER", "Premier trimestre des annexes 2 et 3"),
    _p("nombre_trimestres", "R-RAMPUP R-DOSSIER", "Nombre de trimestres des annexes 2 et 3"),
    _p("criteres_selection", "R-SELECTION", "Critères de sélection et leurs poids"),
    _p("note_max", "R-SELECTION", "Note maximale d'un critère", True),
)

NOMS: frozenset[str] = frozenset(p.nom for p in PARAMETRES)
#: Paramètres ajoutés après la version 1 des jeux livrés : absents d'un jeu déjà en base, ils
#: valent « non renseigné » (None) au lieu de rendre le jeu illisible.
OPTIONNELS: frozenset[str] = frozenset(
    {"convention_avance_pct", "parc", "occupations", "accompagnement", "siao", "pilotage"}
)
NOMS_APPEL: frozenset[str] = frozenset(p.nom for p in PARAMETRES_APPEL)
NOMS_APPEL_DEFAUT: frozenset[str] = frozenset(f.name for f in fields(AppelDefaut))
NOMS_PARC_DECRITS: frozenset[str] = frozenset(p.nom for p in PARAMETRES_PARC)
NOMS_OCCUPATIONS_DECRITS: frozenset[str] = frozenset(p.nom for p in PARAMETRES_OCCUPATIONS)
NOMS_ACCOMPAGNEMENT_DECRITS: frozenset[str] = frozenset(p.nom for p in PARAMETRES_ACCOMPAGNEMENT)
NOMS_SIAO_DECRITS: frozenset[str] = frozenset(p.nom for p in PARAMETRES_SIAO)
NOMS_PILOTAGE_DECRITS: frozenset[str] = frozenset(p.nom for p in PARAMETRES_PILOTAGE)


def parametres_de(regle: str) -> tuple[Parametre, ...]:
    """Paramètres (du barème, de l'appel, du parc, des occupations, de l'accompagnement, du
    SIAO puis du pilotage) qui servent la règle donnée."""
    tous = (
        PARAMETRES
        + PARAMETRES_APPEL
        + PARAMETRES_PARC
        + PARAMETRES_OCCUPATIONS
        + PARAMETRES_ACCOMPAGNEMENT
        + PARAMETRES_SIAO
        + PARAMETRES_PILOTAGE
    )
    return tuple(p for p in tous if regle in p.regles)
