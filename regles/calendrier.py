"""Dates : trimestres d'un appel, échéances de sous-location, fenêtre du mandat de gestion,
jalons de montée en charge, calendrier de l'appel (R-SL-DURATION, R-MG-GLS-DURATION,
R-RAMPUP, R-AAC).

Ajouter n mois à une date garde le jour du mois, ramené au dernier jour si le mois est plus
court (31/08 + 6 mois = 28 ou 29/02).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from regles.bareme import Bareme
from regles.calcul import part_pct
from regles.capacite import LigneEcheancier, stock
from regles.constats import Constat, alerte, erreur, info
from regles.format import date_fr, pluriel, pourcentage, trimestre_fr
from regles.types import SuiteParcours

UN_JOUR = timedelta(days=1)


def ajouter_mois(jour: date, mois: int) -> date:
    """`jour` + `mois` mois, au dernier jour du mois d'arrivée si besoin."""
    rang = jour.year * 12 + jour.month - 1 + mois
    annee, m = divmod(rang, 12)
    dernier = calendar.monthrange(annee, m + 1)[1]
    return date(annee, m + 1, min(jour.day, dernier))


@dataclass(frozen=True, order=True)
class Trimestre:
    """Un trimestre civil : `Trimestre(2019, 2)` va du 01/04/2019 au 30/06/2019."""

    annee: int
    rang: int

    @property
    def debut(self) -> date:
        """Premier jour du trimestre."""
        return date(self.annee, 3 * self.rang - 2, 1)

    @property
    def fin(self) -> date:
        """Dernier jour du trimestre."""
        return ajouter_mois(self.debut, 3) - UN_JOUR

    @property
    def code(self) -> str:
        """« 2019T2 »."""
        return f"{self.annee}T{self.rang}"

    @property
    def libelle(self) -> str:
        """« 2e trim. 2019 » (« T2 » se confondrait avec la typologie T2)."""
        return trimestre_fr(self.annee, self.rang)

    def suivant(self) -> Trimestre:
        """Le trimestre d'après."""
        return Trimestre(self.annee + self.rang // 4, self.rang % 4 + 1)


def trimestres_appel(bareme: Bareme) -> tuple[Trimestre, ...]:
    """R-RAMPUP, R-DOSSIER : trimestres des annexes 2 et 3 (2019T1 à 2020T4) ; vide hors appel."""
    if bareme.appel is None:
        return ()
    t = Trimestre(*bareme.appel.premier_trimestre)
    resultat = []
    for _ in range(bareme.appel.nombre_trimestres):
        resultat.append(t)
        t = t.suivant()
    return tuple(resultat)


@dataclass(frozen=True)
class Periode:
    """Une période de sous-location : rang 0 = période initiale, puis renouvellements."""

    rang: int
    debut: date
    fin: date


def periodes_sous_location(date_entree: date, bareme: Bareme) -> tuple[Periode, ...]:
    """R-SL-DURATION : période initiale et renouvellements permis (6 mois × 3 = 18 mois)."""
    periodes = []
    for rang in range(bareme.sl_renouvellements_max + 1):
        debut = ajouter_mois(date_entree, rang * bareme.sl_duree_mois)
        echeance = ajouter_mois(date_entree, (rang + 1) * bareme.sl_duree_mois)
        fin = echeance - UN_JOUR if bareme.sl_fin_veille_echeance else echeance
        periodes.append(Periode(rang, debut, fin))
    return tuple(periodes)


def _encore_possibles(n: int) -> str:
    """« aucun renouvellement encore possible », « 1 renouvellement… », « 2 renouvellements
    encore possibles »."""
    if n == 0:
        return "aucun renouvellement encore possible"
    return f"{pluriel(n, 'renouvellement')} encore possible{'s' if n > 1 else ''}"


def _constat_renouvellements(
    date_entree: date, renouvellements: int, periodes: tuple[Periode, ...], bareme: Bareme
) -> Constat:
    """R-SL-DURATION : erreur au-delà du maximum de renouvellements, sinon la période en cours."""
    maximum = bareme.sl_renouvellements_max
    if renouvellements > maximum:
        return erreur(
            "R-SL-DURATION",
            f"{renouvellements} renouvellements demandés, {maximum} au plus : la "
            f"sous-location entrée le {date_fr(date_entree)} finit au plus tard le "
            f"{date_fr(periodes[-1].fin)}.",
            "renouvellements",
        )
    fin = periodes[renouvellements].fin
    return info(
        "R-SL-DURATION",
        f"période en cours jusqu'au {date_fr(fin)} ; fin au plus tard le "
        f"{date_fr(periodes[-1].fin)} ({_encore_possibles(maximum - renouvellements)}).",
    )


def verifier_sous_location(
    date_entree: date,
    renouvellements: int,
    suite_parcours: SuiteParcours | None,
    bareme: Bareme,
) -> tuple[tuple[Periode, ...], tuple[Constat, ...]]:
    """R-SL-DURATION : renouvellements demandés ≤ maximum ; suite du parcours prévue à l'entrée.

    Renvoie les périodes permises et les constats ; `renouvellements` compte les
    renouvellements effectués ou demandés (0 pour la seule période initiale).
    """
    periodes = periodes_sous_location(date_entree, bareme)
    constats = [_constat_renouvellements(date_entree, renouvellements, periodes, bareme)]
    if suite_parcours is None:
        constats.append(
            alerte(
                "R-SL-DURATION",
                "suite du parcours non prévue : elle doit l'être dès l'entrée (bail glissant, "
                "relogement, procédure prioritaire).",
                "suite_parcours",
            )
        )
    return periodes, tuple(constats)


def fenetre_mandat_gestion(date_debut: date, bareme: Bareme) -> tuple[date, tuple[date, ...]]:
    """R-MG-GLS-DURATION : dernier jour finançable (3 ans) et dates de revue de la durée."""
    fin = ajouter_mois(date_debut, bareme.mg_financement_duree_max_mois) - UN_JOUR
    pas = bareme.mg_revue_periodicite_mois
    if pas is None:
        return fin, ()
    revues = []
    k = 1
    while (revue := ajouter_mois(date_debut, k * pas)) <= fin:
        revues.append(revue)
        k += 1
    return fin, tuple(revues)


def verifier_mandat_gestion(
    date_debut: date, date_fin_prevue: date | None, bareme: Bareme, champ: str = ""
) -> tuple[date, tuple[date, ...], tuple[Constat, ...]]:
    """R-MG-GLS-DURATION : le financement de la gestion ne dépasse pas 3 ans."""
    fin, revues = fenetre_mandat_gestion(date_debut, bareme)
    if date_fin_prevue is not None and date_fin_prevue > fin:
        constat = erreur(
            "R-MG-GLS-DURATION",
            f"financement prévu jusqu'au {date_fr(date_fin_prevue)}, au-delà du "
            f"{date_fr(fin)} ({bareme.mg_financement_duree_max_mois} mois au plus).",
            f"{champ}.date_fin_prevue" if champ else "date_fin_prevue",
        )
    else:
        prochaine = f" ; revues le {', '.join(date_fr(r) for r in revues)}" if revues else ""
        constat = info(
            "R-MG-GLS-DURATION",
            f"financement de la gestion possible jusqu'au {date_fr(fin)}{prochaine}.",
            champ or None,
        )
    return fin, revues, (constat,)


def cumul_par_trimestre(lignes: Sequence[LigneEcheancier], bareme: Bareme) -> tuple[int, ...]:
    """R-RAMPUP : stock total (toutes lignes) à la fin de chaque trimestre."""
    n = max((len(ligne.trimestres) for ligne in lignes), default=0)
    totaux = [0] * n
    for ligne in lignes:
        for q, v in enumerate(stock(ligne, bareme)):
            totaux[q] += v
    return tuple(totaux)


@dataclass(frozen=True)
class EtatJalon:
    """Un jalon de montée en charge et ce que l'échéancier en fait."""

    date: date
    part_min_pct: Decimal
    places_ouvertes: int
    part_pct: Decimal | None

    @property
    def atteint(self) -> bool:
        """Vrai si la part ouverte atteint le minimum (bornes incluses)."""
        return self.part_pct is not None and self.part_pct >= self.part_min_pct


def _ouvertes_au(jour: date, trimestres: Sequence[Trimestre], cumul: Sequence[int]) -> int:
    rangs = [i for i, t in enumerate(trimestres) if t.fin <= jour and i < len(cumul)]
    return cumul[rangs[-1]] if rangs else 0


def etats_jalons(
    places: Sequence[LigneEcheancier], bareme: Bareme, capacite: int | None = None
) -> tuple[EtatJalon, ...]:
    """R-RAMPUP : places ouvertes à chaque jalon, en part de la capacité financée.

    La capacité financée est `capacite` si donnée, sinon le total de l'échéancier des places.
    Un jalon compte le stock à la fin du dernier trimestre achevé à sa date.
    """
    if bareme.appel is None:
        return ()
    trimestres = trimestres_appel(bareme)
    cumul = cumul_par_trimestre(places, bareme)
    total = capacite if capacite is not None else (cumul[-1] if cumul else 0)
    etats = []
    for jalon in bareme.appel.jalons:
        ouvertes = _ouvertes_au(jalon.date, trimestres, cumul)
        part = part_pct(ouvertes, total, bareme.pourcentages_arrondi) if total else None
        etats.append(EtatJalon(jalon.date, jalon.part_min_pct, ouvertes, part))
    return tuple(etats)


def verifier_montee_en_charge(
    places: Sequence[LigneEcheancier],
    bareme: Bareme,
    capacite: int | None = None,
    champ: str = "places",
) -> tuple[Constat, ...]:
    """R-RAMPUP : au moins 50 % des places au 31/12/2019, 100 % au 31/12/2020 (paramètres),
    et aucune place avant le début de la montée en charge (alerte)."""
    if bareme.appel is None:
        return (info("R-RAMPUP", "barème sans appel : jalons de montée en charge non contrôlés."),)
    constats: list[Constat] = []
    for e in etats_jalons(places, bareme, capacite):
        accord = "s" if e.places_ouvertes > 1 else ""
        texte = f"{pluriel(e.places_ouvertes, 'place')} ouverte{accord} au {date_fr(e.date)}"
        if e.part_pct is None:
            constats.append(alerte("R-RAMPUP", f"{texte} : aucune capacité prévue.", champ))
        elif not e.atteint:
            constats.append(
                erreur(
                    "R-RAMPUP",
                    f"{texte}, soit {pourcentage(e.part_pct)} de la capacité : "
                    f"{pourcentage(e.part_min_pct, 0)} au moins attendus.",
                    champ,
                )
            )
        else:
            constats.append(
                info(
                    "R-RAMPUP",
                    f"{texte}, soit {pourcentage(e.part_pct)} de la capacité (minimum "
                    f"{pourcentage(e.part_min_pct, 0)}).",
                )
            )
    constats += _places_avant_le_debut(places, bareme, champ)
    return tuple(constats)


def _places_avant_le_debut(
    places: Sequence[LigneEcheancier], bareme: Bareme, champ: str
) -> list[Constat]:
    """R-RAMPUP : une seule alerte pour toutes les places ouvertes avant le début de la montée
    en charge (le stock se reporte d'un trimestre à l'autre : une par trimestre noierait)."""
    if bareme.appel is None:
        return []
    debut = bareme.appel.date_debut_montee_en_charge
    cumul = cumul_par_trimestre(places, bareme)
    avant = [
        (t, ouvertes)
        for t, ouvertes in zip(trimestres_appel(bareme), cumul, strict=False)
        if t.fin < debut and ouvertes > 0
    ]
    if not avant:
        return []
    premier, dernier = avant[0][0], avant[-1][0]
    n = max(ouvertes for _, ouvertes in avant)
    periode = (
        f"au {premier.libelle}"
        if premier == dernier
        else f"du {premier.libelle} au {dernier.libelle}"
    )
    accord = "s" if n > 1 else ""
    return [
        alerte(
            "R-RAMPUP",
            f"{pluriel(n, 'place')} prévue{accord} {periode}, avant le début de la montée en "
            f"charge le {date_fr(debut)}.",
            champ,
        )
    ]
