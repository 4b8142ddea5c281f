"""Lectures cadrées des statistiques annuelles (R-STATS) : des nombres, jamais un ménage.

Périmètre : l'opérateur (direction, gestion locative) lit les siennes ; l'État celles des
opérateurs de son territoire (DDETS : son département ; DREETS : sa région) ; la plateforme
toutes ; hors périmètre = 404.

Pour la convention (l'intégrateur branche le bandeau) : `signal_renouvellement(operateur_id,
jour)` rend la statistique d'une campagne dont la date limite est passée sans soumission
(`SignalStatistiques`), ou None ; `annees_transmises(operateur_id)` nourrit
`regles.subvention.verifier_renouvellement_convention`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from iml.comptes.acteur import Acteur
from iml.comptes.selectors import filtre_territoire
from iml.pilotage import perms
from iml.pilotage.models import (
    CampagneStatistiques,
    CorrectionStatistique,
    StatistiqueAnnuelle,
    StatutStatistique,
)
from regles.statistiques import NON_ADDITIVES, Ligne, LigneRevue, Total, consolider, reviser


def statistiques_visibles(acteur: Acteur) -> QuerySet[StatistiqueAnnuelle]:
    qs = StatistiqueAnnuelle.objects.select_related("operateur__territoire", "campagne")
    if not perms.voit_les_statistiques(acteur):
        return qs.none()
    if acteur.agit_pour_la_plateforme:
        return qs
    if acteur.est_etat:
        return qs.filter(filtre_territoire(acteur, "operateur__territoire"))
    return qs.filter(operateur=acteur.organisation)


def statistique_ou_404(acteur: Acteur, pk: int) -> StatistiqueAnnuelle:
    return get_object_or_404(statistiques_visibles(acteur), pk=pk)


def campagnes_visibles(acteur: Acteur) -> QuerySet[CampagneStatistiques]:
    """L'État : les campagnes de son territoire (la DDETS voit aussi celle de sa région) ;
    l'opérateur : celles qui le couvrent ; la plateforme : toutes."""
    qs = CampagneStatistiques.objects.select_related("territoire")
    if not perms.voit_les_statistiques(acteur):
        return qs.none()
    if acteur.agit_pour_la_plateforme:
        return qs
    territoire = acteur.territoire
    if territoire is None:
        return qs.none()
    if acteur.est_etat_regional:
        return qs.filter(Q(territoire=territoire) | Q(territoire__region=territoire))
    return qs.filter(Q(territoire=territoire) | Q(territoire_id=territoire.region_id))


def campagne_ou_404(acteur: Acteur, pk: int) -> CampagneStatistiques:
    return get_object_or_404(campagnes_visibles(acteur), pk=pk)


def lignes_du_calcul(statistique: StatistiqueAnnuelle) -> list[Ligne]:
    """Les lignes figées du calcul (valeurs en texte décimal ou null = non renseigné)."""
    lignes = []
    for d in statistique.calcul.get("lignes", []):
        valeur = d["valeur"]
        if valeur is not None:
            valeur = int(valeur) if d["nature"] == "entier" else Decimal(valeur)
        lignes.append(Ligne(d["cle"], d["rubrique"], d["libelle"], valeur, d["nature"]))
    return lignes


def valeur_corrigee(correction: CorrectionStatistique, nature: str) -> int | Decimal | None:
    """La valeur d'une correction dans la nature de son indicateur (un entier reste entier)."""
    v = correction.valeur
    if v is None:
        return None
    return int(v) if nature == "entier" else v


def lignes_revues(
    statistique: StatistiqueAnnuelle, corrections: list[CorrectionStatistique] | None = None
) -> list[LigneRevue]:
    """Les lignes après la dernière correction de chaque indicateur."""
    lignes = lignes_du_calcul(statistique)
    natures = {ligne.cle: ligne.nature for ligne in lignes}
    if corrections is None:
        corrections = list(statistique.corrections.order_by("le", "pk"))
    dernieres = {
        c.cle: valeur_corrigee(c, natures.get(c.cle, "decimal")) for c in corrections
    }  # la dernière l'emporte (ordre chronologique)
    return reviser(lignes, dernieres)


def corrections(statistique: StatistiqueAnnuelle) -> list[CorrectionStatistique]:
    return list(statistique.corrections.select_related("par").order_by("le", "pk"))


@dataclass(frozen=True)
class LigneConsolidee:
    rubrique: str
    libelle: str
    total: Total | None
    nature: str


def consolidation(campagne: CampagneStatistiques, statistiques) -> list[LigneConsolidee]:
    """Total de chaque indicateur sur les statistiques soumises (ou consolidées) de la
    campagne : les valeurs retenues ; une valeur non renseignée n'est jamais comptée 0. Les
    moyennes ne s'additionnent pas (total vide)."""
    retenues = [s for s in statistiques if s.statut != StatutStatistique.A_REVOIR]
    toutes = list(
        CorrectionStatistique.objects.filter(statistique__in=[s.pk for s in retenues]).order_by(
            "le", "pk"
        )
    )
    par_stat: dict[int, list[CorrectionStatistique]] = {}
    for c in toutes:
        par_stat.setdefault(c.statistique_id, []).append(c)
    revues = [lignes_revues(s, par_stat.get(s.pk, [])) for s in retenues]
    if not revues:
        return []
    par_cle = [{ligne.cle: ligne.retenue for ligne in r} for r in revues]
    resultat = []
    for modele in revues[0]:
        total = None
        if modele.cle not in NON_ADDITIVES:  # une clé absente d'un calcul : non renseignée
            total = consolider(valeurs.get(modele.cle) for valeurs in par_cle)
        resultat.append(LigneConsolidee(modele.rubrique, modele.libelle, total, modele.nature))
    return resultat


@dataclass(frozen=True)
class SignalStatistiques:
    """R-STATS : statistiques non soumises après la date limite (renouvellement signalé)."""

    statistique_id: int
    annee: int
    date_limite: date

    @property
    def message(self) -> str:
        return (
            f"R-STATS : les statistiques {self.annee} n'ont pas été soumises à la date limite du "
            f"{self.date_limite:%d/%m/%Y} ; le renouvellement de la convention est signalé."
        )


def signal_renouvellement(operateur_id: int, jour: date) -> SignalStatistiques | None:
    """La plus récente statistique de l'opérateur encore à revoir dont la date limite est
    passée le `jour` (une requête), ou None. Pour le bandeau de la convention."""
    statistique = (
        StatistiqueAnnuelle.objects.filter(
            operateur_id=operateur_id,
            statut=StatutStatistique.A_REVOIR,
            campagne__date_limite__lt=jour,
        )
        .select_related("campagne")
        .order_by("-annee")
        .first()
    )
    if statistique is None:
        return None
    return SignalStatistiques(statistique.pk, statistique.annee, statistique.campagne.date_limite)


def signal_de(statistique: StatistiqueAnnuelle, jour: date) -> SignalStatistiques | None:
    """Le même signal pour une statistique déjà lue (page de la statistique)."""
    limite = statistique.campagne.date_limite
    if statistique.statut == StatutStatistique.A_REVOIR and limite < jour:
        return SignalStatistiques(statistique.pk, statistique.annee, limite)
    return None


def annees_transmises(operateur_id: int) -> set[int]:
    """Les années dont l'opérateur a soumis ses statistiques (soumises ou consolidées) : l'entrée
    `annees_transmises` de `regles.subvention.verifier_renouvellement_convention` (R-STATS)."""
    return set(
        StatistiqueAnnuelle.objects.filter(operateur_id=operateur_id)
        .exclude(statut=StatutStatistique.A_REVOIR)
        .values_list("annee", flat=True)
    )
