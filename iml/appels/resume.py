"""Résumé lisible du contenu figé d'un dossier (iml/referentiel/schemas/conformite), pour
l'instruction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from regles.format import date_fr, siret
from regles.types import Agrement, Categorie, PublicPrioritaire, StatutJuridique, Zone


def _libelle(choix: type[Any], valeur: Any) -> str:
    try:
        return choix(valeur).libelle
    except ValueError:
        return str(valeur)


def _jour(valeur: Any) -> str | None:
    try:
        return date_fr(date.fromisoformat(valeur)) if valeur else None
    except (TypeError, ValueError):
        return str(valeur)


def _oui_non(valeur: Any) -> str | None:
    return None if valeur is None else ("oui" if valeur else "non")


def _resume_porteur(porteur: Mapping[str, Any]) -> list[tuple[str, Any]]:
    representant = porteur.get("representant") or {}
    return [
        ("Porteur", porteur.get("nom")),
        ("SIRET", siret(porteur.get("siret"))),
        (
            "Statut juridique",
            porteur.get("statut") and _libelle(StatutJuridique, porteur["statut"]),
        ),
        (
            "Représentant",
            " ".join(
                x
                for x in (
                    representant.get("prenom"),
                    representant.get("nom"),
                    representant.get("qualite") and f"({representant['qualite']})",
                )
                if x
            ),
        ),
    ]


def resume_contenu(contenu: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Résumé lisible d'un contenu figé (iml/referentiel/schemas/conformite) : (libellé,
    valeur) pour chaque élément renseigné ; les textes longs restent entiers (ils sont
    instruits)."""
    partenariats = contenu.get("partenariats") or []
    lignes: list[tuple[str, Any]] = [
        *_resume_porteur(contenu.get("porteur") or {}),
        ("Date de dépôt indiquée", _jour(contenu.get("date_depot"))),
        ("Réalisations antérieures", contenu.get("realisations")),
        ("Expérience du logement adapté", contenu.get("experience")),
        ("Agréments", ", ".join(_libelle(Agrement, a) for a in (contenu.get("agrements") or {}))),
        ("Zone d'implantation", ", ".join(str(z) for z in contenu.get("zone") or [])),
        (
            "Publics",
            ", ".join(_libelle(PublicPrioritaire, p) for p in contenu.get("publics") or []),
        ),
        ("Attention aux problématiques de santé", _oui_non(contenu.get("attention_sante"))),
        ("Catégorie d'IML", contenu.get("categorie") and _libelle(Categorie, contenu["categorie"])),
        ("Zone de marché", contenu.get("zone_marche") and _libelle(Zone, contenu["zone_marche"])),
        ("Modalités d'accompagnement", contenu.get("modalites_accompagnement")),
        (
            "Partenariats",
            "; ".join(
                str(p.get("nom") or p.get("type")) for p in partenariats if isinstance(p, Mapping)
            ),
        ),
        ("Engagement envers le SIAO", _oui_non(contenu.get("engagement_siao"))),
        ("Modalités d'évaluation", contenu.get("evaluation")),
        ("Modalités de régulation", contenu.get("regulation")),
    ]
    return [(libelle, str(valeur)) for libelle, valeur in lignes if valeur not in (None, "")]
