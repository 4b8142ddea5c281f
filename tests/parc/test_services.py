"""Services du parc : ce que la gestionnaire voit refusé ou accepté, règle à l'appui."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from iml.parc.models import MotifBlocage
from iml.parc.services import bailleurs, contrats, logements, prospects
from regles.types import StatutLogement, StatutProspect
from tests.appels.factories import acteur
from tests.parc.factories import (
    BailleurFactory,
    ContratFactory,
    LogementFactory,
    ProspectFactory,
)

pytestmark = pytest.mark.django_db


def test_un_prospect_capte_a_franchi_chaque_etape_avec_son_historique(distribution):
    prospect = ProspectFactory(statut=StatutProspect.CAPTE)
    assert prospect.statut == "CAPTE"
    assert [e.vers for e in prospect.evenements.all()] == [
        "A_CONTACTER", "CONTACTE", "VISITE", "NEGOCIATION", "CAPTE",
    ]  # fmt: skip
    assert all(e.par == distribution.julie for e in prospect.evenements.all())


def test_la_table_refuse_de_sauter_de_a_contacter_a_capte(distribution):
    prospect = ProspectFactory()
    with pytest.raises(ValidationError) as refus:
        prospects.changer_statut_prospect(
            acteur=acteur(distribution.julie), prospect=prospect, vers="CAPTE",
            maintenant=timezone.now(),
        )  # fmt: skip
    assert "R-CAPTATION : un prospect « à contacter » ne peut pas passer à « capté »" in str(
        refus.value
    )


def test_un_abandon_exige_son_motif_et_le_garde(distribution):
    prospect = ProspectFactory(statut=StatutProspect.CONTACTE)
    a = acteur(distribution.julie)
    with pytest.raises(ValidationError) as refus:
        prospects.changer_statut_prospect(
            acteur=a, prospect=prospect, vers="ABANDONNE", maintenant=timezone.now()
        )
    assert "motif_abandon" in refus.value.message_dict
    motif = MotifBlocage.objects.get(code="succession")
    prospects.changer_statut_prospect(
        acteur=a, prospect=prospect, vers="ABANDONNE", maintenant=timezone.now(),
        motif_abandon=motif,
    )  # fmt: skip
    prospect.refresh_from_db()
    assert prospect.motif_abandon == motif


def test_ne_pas_contacter_bloque_chaque_etape_sauf_l_abandon(distribution):
    prospect = ProspectFactory(statut=StatutProspect.CONTACTE, puis_ne_pas_contacter=True)
    a = acteur(distribution.julie)
    for vers in ("VISITE", "NEGOCIATION"):
        with pytest.raises(ValidationError) as refus:
            prospects.changer_statut_prospect(
                acteur=a, prospect=prospect, vers=vers, maintenant=timezone.now()
            )
        assert "R-CONTACT" in str(refus.value)
    prospects.changer_statut_prospect(
        acteur=a, prospect=prospect, vers="ABANDONNE", maintenant=timezone.now(),
        motif_abandon=MotifBlocage.objects.get(code="reserve-personnelle"),
    )  # fmt: skip
    assert prospect.statut == "ABANDONNE"


def test_pas_de_prospect_nouveau_pour_un_bailleur_ne_pas_contacter(distribution):
    bailleur = BailleurFactory(ne_pas_contacter_trait=True)
    with pytest.raises(ValidationError) as refus:
        ProspectFactory(bailleur=bailleur)
    assert "R-CONTACT" in refus.value.message_dict["bailleur"][0]


def test_le_logement_d_un_prospect_garde_son_bailleur(distribution):
    prospect = ProspectFactory(statut=StatutProspect.CAPTE)
    with pytest.raises(ValidationError) as refus:
        LogementFactory(prospect=prospect)  # autre bailleur
    assert "R-CAPTATION" in refus.value.message_dict["bailleur"][0]
    logement = LogementFactory(prospect=prospect, bailleur=prospect.bailleur)
    prospect.refresh_from_db()
    assert prospect.logement == logement


def test_la_forme_ne_change_pas_sous_un_contrat_en_cours(distribution):
    contrat = ContratFactory()
    a = acteur(distribution.julie)
    with pytest.raises(ValidationError) as refus:
        logements.modifier_logement(
            acteur=a, logement=contrat.logement, aujourd_hui=timezone.localdate(),
            forme="SOUS_LOCATION", redevance=Decimal("300"),
        )  # fmt: skip
    assert "R-MODE" in refus.value.message_dict["forme"][0]
    contrat.logement.refresh_from_db()
    contrats.modifier_contrat(acteur=a, contrat=contrat, resilie_le=timezone.localdate())
    logement = logements.modifier_logement(
        acteur=a, logement=contrat.logement, aujourd_hui=timezone.localdate(),
        forme="SOUS_LOCATION", redevance=Decimal("300"),
    )  # fmt: skip
    assert logement.forme == "SOUS_LOCATION"


def test_une_date_importee_ne_compte_pas_un_logement_encore_en_captation(distribution):
    """Les chiffres de la convention ne comptent mobilisé qu'un logement mis en location."""
    from iml.parc.selectors import logements_par_convention
    from tests.appels.factories import DossierFactory

    convention = DossierFactory(conventionne=True, operateur=distribution.org.ais35).convention
    hier = timezone.localdate() - timedelta(days=1)
    LogementFactory(convention=convention, date_mobilisation=hier)
    LogementFactory(convention=convention, statut=StatutLogement.DISPONIBLE)
    lignes = logements_par_convention([convention.pk])
    assert sum(ligne["mobilises"] for ligne in lignes) == 1
    with pytest.raises(ValidationError) as refus:
        LogementFactory(date_mobilisation=timezone.localdate() + timedelta(days=1))
    assert "futur" in refus.value.message_dict["date_mobilisation"][0]


def test_un_autre_operateur_ne_change_pas_le_statut(distribution):
    logement = LogementFactory()
    with pytest.raises(PermissionDenied):
        logements.changer_statut_logement(
            acteur=acteur(distribution.thomas), logement=logement, vers="DISPONIBLE",
            maintenant=timezone.now(),
        )  # fmt: skip


def test_le_parc_est_celui_de_la_gestion_d_un_operateur(distribution):
    for persona in ("nadia", "claire", "sophie", "anne"):
        with pytest.raises(PermissionDenied):
            bailleurs.creer_bailleur(
                acteur=acteur(getattr(distribution, persona)), aujourd_hui=timezone.localdate(),
                type="PERSONNE", nom="Martin", origine="AUTRE",
            )  # fmt: skip


def test_capacite_au_dela_de_r_capacity_refusee(distribution):
    with pytest.raises(ValidationError) as refus:
        LogementFactory(typologie="T1", capacite=3)
    assert "R-CAPACITY" in refus.value.message_dict["capacite"][0]


def test_capacite_par_defaut_celle_de_la_typologie(distribution):
    assert LogementFactory(typologie="T3", capacite=None).capacite == 4


def test_zone_derivee_de_la_commune_et_forcable(distribution):
    assert LogementFactory(commune="35238").zone == "TENDUE"
    assert LogementFactory(commune="35360", code_postal="35500").zone == "DETENDUE"
    force = LogementFactory(commune="35360", zone="TENDUE", zone_forcee=True)
    assert force.zone == "TENDUE"


def test_logement_social_exige_une_justification_datee(distribution):
    with pytest.raises(ValidationError) as refus:
        LogementFactory(logement_social=True)
    assert "R-PUBLIC-STOCK" in refus.value.message_dict["justification_social"][0]
    assert "justification_social_le" in refus.value.message_dict


def test_redevance_reservee_a_la_sous_location(distribution):
    with pytest.raises(ValidationError) as refus:
        LogementFactory(redevance=Decimal("300"))
    assert "R-MODE" in refus.value.message_dict["redevance"][0]
    assert LogementFactory(sous_location=True).redevance == Decimal("320.00")


def test_mise_en_location_refusee_sous_le_minimum_de_decence(distribution):
    logement = LogementFactory(indecent=True)
    with pytest.raises(ValidationError) as refus:
        logements.changer_statut_logement(
            acteur=acteur(distribution.julie), logement=logement, vers="DISPONIBLE",
            maintenant=timezone.now(),
        )  # fmt: skip
    assert "R-DECENCE-SURFACE" in str(refus.value)
    logement.refresh_from_db()
    assert logement.statut == "EN_CAPTATION"


def test_classe_g_exclue_des_nouvelles_locations(distribution):
    with pytest.raises(ValidationError) as refus:
        LogementFactory(passoire=True, statut=StatutLogement.DISPONIBLE)
    assert "R-DECENCE-DPE" in str(refus.value)


def test_premiere_mise_en_location_date_la_mobilisation(distribution):
    logement = LogementFactory(statut=StatutLogement.DISPONIBLE)
    assert logement.date_mobilisation == timezone.localdate()


def test_restitution_exige_une_note_et_fige_la_fiche(distribution):
    logement = LogementFactory()
    a = acteur(distribution.julie)
    with pytest.raises(ValidationError):
        logements.changer_statut_logement(
            acteur=a, logement=logement, vers="RESTITUE", maintenant=timezone.now()
        )
    logements.changer_statut_logement(
        acteur=a, logement=logement, vers="RESTITUE", maintenant=timezone.now(), note="Vente"
    )
    with pytest.raises(ValidationError):
        logements.modifier_logement(
            acteur=a, logement=logement, aujourd_hui=timezone.localdate(), loyer=Decimal(1)
        )


def test_contrat_suit_la_forme_et_calcule_sa_fin(distribution):
    contrat = ContratFactory(date_debut=timezone.datetime(2026, 5, 15).date(), duree_mois=12)
    assert contrat.type == "MANDAT_GESTION"
    assert contrat.date_fin.isoformat() == "2027-05-14"
    with pytest.raises(ValidationError) as refus:
        contrats.creer_contrat(
            acteur=acteur(distribution.julie), logement=contrat.logement,
            type="BAIL_ASSOCIATION", date_debut=contrat.date_debut, duree_mois=12,
        )  # fmt: skip
    assert "R-MODE" in refus.value.message_dict["type"][0]


def test_reference_en_double_refusee_en_francais(distribution):
    BailleurFactory(reference="B-001")
    with pytest.raises(ValidationError) as refus:
        BailleurFactory(reference="B-001")
    assert "déjà portée" in str(refus.value)


def test_capter_vide_la_prochaine_action_puis_fige_le_prospect(distribution):
    prospect = ProspectFactory(
        statut=StatutProspect.NEGOCIATION,
        prochaine_action="Rappeler le bailleur",
        prochaine_action_le=timezone.localdate(),
    )
    a = acteur(distribution.julie)
    prospects.changer_statut_prospect(
        acteur=a, prospect=prospect, vers="CAPTE", maintenant=timezone.now()
    )
    prospect.refresh_from_db()
    assert (prospect.prochaine_action, prospect.prochaine_action_le) == ("", None)
    with pytest.raises(ValidationError) as refus:
        prospects.modifier_prospect(acteur=a, prospect=prospect, adresse="ailleurs")
    assert "R-CAPTATION" in str(refus.value)


def test_ne_pas_contacter_retire_le_consentement(distribution):
    bailleur = BailleurFactory(consentement_contact=True)
    bailleurs.modifier_bailleur(
        acteur=acteur(distribution.julie), bailleur=bailleur, aujourd_hui=timezone.localdate(),
        ne_pas_contacter=True, ne_pas_contacter_motif="Courrier du 02/11/2026",
    )  # fmt: skip
    bailleur.refresh_from_db()
    assert not bailleur.consentement_contact and bailleur.consentement_le is None


def test_surface_et_hauteur_nulles_refusees(distribution):
    with pytest.raises(ValidationError) as refus:
        LogementFactory(surface_m2=Decimal(0), hauteur_sous_plafond_m=Decimal(0))
    assert "supérieure à zéro" in refus.value.message_dict["surface_m2"][0]
    assert "supérieure à zéro" in refus.value.message_dict["hauteur_sous_plafond_m"][0]


def test_la_taxonomie_des_freins_se_tient_dans_l_administration(client, distribution):
    """Les motifs de blocage sont une donnée : l'administration les liste et les désactive ;
    un motif désactivé n'est plus proposé."""
    from django.urls import reverse

    from iml.parc.selectors import motifs_actifs
    from tests.factories import connecter

    connecter(client, distribution.admin)
    page = client.get(reverse("admin:parc_motifblocage_changelist"))
    assert page.status_code == 200 and "Succession en cours" in page.content.decode()
    MotifBlocage.objects.filter(code="succession").update(actif=False)
    assert "succession" not in set(motifs_actifs().values_list("code", flat=True))
