"""Les fabriques des appels et des dossiers ne construisent que des états que le produit
permet : chaque trait passe par les services (`tests/appels/factories.py`)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from iml.appels import perms
from iml.appels.enums import StatutAppel, StatutDossier
from iml.appels.models import EvenementStatut
from iml.appels.services.statuts import justification_cloture
from iml.referentiel.gel import motif_gel
from tests.appels.factories import AppelFactory, DossierFactory, clore

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("trait", "statut"),
    [
        ("brouillon", StatutAppel.BROUILLON),
        ("publie", StatutAppel.PUBLIE),
        ("ouvert", StatutAppel.PUBLIE),
        ("clos", StatutAppel.CLOS),
        ("decide", StatutAppel.DECIDE),
    ],
)
def test_chaque_trait_d_appel_a_son_statut_et_son_historique(distribution, trait, statut):
    appel = AppelFactory(**{trait: True})
    appel.refresh_from_db()
    assert appel.statut == statut
    parcours = [e.vers for e in EvenementStatut.objects.filter(appel=appel).order_by("pk")]
    ordre = [StatutAppel.PUBLIE, StatutAppel.CLOS, StatutAppel.DECIDE]
    assert parcours == ordre[: len(parcours)]
    assert (statut == StatutAppel.BROUILLON) == (parcours == [])


def test_un_appel_ouvert_accepte_les_depots_aujourd_hui(distribution):
    ouvert = AppelFactory(ouvert=True)
    publie_en_2019 = AppelFactory(publie=True)
    aujourd_hui = timezone.localdate()
    assert perms.depot_ouvert(ouvert, aujourd_hui)
    assert not perms.depot_ouvert(publie_en_2019, aujourd_hui)


def test_un_dossier_depose_l_est_par_le_service_avec_les_chiffres_du_moteur(distribution):
    dossier = DossierFactory()
    version = dossier.derniere_version
    assert dossier.statut == StatutDossier.DEPOSE
    assert dossier.appel.statut == StatutAppel.PUBLIE
    assert version.numero == 1 and version.deposee_par == distribution.marc
    assert version.deposee_le.date() <= perms.date_limite(dossier.appel)
    assert version.chiffres["budget"]["places"]
    assert not [c for c in version.constats if c["regle"] == "R-DOSSIER"]


@pytest.mark.parametrize(
    ("trait", "statut"),
    [
        ("retenu", StatutDossier.RETENU),
        ("partiellement_retenu", StatutDossier.PARTIELLEMENT_RETENU),
        ("refuse", StatutDossier.REFUSE),
    ],
)
def test_un_dossier_decide_l_est_sur_un_appel_clos(distribution, trait, statut):
    dossier = DossierFactory(**{trait: True})
    assert dossier.statut == statut
    assert dossier.appel.statut == StatutAppel.CLOS
    assert dossier.decision.decide_le.date() > perms.date_limite(dossier.appel)


def test_un_dossier_partiellement_retenu_garde_les_places_choisies(distribution):
    dossier = DossierFactory(partiellement_retenu=True, places_mg=12, places_sl=3)
    decision = dossier.decision
    assert (decision.places_mg, decision.places_sl, decision.places_retenues) == (12, 3, 15)


def test_une_convention_signee_a_sa_date_et_fige_le_jeu_de_l_appel(distribution):
    dossier = DossierFactory(signe=True)
    convention = dossier.convention
    assert convention.date_signature == timezone.localdate()
    assert convention.numero.startswith("IML-35-")
    assert convention.scan_nom == "convention-signee.pdf"
    jeu = dossier.appel.jeu
    assert (convention.bareme_code, convention.bareme_version) == (jeu.code, jeu.version)
    assert motif_gel(jeu)


def test_un_dossier_retenu_sur_un_appel_ouvert_suit_une_cloture_anticipee_justifiee(
    distribution,
):
    dossier = DossierFactory(retenu=True, appel=AppelFactory(ouvert=True))
    assert dossier.derniere_version.deposee_le.date() == timezone.localdate()
    cloture = justification_cloture(dossier.appel)
    assert cloture is not None and cloture.motif.startswith("Clôture anticipée")
    assert dossier.appel.statut == StatutAppel.CLOS


def test_un_dossier_conventionne_n_est_pas_encore_signe(distribution):
    dossier = DossierFactory(conventionne=True)
    assert dossier.statut == StatutDossier.RETENU
    assert dossier.convention.date_signature is None


def test_un_dossier_brouillon_n_a_pas_de_version(distribution):
    dossier = DossierFactory(brouillon=True)
    assert dossier.statut == StatutDossier.BROUILLON
    assert not dossier.versions.exists()
    assert dossier.contenu["porteur"]["siret"] == distribution.org.ais35.siret


def test_on_ne_fabrique_pas_de_depot_sur_un_appel_clos(distribution):
    appel = AppelFactory(clos=True)
    with pytest.raises(PermissionDenied):
        DossierFactory(appel=appel)


def test_plusieurs_dossiers_d_un_appel_sont_deposes_avant_la_cloture(distribution):
    appel = AppelFactory(publie=True)
    ais = DossierFactory(appel=appel)
    relais = DossierFactory(appel=appel, operateur=distribution.org.relais35)
    clore(appel)
    assert relais.derniere_version.deposee_par == distribution.helene
    assert ais.derniere_version.deposee_par == distribution.marc
    appel.refresh_from_db()
    assert appel.statut == StatutAppel.CLOS
    with pytest.raises(PermissionDenied):
        DossierFactory(appel=appel, operateur=distribution.org.relais35)


@pytest.mark.parametrize(
    ("fabrique", "champ"),
    [
        (AppelFactory, {"statut": "DECIDE", "jeu": None}),
        (DossierFactory, {"statut": StatutDossier.RETENU}),
    ],
)
def test_un_champ_que_les_services_ne_posent_pas_est_refuse(distribution, fabrique, champ):
    with pytest.raises(AssertionError, match="Champs que les services ne posent pas"):
        fabrique(**champ)
