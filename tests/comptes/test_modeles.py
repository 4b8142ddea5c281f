"""Modèles des comptes : SIRET, cohérence organisation/territoire/rôle, territoires, adresses."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from iml.comptes.demo import ORGANISATIONS
from iml.comptes.enums import ROLES_PAR_TYPE, NiveauTerritoire, Role, TypeOrganisation
from iml.comptes.models import Adhesion, Organisation, Territoire, Utilisateur
from iml.comptes.services import RoleInvalide, rattacher
from iml.comptes.validators import valider_siret
from tests.factories import AdhesionFactory, OrganisationFactory, UtilisateurFactory, departement

FORMAT = "Le SIRET doit comporter exactement 14 chiffres."
CLE = "Le SIRET n'est pas valide (clé de contrôle)."


def region(code: str) -> Territoire:
    return Territoire.objects.get(niveau=NiveauTerritoire.REGION, code=code)


# --- SIRET ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000074",  # SIRET réel à clé de Luhn valide
        "13000000000005",
        "35600000000048",  # siège de La Poste : clé de Luhn valide
        "35600000009075",  # établissement de La Poste : somme des chiffres multiple de 5
    ],
)
def test_siret_valide_accepte(siret):
    valider_siret(siret)


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("73282932000075", CLE),  # dernier chiffre faux
        ("73282932000047", CLE),  # deux chiffres permutés
        ("35600000009090", CLE),  # La Poste, ni Luhn ni multiple de 5
        ("7328293200007", FORMAT),  # 13 chiffres
        ("732829320000740", FORMAT),  # 15 chiffres
        ("732 829 320 00074", FORMAT),
        ("7328293200007A", FORMAT),
        ("", FORMAT),
    ],
)
def test_siret_invalide_refuse_en_francais(siret, message):
    with pytest.raises(ValidationError) as erreur:
        valider_siret(siret)
    assert erreur.value.messages == [message]


@pytest.mark.django_db
def test_le_siret_est_controle_a_la_validation_de_l_organisation():
    organisation = OrganisationFactory.build(siret="73282932000075", territoire=departement("35"))
    with pytest.raises(ValidationError) as erreur:
        organisation.full_clean()
    assert erreur.value.message_dict == {"siret": [CLE]}


@pytest.mark.django_db
def test_les_organisations_de_demonstration_sont_valides(distribution):
    for o in ORGANISATIONS:
        Organisation.objects.get(siret=o.siret).full_clean()


@pytest.mark.django_db
def test_le_siret_est_unique(db):
    OrganisationFactory(siret="73282932000074")
    with pytest.raises(ValidationError) as erreur:
        OrganisationFactory.build(siret="73282932000074").full_clean()
    assert "siret" in erreur.value.message_dict


# --- Organisation et territoire -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "type_", [TypeOrganisation.OPERATEUR, TypeOrganisation.SIAO, TypeOrganisation.COFINANCEUR]
)
def test_seul_l_etat_peut_avoir_une_region(type_):
    organisation = OrganisationFactory.build(type=type_, territoire=region("75"))
    with pytest.raises(ValidationError) as erreur:
        organisation.full_clean()
    assert erreur.value.message_dict == {
        "territoire": ["Seul un service de l'État (DREETS) peut avoir une région."]
    }


@pytest.mark.django_db
def test_l_etat_peut_etre_regional_ou_departemental():
    OrganisationFactory.build(type=TypeOrganisation.ETAT, territoire=region("75")).full_clean()
    OrganisationFactory.build(type=TypeOrganisation.ETAT, territoire=departement("35")).full_clean()
    OrganisationFactory.build(territoire=departement("35")).full_clean()


# --- Adhésions et rôles ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("type_", "role"),
    [
        (TypeOrganisation.ETAT, Role.DIRECTION),
        (TypeOrganisation.OPERATEUR, Role.AGENT_INSTRUCTEUR),
        (TypeOrganisation.SIAO, Role.GESTIONNAIRE_LOCATIF),
        (TypeOrganisation.COFINANCEUR, Role.COORDINATION),
    ],
)
def test_un_role_etranger_au_type_d_organisation_est_refuse(type_, role):
    organisation = OrganisationFactory(type=type_)
    adhesion = Adhesion(utilisateur=UtilisateurFactory(), organisation=organisation, role=role)
    with pytest.raises(ValidationError) as erreur:
        adhesion.full_clean()
    assert erreur.value.message_dict == {
        "role": ["Ce rôle n'existe pas pour ce type d'organisation."]
    }
    with pytest.raises(RoleInvalide):
        rattacher(utilisateur=adhesion.utilisateur, organisation=organisation, role=role)


@pytest.mark.django_db
@pytest.mark.parametrize("type_", list(TypeOrganisation))
def test_chaque_role_prevu_est_accepte(type_):
    organisation = OrganisationFactory(type=type_)
    for role in ROLES_PAR_TYPE[type_]:
        Adhesion(
            utilisateur=UtilisateurFactory(), organisation=organisation, role=role
        ).full_clean()


@pytest.mark.django_db
def test_une_seule_adhesion_active_par_organisation():
    adhesion = AdhesionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Adhesion.objects.create(
            utilisateur=adhesion.utilisateur,
            organisation=adhesion.organisation,
            role=Role.DIRECTION,
        )
    adhesion.actif = False
    adhesion.save()
    Adhesion.objects.create(
        utilisateur=adhesion.utilisateur, organisation=adhesion.organisation, role=Role.DIRECTION
    )


# --- Utilisateurs ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_l_adresse_est_enregistree_en_minuscules():
    assert (
        Utilisateur.objects.create_user("Jean.DUPONT@Exemple.fr").email == "jean.dupont@exemple.fr"
    )
    saisi = Utilisateur(email="Marie.Curie@Exemple.FR")
    saisi.set_unusable_password()
    saisi.full_clean()
    assert saisi.email == "marie.curie@exemple.fr"


@pytest.mark.django_db
def test_une_adresse_ne_peut_exister_deux_fois_a_la_casse_pres():
    Utilisateur.objects.create_user("jean.dupont@exemple.fr")
    doublon = Utilisateur(email="Jean.Dupont@exemple.fr")
    doublon.set_unusable_password()
    with pytest.raises(ValidationError) as erreur:
        doublon.full_clean()
    assert "email" in erreur.value.message_dict


@pytest.mark.django_db
def test_second_facteur_obligatoire_pour_l_etat_et_les_administrateurs(distribution):
    d = distribution
    assert all(p.doit_avoir_second_facteur for p in (d.claire, d.yves, d.paul, d.admin))
    assert not any(
        p.doit_avoir_second_facteur for p in (d.sophie, d.marc, d.nadia, d.anne, d.louis)
    )
    Adhesion.objects.filter(utilisateur=d.claire).update(actif=False)
    assert not d.claire.doit_avoir_second_facteur


# --- Territoires ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_les_territoires_sont_charges_par_la_migration():
    assert Territoire.objects.filter(niveau=NiveauTerritoire.REGION).count() == 18
    assert Territoire.objects.filter(niveau=NiveauTerritoire.DEPARTEMENT).count() == 101
    assert departement("35").region == region("53")
    assert region("53").nom == "Bretagne"
    assert departement("971").region.nom == "Guadeloupe"
    assert departement("2A").nom == "Corse-du-Sud"
    assert departement("2B").region.code == "94"
    assert departement("33").region.nom == "Nouvelle-Aquitaine"
    assert not Territoire.objects.filter(
        niveau=NiveauTerritoire.DEPARTEMENT, region__isnull=True
    ).exists()
    assert not Territoire.objects.filter(niveau=NiveauTerritoire.DEPARTEMENT, code="20").exists()


@pytest.mark.django_db
def test_recharger_les_territoires_est_idempotent():
    from iml.comptes.territoires import charger_territoires

    avant = Territoire.objects.count()
    assert charger_territoires(Territoire) == 119
    assert Territoire.objects.count() == avant == 119


def test_les_libelles_des_roles_nomment_la_fonction_pas_la_personne():
    """Libellés épicènes (issue 8, typographie) : Claire instruit, Julie fait la gestion
    locative, Anne suit les cofinancements ; les valeurs stockées ne changent pas."""
    assert dict(Role.choices) == {
        "AGENT_INSTRUCTEUR": "Instruction",
        "RESPONSABLE": "Responsable",
        "DIRECTION": "Direction",
        "GESTIONNAIRE_LOCATIF": "Gestion locative",
        "TRAVAILLEUR_SOCIAL": "Travail social",
        "COORDINATION": "Coordination",
        "CHARGE_DE_MISSION": "Suivi des cofinancements",
    }
    champ = Adhesion._meta.get_field("role")
    assert dict(champ.choices) == dict(Role.choices)
