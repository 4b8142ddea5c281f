"""Description des paramètres des blocs des opérations (`parc`, `occupations`,
`accompagnement`, `siao`) et la forme commune d'une description (`Parametre`) ; la table des
paramètres d'un barème est `regles.parametres`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Parametre:
    """Un paramètre de barème."""

    nom: str
    regles: tuple[str, ...]
    libelle: str
    interpretation: bool = False


def _p(nom: str, regles: str, libelle: str, interpretation: bool = False) -> Parametre:
    return Parametre(nom, tuple(regles.split()), libelle, interpretation)


PARAMETRES_PARC: tuple[Parametre, ...] = (
    _p("decence_surface_min_m2", "R-DECENCE-SURFACE", "Surface habitable minimale (m²)"),
    _p("decence_hauteur_min_m", "R-DECENCE-SURFACE", "Hauteur sous plafond minimale (m)"),
    _p(
        "decence_volume_min_m3",
        "R-DECENCE-SURFACE",
        "Volume habitable minimal (m³), à défaut de surface et de hauteur",
    ),
    _p(
        "dpe_exclusions",
        "R-DECENCE-DPE",
        "Classes DPE exclues des nouvelles locations et date d'exclusion",
    ),
    _p("dpe_validite_annees", "R-DECENCE-DPE", "Durée de validité d'un DPE (années)"),
    _p(
        "zones_tendues",
        "R-CEILING-NA",
        "Codes INSEE des communes en zone tendue (les autres sont en zone détendue)",
    ),
    _p(
        "alerte_fin_contrat_jours",
        "R-CONTRAT-FIN",
        "Alerte avant la fin du contrat avec le propriétaire (jours)",
        True,
    ),
    _p(
        "logement_social_justification_mois",
        "R-PUBLIC-STOCK",
        "Durée de validité de la justification d'un logement social mobilisé (mois)",
        True,
    ),
)

PARAMETRES_OCCUPATIONS: tuple[Parametre, ...] = (
    _p(
        "sl_alertes_jours",
        "R-SL-DURATION",
        "Alertes avant la fin d'une période de sous-location (jours)",
        True,
    ),
    _p(
        "mg_alertes_fin_jours",
        "R-MG-GLS-DURATION",
        "Alertes avant la fin du financement de la gestion en mandat de gestion (jours)",
        True,
    ),
    _p(
        "mg_revue_alerte_jours",
        "R-MG-GLS-DURATION",
        "Alerte avant la revue annuelle d'un mandat de gestion (jours)",
        True,
    ),
    _p(
        "jour_appel_loyer",
        "R-IMPAYES",
        "Jour du mois où le loyer ou la redevance du mois est appelé et dû",
        True,
    ),
    _p(
        "impayes_seuil_mois",
        "R-IMPAYES",
        "Seuil d'alerte des impayés, en mois de loyer ou de redevance",
        True,
    ),
    _p(
        "vacance_plafond_jours_an",
        "R-VACANCE",
        "Jours de vacance pris en charge par an et par logement (vide : sans plafond)",
        True,
    ),
    _p(
        "destinations_logement",
        "R-SORTIE",
        "Destinations de sortie comptées comme un accès au logement",
        True,
    ),
)

PARAMETRES_ACCOMPAGNEMENT: tuple[Parametre, ...] = (
    _p(
        "etapes",
        "R-ACCOMP-ETAPES",
        "Étapes de l'accompagnement à l'entrée, pendant et à la sortie, par forme",
        True,
    ),
    _p(
        "canaux_visite",
        "R-PETIT-CHEZ-SOI",
        "Canaux de contact comptés comme une visite (domicile ou lieu choisi par la personne)",
        True,
    ),
    _p(
        "sans_contact_jours",
        "R-ACCOMP-CONTACT",
        "Jours sans contact au-delà desquels un ménage accompagné est signalé",
        True,
    ),
)

PARAMETRES_SIAO: tuple[Parametre, ...] = (
    _p(
        "proposition_delai_reponse_jours",
        "R-SIAO",
        "Jours laissés à l'opérateur pour répondre à une proposition d'orientation du SIAO",
        True,
    ),
    _p(
        "vacance_alerte_jours",
        "R-SIAO",
        "Jours de vacance non pourvue au-delà desquels une alerte est levée",
        True,
    ),
    _p(
        "poids_priorite",
        "R-PRIORITY-PUBLICS",
        "Poids de priorité d'un ménage en attente : DALO, puis PDALHPD ou loi de 1990, puis "
        "ancienneté par mois (plafonnée)",
        True,
    ),
)
