"""L'appel à candidatures : calendrier, dépôt, répartition des projets retenus, notation
(R-AAC, R-MODE-SPLIT, R-SELECTION)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from regles.bareme import Bareme, ParametresAppel
from regles.calcul import arrondir, part_pct
from regles.calendrier import Trimestre, trimestres_appel
from regles.constats import Constat, alerte, erreur, info
from regles.format import date_fr, nombre, pourcentage
from regles.types import Mode


def verifier_calendrier_appel(bareme: Bareme) -> tuple[Constat, ...]:
    """R-AAC, R-RAMPUP : dates dans l'ordre, jalons croissants couverts par les trimestres,
    dernier jalon à 100 %."""
    a = bareme.appel
    if a is None:
        return (info("R-AAC", "barème sans appel à candidatures."),)
    constats: list[Constat] = []
    if not a.date_lancement < a.date_limite_depot < a.date_selection:
        constats.append(
            erreur("R-AAC", "lancement, date limite et sélection doivent se suivre.", "appel")
        )
    jalons = a.jalons
    fin = trimestres_appel(bareme)[-1].fin
    for precedent, jalon in zip(jalons, jalons[1:], strict=False):
        if jalon.part_min_pct < precedent.part_min_pct:
            constats.append(erreur("R-RAMPUP", "les parts des jalons décroissent.", "appel.jalons"))
    if jalons and jalons[-1].part_min_pct != 100:
        constats.append(
            alerte(
                "R-RAMPUP",
                f"le dernier jalon n'exige pas {pourcentage(Decimal(100), 0)} des places.",
            )
        )
    if jalons and (jalons[0].date < a.date_debut_montee_en_charge or jalons[-1].date > fin):
        constats.append(
            erreur(
                "R-RAMPUP",
                f"jalons hors de la période des échéanciers (du "
                f"{date_fr(a.date_debut_montee_en_charge)} au {date_fr(fin)}).",
                "appel.jalons",
            )
        )
    return tuple(constats)


def appel_par_defaut(bareme: Bareme, aujourd_hui: date) -> dict[str, Any] | None:
    """R-AAC, R-RAMPUP, R-SELECTION : bloc `appel` (JSON, nombres en chaînes décimales) d'un
    appel créé le `aujourd_hui` depuis un jeu sans appel, d'après `appel_defaut` du barème.

    Dépôt pendant `duree_depot_jours`, sélection `delai_selection_jours` après, places
    ouvertes à partir du premier jour du mois suivant la sélection, sur `nombre_trimestres`
    trimestres ; jalons datés au 31/12 de l'année d'ouverture ou à la fin des échéanciers.
    `None` si le barème ne propose pas de valeurs par défaut."""
    d = bareme.appel_defaut
    if d is None:
        return None
    limite = aujourd_hui + timedelta(days=d.duree_depot_jours)
    selection = limite + timedelta(days=d.delai_selection_jours)
    debut = (selection.replace(day=1) + timedelta(days=32)).replace(day=1)
    premier = Trimestre(debut.year, (debut.month - 1) // 3 + 1)
    dernier = premier
    for _ in range(d.nombre_trimestres - 1):
        dernier = dernier.suivant()
    echeances = {"FIN_PREMIERE_ANNEE": date(debut.year, 12, 31), "FIN_ECHEANCIERS": dernier.fin}
    return {
        "places": d.places,
        "exercices": list(range(premier.annee, dernier.annee + 1)),
        "budget": None,
        "date_lancement": aujourd_hui.isoformat(),
        "date_limite_depot": limite.isoformat(),
        "date_selection": selection.isoformat(),
        "date_debut_montee_en_charge": debut.isoformat(),
        "jalons": [
            {"date": echeances[j.echeance].isoformat(), "part_min_pct": str(j.part_min_pct)}
            for j in d.jalons
        ],
        "premier_trimestre": premier.code,
        "nombre_trimestres": d.nombre_trimestres,
        "note_max": str(d.note_max),
        "criteres_selection": [
            {"code": c.code, "libelle": c.libelle, "poids": str(c.poids)}
            for c in d.criteres_selection
        ],
    }


def verifier_depot(date_depot: date | None, appel: ParametresAppel | None) -> tuple[Constat, ...]:
    """R-AAC : un dossier est déposé entre le lancement et la date limite (incluse)."""
    if appel is None or date_depot is None:
        return ()
    if date_depot > appel.date_limite_depot:
        return (
            erreur(
                "R-AAC",
                f"dossier déposé le {date_fr(date_depot)}, après la date limite du "
                f"{date_fr(appel.date_limite_depot)}.",
                "date_depot",
            ),
        )
    if date_depot < appel.date_lancement:
        return (
            erreur(
                "R-AAC",
                f"dossier daté du {date_fr(date_depot)}, avant le lancement de l'appel le "
                f"{date_fr(appel.date_lancement)}.",
                "date_depot",
            ),
        )
    return ()


def _chiffres(siret: str | None) -> str:
    return "".join((siret or "").split())


def verifier_siret_porteur(
    declare: str | None, organisation: str | None, nom_organisation: str = ""
) -> tuple[Constat, ...]:
    """R-ELIGIBILITY, R-DOSSIER : le porteur déclaré est l'organisation qui candidate.

    Un SIRET déclaré d'une autre entreprise (SIREN différent) est une erreur gardée pour
    l'instruction ; un autre établissement de la même entreprise (même SIREN), une alerte.
    Rien à dire si l'un des deux SIRET manque (la complétude le signale)."""
    declare, attendu = _chiffres(declare), _chiffres(organisation)
    if not declare or not attendu or declare == attendu:
        return ()
    qui = f"l'organisation « {nom_organisation} »" if nom_organisation else "l'organisation"
    if declare[:9] == attendu[:9]:
        return (
            alerte(
                "R-ELIGIBILITY",
                f"SIRET déclaré {_siret_fr(declare)} : autre établissement que celui de {qui} "
                f"({_siret_fr(attendu)}), même entreprise ; vérifiez l'établissement porteur.",
                "porteur.siret",
            ),
        )
    return (
        erreur(
            "R-ELIGIBILITY",
            f"SIRET déclaré {_siret_fr(declare)} différent de celui de {qui} qui dépose le "
            f"dossier ({_siret_fr(attendu)}) : le porteur doit être l'organisation candidate.",
            "porteur.siret",
        ),
    )


def _siret_fr(siret: str) -> str:
    """« 123 456 789 00012 » (SIREN en trois groupes, puis NIC), espaces insécables."""
    if len(siret) != 14:
        return siret
    return "\u00a0".join((siret[:3], siret[3:6], siret[6:9], siret[9:]))


@dataclass(frozen=True)
class ProjetRetenu:
    """Un projet retenu : son code et ses places par forme (R-MODE-SPLIT)."""

    code: str
    places: Mapping[Mode, int]


def repartition(projets: Sequence[ProjetRetenu], bareme: Bareme) -> dict[Mode, Decimal | None]:
    """R-MODE-SPLIT : part de chaque forme dans les places retenues (%), arrondie au pas."""
    totaux = {m: sum(p.places.get(m, 0) for p in projets) for m in Mode}
    total = sum(totaux.values())
    return {
        m: part_pct(n, total, bareme.pourcentages_arrondi) if total else None
        for m, n in totaux.items()
    }


def verifier_repartition(projets: Sequence[ProjetRetenu], bareme: Bareme) -> tuple[Constat, ...]:
    """R-MODE-SPLIT : sur l'ensemble des projets retenus d'un appel (pas dossier par dossier),
    écart à la cible (50/50) au-delà de la tolérance → alerte ; places au-delà de l'appel →
    alerte ; en deçà → info."""
    constats: list[Constat] = []
    parts = repartition(projets, bareme)
    total = sum(sum(p.places.values()) for p in projets)
    for mode, part in parts.items():
        cible = bareme.repartition_cible_pct[mode]
        if part is None:
            continue
        texte = (
            f"{pourcentage(part)} des places retenues en {mode.libelle.lower()} pour une "
            f"cible de {pourcentage(cible, 0)}"
        )
        if abs(part - cible) > bareme.repartition_tolerance_pct:
            constats.append(alerte("R-MODE-SPLIT", f"{texte}.", "projets"))
        else:
            constats.append(info("R-MODE-SPLIT", f"{texte} : cible atteinte."))
    if bareme.appel is not None:
        ouvertes = bareme.appel.places
        if total > ouvertes:
            constats.append(
                alerte(
                    "R-MODE-SPLIT",
                    f"{total} places retenues pour {ouvertes} ouvertes par l'appel.",
                    "projets",
                )
            )
        elif total < ouvertes:
            constats.append(
                info(
                    "R-MODE-SPLIT",
                    f"{total} places retenues sur {ouvertes} : reste {ouvertes - total}.",
                )
            )
    return tuple(constats)


def noter(
    notes: Mapping[str, Decimal | None], bareme: Bareme
) -> tuple[Decimal | None, tuple[Constat, ...]]:
    """R-SELECTION : note pondérée sur `note_max` ; un critère non noté la rend non renseignée.

    Note = Σ(poids × note) ÷ Σ poids, arrondie au centième.
    """
    if bareme.appel is None:
        return None, (info("R-SELECTION", "barème sans appel : pas de critères de sélection."),)
    criteres, maximum = bareme.appel.criteres_selection, bareme.appel.note_max
    constats: list[Constat] = []
    codes = {c.code for c in criteres}
    for code in sorted(notes.keys() - codes):
        constats.append(erreur("R-SELECTION", f"critère « {code} » inconnu.", f"notes.{code}"))
    for c in criteres:
        note = notes.get(c.code)
        if note is None:
            constats.append(info("R-SELECTION", f"« {c.libelle} » non noté.", f"notes.{c.code}"))
        elif not 0 <= note <= maximum:
            constats.append(
                erreur(
                    "R-SELECTION",
                    f"note {nombre(note)} hors de 0 à {nombre(maximum)}.",
                    f"notes.{c.code}",
                )
            )
    if constats:
        return None, tuple(constats)
    poids = sum((c.poids for c in criteres), Decimal(0))
    if poids == 0:
        return None, (erreur("R-SELECTION", "la somme des poids des critères est nulle."),)
    ponderee = sum((c.poids * (notes[c.code] or 0) for c in criteres), Decimal(0))
    return arrondir(ponderee / poids), ()
