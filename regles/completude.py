"""Complétude d'un dossier, partenariats, SIAO (R-DOSSIER, R-PARTNERS, R-SIAO)."""

from __future__ import annotations

import re

from regles.bareme import Bareme
from regles.capacite import totaux_par
from regles.constats import Constat, alerte, erreur, info
from regles.dossier import Dossier
from regles.format import pluriel
from regles.types import Mode

#: « 35238 » ou la forme enregistrée par le formulaire, « Rennes (35238) ».
_INSEE = re.compile(r"^(?P<seul>(?:\d{2}|2A|2B)\d{3})$|\((?P<entre>(?:\d{2}|2A|2B)\d{3})\)$")


def siret_valide(siret: str) -> bool:
    """R-DOSSIER : 14 chiffres et clé de Luhn (La Poste, SIREN 356000000, fait exception)."""
    if not re.fullmatch(r"\d{14}", siret):
        return False
    if siret.startswith("356000000"):
        return sum(int(c) for c in siret) % 5 == 0
    total = 0
    for i, c in enumerate(reversed(siret)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _pieces_par_forme(d: Dossier, bareme: Bareme) -> list[tuple[str, str, object]]:
    """Gestion et accompagnement, pour chaque forme que le dossier propose."""
    pieces: list[tuple[str, str, object]] = []
    for mode in d.modes(bareme):
        forme = mode.libelle.lower()
        pieces.append(
            (
                f"services.gestion.{mode.value}",
                f"gestion en {forme} (postes de dépense)",
                d.services.gestion.get(mode),
            )
        )
        pieces.append(
            (
                f"services.accompagnement.{mode.value}",
                f"accompagnement en {forme}",
                d.services.accompagnement.get(mode),
            )
        )
    return pieces


def _manquants(d: Dossier, bareme: Bareme) -> list[tuple[str, str]]:
    p, r = d.porteur, d.porteur.representant
    pieces: list[tuple[str, str, object]] = [
        ("porteur.nom", "dénomination sociale", p.nom),
        ("porteur.siret", "SIRET", p.siret),
        ("porteur.statut", "statut de la personne morale", p.statut),
        (
            "porteur.representant",
            "représentant habilité (nom et prénom)",
            (r.nom and r.prenom) if r else None,
        ),
        ("realisations", "réalisations antérieures dans l'action sociale", d.realisations),
        ("experience", "expérience dans le logement adapté", d.experience),
        ("zone", "zone d'implantation géographique", d.zone),
        ("publics", "type de public", d.publics),
        ("logements", "échéancier des logements (annexe 2)", d.logements),
        ("places", "échéancier des places (annexe 3)", d.places),
        ("services.captation", "prestation de captation", d.services.captation_par_logement),
        (
            "modalites_accompagnement",
            "accompagnement adapté aux résidents",
            d.modalites_accompagnement,
        ),
        ("financements", "budget prévisionnel : recettes par prestation", d.financements),
        ("evaluation", "modalités d'évaluation", d.evaluation),
        ("regulation", "modalités de régulation", d.regulation),
        ("date_depot", "date de dépôt", d.date_depot),
    ]
    pieces += _pieces_par_forme(d, bareme)
    return [(champ, texte) for champ, texte, valeur in pieces if valeur is None or valeur == ()]


def verifier_completude(d: Dossier, bareme: Bareme) -> tuple[Constat, ...]:
    """R-DOSSIER : chaque pièce obligatoire (003 §5.3) est présente ; SIRET et zone plausibles.

    Les agréments relèvent de R-ELIGIBILITY, les pièces d'une délégation de R-ACCOMP-PLAN.
    """
    constats = [
        erreur("R-DOSSIER", f"dossier incomplet, pièce manquante : {texte}.", champ)
        for champ, texte in _manquants(d, bareme)
    ]
    if d.porteur.siret and not siret_valide(d.porteur.siret):
        constats.append(
            alerte(
                "R-DOSSIER",
                f"SIRET « {d.porteur.siret} » invalide (clé de contrôle).",
                "porteur.siret",
            )
        )
    if bareme.appel is not None:
        dep = bareme.appel.territoire
        for i, commune in enumerate(d.zone):
            code = _INSEE.search(commune)
            if code and not (code["seul"] or code["entre"]).startswith(dep):
                constats.append(
                    alerte(
                        "R-AAC",
                        f"commune {commune} hors du département de l'appel ({dep}).",
                        f"zone[{i}]",
                    )
                )
    return tuple(constats)


def verifier_partenariats(d: Dossier) -> tuple[Constat, ...]:
    """R-PARTNERS : le projet s'appuie sur des partenaires de droit commun."""
    if not d.partenariats:
        return (
            alerte(
                "R-PARTNERS",
                "aucun partenariat prévu (MDS, CCAS/CIAS, CAARUD, hôpitaux, emploi…).",
                "partenariats",
            ),
        )
    types = sorted({p.type.libelle for p in d.partenariats})
    return (
        info("R-PARTNERS", f"{pluriel(len(d.partenariats), 'partenariat')} : {', '.join(types)}."),
    )


def verifier_siao(d: Dossier, bareme: Bareme) -> tuple[Constat, ...]:
    """R-SIAO : les places créées sont mises à disposition du SIAO et recensées dans SI-SIAO."""
    places, _ = totaux_par(d.places, bareme)
    total = sum(places.values())
    if d.engagement_siao is not True:
        return (
            alerte(
                "R-SIAO",
                f"engagement à mettre les {pluriel(total, 'place') if total else 'places créées'} "
                "à disposition du SIAO (vacances "
                "signalées, orientations examinées et mises en œuvre) non pris.",
                "engagement_siao",
            ),
        )
    detail = ", ".join(f"{places[m]} en {m.libelle.lower()}" for m in Mode)
    return (info("R-SIAO", f"{pluriel(total, 'place')} à recenser dans SI-SIAO ({detail})."),)
