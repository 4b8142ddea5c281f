"""Identifiants des règles (R-…), leur source et leur énoncé en français.

Cette liste est la référence interne du dépôt : un test vérifie que chaque identifiant apparaît
dans `regles/`, dans `tests/regles/` et dans le guide `docs/guide/regles.md`, et (quand le
dossier `../shared` est présent) qu'elle reproduit celle de `shared/reference/iml-rules.md`.
Sources : « 003 » = appel à candidatures Ille-et-Vilaine 2019-2020 ; « 000 » = étude régionale
Nouvelle-Aquitaine, fiche n° 4. Les règles de décence du parc (`HORS_REFERENCE`) viennent de
textes nationaux, hors des deux documents : elles ne figurent pas dans la référence partagée.
"""

from __future__ import annotations

from regles.ids_operations import REGLES_OPERATIONS
from regles.regle import Regle

__all__ = ["HORS_REFERENCE", "IDS", "REGLES", "Regle", "regle"]

REGLES: tuple[Regle, ...] = (
    Regle(
        "R-MODE",
        "003 §2.1",
        "Deux formes d'IML : mandat de gestion et sous-location ; une sous-location peut être "
        "à bail glissant.",
        "formes",
    ),
    Regle(
        "R-EFFORT-MG",
        "003 §2.1",
        "Mandat de gestion : le ménage paie tout le loyer et les charges ; taux d'effort "
        "plafonné (50 %) des ressources, allocations comprises.",
        "effort",
        "Même formule qu'en sous-location, avec le loyer ; pas de minimum de reste à vivre.",
    ),
    Regle(
        "R-EFFORT-SL",
        "003 §2.1",
        "Sous-location : le ménage paie une redevance ; taux d'effort plafonné (30 %) ; "
        "l'opérateur garantit un reste à vivre minimum.",
        "effort",
        "Taux d'effort = (redevance + charges − aide au logement) ÷ ressources mensuelles "
        "allocations comprises, arrondi au dixième de point avant comparaison (30,0 % passe, 30,1 "
        "% non). Reste à vivre = ressources − ce coût net, ÷ personnes ÷ 30 jours. Le minimum de "
        "reste à vivre n'a pas de valeur dans les sources : tant qu'il est vide, il n'est pas "
        "contrôlé et une information le dit.",
    ),
    Regle(
        "R-SL-DURATION",
        "003 §2.2",
        "La sous-location dure six mois, renouvelable au plus deux fois ; la suite du parcours "
        "est prévue dès l'entrée.",
        "calendrier",
        "Une période de 6 mois entrée le 15/05 finit le 14/11 (veille du jour anniversaire) ; un "
        "jour absent du mois d'arrivée est ramené au dernier jour du mois (31/08 + 6 mois = 28 ou "
        "29/02). Dans un dossier, l'absence de suite de parcours prévue en sous-location est une "
        "erreur ; pour une sous-location en cours, une alerte.",
    ),
    Regle(
        "R-MG-GLS-DURATION",
        "003 §2.2",
        "Le financement de la gestion locative en mandat de gestion est limité dans le temps, "
        "évalué régulièrement, jamais au-delà de trois ans ; l'accompagnement y est facultatif.",
        "calendrier",
        "Le financement court au plus jusqu'à la veille du troisième anniversaire ; « évaluée "
        "régulièrement » est rendu par une revue tous les 12 mois (paramètre).",
    ),
    Regle(
        "R-PUBLIC-STOCK",
        "003 §2.1",
        "L'IML mobilise le parc privé ; le parc social n'est qu'une exception datée (par exemple "
        "dans l'attente d'une ouverture de droits).",
        "formes",
        "Toute mobilisation du parc social donne une alerte ; sans motif ou sans date de fin, ou "
        "après la date de fin, c'est une erreur.",
    ),
    Regle(
        "R-CAPACITY",
        "003 §4.3",
        "Nombre maximal de places par logement selon la typologie (studio 1 … T6 et + 7).",
        "capacite",
    ),
    Regle(
        "R-SMALL-UNITS",
        "003 §4.3, §5.4",
        "Au moins 30 % de la capacité d'un projet (en places) en petits logements : studio, T1, "
        "T2.",
        "capacite",
        "Part des places (annexe 3) en studio, T1, T2, arrondie au dixième de point : 30,0 % "
        "passe.",
    ),
    Regle(
        "R-MODE-SPLIT",
        "003 §III",
        "L'appel vise 50 % de mandat de gestion et 50 % de sous-location sur le département ; "
        "une réponse peut être partielle.",
        "appel",
        "Appréciée sur l'ensemble des projets retenus d'un appel (verbe `repartition`), pas "
        "dossier par dossier : un dossier reçoit seulement une information sur sa propre "
        "répartition. Tout écart à la cible donne une alerte (tolérance 0 point, paramètre).",
    ),
    Regle(
        "R-COST-CAPTATION",
        "003 annexe 1a",
        "Prospection-captation : 300 à 900 € par logement capté, l'année de la captation, "
        "identique pour les deux formes.",
        "plafonds",
        "Hors fourchette : alerte (coûts « théoriques »).",
    ),
    Regle(
        "R-COST-GESTION",
        "003 annexe 1a",
        "Gestion locative adaptée : 600 à 1 000 € par logement et par an en mandat de gestion, "
        "1 000 à 2 000 € en sous-location.",
        "plafonds",
        "Le coût par logement est la somme des lignes de gestion de la forme ; hors fourchette : "
        "alerte.",
    ),
    Regle(
        "R-COST-ACCOMP",
        "003 annexe 1a",
        "Accompagnement social : base indicative de 2 100 € par logement (ménage) et par an.",
        "budget",
        "Base indicative : le coût par ménage est rappelé (information), jamais refusé.",
    ),
    Regle(
        "R-COST-PLACE-MAX",
        "003 §4.7, annexe 1a",
        "Le coût d'une proposition ne peut excéder 2 200 € par place et par an en moyenne.",
        "plafonds",
        "Coût moyen = total annuel (captation comprise, comme dans l'annexe 1b) ÷ places ; au-delà "
        "du maximum : erreur ; égal : accepté.",
    ),
    Regle(
        "R-SW-RATIO",
        "003 annexe 1b",
        "Accompagnement en sous-location : un travailleur social pour 20 ménages ; 1 ETP = "
        "40 000 € plus 10 % de frais de gestion et de logistique.",
        "budget",
        "Sans montant par ménage, sans ETP ni budget de partenaire, l'accompagnement est chiffré "
        "au ratio : ménages ÷ 20 ETP × 40 000 € × 1,10. Des ETP déclarés en dessous du ratio "
        "donnent une alerte.",
    ),
    Regle(
        "R-BUDGET-MODEL",
        "003 §4.7, annexe 1b",
        "Le budget a trois postes : captation (par logement, l'année de la captation), gestion "
        "(par logement, selon la forme), accompagnement (par ménage).",
        "budget",
        "Un ménage par logement (paramètre). Ordre de chiffrage de l'accompagnement : montant par "
        "ménage, ETP, budget du partenaire délégué, ratio. Chaque poste est arrondi au centime, "
        "demi au-dessus, à la fin ; le total somme les postes arrondis.",
    ),
    Regle(
        "R-CEILING-NA",
        "000 §I.A",
        "Plafonds Nouvelle-Aquitaine par logement, trois prestations confondues, selon la "
        "catégorie et la zone (sous-location) ou l'accompagnement (mandat de gestion).",
        "plafonds",
        "Coût par logement d'une forme = (captation + gestion + accompagnement de la forme) ÷ "
        "logements de la forme. En mandat de gestion, « avec accompagnement » dès que "
        "l'accompagnement n'est pas confié au seul droit commun. Un plafond dépassé est une erreur "
        "; sans plafond dans le barème, une information.",
    ),
    Regle(
        "R-SUBSIDY-PRORATA",
        "003 §4.7",
        "L'État paie dès la mobilisation effective, au prorata des mois de fonctionnement la "
        "première année, en année pleine ensuite ; une subvention globale annuelle.",
        "subvention",
        "Un logement mobilisé le mois m compte 13 − m mois sa première année civile (mois de "
        "mobilisation compris) ; les logements d'un trimestre de l'annexe 2 sont réputés mobilisés "
        "le premier mois du trimestre ; la captation est payée en entier l'année de la captation ; "
        "l'accompagnement délégué est financé directement au partenaire, hors subvention de "
        "l'opérateur.",
    ),
    Regle(
        "R-COFUNDING",
        "000 §I.B, §II",
        "Une mesure peut avoir plusieurs financeurs (État P177, conseil départemental, ARS, FSL, "
        "FAPI) ; chaque mesure enregistre ses financeurs et leurs montants.",
        "dispositifs",
    ),
    Regle(
        "R-CATEGORY",
        "000 §I.A",
        "L'IML est classique, spécialisée (un public) ou psy (maladie psychique stabilisée, "
        "accompagnement renforcé).",
        "publics",
    ),
    Regle(
        "R-CHEZ-SOI",
        "000 §I.B",
        "« Un chez-soi d'abord » : 100 places en métropole, 55 en ville moyenne ; personnes sans "
        "abri, maladie psychique sévère diagnostiquée, qui demandent à être logées ; porté par un "
        "GCSMS conventionné avec un hôpital (PASS) et un organisme de lutte contre les exclusions.",
        "dispositifs",
    ),
    Regle(
        "R-PETIT-CHEZ-SOI",
        "000 §I.B",
        "« Un petit chez-soi » : sous-location à bail glissant, équipe pluridisciplinaire, au "
        "moins une visite par semaine.",
        "dispositifs",
    ),
    Regle(
        "R-CD-MEASURES",
        "000 §II.1",
        "Les mesures financées par le département (médiation locative, GLA) coexistent avec "
        "l'IML d'État ; par exemple accompagnement renforcé jusqu'à trois ans (FAPI).",
        "dispositifs",
    ),
    Regle(
        "R-UNKNOWN",
        "000 (tableaux « ? »)",
        "« Non renseigné » reste distinct de zéro partout : saisie, totaux, exports.",
        "budget",
        "`null` signifie « non renseigné » : un poste inconnu rend inconnus le total et les coûts "
        "moyens (aucun total partiel n'est présenté comme un total), et une information liste les "
        "champs manquants. Zéro logement donne 0 €, pas « non renseigné ».",
    ),
    Regle(
        "R-ACCOMP-PLAN",
        "003 §2.2, §4.6",
        "L'accompagnement est adapté aux besoins du ménage, découplé de la forme d'IML ; réalisé "
        "en interne, délégué à un opérateur agréé L 365-3, ou par le droit commun.",
        "eligibilite",
    ),
    Regle(
        "R-PARTNERS",
        "000 §II.2",
        "Les opérateurs travaillent avec les partenaires de droit commun (MDS, CCAS/CIAS, "
        "CAARUD, hôpitaux, emploi) ; le système enregistre les orientations vers eux.",
        "completude",
    ),
    Regle(
        "R-AAC",
        "003 §I, §III, §5.1",
        "Un appel a un territoire, un nombre de places, des exercices, une répartition cible, une "
        "part minimale de petits logements, un coût moyen maximal, des dates et des critères.",
        "appel",
        "« Sélection avril 2019 » est fixée au 30/04/2019. Un dossier déposé après la date limite "
        "(incluse) ou avant le lancement est en erreur ; une commune au code INSEE hors du "
        "département donne une alerte.",
    ),
    Regle(
        "R-RAMPUP",
        "003 §5.1",
        "Montée en charge à partir d'avril 2019 : au moins 50 % de la capacité financée au "
        "31/12/2019, 100 % au 31/12/2020.",
        "calendrier",
        "Un jalon compte les places ouvertes à la fin du dernier trimestre achevé à sa date, en "
        "part des places de l'annexe 3 (ou de la capacité financée donnée) ; 50,0 % passe. Des "
        "places avant le début de la montée en charge donnent une alerte.",
    ),
    Regle(
        "R-ELIGIBILITY",
        "003 §III, §4.1",
        "Personne morale agréée L 365-4 ; en mandat de gestion, carte professionnelle, garantie "
        "financière et assurance RC ; pour l'accompagnement interne, agrément L 365-3.",
        "eligibilite",
        "Chaque pièce doit couvrir la date de dépôt, bornes incluses ; sans date de fin, elle vaut "
        "sans limite.",
    ),
    Regle(
        "R-DOSSIER",
        "003 §4.1 à §4.6, §5.3",
        "Contenu obligatoire du dossier ; une pièce manquante le rend incomplet.",
        "completude",
        "Une pièce absente est une erreur de complétude, pas une entrée invalide ; un SIRET dont "
        "la clé est fausse donne une alerte. Les annexes comptent autant de trimestres que "
        "l'appel.",
    ),
    Regle(
        "R-SCHEDULE-CONSISTENCY",
        "003 §4.3, annexes 2 et 3",
        "Les places de l'annexe 3 ne dépassent jamais les logements de l'annexe 2 × capacité, "
        "par typologie, forme et trimestre ; les totaux sont calculés, jamais saisis.",
        "capacite",
        "Les nombres des annexes 2 et 3 sont des entrées par trimestre (la colonne TOTAL les "
        "somme) ; la comparaison porte sur les stocks cumulés, car des places peuvent ouvrir dans "
        "des logements captés plus tôt.",
    ),
    Regle(
        "R-SELECTION",
        "003 §5.4",
        "Le comité (DDCSPP, DDTM) apprécie les projets selon huit critères.",
        "appel",
        "Huit critères à poids égaux par défaut, notés de 0 à 5 ; note = somme pondérée ÷ somme "
        "des poids.",
    ),
    Regle(
        "R-SIAO",
        "003 §4.8",
        "Les capacités financées sont recensées dans SI-SIAO ; l'opérateur signale les vacances "
        "et met en œuvre les orientations du SIAO.",
        "completude",
    ),
    Regle(
        "R-STATS",
        "003 §4.9",
        "La transmission annuelle des statistiques (enquête DGCS IML) conditionne le "
        "renouvellement des conventions.",
        "subvention",
    ),
    Regle(
        "R-PRIORITY-PUBLICS",
        "003 §4.5",
        "Publics prioritaires : PDALHPD, loi du 31 mai 1990 (art. 4), critères DALO de la loi "
        "du 5 mars 2007 ; attention particulière à la santé.",
        "publics",
        "Le critère DALO « hébergé » exige une durée strictement supérieure à 6 mois (structure) "
        "ou 18 mois (logement de transition).",
    ),
) + REGLES_OPERATIONS

HORS_REFERENCE: frozenset[str] = frozenset(
    {
        "R-DECENCE-SURFACE",
        "R-DECENCE-DPE",
        "R-CAPTATION",
        "R-PARC",
        "R-CONTACT",
        "R-CONTRAT-FIN",
        "R-IMPAYES",
        "R-VACANCE",
        "R-SORTIE",
        "R-ACCOMP-ETAPES",
        "R-ACCOMP-CONTACT",
        "R-ACCOMP-IMPAYES",
        "R-APPARIEMENT",
        "R-PLAIN-PIED",
        "R-COMMUNES",
    }
)
"""Règles tirées de textes nationaux ou de la pratique des opérateurs (suivi de la captation,
statuts du parc), absentes des documents sources 003 et 000."""

IDS: tuple[str, ...] = tuple(r.id for r in REGLES)


def regle(identifiant: str) -> Regle:
    """La règle d'identifiant donné ; `KeyError` si l'identifiant est inconnu."""
    for r in REGLES:
        if r.id == identifiant:
            return r
    raise KeyError(identifiant)
