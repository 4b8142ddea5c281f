"""Services des orientations : vacances, demandes, propositions (réponse, décision du SIAO),
admission du ménage d'une proposition acceptée."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from iml.alertes.models import Alerte
from iml.menages.models import Menage
from iml.occupations.models import Occupation
from iml.orientations.models import DeclarationVacance, Proposition
from iml.orientations.parametres import delai_reponse_jours
from iml.orientations.services import admission, demandes, propositions, vacances
from tests.appels.factories import acteur
from tests.menages.factories import OccupationFactory
from tests.orientations.factories import (
    ETAPES,
    DemandeFactory,
    PropositionFactory,
    VacanceFactory,
    a_midi,
    jours,
    maintenant,
)
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db


def test_une_mise_en_location_ouvre_le_brouillon_que_marc_declare(distribution):
    logement = LogementFactory(agent=distribution.julie, statut="DISPONIBLE")
    brouillon = DeclarationVacance.objects.get(logement=logement)
    assert brouillon.statut == "BROUILLON"
    declaree = VacanceFactory(agent=distribution.marc, logement=logement)
    assert declaree.pk == brouillon.pk and declaree.statut == "DECLAREE"


def test_une_sortie_ouvre_un_brouillon_et_une_admission_pourvoit_la_vacance(distribution):
    occupation = OccupationFactory(sortie=(jours(10), "LOGEMENT_SOCIAL"))
    vacance = DeclarationVacance.objects.get(logement=occupation.logement, statut="BROUILLON")
    vacances.declarer_vacance(
        acteur=acteur(distribution.marc), logement=occupation.logement, nature="VACANT",
        disponible_le=timezone.localdate(), maintenant=maintenant(),
    )  # fmt: skip
    OccupationFactory(logement=occupation.logement, date_entree=timezone.localdate())
    vacance.refresh_from_db()
    assert vacance.statut == "POURVUE" and vacance.pourvue_le is not None


def test_bientot_vacant_se_libere_apres_aujourd_hui(distribution):
    with pytest.raises(ValidationError) as refus:
        VacanceFactory(nature="BIENTOT_VACANT", disponible_le=timezone.localdate())
    assert "disponible_le" in refus.value.message_dict


def test_un_logement_n_est_pas_vacant_avant_sa_mobilisation(distribution):
    logement = LogementFactory(agent=distribution.julie, statut="DISPONIBLE")
    mobilise_le = logement.date_mobilisation
    assert mobilise_le is not None
    with pytest.raises(ValidationError) as refus:
        VacanceFactory(logement=logement, disponible_le=mobilise_le - timedelta(days=1))
    assert "n'est mobilisé que depuis le" in refus.value.message_dict["disponible_le"][0]


def test_seul_l_operateur_du_logement_declare(distribution):
    logement = LogementFactory(agent=distribution.thomas, statut="DISPONIBLE")
    with pytest.raises(PermissionDenied):
        VacanceFactory(agent=distribution.marc, logement=logement)


def test_demande_aide_inconnue_reste_inconnue_et_criteres_dates(distribution):
    demande = DemandeFactory(dalo=True)
    assert demande.aide_logement is None
    assert list(demande.criteres.values_list("critere", "reconnu_le")) == [
        ("DALO_SANS_DOMICILE", date(2025, 3, 1))
    ]


def test_demande_refusee_au_dela_du_plus_grand_logement(distribution):
    with pytest.raises(ValidationError) as refus:
        DemandeFactory(adultes=4, enfants=4)
    assert "R-CAPACITY" in refus.value.message_dict["enfants"][0]


def test_un_operateur_n_enregistre_pas_de_demande(distribution):
    with pytest.raises(PermissionDenied):
        DemandeFactory(agent=distribution.marc)


def test_communes_strictes_sans_commune(distribution):
    with pytest.raises(ValidationError) as refus:
        DemandeFactory(communes=[], communes_strictes=True)
    assert "communes_strictes" in refus.value.message_dict


def test_proposer_fixe_l_echeance_et_journalise(distribution):
    proposition = PropositionFactory()
    assert proposition.statut == "PROPOSEE"
    assert proposition.echeance == proposition.proposee_le + timedelta(days=delai_reponse_jours())
    assert proposition.declaration is not None
    assert proposition.operateur == distribution.org.ais35
    evenement = proposition.evenements.get()
    assert (evenement.de, evenement.vers, evenement.par) == ("", "PROPOSEE", distribution.sophie)


def test_une_seule_proposition_en_cours_par_menage(distribution):
    proposition = PropositionFactory()
    with pytest.raises(ValidationError):
        PropositionFactory(demande=proposition.demande)


def test_refus_motive_puis_confirme(distribution):
    proposition = PropositionFactory(refus_confirme=True)
    assert proposition.statut == "REFUS_CONFIRME"
    assert proposition.motif_refus == "TYPOLOGIE"
    assert [e.vers for e in proposition.evenements.all()] == [
        "PROPOSEE", "REFUSEE", "REFUS_CONFIRME",
    ]  # fmt: skip


def test_refus_autre_exige_une_precision(distribution):
    proposition = PropositionFactory()
    with pytest.raises(ValidationError) as refus:
        propositions.repondre(
            acteur=acteur(distribution.marc), proposition=proposition, accepte=False,
            motif_refus="AUTRE", maintenant=maintenant(),
        )  # fmt: skip
    assert "note_refus" in refus.value.message_dict


def test_passer_outre_exige_un_motif_et_rend_la_proposition_acceptee(distribution):
    proposition = PropositionFactory(refusee=True)
    with pytest.raises(ValidationError) as refus:
        propositions.decider_refus(
            acteur=acteur(distribution.sophie), proposition=proposition,
            decision="PASSE_OUTRE", maintenant=maintenant(),
        )  # fmt: skip
    assert "R-SIAO" in refus.value.message_dict["motif"][0]
    proposition = PropositionFactory(passe_outre=True)
    assert (proposition.statut, proposition.decision_siao) == ("ACCEPTEE", "PASSE_OUTRE")


def test_l_operateur_ne_decide_pas_du_refus_ni_le_siao_ne_repond(distribution):
    proposition = PropositionFactory(refusee=True)
    with pytest.raises(PermissionDenied):
        propositions.decider_refus(
            acteur=acteur(distribution.marc), proposition=proposition, decision="CONFIRME",
            maintenant=maintenant(),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        propositions.repondre(
            acteur=acteur(distribution.sophie), proposition=PropositionFactory(), accepte=True,
            maintenant=maintenant(),
        )  # fmt: skip


def test_admettre_une_proposition_acceptee(distribution):
    proposition = PropositionFactory(admise=True)
    occupation = Occupation.objects.get(pk=proposition.occupation_id)
    menage = occupation.menage
    assert menage.operateur == distribution.org.ais35
    assert menage.orientation_siao_reference == proposition.demande.reference_siao
    assert menage.personnes.count() == 1
    assert not menage.ressources.filter(nature="AIDE_LOGEMENT").exists()  # inconnue
    proposition.demande.refresh_from_db()
    assert proposition.demande.statut == "LOGEE"
    assert proposition.declaration.__class__.objects.get(pk=proposition.declaration_id).statut == (
        "POURVUE"
    )


def test_admission_bloquee_n_ecrit_rien(distribution):
    demande = DemandeFactory(ressources=Decimal("300.00"))
    proposition = PropositionFactory(demande=demande, acceptee=True)
    with pytest.raises(ValidationError) as refus:
        admission.admettre_proposition(
            acteur=acteur(distribution.julie), proposition=proposition, maintenant=maintenant(),
            saisie=admission.SaisieAdmission(
                date_naissance=date(1990, 5, 17), date_entree=timezone.localdate(),
                membres=[("ENFANT", 2016)],
            ),
        )  # fmt: skip
    assert "R-EFFORT-MG" in str(refus.value)
    proposition.refresh_from_db()
    assert proposition.statut == "ACCEPTEE"
    assert not Occupation.objects.filter(logement=proposition.logement).exists()
    # Revue 12, constat 24 : aucun ménage n'est créé non plus.
    assert not Menage.objects.filter(orientation_siao_reference=demande.reference_siao).exists()


def test_admission_exige_les_membres_annonces(distribution):
    proposition = PropositionFactory(acceptee=True)
    with pytest.raises(ValidationError) as refus:
        admission.admettre_proposition(
            acteur=acteur(distribution.marc), proposition=proposition, maintenant=maintenant(),
            saisie=admission.SaisieAdmission(
                date_naissance=date(1990, 5, 17), date_entree=timezone.localdate()
            ),
        )  # fmt: skip
    assert "membres" in refus.value.message_dict


def test_menage_informe_pas_dans_le_futur(distribution):
    proposition = PropositionFactory(refus_confirme=True)
    with pytest.raises(ValidationError):
        propositions.noter_menage_informe(
            acteur=acteur(distribution.sophie), proposition=proposition,
            le=timezone.localdate() + timedelta(days=1), maintenant=maintenant(),
        )  # fmt: skip
    propositions.noter_menage_informe(
        acteur=acteur(distribution.sophie), proposition=proposition,
        le=timezone.localdate(), maintenant=maintenant(),
    )  # fmt: skip


def test_clore_une_demande_exige_un_motif(distribution):
    demande = DemandeFactory()
    with pytest.raises(ValidationError):
        demandes.changer_statut_demande(
            acteur=acteur(distribution.sophie), demande=demande, vers="CLOSE", motif="",
            maintenant=maintenant(),
        )  # fmt: skip


@pytest.mark.parametrize("etapes", [(), ("accepter",), ("refuser",)])
def test_pas_de_cloture_tant_qu_une_proposition_est_en_cours(distribution, etapes):
    """Constat 3 : une demande close laisserait une proposition acceptée et un logement
    bloqué ; la clôture est refusée (R-SIAO) tant que la proposition court."""
    proposition = PropositionFactory(etapes=etapes)
    with pytest.raises(ValidationError) as refus:
        demandes.changer_statut_demande(
            acteur=acteur(distribution.sophie), demande=proposition.demande, vers="CLOSE",
            motif="Ménage injoignable.", maintenant=maintenant(),
        )  # fmt: skip
    assert "R-SIAO" in refus.value.message_dict["statut"][0]
    proposition.demande.refresh_from_db()
    assert proposition.demande.statut == "EN_ATTENTE"


def test_cloture_possible_apres_un_refus_confirme(distribution):
    proposition = PropositionFactory(refus_confirme=True)
    demandes.changer_statut_demande(
        acteur=acteur(distribution.sophie), demande=proposition.demande, vers="CLOSE",
        motif="Ménage injoignable.", maintenant=maintenant(),
    )  # fmt: skip
    proposition.demande.refresh_from_db()
    assert proposition.demande.statut == "CLOSE"


def test_deux_reponses_simultanees_une_seule_passe(distribution):
    """Constat 5 : la transition se vérifie sur le statut relu sous verrou, pas sur l'objet
    que chaque requête a chargé avant l'autre."""
    proposition = PropositionFactory()
    premiere, seconde = (Proposition.objects.get(pk=proposition.pk) for _ in range(2))
    propositions.repondre(
        acteur=acteur(distribution.marc), proposition=premiere, accepte=True,
        maintenant=maintenant(),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        propositions.repondre(
            acteur=acteur(distribution.marc), proposition=seconde, accepte=False,
            motif_refus="TYPOLOGIE", maintenant=maintenant(),
        )  # fmt: skip
    proposition.refresh_from_db()
    assert proposition.statut == "ACCEPTEE" and proposition.motif_refus == ""
    assert [e.vers for e in proposition.evenements.all()] == ["PROPOSEE", "ACCEPTEE"]


def test_admission_et_retrait_simultanes(distribution):
    proposition = PropositionFactory(acceptee=True)
    vue_du_siao = Proposition.objects.get(pk=proposition.pk)
    ETAPES["admettre"](acteur(distribution.sophie), acteur(distribution.marc), proposition)
    with pytest.raises(ValidationError):
        propositions.retirer(
            acteur=acteur(distribution.sophie), proposition=vue_du_siao, motif="Relogé.",
            maintenant=maintenant(),
        )  # fmt: skip
    vue_du_siao.refresh_from_db()
    assert vue_du_siao.statut == "ADMISE"


def _alertes(utilisateur, prefixe: str) -> list[str]:
    return list(
        Alerte.objects.filter(
            destinataire=utilisateur, regle="R-SIAO", cle__startswith=prefixe
        ).values_list("message", flat=True)
    )


def test_une_declaration_alerte_le_siao_du_departement(distribution):
    """Constat 9 : le SIAO est notifié de la déclaration, à la déclaration."""
    vacance = VacanceFactory()
    messages = _alertes(distribution.sophie, "R-SIAO:declaration-")
    assert len(messages) == 1 and vacance.logement.adresse in messages[0]
    assert messages[0].startswith("R-SIAO : ")
    assert not _alertes(distribution.marc, "R-SIAO:declaration-")


def test_une_proposition_alerte_l_operateur_un_refus_alerte_le_siao_sans_nom(distribution):
    proposition = PropositionFactory(refusee=True)
    demande = proposition.demande
    for agent in (distribution.marc, distribution.julie):
        (message,) = _alertes(agent, "R-SIAO:proposee-")
        assert demande.reference_siao in message and proposition.logement.adresse in message
        assert demande.nom not in message and demande.prenom not in message
    assert not _alertes(distribution.nadia, "R-SIAO:proposee-")  # travail social
    (refus,) = _alertes(distribution.sophie, "R-SIAO:refus-")
    assert "Typologie" in refus or "typologie" in refus
    assert demande.nom not in refus and demande.prenom not in refus


def test_pas_de_proposition_sans_vacance_declaree(distribution):
    """Constat 13 : un logement mobilisé dont la vacance n'est qu'un brouillon (ou pas
    déclarée du tout) ne reçoit pas de proposition."""
    logement = LogementFactory(agent=distribution.julie, statut="DISPONIBLE")  # brouillon
    with pytest.raises(ValidationError) as refus:
        propositions.proposer(
            acteur=acteur(distribution.sophie), demande=DemandeFactory(), logement=logement,
            maintenant=maintenant(),
        )  # fmt: skip
    assert "R-SIAO" in refus.value.message_dict["logement"][0]
    assert "vacance déclarée" in refus.value.message_dict["logement"][0]


def test_declarer_deux_fois_cite_la_regle(distribution):
    """Revue 12, constat 20 : le message nomme la règle."""
    vacance = VacanceFactory()
    with pytest.raises(ValidationError) as refus:
        VacanceFactory(logement=vacance.logement)
    assert refus.value.message_dict["logement"][0].startswith("R-SIAO : ")


def test_l_admission_date_le_menage_du_jour_du_geste_pas_de_l_horloge(distribution):
    """Revue 12, constat 16 : la référence du ménage suit `maintenant` (ici l'an dernier)."""
    veille = date(timezone.localdate().year - 1, 12, 30)
    proposition = PropositionFactory(acceptee=True, le=a_midi(veille - timedelta(days=5)))
    admission.admettre_proposition(
        acteur=acteur(distribution.marc), proposition=proposition, maintenant=a_midi(veille),
        saisie=admission.SaisieAdmission(
            date_naissance=date(1990, 5, 17), date_entree=veille, membres=[("ENFANT", 2016)],
        ),
    )  # fmt: skip
    menage = Occupation.objects.get(logement=proposition.logement).menage
    assert menage.reference.startswith(f"M-{veille.year}-")


def test_menage_informe_est_un_evenement_de_la_proposition(distribution):
    """Revue 12, constat 15 : qui a noté l'information du ménage, et quand."""
    proposition = PropositionFactory(refus_confirme=True)
    propositions.noter_menage_informe(
        acteur=acteur(distribution.sophie), proposition=proposition,
        le=timezone.localdate(), maintenant=maintenant(),
    )  # fmt: skip
    dernier = proposition.evenements.last()
    assert (dernier.de, dernier.vers, dernier.par) == (
        "REFUS_CONFIRME", "REFUS_CONFIRME", distribution.sophie,
    )  # fmt: skip
    assert dernier.motif == f"Ménage informé le {timezone.localdate():%d/%m/%Y}."
