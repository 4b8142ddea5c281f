"""L'entrée du moteur d'appariement (R-APPARIEMENT) construite depuis la base, pour le
département d'un SIAO : les vacances déclarées sans proposition en cours × les demandes en
attente sans proposition en cours (format du contrat de l'issue 12, `appariement.schema.json`).

Identifiants stables : « L<pk du logement> », « D<pk de la demande> ». Inconnu reste inconnu
(R-UNKNOWN) : une aide au logement inconnue part à `null` (le moteur calcule alors le taux
d'effort sans aide et le dit) ; une catégorie financée inconnue donne `[]` (toutes). Ce que le
moteur ne peut pas lire sans inventer un nombre (ressources inconnues, loyer, charges ou
redevance manquants) est écarté avec sa raison (`Instantane.ecartes`), jamais mis à zéro.

Requêtes bornées : une pour les vacances (logement, convention et dossier joints), une pour
les demandes, une pour leurs critères, quel que soit le nombre de lignes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from iml.comptes.acteur import Acteur
from iml.orientations import selectors
from iml.orientations.models import CritereDemande, DeclarationVacance, Demande
from iml.parc.models import Logement
from regles.types import Categorie, Mode, StatutLogement

#: Un logement restitué ou encore en captation ne reçoit pas de proposition (R-SIAO).
STATUTS_EXCLUS = (StatutLogement.RESTITUE, StatutLogement.EN_CAPTATION)


@dataclass
class Instantane:
    """L'entrée du moteur (`donnees`) et ce qui en a été écarté, avec la raison."""

    donnees: dict[str, Any]
    ecartes: list[dict[str, str]] = field(default_factory=list)


def id_logement(logement_id: int) -> str:
    return f"L{logement_id}"


def id_menage(demande_id: int) -> str:
    return f"D{demande_id}"


def pk_de(identifiant: str, prefixe: str) -> int | None:
    """Le pk d'un identifiant « L12 » / « D7 » ; None s'il n'a pas cette forme."""
    chiffres = identifiant[1:]
    if not identifiant.startswith(prefixe) or not (chiffres.isascii() and chiffres.isdigit()):
        return None
    if len(chiffres) > 18:  # au-delà, hors des entiers 64 bits des clés
        return None
    return int(chiffres)


def _montant(valeur: Decimal | None) -> str | None:
    return None if valeur is None else format(valeur.quantize(Decimal("0.01")), "f")


def _categories(logement: Logement) -> list[str]:
    """R-CATEGORY : la catégorie financée par la convention du logement ; [] si inconnue."""
    convention = logement.convention
    dossier = getattr(convention, "dossier", None) if convention else None
    financee = (dossier.contenu or {}).get("categorie") if dossier else None
    return [financee] if financee in set(Categorie) else []


def _manque_logement(lg: Logement) -> str | None:
    if lg.statut in STATUTS_EXCLUS:
        return "logement restitué ou en captation : il ne reçoit pas de proposition (R-SIAO)."
    manquants = [n for n in ("loyer", "charges") if getattr(lg, n) is None]
    if lg.forme == Mode.SOUS_LOCATION and lg.redevance is None:
        manquants.append("redevance")
    if manquants:
        return (
            f"{', '.join(manquants)} inconnu{'s' if len(manquants) > 1 else ''} : le taux "
            "d'effort ne se calcule pas "
            "(R-EFFORT-SL, R-EFFORT-MG, R-UNKNOWN) ; complétez la fiche du logement."
        )
    return None


def _logement(v: DeclarationVacance) -> dict[str, Any]:
    lg = v.logement
    return {
        "id": id_logement(lg.pk),
        "typologie": lg.typologie,
        "capacite": lg.capacite,
        "forme": lg.forme,
        "commune": lg.commune,
        "plain_pied": lg.plain_pied is True,
        "categories": _categories(lg),
        "loyer": _montant(lg.loyer),
        "charges": _montant(lg.charges),
        "redevance": _montant(lg.redevance) if lg.forme == Mode.SOUS_LOCATION else None,
        "disponible_le": v.disponible_le.isoformat(),
    }


def _menage(d: Demande) -> dict[str, Any]:
    return {
        "id": id_menage(d.pk),
        "personnes": d.personnes,
        "ressources": _montant(d.ressources),
        "aide_logement": _montant(d.aide_logement),
        "aide_estimee": d.aide_estimee and d.aide_logement is not None,
        "categorie": d.categorie,
        "plain_pied_requis": d.plain_pied_requis,
        "communes": sorted(set(d.communes or [])),
        "communes_strictes": d.communes_strictes and bool(d.communes),
        "criteres": sorted(c.critere for c in d.criteres_instantane),
        "demande_le": d.demande_le.isoformat(),
    }


def _vacances(acteur: Acteur) -> list[DeclarationVacance]:
    return list(
        selectors.vacances_a_pourvoir(acteur)
        .select_related("logement__convention__dossier")
        .order_by("logement_id", "pk")
    )


def _demandes(acteur: Acteur) -> list[Demande]:
    criteres = Prefetch(
        "criteres",
        queryset=CritereDemande.objects.order_by("critere"),
        to_attr="criteres_instantane",
    )
    return list(
        selectors.demandes_en_attente(acteur)
        .prefetch_related(criteres)
        .order_by("demande_le", "pk")
    )


def construire(acteur: Acteur, jour: date) -> Instantane:
    """R-APPARIEMENT : l'entrée du moteur pour le département du SIAO de l'acteur, au jour
    donné ; un logement n'y figure qu'une fois (sa vacance déclarée la plus ancienne)."""
    logements: list[dict[str, Any]] = []
    menages: list[dict[str, Any]] = []
    ecartes: list[dict[str, str]] = []
    vus: set[int] = set()
    for v in _vacances(acteur):
        if v.logement_id in vus:
            continue
        vus.add(v.logement_id)
        if raison := _manque_logement(v.logement):
            ecartes.append({"logement": id_logement(v.logement_id), "raison": raison})
        else:
            logements.append(_logement(v))
    for d in _demandes(acteur):
        if d.ressources is None:
            ecartes.append(
                {
                    "menage": id_menage(d.pk),
                    "raison": "ressources inconnues : le taux d'effort ne se calcule pas "
                    "(R-UNKNOWN) ; complétez la demande.",
                }
            )
        else:
            menages.append(_menage(d))
    donnees = {"date": jour.isoformat(), "logements": logements, "menages": menages}
    return Instantane(donnees, ecartes)
