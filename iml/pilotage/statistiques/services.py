"""Écritures des statistiques annuelles (R-STATS), atomiques : ouvrir une campagne (calcule la
statistique de chaque opérateur du territoire), recalculer, corriger (une correction est une
nouvelle ligne signée), soumettre, consolider (DDETS puis DREETS)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Organisation
from iml.pilotage import perms
from iml.pilotage.models import (
    CampagneStatistiques,
    CorrectionStatistique,
    StatistiqueAnnuelle,
    StatutStatistique,
)
from iml.pilotage.statistiques.instantanes import calculer_lot
from iml.pilotage.statistiques.selectors import lignes_du_calcul
from regles.format import date_fr
from regles.statistiques import Ligne


def _en_json(lignes: tuple[Ligne, ...]) -> dict:
    return {
        "lignes": [
            {
                "cle": ligne.cle,
                "rubrique": ligne.rubrique,
                "libelle": ligne.libelle,
                "nature": ligne.nature,
                "valeur": None if ligne.valeur is None else str(ligne.valeur),
            }  # fmt: skip
            for ligne in lignes
        ]
    }


def operateurs_du_territoire(campagne: CampagneStatistiques):
    t = campagne.territoire
    qs = Organisation.objects.filter(type=TypeOrganisation.OPERATEUR, active=True)
    return qs.filter(territoire__region=t) | qs.filter(territoire=t)


def _verifier_annee_et_date_limite(annee: int, date_limite: date, maintenant: datetime) -> None:
    """Une année terminée ; une date limite après le 31/12 de l'année et pas déjà passée le
    jour de l'ouverture (sinon chaque renouvellement serait signalé aussitôt)."""
    if annee >= timezone.localdate(maintenant).year:
        raise ValidationError(
            {"annee": "Année des statistiques : une campagne porte sur une année terminée "
             f"(les places sont comptées au 31 décembre) ; {annee} ne l'est pas encore."}
        )  # fmt: skip
    if date_limite <= date(annee, 12, 31):
        raise ValidationError(
            {"date_limite": f"Date limite : elle suit la fin de l'année {annee} (31/12/{annee})."}
        )
    ouverture = timezone.localdate(maintenant)
    if date_limite < ouverture:
        raise ValidationError(
            {"date_limite": f"Date limite de soumission : le {date_fr(date_limite)} est déjà "
             f"passé ; choisissez le {date_fr(ouverture)} ou une date ultérieure."}
        )  # fmt: skip


@transaction.atomic
def ouvrir_campagne(
    *, acteur: Acteur, annee: int, date_limite: date, maintenant: datetime
) -> CampagneStatistiques:
    """R-STATS : l'État ouvre la campagne de l'année sur son territoire ; la statistique de
    chaque opérateur actif qui n'en a pas encore pour l'année est calculée et figée."""
    perms.exiger(perms.acces_ouvrir_campagne(acteur))
    _verifier_annee_et_date_limite(annee, date_limite, maintenant)
    if CampagneStatistiques.objects.filter(annee=annee, territoire=acteur.territoire).exists():
        raise ValidationError({"annee": f"Année : la campagne {annee} est déjà ouverte ici."})
    campagne = CampagneStatistiques.objects.create(
        annee=annee, territoire=acteur.territoire, date_limite=date_limite,
        ouverte_par=acteur.utilisateur, ouverte_par_organisation=acteur.organisation,
        ouverte_le=maintenant,
    )  # fmt: skip
    deja = StatistiqueAnnuelle.objects.filter(annee=annee).values("operateur_id")
    operateurs = list(
        operateurs_du_territoire(campagne).exclude(pk__in=deja).values_list("pk", flat=True)
    )
    calculs = calculer_lot(operateurs, annee)
    StatistiqueAnnuelle.objects.bulk_create(
        StatistiqueAnnuelle(
            campagne=campagne,
            operateur_id=op,
            annee=annee,
            calcul=_en_json(calculs[op]),
            calculee_le=maintenant,
        )  # fmt: skip
        for op in operateurs
    )
    return campagne


def _verrouiller(statistique: StatistiqueAnnuelle) -> StatistiqueAnnuelle:
    """Relit la statistique en verrouillant sa ligne jusqu'à la fin de la transaction : une
    correction concurrente d'une soumission (ou deux consolidations) voit le statut à jour."""
    return StatistiqueAnnuelle.objects.select_for_update().get(pk=statistique.pk)


@transaction.atomic
def recalculer(
    *, acteur: Acteur, statistique: StatistiqueAnnuelle, maintenant: datetime
) -> StatistiqueAnnuelle:
    """L'opérateur relance le calcul (données complétées) ; ses corrections restent."""
    statistique = _verrouiller(statistique)
    perms.exiger(perms.acces_reviser_statistique(acteur, statistique))
    calcul = calculer_lot([statistique.operateur_id], statistique.annee)
    statistique.calcul = _en_json(calcul[statistique.operateur_id])
    statistique.calculee_le = maintenant
    statistique.save(update_fields=["calcul", "calculee_le"])
    return statistique


def _valeur_corrigee(ligne: Ligne, valeur: Decimal | None) -> Decimal | None:
    if valeur is None:
        return None
    if valeur < 0:
        raise ValidationError({"valeur": "Valeur corrigée : un nombre positif ou nul."})
    if ligne.nature == "entier" and valeur != valeur.to_integral_value():
        raise ValidationError(
            {"valeur": f"Valeur corrigée : « {ligne.libelle} » est un nombre entier."}
        )
    return valeur


@transaction.atomic
def corriger(
    *, acteur: Acteur, statistique: StatistiqueAnnuelle, cle: str, valeur: Decimal | None,
    motif: str, maintenant: datetime,
) -> CorrectionStatistique:  # fmt: skip
    """Une correction signée : la valeur calculée reste visible ; `valeur=None` déclare
    l'indicateur non renseigné (jamais 0, R-UNKNOWN)."""
    statistique = _verrouiller(statistique)
    perms.exiger(perms.acces_reviser_statistique(acteur, statistique))
    ligne = next((lg for lg in lignes_du_calcul(statistique) if lg.cle == cle), None)
    if ligne is None:
        raise ValidationError({"cle": "Indicateur : choisissez un indicateur de la liste."})
    if not motif.strip():
        raise ValidationError({"motif": "Motif de la correction : dites pourquoi vous corrigez."})
    return CorrectionStatistique.objects.create(
        statistique=statistique, cle=cle, valeur=_valeur_corrigee(ligne, valeur),
        motif=motif.strip(), par=acteur.utilisateur, le=maintenant,
    )  # fmt: skip


@transaction.atomic
def soumettre(
    *, acteur: Acteur, statistique: StatistiqueAnnuelle, maintenant: datetime
) -> StatistiqueAnnuelle:
    statistique = _verrouiller(statistique)
    perms.exiger(perms.acces_reviser_statistique(acteur, statistique))
    if timezone.localdate(maintenant) <= date(statistique.annee, 12, 31):
        raise ValidationError(
            f"R-STATS : les statistiques {statistique.annee} se soumettent après le "
            f"31/12/{statistique.annee}, une fois l'année terminée."
        )
    statistique.statut = StatutStatistique.SOUMISE
    statistique.soumise_le = maintenant
    statistique.soumise_par = acteur.utilisateur
    statistique.save(update_fields=["statut", "soumise_le", "soumise_par"])
    return statistique


@transaction.atomic
def consolider(
    *, acteur: Acteur, statistique: StatistiqueAnnuelle, maintenant: datetime
) -> StatistiqueAnnuelle:
    """La DDETS consolide une statistique soumise, puis la DREETS une statistique consolidée
    par la DDETS."""
    statistique = _verrouiller(statistique)
    perms.exiger(perms.acces_consolider_statistique(acteur, statistique))
    if acteur.est_etat_regional:
        statistique.statut = StatutStatistique.CONSOLIDEE_REGION
        statistique.consolidee_region_le = maintenant
        statistique.consolidee_region_par = acteur.utilisateur
        champs = ["consolidee_region_le", "consolidee_region_par"]
    else:
        statistique.statut = StatutStatistique.CONSOLIDEE_DEPARTEMENT
        statistique.consolidee_departement_le = maintenant
        statistique.consolidee_departement_par = acteur.utilisateur
        champs = ["consolidee_departement_le", "consolidee_departement_par"]
    statistique.save(update_fields=["statut", *champs])
    return statistique
