"""Accompagnement généré : les invariants que les services maintiennent, vérifiés par les règles
elles-mêmes sur une échelle département générée une fois pour le module (graine 13), puis le
déterminisme et la suppression par `--base-vide` sur une petite échelle."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest
from django.db.models import Count

from iml.accompagnement.models import (
    Besoin,
    Contact,
    EtapeCochee,
    Objectif,
    OrientationPartenaire,
    Partenaire,
    Plan,
    RevuePlan,
    TempsTravail,
)
from iml.accompagnement.parametres import bareme
from iml.comptes.models import Adhesion
from iml.generateur.echelles import ECHELLES, Echelle
from iml.generateur.moteur import generer
from iml.generateur.organisations import vider_generees
from iml.menages.models import Menage
from iml.occupations.models import Ecriture, Occupation
from regles.accompagnement import (
    CriteresChezSoi,
    PlanSaisi,
    action_impayes,
    charge_travail,
    verifier_plan,
)
from regles.compte import Ligne, anciennete
from regles.dispositifs import Financement
from regles.types import Dispositif, Financeur, Mode, Niveau
from regles.types_accompagnement import NiveauBesoin, Realisation

pytestmark = pytest.mark.django_db
JOUR = date(2026, 11, 30)
PETITE = Echelle("departement", operateurs_par_departement=2, logements_par_operateur=20,
                 prospects_par_operateur=5)  # fmt: skip


@pytest.fixture(scope="module")
def departement(django_db_setup, django_db_blocker):
    """L'échelle département (10 opérateurs), générée une fois, supprimée à la fin — avec les
    jeux de paramètres que la génération a chargés (écrits hors transaction de test)."""
    from iml.referentiel.models import JeuParametres

    with django_db_blocker.unblock():
        avant = set(JeuParametres.objects.values_list("pk", flat=True))
        bilan = generer(ECHELLES["departement"], 13, JOUR)
        yield bilan
        vider_generees()
        charges = JeuParametres.objects.exclude(pk__in=avant)
        while charges.exists():  # les enfants d'abord (parent protégé)
            charges.filter(enfants__isnull=True).delete()


def _plans():
    return Plan.objects.filter(menage__operateur__siret__startswith="99").select_related(
        "occupation", "menage"
    )


def test_volumes_et_part_des_menages_suivis(departement):
    lignes = departement.lignes
    assert lignes["plans d'accompagnement"] == _plans().count() >= 100
    assert lignes["contacts"] == Contact.objects.count()
    assert lignes["travailleurs sociaux"] >= 10
    par_forme = Counter()
    for forme, suivi in Occupation.objects.annotate(n=Count("menage__plans")).values_list(
        "forme", "n"
    ):
        par_forme[(forme, suivi)] += 1
    part = {
        f: par_forme[(f, 1)] / (par_forme[(f, 0)] + par_forme[(f, 1)])
        for f in ("SOUS_LOCATION", "MANDAT_GESTION")
    }
    assert 0.35 <= part["SOUS_LOCATION"] <= 0.65  # un sur deux environ
    assert part["MANDAT_GESTION"] < part["SOUS_LOCATION"]  # moins en mandat


def test_un_plan_par_menage_ouvert_tant_qu_il_est_loge(departement):
    assert not Plan.objects.values("menage").annotate(n=Count("pk")).filter(n__gt=1).exists()
    for plan in _plans():
        occupation = plan.occupation
        assert plan.menage_id == occupation.menage_id
        assert occupation.date_entree <= plan.debut_le <= (occupation.date_sortie or JOUR)
        if occupation.statut == "EN_COURS":
            assert plan.fin_le is None and not plan.issue
        else:
            assert plan.fin_le == occupation.date_sortie and plan.issue
            assert not plan.objectifs.filter(statut="EN_COURS").exists()


def test_chaque_plan_passe_les_controles_du_service(departement):
    """R-ACCOMP-PLAN, R-PETIT-CHEZ-SOI, R-CD-MEASURES : aucune erreur du contrôle pur."""
    b = bareme()
    dispositifs = Counter()
    for plan in _plans().prefetch_related("besoins", "financements"):
        saisi = PlanSaisi(
            besoins={x.domaine: NiveauBesoin(x.niveau) for x in plan.besoins.all()},
            realisation=Realisation(plan.realisation),
            partenaire_delegue=plan.partenaire_delegue,
            service_droit_commun=plan.service_droit_commun,
            duree_prevue_mois=plan.duree_prevue_mois,
            dispositif=Dispositif(plan.dispositif),
            forme=Mode(plan.occupation.forme),
            bail_glissant=plan.occupation.bail_glissant,
            criteres_chez_soi=CriteresChezSoi(None, None, None),
            financements=tuple(
                Financement(Financeur(f.financeur), f.montant_annuel)
                for f in plan.financements.all()
            ),
        )
        erreurs = [c for c in verifier_plan(saisi, b) if c.niveau is Niveau.ERREUR]
        assert erreurs == [], (plan.pk, erreurs)
        dispositifs[plan.dispositif] += 1
    assert set(dispositifs) == {"IML_ETAT", "UN_PETIT_CHEZ_SOI", "MESURE_CD"}


def test_revues_objectifs_et_etapes_de_la_forme(departement):
    etapes = bareme().accompagnement.etapes
    for plan in _plans().prefetch_related("revues", "objectifs", "etapes"):
        fin = plan.fin_le or JOUR
        revues = sorted(plan.revues.all(), key=lambda r: r.le)
        if revues:
            assert revues[-1].intensite == plan.intensite  # la dernière revue décide
        assert all(plan.debut_le <= r.le <= fin for r in revues)
        for o in plan.objectifs.all():
            assert (o.clos_le is None) == (o.statut == "EN_COURS")
            assert plan.debut_le <= o.ouvert_le <= JOUR and (o.clos_le or JOUR) <= JOUR
        permis = {e.code for e in etapes if Mode(plan.occupation.forme) in e.formes}
        for e in plan.etapes.all():
            assert e.code in permis and plan.debut_le <= e.faite_le <= fin  # R-ACCOMP-ETAPES
            assert e.par_id == plan.cree_par_id
    assert Besoin.objects.exclude(niveau="AUCUN").values("plan").distinct().count() == (
        _plans().count()
    )
    assert (
        RevuePlan.objects.exists() and EtapeCochee.objects.filter(code="PREPARER_SORTIE").exists()
    )


def test_referents_et_contacts(departement):
    """Le référent est un travailleur social de l'opérateur, auteur du plan et des contacts ;
    environ deux contacts par mois d'accompagnement ; le « dernier contact » suit le
    journal."""
    travail_social = set(
        Adhesion.objects.filter(role="TRAVAILLEUR_SOCIAL").values_list(
            "utilisateur_id", "organisation_id"
        )
    )
    contacts = defaultdict(list)
    for menage_id, le, par_id in Contact.objects.values_list("menage", "le", "par"):
        contacts[menage_id].append((le, par_id))
    mois = 0.0
    for plan in _plans():
        m = plan.menage
        assert (m.referent_id, m.operateur_id) in travail_social
        assert plan.cree_par_id == m.referent_id
        fin = plan.fin_le or JOUR
        assert all(
            plan.debut_le <= le <= fin and par == m.referent_id for le, par in contacts[m.pk]
        )
        assert contacts[m.pk]  # au moins un contact par plan généré
        mois += ((fin - plan.debut_le).days + 1) / 30
    assert 1.5 <= Contact.objects.count() / mois <= 2.8
    canaux = Counter(Contact.objects.values_list("canal", flat=True))
    assert len(canaux) == 6 and canaux["TELEPHONE"] < 0.5 * sum(canaux.values())
    assert Menage.objects.filter(referent__isnull=False, plans__isnull=True).exists()


def test_annuaires_orientations_et_temps_de_travail(departement):
    par_operateur = Counter(Partenaire.objects.values_list("operateur", flat=True))
    assert len(par_operateur) == 10 and all(8 <= n <= 12 for n in par_operateur.values())
    for o in OrientationPartenaire.objects.select_related("partenaire", "menage"):
        assert o.partenaire.operateur_id == o.menage.operateur_id and o.partenaire.actif
        assert (o.issue_le is None) == (o.issue == "EN_ATTENTE")
        assert o.le <= (o.issue_le or JOUR) <= JOUR
    assert len(set(OrientationPartenaire.objects.values_list("issue", flat=True))) == 5
    temps = TempsTravail.objects.filter(operateur__siret__startswith="99")
    assert not temps.values("utilisateur").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert all(0 < t.etp <= 1 and t.depuis_le <= JOUR for t in temps)
    sociaux = Adhesion.objects.filter(
        role="TRAVAILLEUR_SOCIAL", organisation__siret__startswith="99"
    )
    assert temps.count() < sociaux.count()  # des ETP restent inconnus (R-UNKNOWN), jamais 0


def test_r_sw_ratio_des_charges_autour_de_la_capacite(departement):
    """L'ETP de chacun suit sa charge : certains en surcharge, d'autres non (R-SW-RATIO)."""
    suivis = Counter(_plans().filter(fin_le=None).values_list("menage__referent", flat=True))
    etp = dict(
        TempsTravail.objects.filter(operateur__siret__startswith="99").values_list(
            "utilisateur", "etp"
        )
    )
    charges = [charge_travail(n, etp.get(pk), bareme().menages_par_etp) for pk, n in suivis.items()]
    assert {c.surcharge for c in charges} >= {True, False}
    assert all(c.taux_pct is None or 40 <= c.taux_pct <= 300 for c in charges)


def test_r_accomp_impayes_la_tache_n_a_rien_a_faire(departement):
    """Un plan ouvert dont le compte montre une dette échue d'au moins le seuil a son action
    de soutien budgétaire ouverte, et aucun autre : la tâche quotidienne n'ouvrirait ni ne
    fermerait rien le jour de la génération."""
    seuil = bareme().occupations.impayes_seuil_mois
    ouvertes = set(
        Objectif.objects.filter(origine="IMPAYES", statut="EN_COURS").values_list("plan", flat=True)
    )
    lignes = defaultdict(list)
    for occupation_id, le, montant in Ecriture.objects.values_list("occupation", "le", "montant"):
        lignes[occupation_id].append(Ligne(le, montant))
    for plan in _plans().filter(fin_le=None).prefetch_related("occupation__tarifs"):
        mensuel = plan.occupation.tarifs.all()[0].mensuel
        dette = anciennete(lignes[plan.occupation_id], JOUR).total
        assert action_impayes(dette, mensuel, seuil, plan.pk in ouvertes) is None, plan.pk
    assert ouvertes  # des ménages suivis sont en impayé


def test_aucune_date_dans_le_futur(departement):
    for modele, champs in (
        (Plan, ("debut_le", "fin_le")), (RevuePlan, ("le",)), (EtapeCochee, ("faite_le",)),
        (Objectif, ("ouvert_le", "clos_le")), (Contact, ("le",)),
        (OrientationPartenaire, ("le", "issue_le")), (TempsTravail, ("depuis_le",)),
    ):  # fmt: skip
        for champ in champs:
            assert not modele.objects.filter(**{f"{champ}__gt": JOUR}).exists(), champ


def _empreinte() -> list[tuple]:
    return list(
        Plan.objects.annotate(contacts=Count("menage__contacts", distinct=True))
        .order_by("menage__operateur__siret", "menage__reference")
        .values_list("menage__reference", "debut_le", "fin_le", "intensite", "dispositif",
                     "contacts")
    )  # fmt: skip


def test_meme_graine_meme_accompagnement_et_suppression():
    generer(PETITE, 5, JOUR, base_vide=True)  # remplace l'échelle du module
    premiere = _empreinte()
    assert premiere
    generer(PETITE, 5, JOUR, base_vide=True)
    assert _empreinte() == premiere
    generer(PETITE, 6, JOUR, base_vide=True)
    assert _empreinte() != premiere
    vider_generees()
    for modele in (Plan, Contact, EtapeCochee, Partenaire, TempsTravail, OrientationPartenaire):
        assert not modele.objects.exists(), modele.__name__
