"""Démonstration de l'accompagnement : les plans (profils variés, objectifs, revues, étapes
cochées, fin avec son issue) et l'action budgétaire ouverte par les impayés, tous écrits par
`iml.accompagnement.services.plans`. Les dates se calculent depuis aujourd'hui et ne sont
jamais dans le futur."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from iml.accompagnement.models import Objectif, Plan
from iml.accompagnement.parametres import parametres_accompagnement
from iml.accompagnement.services import plans
from iml.accompagnement.services.plans import SaisiePlan
from iml.comptes.acteur import Acteur
from iml.menages.models import Menage
from iml.occupations.models import Occupation
from regles.accompagnement import etapes_de
from regles.types import Mode
from regles.types_accompagnement import MomentEtape, OrigineObjectif, StatutObjectif

NIVEAUX = {"I": "IMPORTANT", "P": "PONCTUEL"}


@dataclass(frozen=True)
class Profil:
    """Un plan type : intensité à l'ouverture puis après la revue des six mois, qui
    accompagne (et le partenaire délégué ou le service de droit commun), durée prévue,
    dispositif, besoins (« BUDGET:I » = besoin important, « :P » = ponctuel)."""

    depart: str
    intensite: str
    realisation: str
    detail: str
    duree: int
    dispositif: str
    besoins: str
    sans_contact: bool = False

    def saisie(self, debut: date) -> SaisiePlan:
        besoins = dict(b.split(":") for b in self.besoins.split())
        return SaisiePlan(
            debut_le=debut,
            intensite=self.depart,
            realisation=self.realisation,
            duree_prevue_mois=self.duree,
            besoins={d: NIVEAUX[n] for d, n in besoins.items()},
            partenaire_delegue=self.detail if self.realisation == "DELEGUE" else "",
            service_droit_commun=self.detail if self.realisation == "DROIT_COMMUN" else "",
            dispositif=self.dispositif,
            financements=list(FINANCEMENTS.get(self.dispositif, [])),
        )

    @property
    def domaines(self) -> list[str]:
        return [b.split(":")[0] for b in self.besoins.split()]


def _p(*valeurs, sans_contact: bool = False) -> Profil:
    return Profil(*valeurs, sans_contact=sans_contact)


#: Mandat de gestion (AIS Rennes, Nadia) : du plus récent au plus ancien ménage logé.
PROFILS_MG = (
    _p("REGULIERE", "REGULIERE", "INTERNE", "", 12, "IML_ETAT", "BUDGET:I DEMARCHES_DROITS:P"),
    _p("LEGERE", "LEGERE", "DROIT_COMMUN", "FSL", 6, "IML_ETAT", "SAVOIR_HABITER:P"),
    _p("RENFORCEE", "RENFORCEE", "INTERNE", "", 36, "MESURE_CD", "BUDGET:I ISOLEMENT:I"),
    _p("REGULIERE", "REGULIERE", "INTERNE", "", 12, "IML_ETAT",
      "EMPLOI_FORMATION:I DEMARCHES_DROITS:P"),
    _p("LEGERE", "LEGERE", "INTERNE", "", 6, "IML_ETAT", "DEMARCHES_DROITS:P", sans_contact=True),
    _p("REGULIERE", "REGULIERE", "DROIT_COMMUN", "SECTEUR", 12, "IML_ETAT",
      "PARENTALITE:I BUDGET:P"),
    _p("RENFORCEE", "REGULIERE", "INTERNE", "", 18, "IML_ETAT", "BUDGET:I SANTE:P"),
    _p("LEGERE", "LEGERE", "INTERNE", "", 12, "IML_ETAT", "SAVOIR_HABITER:P ISOLEMENT:P"),
    _p("REGULIERE", "LEGERE", "INTERNE", "", 24, "IML_ETAT", "EMPLOI_FORMATION:P BUDGET:P"),
    _p("RENFORCEE", "REGULIERE", "INTERNE", "", 24, "IML_ETAT", "BUDGET:I DEMARCHES_DROITS:I"),
    _p("REGULIERE", "REGULIERE", "INTERNE", "", 24, "IML_ETAT", "BUDGET:I PARENTALITE:P"),
)  # fmt: skip
#: Sous-location (Le Relais) : ménages d'Inès, du plus récent au plus ancien, puis de Nadia.
PROFILS_SL = (
    _p("REGULIERE", "REGULIERE", "INTERNE", "", 12, "IML_ETAT", "DEMARCHES_DROITS:I BUDGET:P"),
    _p("RENFORCEE", "RENFORCEE", "INTERNE", "", 18, "IML_ETAT", "BUDGET:I SAVOIR_HABITER:I"),
    _p("REGULIERE", "REGULIERE", "DELEGUE", "Clés pour l'habitat 35", 12, "IML_ETAT",
      "EMPLOI_FORMATION:I"),
    _p("RENFORCEE", "REGULIERE", "INTERNE", "", 18, "IML_ETAT", "ISOLEMENT:I DEMARCHES_DROITS:P"),
    _p("LEGERE", "LEGERE", "INTERNE", "", 6, "IML_ETAT", "DEMARCHES_DROITS:P", sans_contact=True),
    _p("REGULIERE", "REGULIERE", "INTERNE", "", 12, "IML_ETAT", "PARENTALITE:P BUDGET:I"),
    _p("RENFORCEE", "REGULIERE", "INTERNE", "", 18, "IML_ETAT", "SAVOIR_HABITER:I SANTE:P"),
    _p("REGULIERE", "LEGERE", "INTERNE", "", 24, "IML_ETAT", "EMPLOI_FORMATION:P"),
)  # fmt: skip
PROFILS_NADIA_RELAIS = (
    _p("REGULIERE", "REGULIERE", "INTERNE", "", 12, "IML_ETAT", "BUDGET:P DEMARCHES_DROITS:I"),
    _p("RENFORCEE", "RENFORCEE", "DROIT_COMMUN", "SAVS", 18, "IML_ETAT", "SANTE:I ISOLEMENT:I"),
)  # fmt: skip
PETIT_CHEZ_SOI = _p("RENFORCEE", "RENFORCEE", "INTERNE", "", 24, "UN_PETIT_CHEZ_SOI",
                   "SANTE:I SAVOIR_HABITER:I ISOLEMENT:P")  # fmt: skip
#: R-COFUNDING : « un petit chez-soi » = 7 000 € ARS + 7 000 € État par place (000).
FINANCEMENTS_PETIT_CHEZ_SOI = [("ARS", Decimal("7000.00")), ("ETAT_P177", Decimal("7000.00"))]
#: R-CD-MEASURES : la mesure départementale et son montant annuel.
FINANCEMENTS_CD = [("CONSEIL_DEPARTEMENTAL", Decimal("3500.00"))]
FINANCEMENTS = {"UN_PETIT_CHEZ_SOI": FINANCEMENTS_PETIT_CHEZ_SOI, "MESURE_CD": FINANCEMENTS_CD}
#: Plans clos des ménages sortis (IML d'État).
PROFILS_CLOS = (
    _p("REGULIERE", "REGULIERE", "INTERNE", "", 12, "IML_ETAT", "DEMARCHES_DROITS:I BUDGET:P"),
    _p("RENFORCEE", "RENFORCEE", "INTERNE", "", 18, "IML_ETAT", "BUDGET:I SAVOIR_HABITER:P"),
    _p("LEGERE", "LEGERE", "INTERNE", "", 6, "IML_ETAT", "EMPLOI_FORMATION:P"),
)  # fmt: skip

OBJECTIFS = {
    "BUDGET": ("Tenir un budget mensuel et régler le loyer à date",
               "Réduire les factures d'énergie en retard"),
    "DEMARCHES_DROITS": ("Ouvrir les droits à l'aide au logement",
                         "Mettre à jour le dossier de la CAF"),
    "SAVOIR_HABITER": ("Relever les compteurs chaque mois", "Entretenir la ventilation"),
    "SANTE": ("Trouver un médecin traitant", "Ouvrir la complémentaire santé solidaire"),
    "EMPLOI_FORMATION": ("S'inscrire à France Travail", "Suivre un atelier CV"),
    "PARENTALITE": ("Inscrire les enfants au centre de loisirs", "Préparer la rentrée scolaire"),
    "ISOLEMENT": ("Participer à une activité du quartier", "Reprendre contact avec la famille"),
}  # fmt: skip
#: R-ACCOMP-IMPAYES : l'action de soutien budgétaire ouverte par les impayés.
LIBELLE_IMPAYES = "Soutien budgétaire : reprise du paiement du loyer et suivi du plan d'apurement"
CONCLUSIONS = {
    "REGULIERE": "Objectifs de l'entrée tenus ; rythme des rencontres allégé.",
    "LEGERE": "Le ménage est autonome sur l'essentiel ; un point par mois suffit.",
    "RENFORCEE": "Rencontres maintenues chaque semaine.",
}
#: Issue de l'accompagnement selon la destination de la sortie.
ISSUES = {
    "LOGEMENT_SOCIAL": "SORTIE_LOGEMENT",
    "LOGEMENT_PRIVE": "SORTIE_LOGEMENT",
    "GLISSEMENT_BAIL": "OBJECTIFS_ATTEINTS",
    "GLISSEMENT_MANDAT": "OBJECTIFS_ATTEINTS",
    "HEBERGEMENT": "RELAIS_DROIT_COMMUN",
    "RUE": "RUPTURE",
    "INCONNUE": "RUPTURE",
}
JOUR = timedelta(days=1)


def _duree(profil: Profil, debut: date, aujourd_hui: date) -> int:
    """La durée prévue du profil, prolongée par semestres quand elle est déjà écoulée (un plan
    renouvelé à sa revue) ; une mesure départementale reste dans ses 36 mois."""
    ecoules = (aujourd_hui - debut).days // 30
    duree = profil.duree
    while duree <= ecoules + 2 and profil.dispositif != "MESURE_CD":
        duree += 6
    return duree


def ouvrir(acteur: Acteur, menage: Menage, profil: Profil, debut: date, aujourd_hui: date) -> Plan:
    saisie = profil.saisie(debut)
    saisie.duree_prevue_mois = _duree(profil, debut, aujourd_hui)
    return plans.ouvrir_plan(acteur=acteur, menage=menage, saisie=saisie, aujourd_hui=aujourd_hui)


def revoir(acteur: Acteur, plan: Plan, profil: Profil, aujourd_hui: date) -> None:
    """La revue des six mois décide l'intensité actuelle du profil."""
    le = plan.debut_le + timedelta(days=182)
    if le <= aujourd_hui:
        plans.noter_revue(
            acteur=acteur, plan=plan, le=le, intensite=profil.intensite,
            conclusion=CONCLUSIONS[profil.intensite], aujourd_hui=aujourd_hui,
        )  # fmt: skip


def objectifs(acteur: Acteur, plan: Plan, profil: Profil, rang: int, aujourd_hui: date) -> None:
    """Un premier objectif à revoir trois mois après le début (atteint, ou abandonné, s'il est
    passé) ; un second à revoir bientôt, ou en retard de revue un ménage sur six."""
    domaines = profil.domaines
    revue = plan.debut_le + timedelta(days=91)
    premier = plans.ajouter_objectif(
        acteur=acteur, plan=plan, domaine=domaines[0], libelle=OBJECTIFS[domaines[0]][0],
        revue_le=revue, aujourd_hui=plan.debut_le,
    )  # fmt: skip
    ouvert_le = plan.debut_le
    if revue <= aujourd_hui - timedelta(days=14):
        statut = StatutObjectif.ABANDONNE if rang % 4 == 3 else StatutObjectif.ATTEINT
        plans.changer_statut_objectif(
            acteur=acteur, objectif=premier, statut=statut, aujourd_hui=revue
        )
        ouvert_le = revue
    a_revoir = aujourd_hui + timedelta(days=12 + 9 * (rang % 6))
    if rang % 6 == 4:
        a_revoir = max(aujourd_hui - timedelta(days=10), plan.debut_le)
    plans.ajouter_objectif(
        acteur=acteur, plan=plan, domaine=domaines[-1], libelle=OBJECTIFS[domaines[-1]][1],
        revue_le=a_revoir, aujourd_hui=ouvert_le,
    )  # fmt: skip


def _a_cocher(forme: Mode, age: int, sortie_proche: bool) -> list:
    """R-ACCOMP-ETAPES : la moitié des étapes d'entrée pendant les 75 premiers jours,
    toutes ensuite ; au-delà de quatre mois, une étape « pendant » par deux mois ; à
    l'approche de la sortie, les deux premières étapes de sortie."""
    etapes = etapes_de(parametres_accompagnement().etapes, forme)
    par_moment = {m: [e for e in etapes if e.moment is m] for m in MomentEtape}
    entree = par_moment[MomentEtape.ENTREE]
    choisies = [(e, 3 + 9 * i) for i, e in enumerate(entree)]
    if age < 75:
        choisies = choisies[: (len(entree) + 1) // 2]
    if age >= 120:
        pendant = par_moment[MomentEtape.PENDANT][: age // 60]
        choisies += [(e, 60 * (i + 1)) for i, e in enumerate(pendant)]
    if sortie_proche:
        choisies += [
            (e, age - 20 + 7 * i) for i, e in enumerate(par_moment[MomentEtape.SORTIE][:2])
        ]
    return choisies


def etapes(acteur: Acteur, plan: Plan, occupation: Occupation, aujourd_hui: date) -> int:
    """Les étapes de la liste de la forme du ménage cochées à leur date ; renvoie leur nombre."""
    age = (aujourd_hui - plan.debut_le).days
    sortie_proche = occupation.forme == Mode.SOUS_LOCATION and occupation.periodes.count() == 3
    choisies = _a_cocher(Mode(occupation.forme), age, sortie_proche)
    for etape, jours in choisies:
        faite_le = min(plan.debut_le + timedelta(days=jours), aujourd_hui)
        plans.cocher_etape(
            acteur=acteur, plan=plan, code=etape.code, faite_le=faite_le, aujourd_hui=aujourd_hui
        )
    return len(choisies)


def plan_clos(acteur: Acteur, occupation: Occupation, profil: Profil, aujourd_hui: date) -> Plan:
    """Le plan d'un ménage sorti : ouvert à son entrée, un objectif atteint, clos le jour de
    la sortie avec l'issue qui suit sa destination (les objectifs en cours sont abandonnés)."""
    debut, fin = occupation.date_entree, occupation.date_sortie
    saisie = profil.saisie(debut)
    plan = plans.ouvrir_plan(
        acteur=acteur, menage=occupation.menage, saisie=saisie, aujourd_hui=aujourd_hui
    )
    domaines = profil.domaines
    for i, domaine in enumerate(domaines[:2]):
        objectif = plans.ajouter_objectif(
            acteur=acteur, plan=plan, domaine=domaine, libelle=OBJECTIFS[domaine][i],
            revue_le=min(debut + timedelta(days=91), fin), aujourd_hui=debut,
        )  # fmt: skip
        if i == 0:
            plans.changer_statut_objectif(
                acteur=acteur, objectif=objectif, statut=StatutObjectif.ATTEINT,
                aujourd_hui=min(debut + timedelta(days=91), fin),
            )  # fmt: skip
    return plans.clore_plan(
        acteur=acteur, plan=plan, fin_le=fin, issue=ISSUES.get(occupation.destination, "AUTRE"),
        note_fin="Fin de l'accompagnement à la sortie du logement.", aujourd_hui=aujourd_hui,
    )  # fmt: skip


def ouvrir_action_impayes(
    acteur: Acteur, plan: Plan, ouverte_le: date, aujourd_hui: date
) -> Objectif:
    """R-ACCOMP-IMPAYES : l'objectif d'origine « impayés », ouvert le jour où la dette a
    atteint le seuil (la tâche quotidienne le refermera quand elle sera soldée)."""
    return plans.ajouter_objectif(
        acteur=acteur, plan=plan, domaine="BUDGET", libelle=LIBELLE_IMPAYES,
        revue_le=aujourd_hui + timedelta(days=30), aujourd_hui=max(ouverte_le, plan.debut_le),
        origine=OrigineObjectif.IMPAYES,
    )  # fmt: skip
