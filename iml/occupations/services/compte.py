"""Compte du ménage (R-IMPAYES) : appels mensuels (tâche quotidienne idempotente), paiements
(ménage, aide au logement versée à l'opérateur, FSL), corrections. Une ligne ne se modifie
jamais : une correction est une nouvelle ligne (docs/adr/0008-compte-menage.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.occupations.models import Ecriture, Occupation, PlanApurement, Tarif, VersementPlan
from iml.occupations.parametres import parametres_occupations
from regles.compte import Ligne, mois_a_appeler, montant_du_mois, premier_du_mois
from regles.format import de, euros, mois_fr
from regles.types import NatureEcriture

PAIEMENTS = (
    NatureEcriture.PAIEMENT_MENAGE,
    NatureEcriture.PAIEMENT_AIDE,
    NatureEcriture.PAIEMENT_FSL,
)
MONTANT_MAX = Decimal("99999999.99")


def libelle_mois(mois: date) -> str:
    return mois_fr(mois)


def tarif_du_mois(tarifs: list[Tarif], mois: date, entree: date) -> Tarif | None:
    """Le tarif en vigueur au début du mois (ou à l'entrée, le premier mois)."""
    jour = max(mois, entree)
    en_vigueur = [t for t in tarifs if t.date_effet <= jour]
    return max(en_vigueur, key=lambda t: t.date_effet) if en_vigueur else None


def appels_manquants(
    occupation: Occupation,
    tarifs: list[Tarif],
    deja: set[date],
    aujourd_hui: date,
    jour_appel: int,
) -> list[Ecriture]:
    """Les appels dus au `aujourd_hui` qui ne sont pas dans `deja` (mois déjà appelés), non
    enregistrés ; un mois sans tarif en vigueur n'est pas appelé."""
    mois = mois_a_appeler(occupation.date_entree, occupation.date_sortie, aujourd_hui, jour_appel)
    if occupation.compte_depuis is not None:
        # Occupation reprise par un import : les mois d'avant sont appelés dans l'outil d'avant.
        mois = [m for m in mois if m >= premier_du_mois(occupation.compte_depuis)]
    nom = "Redevance" if occupation.forme == "SOUS_LOCATION" else "Loyer et charges"
    appels = []
    for m in mois:
        if m in deja or (tarif := tarif_du_mois(tarifs, m, occupation.date_entree)) is None:
            continue
        appels.append(
            Ecriture(
                occupation=occupation,
                nature=NatureEcriture.APPEL,
                le=max(m, occupation.date_entree),
                mois=m,
                montant=montant_du_mois(
                    tarif.mensuel, m, occupation.date_entree, occupation.date_sortie
                ),
                libelle=f"{nom} {de(libelle_mois(m))}",
            )
        )
    return appels


def appeler_loyers(occupation: Occupation, aujourd_hui: date, jour_appel: int | None = None) -> int:
    """Crée les appels dus au `aujourd_hui` qui manquent (un par mois, jamais deux : la
    contrainte d'unicité tranche entre deux passages simultanés). Renvoie le nombre créé."""
    jour = jour_appel or parametres_occupations().jour_appel_loyer
    if not mois_a_appeler(occupation.date_entree, occupation.date_sortie, aujourd_hui, jour):
        return 0
    deja = set(
        occupation.ecritures.filter(nature=NatureEcriture.APPEL).values_list("mois", flat=True)
    )
    crees = 0
    for appel in appels_manquants(
        occupation, list(occupation.tarifs.all()), deja, aujourd_hui, jour
    ):
        try:
            with transaction.atomic():
                appel.save()
        except IntegrityError:  # créé entre-temps par un autre passage
            continue
        crees += 1
    return crees


def regulariser_sortie(*, acteur: Acteur, occupation: Occupation) -> list[Ecriture]:
    """R-IMPAYES, à la sortie : l'appel du mois de sortie, déjà fait en entier le jour d'appel,
    est ramené au prorata des jours occupés, et un appel d'un mois d'après la sortie est annulé
    — chaque fois par une correction de cet appel (la ligne ne change pas)."""
    sortie = occupation.date_sortie
    if sortie is None:
        return []
    appels = list(
        occupation.ecritures.filter(
            nature=NatureEcriture.APPEL, mois__gte=premier_du_mois(sortie)
        ).prefetch_related("corrections")
    )
    tarifs = list(occupation.tarifs.all())
    corrections = []
    for appel in appels:
        tarif = tarif_du_mois(tarifs, appel.mois, occupation.date_entree)
        du = (
            montant_du_mois(tarif.mensuel, appel.mois, occupation.date_entree, sortie)
            if tarif is not None
            else Decimal("0.00")
        )
        porte = appel.montant + sum((c.montant for c in appel.corrections.all()), Decimal("0"))
        if du != porte:
            corrections.append(
                Ecriture.objects.create(
                    occupation=occupation,
                    nature=NatureEcriture.CORRECTION,
                    le=max(sortie, appel.le),
                    montant=du - porte,
                    libelle=f"Régularisation à la sortie du {sortie:%d/%m/%Y}",
                    corrige=appel,
                    cree_par=acteur.utilisateur,
                )
            )
    return corrections


def _montant_valide(montant: Decimal | None, champ: str = "montant") -> Decimal:
    if montant is None or montant <= 0:
        raise ValidationError({champ: ["Montant : un nombre d'euros supérieur à 0."]})
    if montant > MONTANT_MAX:
        raise ValidationError({champ: [f"Montant : au plus {euros(MONTANT_MAX)}."]})
    return montant


@transaction.atomic
def encaisser(
    *,
    acteur: Acteur,
    occupation: Occupation,
    nature: str,
    le: date,
    montant: Decimal,
    libelle: str = "",
    aujourd_hui: date,
) -> Ecriture:
    """Un paiement reçu (du ménage, de l'aide au logement, du FSL) : une ligne au crédit."""
    perms.exiger(perms.acces_gestion(acteur, occupation.operateur_id))
    erreurs: dict[str, list[str]] = {}
    if nature not in PAIEMENTS:
        erreurs["nature"] = ["Origine du paiement : ménage, aide au logement ou FSL."]
    if le > aujourd_hui:
        erreurs["le"] = ["Reçu le : la date ne peut pas être dans le futur."]
    if le < occupation.date_entree:
        erreurs["le"] = ["Reçu le : la date précède l'entrée du ménage."]
    if erreurs:
        raise ValidationError(erreurs)
    montant = _montant_valide(montant)
    return Ecriture.objects.create(
        occupation=occupation,
        nature=nature,
        le=le,
        montant=-montant,
        libelle=libelle.strip() or NatureEcriture(nature).libelle,
        cree_par=acteur.utilisateur,
    )


@transaction.atomic
def corriger(
    *, acteur: Acteur, ecriture: Ecriture, montant: Decimal, motif: str, aujourd_hui: date
) -> Ecriture:
    """Une correction d'une ligne : une nouvelle ligne de montant signé (− annule un appel,
    + annule un paiement), avec son motif ; la ligne corrigée ne change pas."""
    occupation = ecriture.occupation
    perms.exiger(perms.acces_gestion(acteur, occupation.operateur_id))
    erreurs: dict[str, list[str]] = {}
    if not motif.strip():
        erreurs["motif"] = ["Motif de la correction : obligatoire."]
    if montant is None or montant == 0:
        erreurs["montant"] = ["Montant : un nombre d'euros différent de 0 (− pour réduire)."]
    elif abs(montant) > MONTANT_MAX:
        erreurs["montant"] = [f"Montant : au plus {euros(MONTANT_MAX)}."]
    if erreurs:
        raise ValidationError(erreurs)
    return Ecriture.objects.create(
        occupation=occupation,
        nature=NatureEcriture.CORRECTION,
        le=aujourd_hui,
        montant=montant,
        libelle=f"Correction : {motif.strip()}"[:200],
        corrige=ecriture,
        cree_par=acteur.utilisateur,
    )


def _erreurs_versements(montant: Decimal, versements: list[Ligne], aujourd_hui: date) -> list[str]:
    if not versements:
        return ["Versements : au moins un versement daté."]
    if min(v.le for v in versements) < premier_du_mois(aujourd_hui):
        # Un plan se convient pour la dette d'aujourd'hui : ses versements sont à venir.
        mois = libelle_mois(premier_du_mois(aujourd_hui))
        return [f"Versements : le premier ne peut pas précéder le mois en cours ({mois})."]
    erreurs = []
    if any(v.montant is None or v.montant <= 0 for v in versements):
        erreurs.append("Versements : chaque montant est un nombre d'euros supérieur à 0.")
    elif (total := sum((v.montant for v in versements), Decimal("0.00"))) != montant:
        erreurs.append(
            f"Versements : leur somme ({euros(total)}) doit égaler la dette à apurer "
            f"({euros(montant)})."
        )
    dates = [v.le for v in versements]
    if len(set(dates)) != len(dates):
        erreurs.append("Versements : deux versements ne peuvent pas tomber le même jour.")
    return erreurs


@transaction.atomic
def creer_plan(
    *,
    acteur: Acteur,
    occupation: Occupation,
    montant: Decimal,
    versements: list[Ligne],
    note: str = "",
    aujourd_hui: date,
) -> PlanApurement:
    """Un plan d'apurement : la dette à apurer en versements datés dont la somme l'égale ; un
    seul plan ouvert à la fois par occupation."""
    perms.exiger(perms.acces_gestion(acteur, occupation.operateur_id))
    Occupation.objects.select_for_update().filter(pk=occupation.pk).first()
    montant = _montant_valide(montant)
    erreurs: dict[str, list[str]] = {}
    if occupation.plans.filter(clos_le__isnull=True).exists():
        erreurs["__all__"] = [
            "Plan d'apurement : un plan est déjà en cours pour ce ménage ; clôturez-le d'abord."
        ]
    if messages := _erreurs_versements(montant, versements, aujourd_hui):
        erreurs["versements"] = messages
    if erreurs:
        raise ValidationError(erreurs)
    ordonnes = sorted(versements, key=lambda v: v.le)
    plan = PlanApurement.objects.create(
        occupation=occupation,
        montant=montant,
        debut=ordonnes[0].le,
        note=note.strip(),
        cree_par=acteur.utilisateur,
    )
    VersementPlan.objects.bulk_create(
        VersementPlan(plan=plan, echeance=v.le, montant=v.montant) for v in ordonnes
    )
    return plan


@transaction.atomic
def clore_plan(*, acteur: Acteur, plan: PlanApurement, aujourd_hui: date) -> PlanApurement:
    """Clôt un plan d'apurement (soldé, abandonné ou remplacé) ; un plan clos le reste."""
    perms.exiger(perms.acces_gestion(acteur, plan.occupation.operateur_id))
    if plan.clos_le is not None:
        raise ValidationError(
            {"__all__": [f"Plan d'apurement : déjà clos le {plan.clos_le:%d/%m/%Y}."]}
        )
    plan.clos_le = aujourd_hui
    plan.save(update_fields=["clos_le"])
    return plan
