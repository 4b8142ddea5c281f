"""Ce que montrent l'admission et la fiche de l'occupation : le tableau des contrôles (règle,
objet, chiffres, verdict), les chiffres de l'effort, l'horloge de la sous-location
(R-SL-DURATION), la fenêtre du mandat de gestion (R-MG-GLS-DURATION), la durée du séjour.
Aucune requête ici : les vues passent des lignes déjà lues."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from iml.occupations.enums import SourceAide
from regles.bareme import Bareme
from regles.calendrier import ajouter_mois
from regles.constats import Constat
from regles.format import date_fr, euros, pluriel, pourcentage
from regles.occupations import (
    alerte_due,
    fin_financement_mandat,
    periodes_permises,
    prochaine_revue,
    revues_mandat,
)
from regles.sorties import duree_sejour_jours
from regles.types import Categorie

NON_RENSEIGNE = "non renseigné"

#: Ce que chaque règle contrôle, dit simplement (colonne « Contrôle »).
OBJETS = {
    "R-CAPACITY": "Taille du ménage et capacité du logement",
    "R-EFFORT-MG": "Taux d'effort et reste à vivre (mandat de gestion, plafond 50 %)",
    "R-EFFORT-SL": "Taux d'effort et reste à vivre (sous-location, plafond 30 %)",
    "R-CATEGORY": "Catégorie d'IML du ménage et financement du logement",
    "R-SL-DURATION": "Durée de la sous-location et suite du parcours",
    "R-MODE": "Forme d'IML du logement",
    "R-PARC": "Statut du logement",
    "R-DECENCE-DPE": "Décence : performance énergétique",
    "R-DECENCE-SURFACE": "Décence : surface et volume habitables",
}

VERDICTS = {
    "erreur": ("bloquant", "fr-badge--error"),
    "alerte": ("alerte", "fr-badge--warning"),
    "info": ("conforme", "fr-badge--success"),
}

RANGS = {0: "Période initiale", 1: "1er renouvellement"}


def libelle_rang(rang: int) -> str:
    return RANGS.get(rang, f"{rang}e renouvellement")


def _dict(c: Constat | dict[str, Any]) -> dict[str, Any]:
    return c.as_dict() if isinstance(c, Constat) else c


def lignes_controle(constats: Iterable[Constat | dict[str, Any]]) -> list[dict[str, str]]:
    """Une ligne par constat : règle, ce qui est contrôlé, la phrase chiffrée, le verdict."""
    lignes = []
    for c in map(_dict, constats):
        regle = c["regle"]
        verdict, classe = VERDICTS.get(c["niveau"], ("conforme", "fr-badge--success"))
        message = c["message"]
        prefixe = f"{regle} : "
        if message.startswith(prefixe):
            message = message[len(prefixe)].upper() + message[len(prefixe) + 1 :]
        lignes.append(
            {
                "regle": regle,
                "objet": OBJETS.get(regle, "Autre contrôle"),
                "message": message,
                "verdict": verdict,
                "classe": classe,
            }
        )
    return lignes


def _euros(valeur: str | Decimal | None) -> str:
    return NON_RENSEIGNE if valeur is None else euros(Decimal(valeur))


def libelle_aide(source: str, montant: str | Decimal | None, estimee_le: datetime | None) -> str:
    """Quelle aide au logement le taux d'effort a retenue : connue, estimée le …, aucune."""
    if source == SourceAide.REELLE:
        return f"connue : {_euros(montant)} par mois"
    if source == SourceAide.ESTIMEE:
        quand = f" le {date_fr(timezone.localdate(estimee_le))}" if estimee_le else ""
        return f"estimée{quand} : {_euros(montant)} par mois (une estimation, pas un droit ouvert)"
    return "aucune (ni connue ni estimée) : taux calculé sans aide"


def _minimum(minimum: Decimal | None) -> str:
    if minimum is None:
        return " (aucun minimum fixé par le barème)"
    return f" pour un minimum de {euros(minimum)}"


def lignes_chiffres(
    chiffres: dict[str, str | None],
    source: str,
    estimee_le: datetime | None,
    minimum_rav: Decimal | None,
    avec_minimum: bool = True,
) -> list[tuple[str, str]]:
    """Les chiffres de l'effort (ceux de l'aperçu, avec le minimum de reste à vivre du barème ;
    ceux figés avec le contrôle, sans : ses constats le disent)."""
    taux, plafond = chiffres.get("taux_effort_pct"), chiffres.get("taux_effort_max_pct")
    rav = chiffres.get("reste_a_vivre_jour_personne")
    return [
        ("Ressources mensuelles (allocations comprises)", _euros(chiffres.get("ressources"))),
        ("Aide au logement", libelle_aide(source, chiffres.get("aide_logement"), estimee_le)),
        ("Coût net du logement (€ par mois)", _euros(chiffres.get("cout_net"))),
        (
            "Taux d'effort",
            (NON_RENSEIGNE if taux is None else pourcentage(Decimal(taux)))
            + (
                "" if plafond is None else f" pour un plafond de {pourcentage(Decimal(plafond), 0)}"
            ),
        ),
        (
            "Reste à vivre par personne et par jour",
            _euros(rav) + (_minimum(minimum_rav) if avec_minimum else ""),
        ),
    ]


def ligne_capacite(personnes: int, capacite: int) -> tuple[str, str]:
    return (
        "Taille du ménage et capacité",
        f"{pluriel(personnes, 'personne')} pour {pluriel(capacite, 'place')}",
    )


def ligne_categorie(categorie: str, financee: str | None, convention: bool) -> tuple[str, str]:
    menage = Categorie(categorie).libelle if categorie else "catégorie non renseignée"
    if not convention:
        logement = "logement sans convention"
    elif financee in set(Categorie):
        logement = f"logement financé en {Categorie(financee).libelle}"
    else:
        logement = "catégorie financée non renseignée"
    return ("Catégorie et convention", f"{menage} ; {logement}")


@dataclass(frozen=True)
class HorlogeSousLocation:
    """R-SL-DURATION : les périodes décidées, la fin de la période en cours, le maximum."""

    lignes: list[dict[str, Any]]
    fin_courante: date
    jours_restants: int
    fin_maximale: date
    renouvelable: bool
    alerte: str


def horloge_sous_location(
    date_entree: date, periodes: Sequence[Any], alertes_jours: Sequence[int], aujourd_hui: date,
    bareme: Bareme,
) -> HorlogeSousLocation:  # fmt: skip
    """`periodes` : les périodes décidées (rang croissant, `decide_par` déjà lu)."""
    lignes = [
        {
            "rang": libelle_rang(p.rang),
            "debut": p.debut,
            "fin": p.fin,
            "decide_le": p.decide_le,
            "par": p.decide_par.get_full_name() or p.decide_par.email,
            "motif": p.motif,
        }
        for p in periodes
    ]
    permises = periodes_permises(date_entree, bareme)
    fin = periodes[-1].fin if periodes else permises[0].fin
    jours = (fin - aujourd_hui).days
    echeance = alerte_due(fin, alertes_jours, aujourd_hui)
    alerte = ""
    if jours < 0:
        alerte = f"La période en cours a pris fin le {date_fr(fin)}."
    elif echeance is not None:
        alerte = (
            f"Fin de la période en cours dans {pluriel(jours, 'jour')} : décidez du "
            "renouvellement ou préparez la sortie."
        )
    return HorlogeSousLocation(
        lignes=lignes,
        fin_courante=fin,
        jours_restants=jours,
        fin_maximale=permises[-1].fin,
        renouvelable=len(periodes) < len(permises),
        alerte=alerte,
    )


@dataclass(frozen=True)
class FenetreMandat:
    """R-MG-GLS-DURATION : fin du financement (3 ans moins un jour), revues annuelles."""

    fin_financement: date
    jours_restants: int
    revues_prevues: tuple[date, ...]
    prochaine: date | None


def fenetre_mandat(
    date_entree: date, fin_financement: date | None, revues_faites: int, aujourd_hui: date,
    bareme: Bareme,
) -> FenetreMandat:  # fmt: skip
    fin = fin_financement or fin_financement_mandat(date_entree, bareme)
    return FenetreMandat(
        fin_financement=fin,
        jours_restants=(fin - aujourd_hui).days,
        revues_prevues=revues_mandat(date_entree, bareme),
        prochaine=prochaine_revue(date_entree, revues_faites, bareme),
    )


def mois_complets(debut: date, fin: date) -> int:
    """Nombre de mois entiers de `debut` à `fin` (31/08 → 30/09 : 1 mois)."""
    mois = (fin.year - debut.year) * 12 + fin.month - debut.month
    while mois > 0 and ajouter_mois(debut, mois) > fin:
        mois -= 1
    return max(mois, 0)


def duree_sejour(entree: date, sortie: date) -> str:
    """« 14 mois (429 jours) » : du jour d'entrée au jour de sortie inclus (R-SORTIE)."""
    jours = duree_sejour_jours(entree, sortie)
    mois = mois_complets(entree, sortie)
    if mois == 0:
        return pluriel(jours, "jour")
    return f"{mois} mois ({pluriel(jours, 'jour')})"
