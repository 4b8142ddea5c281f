"""Le plan d'accompagnement : ouverture, modification, fin avec son issue ; objectifs et leur
statut ; revues ; étapes de la liste cochées (R-ACCOMP-PLAN, R-ACCOMP-ETAPES, dispositifs).

Chaque écriture vérifie le droit (référent ou direction), contrôle par `regles.accompagnement`
et lève toutes les erreurs ensemble, chacune sous son champ ; rien n'est écrit en cas d'erreur.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from iml.accompagnement import perms
from iml.accompagnement.models import (
    Besoin,
    EtapeCochee,
    FinancementPlan,
    Objectif,
    Plan,
    RevuePlan,
)
from iml.accompagnement.parametres import bareme
from iml.accompagnement.selectors import forme_du_menage
from iml.comptes.acteur import Acteur
from iml.menages.models import Menage
from iml.occupations.models import Occupation
from iml.parc.services.commun import enregistrer
from regles.accompagnement import CriteresChezSoi, PlanSaisi, verifier_plan
from regles.dispositifs import Financement
from regles.types import Dispositif, Financeur, Niveau, StatutOccupation
from regles.types_accompagnement import (
    NiveauBesoin,
    OrigineObjectif,
    Realisation,
    StatutObjectif,
)

FUTUR = "la date ne peut pas être dans le futur."


@dataclass
class SaisiePlan:
    """Ce que la personne saisit pour ouvrir ou modifier un plan."""

    debut_le: date
    intensite: str
    realisation: str
    duree_prevue_mois: int
    besoins: dict[str, str]
    partenaire_delegue: str = ""
    service_droit_commun: str = ""
    dispositif: str = Dispositif.IML_ETAT
    chez_soi_sans_abri: bool | None = None
    chez_soi_trouble_atteste: bool | None = None
    chez_soi_demande: bool | None = None
    financements: list[tuple[str, Decimal | None]] = field(default_factory=list)


def _exiger_ouvert(plan: Plan) -> None:
    if not plan.ouvert:
        raise ValidationError(
            f"Ce plan est clos depuis le {plan.fin_le:%d/%m/%Y} : ouvrez-en un nouveau."
        )


def _erreurs_regles(menage: Menage, plan: Plan | None, s: SaisiePlan) -> dict[str, list[str]]:
    forme, glissant = forme_du_menage(menage, plan)
    saisi = PlanSaisi(
        besoins={d: NiveauBesoin(n) for d, n in s.besoins.items()},
        realisation=Realisation(s.realisation),
        partenaire_delegue=s.partenaire_delegue,
        service_droit_commun=s.service_droit_commun,
        duree_prevue_mois=s.duree_prevue_mois,
        dispositif=Dispositif(s.dispositif),
        forme=forme,
        bail_glissant=glissant,
        criteres_chez_soi=CriteresChezSoi(
            s.chez_soi_sans_abri, s.chez_soi_trouble_atteste, s.chez_soi_demande
        ),
        financements=tuple(Financement(Financeur(f), m) for f, m in s.financements),
    )
    erreurs: dict[str, list[str]] = {}
    for constat in verifier_plan(saisi, bareme()):
        if constat.niveau is Niveau.ERREUR:
            erreurs.setdefault(constat.champ or "__all__", []).append(constat.message)
    return erreurs


def _poser(plan: Plan, s: SaisiePlan) -> None:
    for champ in (
        "debut_le",
        "intensite",
        "realisation",
        "duree_prevue_mois",
        "dispositif",
        "chez_soi_sans_abri",
        "chez_soi_trouble_atteste",
        "chez_soi_demande",
    ):
        setattr(plan, champ, getattr(s, champ))
    plan.partenaire_delegue = (
        s.partenaire_delegue.strip() if s.realisation == Realisation.DELEGUE else ""
    )
    plan.service_droit_commun = (
        s.service_droit_commun if s.realisation == Realisation.DROIT_COMMUN else ""
    )
    if s.dispositif != Dispositif.UN_CHEZ_SOI_D_ABORD:
        plan.chez_soi_sans_abri = plan.chez_soi_trouble_atteste = plan.chez_soi_demande = None


def _enregistrer_plan(plan: Plan, s: SaisiePlan, aujourd_hui: date) -> Plan:
    erreurs = _erreurs_regles(plan.menage, plan if plan.pk else None, s)
    if s.debut_le and s.debut_le > aujourd_hui:
        erreurs.setdefault("debut_le", []).append(f"Début de l'accompagnement : {FUTUR}")
    financeurs = [f for f, _ in s.financements]
    if len(set(financeurs)) != len(financeurs):
        erreurs.setdefault("financements", []).append(
            "R-COFUNDING : un financeur ne figure qu'une fois ; additionnez ses montants."
        )
    _poser(plan, s)
    try:
        with transaction.atomic():
            enregistrer(plan, erreurs)
    except IntegrityError as erreur:  # deux envois simultanés du même formulaire
        raise ValidationError("Ce ménage a déjà un plan d'accompagnement ouvert.") from erreur
    plan.besoins.all().delete()
    Besoin.objects.bulk_create(
        Besoin(plan=plan, domaine=d, niveau=n) for d, n in sorted(s.besoins.items())
    )
    plan.financements.all().delete()
    FinancementPlan.objects.bulk_create(
        FinancementPlan(plan=plan, financeur=f, montant_annuel=m) for f, m in s.financements
    )
    return plan


@transaction.atomic
def ouvrir_plan(*, acteur: Acteur, menage: Menage, saisie: SaisiePlan, aujourd_hui: date) -> Plan:
    """R-ACCOMP-PLAN : un plan part des besoins évalués ; un seul plan ouvert par ménage."""
    perms.exiger_accompagnement(acteur, menage)
    if menage.plans.filter(fin_le=None).exists():
        raise ValidationError("Ce ménage a déjà un plan d'accompagnement ouvert.")
    occupation = Occupation.objects.filter(menage=menage, statut=StatutOccupation.EN_COURS).first()
    plan = Plan(menage=menage, occupation=occupation, cree_par=acteur.utilisateur)
    return _enregistrer_plan(plan, saisie, aujourd_hui)


@transaction.atomic
def modifier_plan(*, acteur: Acteur, plan: Plan, saisie: SaisiePlan, aujourd_hui: date) -> Plan:
    perms.exiger_accompagnement(acteur, plan.menage)
    _exiger_ouvert(plan)
    return _enregistrer_plan(plan, saisie, aujourd_hui)


@transaction.atomic
def clore_plan(
    *, acteur: Acteur, plan: Plan, fin_le: date, issue: str, note_fin: str, aujourd_hui: date
) -> Plan:
    """La fin de l'accompagnement et son issue ; les objectifs encore en cours sont abandonnés
    à cette date."""
    perms.exiger_accompagnement(acteur, plan.menage)
    _exiger_ouvert(plan)
    erreurs: dict[str, list[str]] = {}
    if fin_le and fin_le > aujourd_hui:
        erreurs["fin_le"] = [f"Fin de l'accompagnement : {FUTUR}"]
    elif fin_le and fin_le < plan.debut_le:
        erreurs["fin_le"] = [
            f"Fin de l'accompagnement : elle ne peut précéder son début ({plan.debut_le:%d/%m/%Y})."
        ]
    if not issue:
        erreurs["issue"] = ["Issue : dites comment l'accompagnement se termine."]
    plan.fin_le, plan.issue, plan.note_fin = fin_le, issue, note_fin.strip()
    enregistrer(plan, erreurs)
    plan.objectifs.filter(statut=StatutObjectif.EN_COURS).update(
        statut=StatutObjectif.ABANDONNE, clos_le=fin_le
    )
    return plan


@transaction.atomic
def ajouter_objectif(
    *,
    acteur: Acteur,
    plan: Plan,
    domaine: str,
    libelle: str,
    revue_le: date,
    aujourd_hui: date,
    origine: str = OrigineObjectif.PLAN,
) -> Objectif:
    perms.exiger_accompagnement(acteur, plan.menage)
    _exiger_ouvert(plan)
    objectif = Objectif(
        plan=plan,
        domaine=domaine,
        libelle=libelle.strip(),
        revue_le=revue_le,
        origine=origine,
        ouvert_le=aujourd_hui,
    )
    erreurs = {}
    if revue_le and revue_le < plan.debut_le:
        erreurs["revue_le"] = ["À revoir le : la date ne peut précéder le début du plan."]
    return enregistrer(objectif, erreurs)


@transaction.atomic
def changer_statut_objectif(
    *, acteur: Acteur, objectif: Objectif, statut: str, aujourd_hui: date
) -> Objectif:
    """Atteint ou abandonné : clos ce jour ; remis en cours : rouvert, sauf une action ouverte
    par les impayés (R-ACCOMP-IMPAYES), qui ne se rouvre que d'elle-même."""
    perms.exiger_accompagnement(acteur, objectif.plan.menage)
    _exiger_ouvert(objectif.plan)
    if (
        statut == StatutObjectif.EN_COURS
        and objectif.origine == OrigineObjectif.IMPAYES
        and objectif.statut != StatutObjectif.EN_COURS
    ):
        raise ValidationError(
            {
                "statut": [
                    "R-ACCOMP-IMPAYES : une action ouverte par les impayés ne se remet pas en "
                    "cours à la main ; elle se rouvre d'elle-même si la dette atteint de nouveau "
                    "le seuil."
                ]
            }
        )
    objectif.statut = statut
    objectif.clos_le = None if statut == StatutObjectif.EN_COURS else aujourd_hui
    return enregistrer(objectif)


@transaction.atomic
def noter_revue(
    *, acteur: Acteur, plan: Plan, le: date, intensite: str, conclusion: str, aujourd_hui: date
) -> RevuePlan:
    """Une revue du plan ; l'intensité décidée devient celle du plan."""
    perms.exiger_accompagnement(acteur, plan.menage)
    _exiger_ouvert(plan)
    revue = RevuePlan(
        plan=plan, le=le, par=acteur.utilisateur, intensite=intensite, conclusion=conclusion.strip()
    )
    erreurs = {}
    if le and le > aujourd_hui:
        erreurs["le"] = [f"Revu le : {FUTUR}"]
    elif le and le < plan.debut_le:
        erreurs["le"] = ["Revu le : la date ne peut précéder le début du plan."]
    enregistrer(revue, erreurs)
    plan.intensite = intensite
    plan.save(update_fields=["intensite", "modifie_le"])
    return revue


@transaction.atomic
def cocher_etape(
    *, acteur: Acteur, plan: Plan, code: str, faite_le: date, aujourd_hui: date
) -> EtapeCochee:
    """R-ACCOMP-ETAPES : une étape de la liste de la forme du ménage, faite ce jour-là, par
    l'acteur ; cochée une fois."""
    perms.exiger_accompagnement(acteur, plan.menage)
    _exiger_ouvert(plan)
    parametres = bareme().accompagnement
    forme, _ = forme_du_menage(plan.menage, plan)
    codes = {e.code for e in parametres.etapes if forme in e.formes}
    if code not in codes:
        raise ValidationError(
            {"code": ["R-ACCOMP-ETAPES : cette étape n'est pas dans la liste de ce ménage."]}
        )
    if plan.etapes.filter(code=code).exists():
        raise ValidationError({"code": ["R-ACCOMP-ETAPES : cette étape est déjà cochée."]})
    etape = EtapeCochee(plan=plan, code=code, faite_le=faite_le, par=acteur.utilisateur)
    erreurs = {}
    if faite_le and faite_le > aujourd_hui:
        erreurs["faite_le"] = [f"Faite le : {FUTUR}"]
    elif faite_le and faite_le < plan.debut_le:
        erreurs["faite_le"] = ["Faite le : la date ne peut précéder le début du plan."]
    try:
        with transaction.atomic():
            return enregistrer(etape, erreurs)
    except IntegrityError as erreur:  # le même bouton touché deux fois
        raise ValidationError(
            {"code": ["R-ACCOMP-ETAPES : cette étape est déjà cochée."]}
        ) from erreur


@transaction.atomic
def decocher_etape(*, acteur: Acteur, etape: EtapeCochee) -> None:
    """Une coche posée par erreur se retire (le journal d'audit la garde)."""
    perms.exiger_accompagnement(acteur, etape.plan.menage)
    _exiger_ouvert(etape.plan)
    etape.delete()
