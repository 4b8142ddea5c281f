"""Synthèse d'un appel : une ligne par dossier déposé (chiffres clés de sa dernière version),
puis une ligne TOTAL. Un total dont un terme est inconnu reste « non renseigné » (R-UNKNOWN)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone

from iml.appels.exports.source import Source, decimal
from iml.appels.exports.tableaux import (
    NON_RENSEIGNE,
    Cellule,
    Feuille,
    entier,
    jour,
    montant,
    pct,
    texte,
)
from iml.appels.models import AppelACandidatures
from regles.calcul import divise, somme
from regles.types import Mode

MG, SL = Mode.MANDAT_GESTION.value, Mode.SOUS_LOCATION.value


def _subventions(source: Source) -> dict[int, Decimal | None]:
    return {
        int(s["annee"]): decimal(s.get("total")) for s in source.chiffres.get("subventions") or []
    }


def _places_retenues(source: Source) -> int | None:
    decision = getattr(source.dossier, "decision", None)
    return None if decision is None else decision.places_retenues


def _nombres(source: Source) -> list[int | None]:
    b = source.budget
    lg, pl = b.get("logements") or {}, b.get("places") or {}
    return [lg.get(MG), lg.get(SL), pl.get(MG), pl.get(SL)]


def _nombre(valeur: int | None, gras: bool = False) -> Cellule:
    """Logements ou places : « non renseigné » quand inconnus (R-UNKNOWN), jamais vide ni 0."""
    return texte(NON_RENSEIGNE, gras) if valeur is None else entier(valeur, gras)


def _total(valeurs: Sequence[int | None]) -> int | None:
    """Somme ; non renseignée dès qu'un terme l'est (R-UNKNOWN, jamais compté 0)."""
    return None if any(v is None for v in valeurs) else sum(v for v in valeurs if v is not None)


def _ligne(source: Source, exercices: Sequence[int]) -> list[Cellule | None]:
    version, b = source.version, source.budget
    subventions = _subventions(source)
    niveaux = [c.get("niveau") for c in source.constats]
    return [
        texte(source.dossier.operateur.nom),
        texte(source.dossier.operateur.siret),
        texte(source.dossier.get_statut_display()),
        entier(version.numero if version else None),
        jour(timezone.localdate(version.deposee_le) if version else None),
        *[_nombre(n) for n in _nombres(source)],
        pct(decimal(source.chiffres.get("petits_logements_pct"))),
        montant(decimal(b.get("total"))),
        montant(decimal(b.get("cout_par_place"))),
        *[montant(subventions.get(a)) for a in exercices],
        entier(_places_retenues(source)),
        entier(niveaux.count("erreur")),
        entier(niveaux.count("alerte")),
    ]


def _totaux(sources: Sequence[Source], exercices: Sequence[int]) -> list[Cellule | None]:
    colonnes = zip(*(_nombres(s) for s in sources), strict=True)
    nombres = [_total(col) for col in colonnes] or [0] * 4
    places = _total(nombres[2:])
    budget = somme(decimal(s.budget.get("total")) for s in sources)
    retenues = [r for s in sources if (r := _places_retenues(s)) is not None]
    niveaux = [c.get("niveau") for s in sources for c in s.constats]
    return [
        texte("TOTAL", True),
        None,
        None,
        None,
        None,
        *[_nombre(n, True) for n in nombres],
        None,
        montant(budget, True),
        montant(None if places is None else divise(budget, places), True),
        *[montant(somme(_subventions(s).get(a) for s in sources), True) for a in exercices],
        entier(sum(retenues), True),
        entier(niveaux.count("erreur"), True),
        entier(niveaux.count("alerte"), True),
    ]


def feuille_synthese(appel: AppelACandidatures, sources: Sequence[Source]) -> Feuille:
    """Synthèse de l'appel ; les subventions sont celles calculées (R-SUBSIDY-PRORATA)."""
    bareme = appel.jeu.en_bareme()
    exercices = list(bareme.appel.exercices) if bareme.appel else []
    entetes = [
        "Opérateur",
        "SIRET",
        "Statut",
        "Version",
        "Déposée le",
        "Logements MG",
        "Logements SL",
        "Places MG",
        "Places SL",
        "Petits logements (%)",
        "Budget annuel",
        "Coût par place",
        *[f"Subvention calculée {a}" for a in exercices],
        "Places retenues",
        "Erreurs",
        "Alertes",
    ]
    f = Feuille("Synthèse", largeurs=[36, 16, 20, 9, 12] + [11] * 5 + [15] * (len(entetes) - 10))
    f.ajouter(texte(f"Synthèse de l'appel « {appel.nom} »", True))
    f.fusionner(0, 0, 0, len(entetes) - 1)
    f.ajouter(
        texte(
            f"{appel.territoire} — barème {bareme.bareme_id} v{bareme.version} — édité le "
            f"{timezone.localdate():%d/%m/%Y}"
        )
    )
    f.fusionner(1, 0, 1, len(entetes) - 1)
    f.ajouter()
    f.ajouter(*[texte(e, True) for e in entetes])
    for source in sources:
        f.ajouter(*_ligne(source, exercices))
    r = f.ajouter(*_totaux(sources, exercices))
    f.fusionner(r, 0, r, 4)
    return f
