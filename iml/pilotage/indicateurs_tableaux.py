"""Chiffres clés des tableaux de bord (État, opérateur, SIAO) : taux d'ouverture et
d'occupation, répartition MG/SL contre la cible (R-MODE-SPLIT), petits logements
(R-SMALL-UNITS), coût par place (R-COST-PLACE-MAX), jours de vacance, sorties vers le logement
et durée moyenne de séjour (R-SORTIE). Calculs dans `regles/indicateurs.py`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from iml.pilotage.graphiques import Tableau
from regles import indicateurs as ind
from regles.bareme import Bareme
from regles.format import euros, nombre, pluriel, pourcentage
from regles.sorties import durees_sejour, taux_sortie_logement
from regles.types import DestinationSortie, Mode, Typologie

if TYPE_CHECKING:
    from iml.pilotage.presentation_tableaux import Lecture

NON_RENSEIGNE = "non renseigné"


@dataclass(frozen=True)
class Indicateur:
    """Un chiffre clé : libellé, valeur écrite, ce à quoi on le compare, règle, alerte."""

    libelle: str
    valeur: str
    detail: str = ""
    regle: str = ""
    alerte: bool = False


def _pct(valeur: Decimal | None) -> str:
    return NON_RENSEIGNE if valeur is None else pourcentage(valeur)


def _bareme_commun(lecture: Lecture) -> Bareme:
    from iml.parc.parametres import bareme_national

    baremes = list(lecture.baremes.values())
    return baremes[0] if len(baremes) == 1 else bareme_national()


def indicateurs_places(lecture: Lecture, places: Tableau, formes: Tableau) -> list[Indicateur]:
    bareme = _bareme_commun(lecture)
    pas = bareme.pourcentages_arrondi
    financees, ouvertes = places.total(0), places.total(2)
    occupees = places.total(3)
    ouverture = ind.taux_ouverture(
        int(ouvertes.connu), int(financees.connu) if financees.complet else None, pas
    )
    occupation = ind.taux_occupation(int(occupees.connu), int(ouvertes.connu), pas)
    resultat = [
        Indicateur("Taux d'ouverture", _pct(ouverture), "places ouvertes ÷ places financées"),
        Indicateur("Taux d'occupation", _pct(occupation), "places occupées ÷ places ouvertes"),
        indicateur_formes(bareme, formes),
    ]
    return resultat


def _repartition(bareme: Bareme, formes: Tableau, rang: int) -> ind.Repartition | None:
    mg, sl = (formes.lignes[0].valeurs[rang], formes.lignes[1].valeurs[rang])
    return ind.repartition_formes(
        None if mg is None else int(mg), None if sl is None else int(sl),
        bareme.repartition_cible_pct, bareme.pourcentages_arrondi,
    )  # fmt: skip


def _texte_repartition(
    repartition: ind.Repartition | None, formes: Tableau, sans_place: str, rang: int = 1
) -> str:
    """« 100,0 % / 0,0 % » ; sans place connue : `sans_place` ; une forme inconnue : non
    renseigné (R-UNKNOWN)."""
    if repartition is not None:
        return f"{pourcentage(repartition.part_mg)} / {pourcentage(repartition.part_sl)}"
    return sans_place if formes.total(rang).complet else NON_RENSEIGNE


def indicateur_formes(bareme: Bareme, formes: Tableau) -> Indicateur:
    """R-MODE-SPLIT : la répartition réelle des places OUVERTES entre mandat de gestion et
    sous-location, en regard de la cible de l'appel et de la répartition des places financées
    (celle que vérifie la règle, sur les projets retenus : c'est elle qui fait « à regarder »)."""
    ouvertes, financees = _repartition(bareme, formes, 1), _repartition(bareme, formes, 0)
    cible = bareme.repartition_cible_pct
    textes = [
        f"cible de l'appel {pourcentage(cible[Mode.MANDAT_GESTION], 0)} / "
        f"{pourcentage(cible[Mode.SOUS_LOCATION], 0)}",
        "places financées " + _texte_repartition(financees, formes, "aucune place financée", 0),
    ]  # fmt: skip
    tolerance = bareme.repartition_tolerance_pct
    return Indicateur(
        "Places ouvertes en mandat de gestion / en sous-location",
        _texte_repartition(ouvertes, formes, "aucune place ouverte"),
        " ; ".join(textes),
        "R-MODE-SPLIT",
        alerte=financees is not None and tolerance is not None
        and abs(financees.ecart_mg_points) > tolerance,
    )  # fmt: skip


def indicateur_petits_logements(lecture: Lecture, typologies: Tableau) -> Indicateur:
    from regles.capacite import part_petits_logements

    bareme = _bareme_commun(lecture)
    valeurs = [lg.valeurs[1] for lg in typologies.lignes]
    # R-UNKNOWN : une typologie aux places ouvertes inconnues rend la part inconnue.
    part = (
        None
        if any(v is None for v in valeurs)
        else part_petits_logements(
            {t: int(v) for t, v in zip(Typologie, valeurs, strict=True) if v is not None}, bareme
        )
    )
    minimum = bareme.petits_logements_part_min_pct
    return Indicateur(
        "Part des places ouvertes en petits logements",
        _pct(part),
        f"au moins {pourcentage(minimum, 0)} (studio, T1, T2)",
        "R-SMALL-UNITS",
        alerte=bool(ind.sous_le_minimum(part, minimum)),
    )


def indicateur_cout(lecture: Lecture, couts: Tableau) -> Indicateur:
    montants = couts.total(0)
    financees = [c.financees for c in lecture.chiffres]
    moyen = (
        None  # R-UNKNOWN : un montant ou des places financées inconnus
        if not montants.complet or any(f is None for f in financees)
        else ind.cout_par_place(Decimal(montants.connu), sum(f for f in financees if f))
    )
    plafond = _bareme_commun(lecture).cout_moyen_max_par_place
    depasse = [lg.libelle for lg in couts.lignes if ind.au_dessus(lg.valeurs[1], lg.valeurs[3])]
    # R-CEILING-NA (barème régional) : le montant au-delà du plafond des logements mobilisés.
    regional = [
        lg.libelle
        for lg in couts.lignes
        if len(lg.valeurs) > 4 and ind.au_dessus(lg.valeurs[0], lg.valeurs[4])
    ]
    detail = f"plafond {euros(plafond)} par place et par an"
    if depasse:
        detail += f" ; au-dessus : {', '.join(depasse)}"
    if regional:
        detail += f" ; au-delà du plafond régional (R-CEILING-NA) : {', '.join(regional)}"
    return Indicateur(
        "Coût moyen par place financée", euros(moyen), detail, "R-COST-PLACE-MAX",
        alerte=bool(depasse or regional) or bool(ind.au_dessus(moyen, plafond)),
    )  # fmt: skip


def indicateur_vacance(
    debuts: list[date | None], jour: date, *, a_pourvoir: bool = False
) -> Indicateur:
    """Les jours des vacances commencées au `jour` et leur moyenne ; les vacances à venir
    sont annoncées à part, hors du cumul comme de la moyenne (une vacance sans date de début
    est en cours, de durée inconnue : R-UNKNOWN). Deux définitions, deux libellés : toutes
    les vacances en cours (État, opérateur), ou seulement celles à pourvoir, sans proposition
    en cours (`a_pourvoir` : le SIAO) — jamais le même mot pour deux nombres différents."""
    en_cours = [d for d in debuts if d is None or d <= jour]
    a_venir = len(debuts) - len(en_cours)
    jours = ind.jours_de_vacance(en_cours, jour)
    moyenne = ind.moyenne_jours(jours, len(en_cours))
    valeur = NON_RENSEIGNE if jours is None else pluriel(jours, "jour")
    quoi = (
        "à pourvoir, sans proposition en cours"
        if a_pourvoir
        else "en cours, avec ou sans proposition"
    )
    detail = f"{pluriel(len(en_cours), 'vacance')} {quoi}"
    if moyenne is not None:
        detail += f" ; {nombre(moyenne)} jours en moyenne"
    if a_venir:
        detail += f" ; {pluriel(a_venir, 'vacance')} à venir"
    libelle = "Jours de vacance cumulés" + (" (vacances à pourvoir)" if a_pourvoir else "")
    return Indicateur(libelle, valeur, detail)


def indicateurs_sorties(par_destination: Mapping[str, int], sejours, annee: int) -> list:
    from iml.occupations.parametres import parametres_occupations

    destinations = {DestinationSortie(d): n for d, n in par_destination.items()}
    taux = taux_sortie_logement(destinations, parametres_occupations().destinations_logement)
    durees = durees_sejour(sejours)
    moyenne = durees.moyenne_mois
    return [
        Indicateur(
            f"Sorties vers le logement en {annee}", _pct(taux.taux_pct),
            f"{pluriel(taux.vers_logement, 'sortie')} sur {taux.connues} de destination connue"
            + (f" ; {taux.inconnues} de destination inconnue" if taux.inconnues else ""),
            "R-SORTIE",
        ),
        Indicateur(
            f"Durée moyenne de séjour des sorties {annee}",
            NON_RENSEIGNE if moyenne is None else f"{nombre(moyenne)} mois",
            pluriel(durees.sorties, "sortie"), "R-SORTIE",
        ),
    ]  # fmt: skip
