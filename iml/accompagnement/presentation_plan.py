"""Ce que le dossier d'accompagnement et la fiche du ménage montrent du plan : libellés,
dates (05/03/2026), montants (1 234,50 €), étapes par moment avec ce qui reste
(R-ACCOMP-ETAPES), objectifs d'origine « impayés » (R-ACCOMP-IMPAYES) marqués comme tels.
Lecture seule, sans requête : les objets arrivent lus par `selectors_plan`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from iml.accompagnement.models import EtapeCochee, Plan
from iml.menages.models import Menage
from regles.accompagnement import avancement, fin_prevue
from regles.dispositifs import Financement, totaux_financements
from regles.format import date_fr, euros, pluriel
from regles.parametres_accompagnement import Etape
from regles.types import Dispositif, Financeur, Mode
from regles.types_accompagnement import (
    DomaineBesoin,
    Intensite,
    IssuePlan,
    MomentEtape,
    NiveauBesoin,
    OrigineObjectif,
    Realisation,
    ServiceDroitCommun,
    StatutObjectif,
)

NON_RENSEIGNE = "non renseigné"
SANS_LOGEMENT = (
    "Le ménage n'occupe pas de logement de l'IML : la liste des étapes s'affiche à l'entrée "
    "dans un logement."
)
MG_SANS_SORTIE = "Le mandat de gestion n'a pas d'étape de sortie (000, « Zoom »)."


def _par(utilisateur: Any) -> str:
    return str(utilisateur) if utilisateur is not None else "aucun"


def realisation(plan: Plan) -> str:
    """« L'opérateur lui-même », « Par délégation à AIVS Ouest (article L. 365-3 du CCH) »,
    « Par le droit commun : Centre médico-psychologique »."""
    if plan.realisation == Realisation.DELEGUE:
        return (
            f"Par délégation à {plan.partenaire_delegue} (opérateur agréé, article L. 365-3 du CCH)"
        )
    if plan.realisation == Realisation.DROIT_COMMUN:
        service = ServiceDroitCommun(plan.service_droit_commun).libelle
        return f"Par le droit commun : {service}"
    return Realisation(plan.realisation).libelle


def resume(plan: Plan, menage: Menage, jour: date) -> dict[str, Any]:
    """Le plan en une carte : depuis, intensité, dispositif et catégorie, qui accompagne,
    durée et fin prévue (dépassée ou non), référent."""
    fin = fin_prevue(plan.debut_le, plan.duree_prevue_mois)
    return {
        "depuis": date_fr(plan.debut_le),
        "intensite": Intensite(plan.intensite).libelle,
        "dispositif": Dispositif(plan.dispositif).libelle,
        "categorie": menage.get_categorie_display() if menage.categorie else "non renseignée",
        "realisation": realisation(plan),
        "duree": pluriel(plan.duree_prevue_mois, "mois", "mois"),
        "fin_prevue": date_fr(fin),
        "fin_depassee": fin < jour,
        "referent": _par(menage.referent),
    }


def besoins(plan: Plan) -> list[dict[str, Any]]:
    """Les sept domaines, dans l'ordre, avec le niveau évalué (« pas de besoin » si absent)."""
    niveaux = {b.domaine: b.niveau for b in plan.besoins.all()}
    lignes = []
    for domaine in DomaineBesoin:
        niveau = NiveauBesoin(niveaux.get(domaine.value, NiveauBesoin.AUCUN.value))
        lignes.append(
            {
                "domaine": domaine.libelle,
                "niveau": niveau.libelle,
                "important": niveau is NiveauBesoin.IMPORTANT,
                "aucun": niveau is NiveauBesoin.AUCUN,
            }
        )
    return lignes


def chez_soi(plan: Plan) -> list[dict[str, str]] | None:
    """R-CHEZ-SOI : les trois conditions en oui / non (None hors « un chez-soi d'abord »)."""
    if plan.dispositif != Dispositif.UN_CHEZ_SOI_D_ABORD:
        return None
    lisible = {True: "oui", False: "non", None: NON_RENSEIGNE}
    return [
        {"libelle": libelle, "valeur": lisible[getattr(plan, nom)]}
        for nom, libelle in (
            ("chez_soi_sans_abri", "Sans abri à l'entrée"),
            ("chez_soi_trouble_atteste", "Trouble psychique sévère attesté par un psychiatre"),
            ("chez_soi_demande", "Demande à être logée"),
        )
    ]


def financements(plan: Plan) -> dict[str, Any]:
    """R-COFUNDING, R-UNKNOWN : chaque financeur et son montant annuel, le total (non
    renseigné si un montant l'est)."""
    lignes = list(plan.financements.all())
    total, _ = totaux_financements(
        [Financement(Financeur(f.financeur), f.montant_annuel) for f in lignes]
    )
    return {
        "lignes": [
            {"financeur": Financeur(f.financeur).libelle, "montant": euros(f.montant_annuel)}
            for f in lignes
        ],
        "total": euros(total) if lignes else "",
    }


def objectifs(plan: Plan, jour: date) -> list[dict[str, Any]]:
    """Les objectifs (en cours d'abord, par date de revue) : statut, revue à venir ou
    dépassée, origine « impayés » (R-ACCOMP-IMPAYES)."""
    lignes = []
    for o in plan.objectifs.all():
        en_cours = o.statut == StatutObjectif.EN_COURS
        statut = StatutObjectif(o.statut).libelle
        if not en_cours and o.clos_le:
            statut = f"{statut} le {date_fr(o.clos_le)}"
        lignes.append(
            {
                "o": o,
                "domaine": DomaineBesoin(o.domaine).libelle,
                "statut": statut,
                "en_cours": en_cours,
                "atteint": o.statut == StatutObjectif.ATTEINT,
                "revue": date_fr(o.revue_le),
                "revue_depassee": en_cours and o.revue_le < jour,
                "impayes": o.origine == OrigineObjectif.IMPAYES,
                "ouvert_le": date_fr(o.ouvert_le),
            }
        )
    return lignes


def revues(plan: Plan) -> list[dict[str, str]]:
    return [
        {
            "le": date_fr(r.le),
            "par": _par(r.par),
            "intensite": Intensite(r.intensite).libelle,
            "conclusion": r.conclusion,
        }
        for r in plan.revues.all()
    ]


@dataclass(frozen=True)
class MomentAffiche:
    """Un moment de la liste : ses étapes faites (date, auteur) et restantes."""

    moment: str
    titre: str
    faites: list[dict[str, Any]]
    restantes: list[dict[str, str]]
    compte: str


TITRES_MOMENTS = {
    MomentEtape.ENTREE: "À l'entrée",
    MomentEtape.PENDANT: "Pendant l'accompagnement",
    MomentEtape.SORTIE: "À la sortie",
}


def etapes(
    etapes_du_bareme: Iterable[Etape], forme: Mode | None, cochees: Iterable[EtapeCochee]
) -> list[MomentAffiche] | None:
    """R-ACCOMP-ETAPES : par moment, ce qui est fait (date, auteur) et ce qui reste ; None
    quand le ménage n'est pas logé (la liste dépend de la forme)."""
    if forme is None:
        return None
    par_code = {e.code: e for e in cochees}
    moments = []
    for a in avancement(etapes_du_bareme, forme, par_code):
        faites = [
            {
                "libelle": e.libelle,
                "le": date_fr(par_code[e.code].faite_le),
                "par": _par(par_code[e.code].par),
                "pk": par_code[e.code].pk,
            }
            for e in a.faites
        ]
        restantes = [{"code": e.code, "libelle": e.libelle} for e in a.restantes]
        compte = (
            f"{len(a.faites)} sur {a.total} faite{'s' if len(a.faites) >= 2 else ''}, "
            f"{pluriel(len(a.restantes), 'restante')}"
        )
        moments.append(
            MomentAffiche(a.moment.value, TITRES_MOMENTS[a.moment], faites, restantes, compte)
        )
    return moments


def etapes_hors_liste(
    etapes_du_bareme: Iterable[Etape], forme: Mode | None, cochees: Iterable[EtapeCochee]
) -> list[dict[str, Any]]:
    """Les coches qui ne sont pas (ou plus) dans la liste de la forme actuelle : une
    sous-location devenue mandat de gestion au glissement du bail, une étape retirée du
    barème. Elles restent lisibles, datées et signées."""
    bareme = list(etapes_du_bareme)
    libelles = {e.code: e.libelle for e in bareme}
    dans_la_liste = {e.code for e in bareme if forme in e.formes}
    return [
        {
            "libelle": libelles.get(c.code, "Étape retirée de la liste"),
            "le": date_fr(c.faite_le),
            "par": _par(c.par),
            "pk": c.pk,
        }
        for c in cochees
        if c.code not in dans_la_liste
    ]


def restantes(moments: list[MomentAffiche] | None) -> list[tuple[str, str]]:
    """Les étapes restantes, pour le choix « cocher à une autre date »."""
    return [(e["code"], e["libelle"]) for m in moments or [] for e in m.restantes]


def objectifs_abandonnes(plan: Plan) -> str:
    """Ce que la clôture fait des objectifs en cours (page de confirmation)."""
    n = sum(1 for o in plan.objectifs.all() if o.statut == StatutObjectif.EN_COURS)
    if n == 0:
        return ""
    if n == 1:
        return "1 objectif en cours sera noté abandonné à la date de fin."
    return f"{pluriel(n, 'objectif')} en cours seront notés abandonnés à la date de fin."


def plans_clos(plans: Iterable[Plan]) -> list[dict[str, str]]:
    return [
        {
            "periode": f"du {date_fr(p.debut_le)} au {date_fr(p.fin_le)}" if p.fin_le else "",
            "intensite": Intensite(p.intensite).libelle,
            "dispositif": Dispositif(p.dispositif).libelle,
            "issue": IssuePlan(p.issue).libelle if p.issue else NON_RENSEIGNE,
            "note": p.note_fin,
        }
        for p in plans
    ]


def resume_fiche(plan: Plan | None, menage: Menage, complet: bool) -> dict[str, Any]:
    """La section « Accompagnement » de la fiche du ménage : pour le référent et la direction
    (`complet`), depuis, intensité, dispositif, référent ; pour la gestion locative, qu'un plan
    existe (depuis, intensité, référent), sans plus."""
    if plan is None:
        return {"plan": None, "complet": complet, "referent": _par(menage.referent)}
    lignes = {
        "depuis": date_fr(plan.debut_le),
        "intensite": Intensite(plan.intensite).libelle,
        "referent": _par(menage.referent),
    }
    if complet:
        lignes["dispositif"] = Dispositif(plan.dispositif).libelle
    return {"plan": lignes, "complet": complet, "referent": lignes["referent"]}
