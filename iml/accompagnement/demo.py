"""Démonstration de l'accompagnement social, chargée après celle des occupations.

Nadia (travail social à l'AIS de Rennes et au Relais) et Inès (travail social au Relais)
suivent chacune une quinzaine de ménages de la démonstration : des plans ouverts d'intensités
et de dispositifs variés (une mesure départementale financée par le CD, un accompagnement
délégué, d'autres par le droit commun), les plans clos des ménages sortis avec leur issue, des
étapes cochées à divers stades (entrée partielle, entrée complète, pendant, sortie), un mois de
contacts (deux ménages sans contact depuis plus de 30 jours), des orientations et leurs
suites, l'annuaire des partenaires de chaque opérateur, le temps de travail de chacune
(Nadia 0,5 ETP à l'AIS et 0,5 au Relais, Inès 0,8). Un ménage « un petit chez-soi » entre en
sous-location à bail glissant (ARS 7 000 € + État 7 000 €) et une semaine s'est passée sans
visite ; le ménage endetté de la démonstration des occupations a son action de soutien
budgétaire ouverte (R-ACCOMP-IMPAYES) — la tâche quotidienne fera le reste.

Tout passe par les services ; les dates se calculent depuis aujourd'hui. Chaque chargement
vide d'abord l'accompagnement des opérateurs de la démonstration (`vider_demo`, appelé avant
celui des occupations : un plan retient son ménage et son occupation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from iml.accompagnement import demo_plans, demo_suivi
from iml.accompagnement.demo_plans import PROFILS_CLOS, PROFILS_MG, PROFILS_SL, Profil
from iml.accompagnement.models import (
    Contact,
    EtapeCochee,
    Objectif,
    OrientationPartenaire,
    Partenaire,
    Plan,
    TempsTravail,
)
from iml.accompagnement.selectors import plan_ouvert
from iml.accompagnement.services import suivi
from iml.comptes.acteur import Acteur, acteur_pour
from iml.comptes.enums import TypeOrganisation
from iml.comptes.models import Organisation, Utilisateur
from iml.generateur.accompagnement import seuil_atteint_le
from iml.generateur.noms import NOMS, PRENOMS
from iml.menages.models import Menage
from iml.menages.services import menages
from iml.occupations.models import Occupation
from iml.occupations.parametres import bareme as bareme_occupations
from iml.occupations.selectors_compte import impayes
from iml.occupations.services import admission, compte
from iml.parc.models import Logement
from regles.format import pluriel
from regles.types import NatureEcriture, StatutLogement, StatutOccupation

#: Aide au logement du ménage « un petit chez-soi », versée à l'opérateur.
AIDE_PETIT_CHEZ_SOI = Decimal("180.00")


@dataclass
class Equipe:
    """Un opérateur de la démonstration et celles et ceux qui y agissent."""

    cle: str
    organisation: Organisation
    direction: Acteur
    gestion: Acteur
    social: dict[str, Acteur]

    def acteur_de(self, utilisateur_id: int | None) -> Acteur | None:
        return next((a for a in self.social.values() if a.utilisateur.pk == utilisateur_id), None)


def _acteur(prefixe: str, organisation: Organisation) -> Acteur:
    """L'acteur d'un persona pour cette organisation (Nadia en a deux)."""
    utilisateur = Utilisateur.objects.get(email__startswith=f"{prefixe}.")
    adhesion = utilisateur.adhesions.get(organisation=organisation, actif=True)
    return acteur_pour(utilisateur, adhesion.pk)


def _equipe(cle: str, organisations, direction: str, gestion: str, social: tuple) -> Equipe:
    org = organisations[cle]
    return Equipe(
        cle, org, _acteur(direction, org), _acteur(gestion, org),
        {p: _acteur(p, org) for p in social},
    )  # fmt: skip


def vider_demo(organisations, sortie) -> None:
    """Supprime l'accompagnement des opérateurs de la démonstration (avant leurs ménages)."""
    operateurs = [o for o in organisations.values() if o.type == TypeOrganisation.OPERATEUR]
    OrientationPartenaire.objects.filter(menage__operateur__in=operateurs).delete()
    Contact.objects.filter(menage__operateur__in=operateurs).delete()
    Plan.objects.filter(menage__operateur__in=operateurs).delete()
    Partenaire.objects.filter(operateur__in=operateurs).delete()
    TempsTravail.objects.filter(operateur__in=operateurs).delete()


def _temps_de_travail(ais: Equipe, relais: Equipe, aujourd_hui: date) -> None:
    """R-SW-RATIO : Nadia à plein temps à l'AIS jusqu'à la fin de l'an dernier, puis à
    mi-temps à l'AIS et au Relais ; Inès à 0,8 ETP au Relais."""
    janvier, avant = date(aujourd_hui.year, 1, 1), date(aujourd_hui.year - 2, 1, 1)
    nadia, ines = ais.social["nadia"].utilisateur, relais.social["ines"].utilisateur
    for equipe, personne, etp, depuis in (
        (ais, nadia, "1", avant), (ais, nadia, "0.5", janvier),
        (relais, nadia, "0.5", janvier), (relais, ines, "0.8", avant),
    ):  # fmt: skip
        suivi.fixer_temps_travail(
            acteur=equipe.direction, utilisateur=personne, etp=Decimal(etp), depuis_le=depuis
        )


def _loges(equipe: Equipe) -> list[Occupation]:
    """Les occupations en cours de l'opérateur, du ménage entré le plus récemment au plus
    ancien."""
    return list(
        Occupation.objects.filter(operateur=equipe.organisation, statut=StatutOccupation.EN_COURS)
        .select_related("menage")
        .order_by("-date_entree", "-pk")
    )


def _sortis(equipe: Equipe, referent: Acteur, nombre: int) -> list[Occupation]:
    """Les `nombre` ménages du référent sortis le plus récemment."""
    qs = Occupation.objects.filter(
        operateur=equipe.organisation,
        statut=StatutOccupation.TERMINEE,
        menage__referent=referent.utilisateur,
    ).exclude(menage__occupations__statut=StatutOccupation.EN_COURS)
    return list(qs.select_related("menage").order_by("-date_sortie", "-pk")[:nombre])


def _referents(ais: Equipe, relais: Equipe, aujourd_hui: date) -> None:
    """La gestion locative confie à Nadia deux ménages logés sans référent à l'AIS et deux au
    Relais ; Inès reçoit les autres ménages logés sans référent du Relais."""
    for equipe, autres in ((ais, None), (relais, relais.social["ines"])):
        sans = [o.menage for o in _loges(equipe) if o.menage.referent_id is None]
        for rang, menage in enumerate(sans):
            referent = equipe.social["nadia"] if rang < 2 else autres
            if referent is not None:
                menages.modifier_menage(
                    acteur=equipe.gestion, menage=menage, aujourd_hui=aujourd_hui,
                    referent=referent.utilisateur,
                )  # fmt: skip


def _midi(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(12, 0)))


def _nouveau_menage(relais: Equipe, entree: date) -> Menage:
    """Sans abri à l'entrée, en IML psy, orienté par le SIAO, suivi par Inès."""
    gestion = relais.gestion
    n = Menage.objects.filter(operateur=relais.organisation, reference__startswith="D-R").count()
    menage = menages.creer_menage(
        acteur=gestion, aujourd_hui=entree, referent=relais.social["ines"].utilisateur,
        reference=f"D-R{n + 1:03d}", nom=NOMS[11], prenom=PRENOMS[14],
        date_naissance=date(1979, 4, 12), categorie="PSY", situation_avant="RUE",
        orientation_siao_reference=f"SIAO-35-{entree.year}-201",
        orientation_siao_le=entree - timedelta(days=30), notice_remise_le=entree,
        dernier_contact_le=entree,
    )  # fmt: skip
    for nature, montant in (("AAH", Decimal("1016.05")), ("AIDE_LOGEMENT", AIDE_PETIT_CHEZ_SOI)):
        menages.ajouter_ressource(
            acteur=gestion, menage=menage, nature=nature, montant=montant,
            connue_le=entree - timedelta(days=30), aujourd_hui=entree,
        )  # fmt: skip
    menages.poser_critere(
        acteur=gestion, menage=menage, critere="SANS_LOGEMENT",
        reconnu_le=entree - timedelta(days=60), aujourd_hui=entree,
    )  # fmt: skip
    return menage


def _regler(gestion: Acteur, occupation: Occupation, aujourd_hui: date) -> None:
    """Chaque appel réglé cinq jours après : l'aide au logement, puis la part du ménage."""
    for appel in occupation.ecritures.filter(nature=NatureEcriture.APPEL).order_by("le"):
        le = min(appel.le + timedelta(days=5), aujourd_hui)
        aide = min(AIDE_PETIT_CHEZ_SOI, appel.montant)
        for nature, montant in (
            (NatureEcriture.PAIEMENT_AIDE, aide),
            (NatureEcriture.PAIEMENT_MENAGE, appel.montant - aide),
        ):
            if montant > 0:
                compte.encaisser(
                    acteur=gestion, occupation=occupation, nature=nature, le=le,
                    montant=montant, aujourd_hui=aujourd_hui,
                )  # fmt: skip


def _petit_chez_soi(relais: Equipe, aujourd_hui: date) -> Occupation | None:
    """R-PETIT-CHEZ-SOI : un ménage admis il y a huit semaines en sous-location à bail
    glissant dans un logement disponible du Relais ; son compte est appelé et réglé."""
    logement = (
        Logement.objects.filter(
            operateur=relais.organisation,
            forme="SOUS_LOCATION",
            statut=StatutLogement.DISPONIBLE,
            bail_glissant_possible=True,
        )  # fmt: skip
        .order_by("reference")
        .first()
    )
    if logement is None:
        return None
    entree = aujourd_hui - timedelta(weeks=8)
    disponible = logement.evenements.filter(vers=StatutLogement.DISPONIBLE).order_by("-le").first()
    if disponible is not None:
        entree = min(
            max(entree, timezone.localdate(disponible.le) + timedelta(days=1)), aujourd_hui
        )
    occupation = admission.admettre(
        acteur=relais.gestion, menage=_nouveau_menage(relais, entree), logement=logement,
        forme="SOUS_LOCATION", date_entree=entree, loyer=logement.redevance,
        charges=logement.charges, bail_glissant=True, suite_parcours="BAIL_GLISSANT",
        maintenant=_midi(entree),
    )  # fmt: skip
    compte.appeler_loyers(occupation, aujourd_hui)
    _regler(relais.gestion, occupation, aujourd_hui)
    return occupation


def _suivre(
    acteur: Acteur, occupation: Occupation, profil: Profil, rang: int,
    partenaires: dict[str, Partenaire], aujourd_hui: date,
) -> Plan:  # fmt: skip
    """Un ménage logé suivi : plan, revue des six mois, objectifs, étapes, contacts du mois
    (ou visites hebdomadaires d'« un petit chez-soi »), une orientation deux fois sur trois."""
    menage = occupation.menage
    petit = profil.dispositif == "UN_PETIT_CHEZ_SOI"
    decalage = timedelta(days=0 if petit else 2 * (rang % 3))
    debut = min(occupation.date_entree + decalage, aujourd_hui)
    plan = demo_plans.ouvrir(acteur, menage, profil, debut, aujourd_hui)
    demo_plans.revoir(acteur, plan, profil, aujourd_hui)
    demo_plans.objectifs(acteur, plan, profil, rang, aujourd_hui)
    demo_plans.etapes(acteur, plan, occupation, aujourd_hui)
    if petit:
        demo_suivi.visites_hebdomadaires(acteur, menage, debut, aujourd_hui)
    else:
        demo_suivi.contacts_du_mois(
            acteur, menage, plan.intensite, rang, profil.sans_contact, debut, aujourd_hui
        )
    if rang % 3 != 1:
        demo_suivi.orienter(
            acteur, menage, profil.domaines[0], partenaires, rang, debut, aujourd_hui
        )
    return plan


def _clore(equipe: Equipe, referent: str, nombre: int, aujourd_hui: date) -> None:
    """Les plans clos des ménages sortis récemment, avec trois contacts pendant le suivi."""
    acteur = equipe.social[referent]
    for rang, occupation in enumerate(_sortis(equipe, acteur, nombre)):
        profil = PROFILS_CLOS[rang % len(PROFILS_CLOS)]
        demo_plans.plan_clos(acteur, occupation, profil, aujourd_hui)
        demo_suivi.contacts_passes(
            acteur, occupation.menage, occupation.date_entree, occupation.date_sortie,
            aujourd_hui,
        )  # fmt: skip


def _action_impayes(equipes: list[Equipe], aujourd_hui: date) -> Objectif | None:
    """R-ACCOMP-IMPAYES : le premier ménage suivi dont le compte montre une dette échue d'au
    moins le seuil (2 mois de loyer) reçoit son action de soutien budgétaire, datée du jour
    où le seuil a été atteint."""
    parametres = bareme_occupations().occupations
    assert parametres is not None
    for equipe in equipes:
        occupations, lignes = impayes(equipe.organisation.pk, aujourd_hui)
        for occupation in sorted(occupations, key=lambda o: o.pk):
            plan = plan_ouvert(occupation.menage)
            acteur = equipe.acteur_de(occupation.menage.referent_id)
            tarif = occupation.tarifs.filter(date_effet__lte=aujourd_hui).last()
            if plan is None or acteur is None or tarif is None:
                continue
            ouverte_le = seuil_atteint_le(
                lignes[occupation.pk], tarif.mensuel, parametres.impayes_seuil_mois, aujourd_hui
            )
            if ouverte_le is not None:
                return demo_plans.ouvrir_action_impayes(acteur, plan, ouverte_le, aujourd_hui)
    return None


def _suivre_les_loges(
    equipe: Equipe, qui: str, profils: tuple[Profil, ...], partenaires: dict[str, Partenaire],
    aujourd_hui: date, exclue: Occupation | None = None,
) -> None:  # fmt: skip
    """Les ménages logés du référent, du plus récent au plus ancien, chacun son profil ; à
    l'AIS, le ménage entré le plus récemment attend encore son plan."""
    acteur = equipe.social[qui]
    loges = [
        o for o in _loges(equipe)
        if o.menage.referent_id == acteur.utilisateur.pk and o != exclue
    ]  # fmt: skip
    if equipe.cle == "ais35":
        loges = loges[1:]
    for rang, occupation in enumerate(loges):
        _suivre(acteur, occupation, profils[rang % len(profils)], rang, partenaires, aujourd_hui)


def charger_demo(organisations, sortie) -> None:
    """Vide puis recrée l'accompagnement de la démonstration (idempotent)."""
    vider_demo(organisations, sortie)
    aujourd_hui = timezone.localdate()
    ais = _equipe("ais35", organisations, "marc", "julie", ("nadia",))
    relais = _equipe("relais35", organisations, "helene", "thomas", ("nadia", "ines"))
    annuaires = {e.cle: demo_suivi.annuaire(e.direction, e.cle) for e in (ais, relais)}
    _temps_de_travail(ais, relais, aujourd_hui)
    _referents(ais, relais, aujourd_hui)
    petit = _petit_chez_soi(relais, aujourd_hui)
    if petit is not None:
        _suivre(
            relais.social["ines"], petit, demo_plans.PETIT_CHEZ_SOI, 0, annuaires["relais35"],
            aujourd_hui,
        )  # fmt: skip
    _suivre_les_loges(ais, "nadia", PROFILS_MG, annuaires["ais35"], aujourd_hui)
    _suivre_les_loges(relais, "ines", PROFILS_SL, annuaires["relais35"], aujourd_hui, petit)
    _suivre_les_loges(
        relais, "nadia", demo_plans.PROFILS_NADIA_RELAIS, annuaires["relais35"], aujourd_hui
    )
    _clore(ais, "nadia", 3, aujourd_hui)
    _clore(relais, "ines", 6, aujourd_hui)
    _action_impayes([ais, relais], aujourd_hui)
    sortie.write(_resume([ais.organisation, relais.organisation]))


def _resume(operateurs: list[Organisation]) -> str:
    plans = Plan.objects.filter(menage__operateur__in=operateurs)
    contacts = Contact.objects.filter(menage__operateur__in=operateurs).count()
    orientations = OrientationPartenaire.objects.filter(menage__operateur__in=operateurs)
    partenaires = Partenaire.objects.filter(operateur__in=operateurs).count()
    etapes = EtapeCochee.objects.filter(plan__in=plans).count()
    ouverts = plans.filter(fin_le=None).count()
    return (
        f"Accompagnement créé : {pluriel(plans.count(), 'plan')} (dont "
        f"{pluriel(ouverts, 'ouvert')}), {pluriel(etapes, 'étape cochée', 'étapes cochées')}, "
        f"{pluriel(contacts, 'contact')}, {pluriel(orientations.count(), 'orientation')} vers "
        f"{pluriel(partenaires, 'partenaire')} des annuaires.\n"
    )
