"""Socle de l'accompagnement : les services du plan et du suivi, leurs contrôles et leurs
droits (référent, direction ; jamais la gestion locative ni un autre opérateur)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from iml.accompagnement.models import EtapeCochee, Plan
from iml.accompagnement.selectors import etp_au, menages_accompagnes
from iml.accompagnement.services import plans, suivi
from iml.accompagnement.services.plans import SaisiePlan
from tests.accompagnement.factories import (
    ContactFactory,
    OrientationFactory,
    PartenaireFactory,
    PlanFactory,
    jours,
)
from tests.appels.factories import acteur, demo
from tests.menages.factories import MenageFactory, OccupationFactory

pytestmark = pytest.mark.django_db


def _saisie(**surcharge) -> SaisiePlan:
    valeurs = {
        "debut_le": jours(1),
        "intensite": "LEGERE",
        "realisation": "INTERNE",
        "duree_prevue_mois": 6,
        "besoins": {"SANTE": "PONCTUEL"},
    }
    return SaisiePlan(**(valeurs | surcharge))


def test_un_plan_ouvert_garde_besoins_et_financements() -> None:
    plan = PlanFactory(petit_chez_soi=True)
    assert plan.occupation.forme == "SOUS_LOCATION"
    assert {(b.domaine, b.niveau) for b in plan.besoins.all()} == {
        ("BUDGET", "IMPORTANT"),
        ("DEMARCHES_DROITS", "PONCTUEL"),
    }
    assert sorted(plan.financements.values_list("financeur", "montant_annuel")) == [
        ("ARS", Decimal("7000.00")),
        ("ETAT_P177", Decimal("7000.00")),
    ]


def test_un_seul_plan_ouvert_par_menage() -> None:
    plan = PlanFactory()
    with pytest.raises(ValidationError, match="déjà un plan"):
        plans.ouvrir_plan(
            acteur=acteur(demo("nadia")), menage=plan.menage, saisie=_saisie(),
            aujourd_hui=timezone.localdate(),
        )  # fmt: skip


def test_r_accomp_plan_erreurs_sous_leur_champ_et_rien_n_est_ecrit() -> None:
    menage = MenageFactory(referent=demo("nadia"))
    with pytest.raises(ValidationError) as refus:
        plans.ouvrir_plan(
            acteur=acteur(demo("nadia")),
            menage=menage,
            saisie=_saisie(besoins={}, realisation="DELEGUE", debut_le=jours(-3)),
            aujourd_hui=timezone.localdate(),
        )
    erreurs = refus.value.message_dict
    assert set(erreurs) == {"besoins", "partenaire_delegue", "debut_le"}
    assert erreurs["besoins"][0].startswith("R-ACCOMP-PLAN : ")
    assert not Plan.objects.filter(menage=menage).exists()


def test_r_petit_chez_soi_refuse_hors_sous_location_a_bail_glissant() -> None:
    occupation = OccupationFactory(menage=MenageFactory(referent=demo("nadia")))  # mandat
    with pytest.raises(ValidationError) as refus:
        plans.ouvrir_plan(
            acteur=acteur(demo("nadia")), menage=occupation.menage,
            saisie=_saisie(dispositif="UN_PETIT_CHEZ_SOI"), aujourd_hui=timezone.localdate(),
        )  # fmt: skip
    assert "sous-location à bail glissant" in refus.value.message_dict["dispositif"][0]


def test_la_gestion_locative_et_un_autre_referent_ne_tiennent_pas_le_plan() -> None:
    plan = PlanFactory()
    # La gestion locative, une autre référente, la direction d'un autre opérateur.
    for intrus in ("julie", "ines", "helene"):
        a = acteur(demo(intrus))
        with pytest.raises(PermissionDenied):
            plans.noter_revue(
                acteur=a, plan=plan, le=jours(0), intensite="LEGERE", conclusion="",
                aujourd_hui=timezone.localdate(),
            )  # fmt: skip
    # La direction de l'opérateur, elle, le tient.
    plans.noter_revue(
        acteur=acteur(demo("marc")), plan=plan, le=jours(0), intensite="RENFORCEE",
        conclusion="Visites plus fréquentes.", aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    plan.refresh_from_db()
    assert plan.intensite == "RENFORCEE"


def test_r_accomp_etapes_cocher_une_fois_dans_la_liste_de_la_forme() -> None:
    plan = PlanFactory()  # sous-location
    a = acteur(demo("nadia"))
    aujourd_hui = timezone.localdate()
    etape = plans.cocher_etape(
        acteur=a,
        plan=plan,
        code="PRISE_EN_MAIN_TECHNIQUE",
        faite_le=jours(2),
        aujourd_hui=aujourd_hui,
    )
    assert (etape.par, etape.faite_le) == (demo("nadia"), jours(2))
    with pytest.raises(ValidationError, match="déjà cochée"):
        plans.cocher_etape(
            acteur=a,
            plan=plan,
            code="PRISE_EN_MAIN_TECHNIQUE",
            faite_le=jours(1),
            aujourd_hui=aujourd_hui,
        )
    with pytest.raises(ValidationError, match="pas dans la liste"):
        plans.cocher_etape(  # étape du mandat de gestion
            acteur=a,
            plan=plan,
            code="ETAT_DES_LIEUX_LOCATAIRE",
            faite_le=jours(1),
            aujourd_hui=aujourd_hui,
        )
    plans.decocher_etape(acteur=a, etape=etape)
    assert not EtapeCochee.objects.filter(plan=plan).exists()


def test_clore_abandonne_les_objectifs_en_cours() -> None:
    plan = PlanFactory()
    a = acteur(demo("nadia"))
    aujourd_hui = timezone.localdate()
    objectif = plans.ajouter_objectif(
        acteur=a, plan=plan, domaine="BUDGET", libelle="Ouvrir un compte", revue_le=jours(-30),
        aujourd_hui=aujourd_hui,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refus:
        plans.clore_plan(
            acteur=a, plan=plan, fin_le=jours(60), issue="", note_fin="", aujourd_hui=aujourd_hui
        )
    assert set(refus.value.message_dict) == {"fin_le", "issue"}
    plan.refresh_from_db()
    plans.clore_plan(
        acteur=a, plan=plan, fin_le=jours(0), issue="RELAIS_DROIT_COMMUN", note_fin="",
        aujourd_hui=aujourd_hui,
    )  # fmt: skip
    objectif.refresh_from_db()
    assert (objectif.statut, objectif.clos_le) == ("ABANDONNE", jours(0))
    with pytest.raises(ValidationError, match="clos depuis"):
        plans.ajouter_objectif(
            acteur=a,
            plan=plan,
            domaine="BUDGET",
            libelle="x",
            revue_le=jours(-3),
            aujourd_hui=aujourd_hui,
        )


def test_le_journal_des_contacts_ne_se_recopie_pas_sur_la_fiche() -> None:
    """La gestion locative lit la fiche du ménage : elle sait qu'un plan existe, pas quand la
    référente a vu le ménage."""
    contact = ContactFactory(le=jours(3))
    menage = contact.menage
    menage.refresh_from_db()
    assert menage.dernier_contact_le is None
    recent = ContactFactory(menage=menage, le=jours(1), canal="TELEPHONE")
    with pytest.raises(PermissionDenied):
        suivi.retirer_contact(acteur=acteur(demo("julie")), contact=recent)
    suivi.retirer_contact(acteur=acteur(demo("nadia")), contact=recent)
    assert list(menage.contacts.values_list("le", flat=True)) == [jours(3)]


def test_contact_dans_le_futur_refuse() -> None:
    plan = PlanFactory()
    with pytest.raises(ValidationError) as refus:
        ContactFactory(menage=plan.menage, le=jours(-1))
    assert "futur" in refus.value.message_dict["le"][0]


def test_r_partners_orientation_vers_un_partenaire_de_son_annuaire() -> None:
    orientation = OrientationFactory()
    assert orientation.issue == "EN_ATTENTE"
    suivi.noter_suite(
        acteur=acteur(demo("nadia")), orientation=orientation, issue="PRISE_EN_CHARGE",
        issue_le=jours(0), aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    ailleurs = PartenaireFactory(agent=demo("helene"), nom="MDS Cleunay")  # annuaire du Relais
    with pytest.raises(ValidationError) as refus:
        suivi.orienter(
            acteur=acteur(demo("nadia")), menage=orientation.menage, partenaire=ailleurs,
            le=jours(0), motif="SANTE", aujourd_hui=timezone.localdate(),
        )  # fmt: skip
    assert refus.value.message_dict["partenaire"][0].startswith("R-PARTNERS")


def test_r_sw_ratio_temps_de_travail_date_par_la_direction() -> None:
    marc, nadia = acteur(demo("marc")), demo("nadia")
    suivi.fixer_temps_travail(
        acteur=marc, utilisateur=nadia, etp=Decimal("0.8"), depuis_le=jours(100)
    )
    suivi.fixer_temps_travail(
        acteur=marc, utilisateur=nadia, etp=Decimal("0.5"), depuis_le=jours(10)
    )
    operateur = marc.organisation.pk
    assert etp_au(operateur, [nadia.pk], jours(50)) == {nadia.pk: Decimal("0.80")}
    assert etp_au(operateur, [nadia.pk], jours(0)) == {nadia.pk: Decimal("0.50")}
    assert etp_au(operateur, [nadia.pk], jours(200)) == {}  # inconnu, jamais 0
    with pytest.raises(PermissionDenied):
        suivi.fixer_temps_travail(
            acteur=acteur(nadia), utilisateur=nadia, etp=Decimal(1), depuis_le=jours(0)
        )
    with pytest.raises(ValidationError):
        suivi.fixer_temps_travail(
            acteur=marc, utilisateur=demo("julie"), etp=Decimal(1), depuis_le=jours(0)
        )


def test_perimetre_referent_et_direction() -> None:
    plan = PlanFactory()
    autre = MenageFactory(referent=None)
    assert list(menages_accompagnes(acteur(demo("nadia")))) == [plan.menage]
    assert set(menages_accompagnes(acteur(demo("marc")))) >= {plan.menage, autre}
    for personne in ("julie", "claire", "anne", "sophie", "ines"):
        assert plan.menage not in menages_accompagnes(acteur(demo(personne)))
    assert timezone.localdate() - timedelta(days=30) == plan.debut_le


def test_un_double_appui_ne_note_qu_un_contact_et_une_orientation() -> None:
    contact = ContactFactory(le=jours(2))
    double = ContactFactory(menage=contact.menage, le=jours(2))
    assert double.pk == contact.pk
    autre_jour = ContactFactory(menage=contact.menage, le=jours(1))
    assert autre_jour.pk != contact.pk
    orientation = OrientationFactory()
    encore = OrientationFactory(menage=orientation.menage, partenaire=orientation.partenaire)
    assert encore.pk == orientation.pk
    assert orientation.menage.orientations_partenaires.count() == 1


def test_un_contact_ne_precede_pas_le_debut_de_l_accompagnement() -> None:
    plan = PlanFactory()  # ouvert il y a 30 jours
    with pytest.raises(ValidationError) as refus:
        ContactFactory(menage=plan.menage, le=jours(31))
    assert "ne peut précéder le début de l'accompagnement" in refus.value.message_dict["le"][0]
    assert ContactFactory(menage=plan.menage, le=jours(30)).le == jours(30)
