"""État d'un dossier pour l'affichage : étapes (indicateur DSFR), versions, lecture seule."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from iml.appels import perms
from iml.appels.forms import dossier as formulaires
from iml.appels.models import Dossier
from iml.appels.services.pieces import taille_lisible
from iml.comptes.acteur import Acteur

RECAPITULATIF = ("recapitulatif", "Récapitulatif et dépôt")


def url_etape(dossier: Dossier, slug: str | None = None) -> str:
    """L'URL d'une étape ; par défaut la dernière étape enregistrée (reprise), sinon la première."""
    slug = slug or (dossier.etape if formulaires.etape(dossier.etape) else formulaires.SLUGS[0])
    return reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": slug})


def _enregistree(dossier: Dossier, etape: Any) -> bool:
    """Une étape est enregistrée quand le contenu porte une de ses clés (l'identité du porteur
    pré-remplie à l'ouverture, nom et SIRET, ne compte pas) ou qu'elle est la dernière
    enregistrée ; jamais parce qu'une étape plus loin l'a été."""
    contenu = dossier.contenu or {}
    if etape.slug == dossier.etape:
        return True
    if etape.cles == ("porteur",):
        return bool(set(contenu.get("porteur") or {}) - {"nom", "siret"})
    return any(cle in contenu for cle in etape.cles)


def _etapes(dossier: Dossier, courante: str) -> list[dict[str, Any]]:
    etapes = [
        {
            "rang": i,
            "slug": e.slug,
            "titre": e.titre,
            "url": url_etape(dossier, e.slug),
            "courante": e.slug == courante,
            "enregistree": _enregistree(dossier, e),
        }
        for i, e in enumerate(formulaires.ETAPES, start=1)
    ]
    etapes.append(
        {
            "rang": len(etapes) + 1,
            "slug": RECAPITULATIF[0],
            "titre": RECAPITULATIF[1],
            "url": reverse("appels:dossier_deposer", kwargs={"pk": dossier.pk}),
            "courante": courante == RECAPITULATIF[0],
            "enregistree": False,
        }
    )
    return etapes


def _message_lecture_seule(acteur: Acteur, dossier: Dossier, jour: date) -> str:
    """Le refus de l'entonnoir (`perms.acces_rediger`) : la règle de dépôt n'est écrite
    qu'une fois, là-bas (date limite, statut de l'appel ou du dossier)."""
    refus = perms.acces_rediger(acteur, dossier, jour)
    if refus is None:
        return ""
    if refus.etat:
        return (
            f"{refus.message} Le dossier ne peut plus être modifié ni déposé ; il reste "
            "consultable en lecture seule."
        )
    # Sans reprendre l'intitulé du rôle (« travailleur social » pour une travailleuse sociale) :
    # la phrase dit qui rédige.
    return (
        "Votre rôle ne permet pas de modifier ce dossier : seules la direction et la gestion "
        "locative de l'organisation le rédigent. Lecture seule."
    )


def etat_versions(dossier: Dossier) -> dict[str, Any]:
    """Dernière version déposée et numéro de la version en préparation, s'il y en a une."""
    versions = list(dossier.versions.order_by("numero"))
    derniere = versions[-1] if versions else None
    modifie = derniere is not None and derniere.contenu != dossier.contenu
    return {
        "versions": versions,
        "derniere_version": derniere,
        "version_en_preparation": (derniere.numero + 1) if derniere else 1,
        "modifie_depuis_depot": modifie,
    }


def contexte_commun(acteur: Acteur, dossier: Dossier, jour: date, courante: str) -> dict[str, Any]:
    """Ce que partagent les pages d'étape et le récapitulatif."""
    etapes = _etapes(dossier, courante)
    rang = next(e["rang"] for e in etapes if e["courante"])
    modifiable = perms.peut_rediger(acteur, dossier, jour)
    refus_depot = perms.acces_deposer(acteur, dossier, jour)
    return {
        "dossier": dossier,
        "appel": dossier.appel,
        "etapes": etapes,
        "etape_courante": etapes[rang - 1],
        "etape_suivante": etapes[rang] if rang < len(etapes) else None,
        "etape_precedente": etapes[rang - 2] if rang > 1 else None,
        # L'indicateur d'étapes DSFR compte au plus 8 étapes : les 8 étapes du formulaire ;
        # le récapitulatif vient après, dans le menu.
        "nombre_etapes": len(formulaires.ETAPES) + 1,  # le récapitulatif est la dernière
        "modifiable": modifiable,
        "peut_deposer": refus_depot is None,
        "refus_depot": refus_depot,
        "date_limite": perms.date_limite(dossier.appel),
        "message_lecture_seule": _message_lecture_seule(acteur, dossier, jour),
        **etat_versions(dossier),
    }


def pieces_du_dossier(dossier: Dossier, jusqu_au: Any = None) -> list[dict[str, Any]]:
    """Pièces jointes (toutes, ou celles présentes à une date de dépôt), avec leur taille
    lisible et un drapeau « figée » (jointe avant un dépôt : elle ne se supprime plus)."""
    derniere = dossier.versions.order_by("-numero").first()
    pieces = dossier.pieces.select_related("deposee_par").order_by("type", "deposee_le")
    if jusqu_au is not None:
        pieces = pieces.filter(deposee_le__lte=jusqu_au)
    return [
        {
            "piece": p,
            "taille": taille_lisible(p.taille),
            "figee": derniere is not None and p.deposee_le <= derniere.deposee_le,
        }
        for p in pieces
    ]
