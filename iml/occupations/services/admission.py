"""Admission d'un ménage dans un logement : un service contrôle (R-CAPACITY, R-EFFORT-MG ou
R-EFFORT-SL avec le reste à vivre, R-CATEGORY, R-SL-DURATION, décence, forme), montre chiffres
et règles avant confirmation, puis admet : occupation, contrôle figé avec la version du barème,
première période (sous-location) ou fin du financement (mandat de gestion), premier tarif,
logement « occupé ». Une erreur bloque, sauf dérogation de la direction là où la règle la
permet (`regles.admission.DEROGEABLES`), avec une justification écrite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.menages.models import Menage
from iml.menages.selectors import ressources_au
from iml.occupations.enums import EtatEstimation, SourceAide
from iml.occupations.models import (
    ControleAdmission,
    EstimationAide,
    EvenementOccupation,
    Occupation,
    Periode,
    Tarif,
)
from iml.occupations.parametres import bareme as bareme_en_vigueur
from iml.parc.models import Logement
from iml.parc.services.logements import changer_statut_logement, constats_decence
from regles.admission import DemandeAdmission, ResultatAdmission, controler_admission
from regles.bareme import Bareme
from regles.constats import Constat, erreur, info, trier
from regles.format import date_fr, euros
from regles.occupations import fin_financement_mandat, periodes_permises
from regles.types import Categorie, Mode, NatureRessource, StatutLogement, SuiteParcours, Typologie

STATUTS_ADMISSIBLES = (StatutLogement.DISPONIBLE, StatutLogement.VACANT)


@dataclass(frozen=True)
class Preparation:
    """Ce que l'écran montre avant confirmation : constats triés, chiffres, aide retenue."""

    resultat: ResultatAdmission
    constats: tuple[Constat, ...]
    bloquants_logement: tuple[Constat, ...]
    source_aide: SourceAide
    aide: Decimal | None
    ressources: Decimal | None
    estimation: EstimationAide | None
    bareme: Bareme

    @property
    def bloquant(self) -> bool:
        return any(c.niveau == "erreur" for c in self.constats)

    @property
    def derogeable(self) -> bool:
        """Tout ce qui bloque vient de l'admission et admet une dérogation."""
        return not self.bloquants_logement and self.resultat.derogeable

    def chiffres(self) -> dict[str, str | None]:
        """Les chiffres figés avec le contrôle (chaînes décimales, JSON)."""
        e = self.resultat.effort

        def s(v: Decimal | None) -> str | None:
            return None if v is None else str(v)

        return {
            "ressources": s(self.ressources),
            "aide_logement": s(self.aide),
            "cout_net": s(e.cout_net),
            "taux_effort_pct": s(e.taux_pct),
            "taux_effort_max_pct": s(e.taux_max_pct),
            "reste_a_vivre_mensuel": s(e.reste_a_vivre_mensuel),
            "reste_a_vivre_jour_personne": s(e.reste_a_vivre_jour_personne),
        }


def derniere_estimation(
    menage: Menage, logement: Logement, loyer: Decimal | None, charges: Decimal | None
) -> EstimationAide | None:
    """La dernière estimation faite pour ce ménage, ce logement, ce loyer et ces charges."""
    if loyer is None or charges is None:
        return None
    return (
        EstimationAide.objects.filter(
            menage=menage,
            logement=logement,
            loyer=loyer,
            charges=charges,
            etat=EtatEstimation.FAITE,
        )
        .order_by("-calculee_le", "-pk")
        .first()
    )


def _aide(
    menage: Menage, logement: Logement, loyer, charges, courantes: dict
) -> tuple[SourceAide, Decimal | None, EstimationAide | None, Constat]:
    """L'aide au logement retenue : connue (ressource du ménage), sinon estimée, sinon aucune ;
    le constat dit laquelle."""
    regle = "R-EFFORT-SL" if logement.forme == Mode.SOUS_LOCATION else "R-EFFORT-MG"
    if NatureRessource.AIDE_LOGEMENT in courantes:
        montant = courantes[NatureRessource.AIDE_LOGEMENT]
        return (
            SourceAide.REELLE,
            montant,
            None,
            info(regle, f"aide au logement connue : {euros(montant)} par mois."),
        )
    estimation = derniere_estimation(menage, logement, loyer, charges)
    if estimation is not None:
        quand = date_fr(timezone.localdate(estimation.calculee_le))
        return (
            SourceAide.ESTIMEE,
            estimation.montant,
            estimation,
            info(
                regle,
                f"aide au logement estimée à {euros(estimation.montant)} par mois le {quand} "
                f"({estimation.moteur}) : une estimation, pas un droit ouvert.",
            ),
        )
    return (
        SourceAide.AUCUNE,
        Decimal("0.00"),
        None,
        info(
            regle,
            "aucune aide au logement connue ni estimée : taux d'effort calculé sans aide.",
        ),
    )


def _controles_logement(
    logement: Logement, forme: str, date_entree: date, aujourd_hui: date, dans_les_lieux: bool
) -> list[Constat]:
    """Ce que l'admission ne peut pas lever : statut, forme et décence du logement (un ménage
    déjà dans les lieux, après le glissement de son bail, n'attend pas un logement libre)."""
    constats = []
    if logement.statut not in STATUTS_ADMISSIBLES and not dans_les_lieux:
        constats.append(
            erreur(
                "R-PARC",
                f"logement {logement.get_statut_display().lower()} : un ménage n'entre que dans "
                "un logement disponible ou vacant.",
                "logement",
            )
        )
    if forme != logement.forme:
        constats.append(
            erreur(
                "R-MODE",
                f"ce logement est mobilisé en {logement.get_forme_display().lower()} : "
                "l'occupation prend la même forme.",
                "forme",
            )
        )
    if date_entree > aujourd_hui and not dans_les_lieux:
        constats.append(
            erreur(
                "R-SL-DURATION", "la date d'entrée ne peut pas être dans le futur.", "date_entree"
            )
        )
    constats += [c for c in constats_decence(logement, date_entree) if c.niveau == "erreur"]
    return constats


def preparer_admission(
    *,
    acteur: Acteur,
    menage: Menage,
    logement: Logement,
    forme: str,
    date_entree: date,
    loyer: Decimal | None,
    charges: Decimal | None,
    bail_glissant: bool = False,
    suite_parcours: str = "",
    aujourd_hui: date,
    dans_les_lieux: bool = False,
) -> Preparation:
    """Tous les contrôles de l'admission, sans rien écrire."""
    perms.exiger(perms.acces_gestion(acteur, menage.operateur_id))
    if logement.operateur_id != menage.operateur_id:
        raise ValidationError({"logement": ["Choisissez un logement de votre parc."]})
    bareme = bareme_en_vigueur()
    courantes = ressources_au(list(menage.ressources.all()), aujourd_hui)
    source, aide, estimation, constat_aide = _aide(menage, logement, loyer, charges, courantes)
    ressources = sum(courantes.values(), Decimal("0.00")) if courantes else None
    if ressources is not None and source is SourceAide.ESTIMEE:
        ressources += aide
    convention = logement.convention
    financee = (convention.dossier.contenu or {}).get("categorie") if convention else None
    demande = DemandeAdmission(
        mode=Mode(forme),
        bail_glissant=bail_glissant,
        typologie=Typologie(logement.typologie),
        capacite_logement=logement.capacite,
        personnes=1 + menage.personnes.count(),
        loyer=loyer,
        charges=charges,
        aide_logement=aide,
        ressources=ressources,
        categorie=Categorie(menage.categorie) if menage.categorie else None,
        public_specialise=menage.public_specialise or None,
        categorie_financee=Categorie(financee) if financee in set(Categorie) else None,
        convention=convention is not None,
        suite_parcours=SuiteParcours(suite_parcours) if suite_parcours else None,
    )
    resultat = controler_admission(demande, bareme)
    du_logement = tuple(
        _controles_logement(logement, forme, date_entree, aujourd_hui, dans_les_lieux)
    )
    constats = trier([*du_logement, *resultat.constats, constat_aide])
    return Preparation(
        resultat, constats, du_logement, source, aide, ressources, estimation, bareme
    )


def _occupation_en_cours(menage: Menage) -> None:
    if menage.occupations.filter(statut="EN_COURS").exists():
        raise ValidationError(
            {"menage": ["Ce ménage occupe déjà un logement : notez d'abord sa sortie."]}
        )


@transaction.atomic
def admettre(
    *,
    acteur: Acteur,
    menage: Menage,
    logement: Logement,
    forme: str,
    date_entree: date,
    loyer: Decimal,
    charges: Decimal,
    bail_glissant: bool = False,
    suite_parcours: str = "",
    derogation: str = "",
    maintenant: datetime,
    precedente: Occupation | None = None,
    reprise: bool = False,
) -> Occupation:
    """Admet le ménage si rien ne bloque, ou si la direction lève par écrit ce que la règle
    permet de lever. Tout ou rien. `reprise` : une occupation déjà en cours, reprise par un
    import ; ce qui se lève ne bloque pas (le contrôle figé le garde, avec la mention de la
    reprise, sans auteur de dérogation) ; le reste bloque comme toujours."""
    aujourd_hui = timezone.localdate(maintenant)
    logement = Logement.objects.select_for_update().get(pk=logement.pk)
    _occupation_en_cours(menage)
    preparation = preparer_admission(
        acteur=acteur,
        menage=menage,
        logement=logement,
        forme=forme,
        date_entree=date_entree,
        loyer=loyer,
        charges=charges,
        bail_glissant=bail_glissant,
        suite_parcours=suite_parcours,
        aujourd_hui=aujourd_hui,
        dans_les_lieux=precedente is not None,
    )
    derogation = _derogation(
        acteur, menage, preparation, derogation.strip(), precedente, reprise, aujourd_hui
    )
    occupation = Occupation.objects.create(
        operateur=menage.operateur,
        menage=menage,
        logement=logement,
        forme=forme,
        bail_glissant=bail_glissant,
        date_entree=date_entree,
        suite_parcours=suite_parcours,
        fin_financement=fin_financement_mandat(date_entree, preparation.bareme)
        if forme == Mode.MANDAT_GESTION
        else None,
        precedente=precedente,
        cree_par=acteur.utilisateur,
    )
    _figer_controle(acteur, occupation, preparation, derogation, maintenant, reprise)
    Tarif.objects.create(
        occupation=occupation,
        date_effet=date_entree,
        loyer=loyer,
        charges=charges,
        cree_par=acteur.utilisateur,
    )
    if forme == Mode.SOUS_LOCATION:
        premiere = periodes_permises(date_entree, preparation.bareme)[0]
        Periode.objects.create(
            occupation=occupation,
            rang=0,
            debut=premiere.debut,
            fin=premiere.fin,
            decide_le=date_entree if reprise else aujourd_hui,
            decide_par=acteur.utilisateur,
            motif="Entrée dans le logement.",
        )
    EvenementOccupation.objects.create(
        occupation=occupation, de="", vers="EN_COURS", le=maintenant, par=acteur.utilisateur
    )
    if logement.statut != StatutLogement.OCCUPE:
        changer_statut_logement(
            acteur=acteur,
            logement=logement,
            vers=StatutLogement.OCCUPE,
            maintenant=maintenant,
            note=f"Entrée du ménage {menage.reference} le {date_fr(date_entree)}.",
        )
    return occupation


def _derogation(
    acteur: Acteur,
    menage: Menage,
    preparation: Preparation,
    derogation: str,
    precedente: Occupation | None,
    reprise: bool,
    aujourd_hui: date,
) -> str:
    """La justification figée avec le contrôle ; lève les erreurs qui bloquent l'admission."""
    if precedente is not None:
        # Le bail a glissé, le mandat de gestion suit : le ménage est chez lui, le contrôle
        # est figé pour mémoire sans rien bloquer.
        return ""
    if preparation.bloquant and reprise:
        _verifier_derogation(acteur, menage, preparation, "-", reprise=True)
        return f"Reprise d'une occupation en cours (import du {date_fr(aujourd_hui)})"
    if preparation.bloquant:
        _verifier_derogation(acteur, menage, preparation, derogation)
        return derogation
    return ""


def _verifier_derogation(
    acteur: Acteur, menage: Menage, preparation: Preparation, derogation: str, reprise: bool = False
) -> None:
    """Une admission bloquée ne passe que si la règle le permet, par la direction, avec une
    justification écrite ; sinon les erreurs, chacune sous son champ."""
    erreurs: dict[str, list[str]] = {}
    for c in preparation.constats:
        if c.niveau == "erreur":
            erreurs.setdefault(c.champ or "__all__", []).append(c.message)
    if not preparation.derogeable:
        raise ValidationError(erreurs)
    if not derogation:
        erreurs.setdefault("derogation", []).append(
            "Justification de la dérogation : obligatoire pour admettre malgré un contrôle "
            "bloquant."
        )
        raise ValidationError(erreurs)
    if not reprise:
        perms.exiger(perms.acces_derogation(acteur, menage.operateur_id), "derogation")


def _figer_controle(
    acteur: Acteur,
    occupation: Occupation,
    preparation: Preparation,
    derogation: str,
    maintenant: datetime,
    reprise: bool = False,
) -> ControleAdmission:
    estimation = preparation.estimation
    return ControleAdmission.objects.create(
        occupation=occupation,
        constats=[c.as_dict() for c in preparation.constats],
        chiffres=preparation.chiffres(),
        bareme_code=preparation.bareme.bareme_id,
        bareme_version=preparation.bareme.version,
        source_aide=preparation.source_aide,
        aide_estimee_le=estimation.calculee_le if estimation else None,
        derogation=derogation,
        derogation_par=acteur.utilisateur if derogation and not reprise else None,
        fait_le=maintenant,
        fait_par=acteur.utilisateur,
    )
