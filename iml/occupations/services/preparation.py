"""Contrôles de l'admission, sans rien écrire : l'aide au logement retenue (connue, estimée ou
aucune), les contrôles du logement (statut, forme, décence) et ceux des règles pures
(`regles.admission`), triés, avec leurs chiffres ; l'écran les montre avant confirmation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from iml.comptes.acteur import Acteur
from iml.menages import perms
from iml.menages.models import Menage
from iml.menages.selectors import ressources_au
from iml.occupations.enums import EtatEstimation, SourceAide
from iml.occupations.models import EstimationAide
from iml.occupations.parametres import bareme as bareme_en_vigueur
from iml.parc.models import Logement
from iml.parc.services.logements import constats_decence
from regles.admission import DemandeAdmission, ResultatAdmission, controler_admission
from regles.bareme import Bareme
from regles.constats import Constat, erreur, info, trier
from regles.effort import ResultatEffort
from regles.format import date_fr, euros
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
        return chiffres_figes(self.resultat.effort, self.ressources, self.aide)


def chiffres_figes(
    e: ResultatEffort, ressources: Decimal | None, aide: Decimal | None
) -> dict[str, str | None]:
    """Les chiffres d'un contrôle d'admission tels qu'ils sont figés (chaînes décimales)."""

    def s(v: Decimal | None) -> str | None:
        return None if v is None else str(v)

    return {
        "ressources": s(ressources),
        "aide_logement": s(aide),
        "cout_net": s(e.cout_net),
        "taux_effort_pct": s(e.taux_pct),
        "taux_effort_max_pct": s(e.taux_max_pct),
        "reste_a_vivre_mensuel": s(e.reste_a_vivre_mensuel),
        "reste_a_vivre_jour_personne": s(e.reste_a_vivre_jour_personne),
    }


def constat_aide(forme: str, montant: Decimal | None) -> Constat:
    """Le constat de l'aide retenue quand elle n'est pas estimée : connue (`montant`), ou
    aucune (`None` : le taux est calculé sans aide)."""
    regle = "R-EFFORT-SL" if forme == Mode.SOUS_LOCATION else "R-EFFORT-MG"
    if montant is not None:
        return info(regle, f"aide au logement connue : {euros(montant)} par mois.")
    return info(
        regle, "aucune aide au logement connue ni estimée : taux d'effort calculé sans aide."
    )


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
    if NatureRessource.AIDE_LOGEMENT in courantes:
        montant = courantes[NatureRessource.AIDE_LOGEMENT]
        return SourceAide.REELLE, montant, None, constat_aide(logement.forme, montant)
    estimation = derniere_estimation(menage, logement, loyer, charges)
    if estimation is not None:
        regle = "R-EFFORT-SL" if logement.forme == Mode.SOUS_LOCATION else "R-EFFORT-MG"
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
    aucune = Decimal("0.00")
    return SourceAide.AUCUNE, aucune, None, constat_aide(logement.forme, None)


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
            erreur("R-PARC", "la date d'entrée ne peut pas être dans le futur.", "date_entree")
        )
    if not dans_les_lieux:
        constats += _apres_le_precedent(logement, date_entree)
    constats += [c for c in constats_decence(logement, date_entree) if c.niveau == "erreur"]
    return constats


def _apres_le_precedent(logement: Logement, date_entree: date) -> list[Constat]:
    """R-PARC : deux occupations d'un logement ne se chevauchent pas."""
    derniere_sortie = logement.occupations.aggregate(Max("date_sortie"))["date_sortie__max"]
    if derniere_sortie is None or date_entree > derniere_sortie:
        return []
    return [
        erreur(
            "R-PARC",
            f"le ménage précédent a quitté ce logement le {date_fr(derniere_sortie)} : "
            "l'entrée se fait après cette date.",
            "date_entree",
        )
    ]


@dataclass(frozen=True)
class Saisie:
    """Ce que l'admission reçoit de l'écran, de l'import ou d'un glissement."""

    forme: str
    date_entree: date
    loyer: Decimal | None
    charges: Decimal | None
    bail_glissant: bool = False
    suite_parcours: str = ""


def _demande(
    menage: Menage, logement: Logement, saisie: Saisie, aide: Decimal | None, ressources
) -> DemandeAdmission:
    """La demande que contrôlent les règles pures (`regles.admission`)."""
    convention = logement.convention
    financee = (convention.dossier.contenu or {}).get("categorie") if convention else None
    return DemandeAdmission(
        mode=Mode(saisie.forme),
        bail_glissant=saisie.bail_glissant,
        typologie=Typologie(logement.typologie),
        capacite_logement=logement.capacite,
        personnes=1 + menage.personnes.count(),
        loyer=saisie.loyer,
        charges=saisie.charges,
        aide_logement=aide,
        ressources=ressources,
        categorie=Categorie(menage.categorie) if menage.categorie else None,
        public_specialise=menage.public_specialise or None,
        categorie_financee=Categorie(financee) if financee in set(Categorie) else None,
        convention=convention is not None,
        suite_parcours=SuiteParcours(saisie.suite_parcours) if saisie.suite_parcours else None,
    )


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
    saisie = Saisie(forme, date_entree, loyer, charges, bail_glissant, suite_parcours)
    return preparer(acteur, menage, logement, saisie, aujourd_hui, dans_les_lieux)


def preparer(
    acteur: Acteur,
    menage: Menage,
    logement: Logement,
    saisie: Saisie,
    aujourd_hui: date,
    dans_les_lieux: bool,
) -> Preparation:
    """`preparer_admission` sur une saisie déjà rassemblée (l'admission la réutilise)."""
    perms.exiger(perms.acces_gestion(acteur, menage.operateur_id))
    if logement.operateur_id != menage.operateur_id:
        raise ValidationError({"logement": ["Choisissez un logement de votre parc."]})
    bareme = bareme_en_vigueur()
    courantes = ressources_au(list(menage.ressources.all()), aujourd_hui)
    source, aide, estimation, constat_aide = _aide(
        menage, logement, saisie.loyer, saisie.charges, courantes
    )
    ressources = sum(courantes.values(), Decimal("0.00")) if courantes else None
    if ressources is not None and source is SourceAide.ESTIMEE:
        ressources += aide
    resultat = controler_admission(_demande(menage, logement, saisie, aide, ressources), bareme)
    du_logement = tuple(
        _controles_logement(logement, saisie.forme, saisie.date_entree, aujourd_hui, dans_les_lieux)
    )
    constats = trier([*du_logement, *resultat.constats, constat_aide])
    return Preparation(
        resultat, constats, du_logement, source, aide, ressources, estimation, bareme
    )
