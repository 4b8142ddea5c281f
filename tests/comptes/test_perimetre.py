"""Périmètre : ce que voit chaque organisation (sélecteurs, pages) et changement d'organisation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iml.comptes.acteur import SESSION_ADHESION, acteur_pour
from iml.comptes.demo import ORGANISATIONS
from iml.comptes.enums import NiveauTerritoire, Role, TypeOrganisation
from iml.comptes.models import Adhesion, Territoire
from iml.comptes.selectors import membres_visibles, organisations_visibles
from tests.factories import AdhesionFactory, OrganisationFactory, connecter, departement

pytestmark = pytest.mark.django_db


def visibles(utilisateur) -> set[str]:
    """Les clés de démonstration des organisations que voit l'utilisateur."""
    return {o.nom for o in organisations_visibles(acteur_pour(utilisateur, None))}


def noms(d, *cles: str) -> set[str]:
    return {getattr(d.org, cle).nom for cle in cles}


def demo_en(territoire: str, *types: str) -> set[str]:
    """Les organisations de démonstration d'un territoire (de certains types, ou toutes)."""
    return {
        o.nom
        for o in ORGANISATIONS
        if o.territoire == territoire and (o.type in types or not types)
    }


# --- Sélecteurs -----------------------------------------------------------------------------


def test_la_ddets_35_voit_l_ille_et_vilaine_et_pas_la_gironde(distribution):
    d = distribution
    attendu = demo_en("35")
    assert noms(d, "ddets35", "siao35", "ais35", "relais35", "toit35", "cd35") <= attendu
    assert visibles(d.claire) == attendu
    assert visibles(d.yves) == attendu
    assert d.org.solidarite33.nom not in attendu


def test_la_dreets_nouvelle_aquitaine_voit_la_gironde_et_pas_l_ille_et_vilaine(distribution):
    d = distribution
    assert departement("33").region.code == "75"
    assert visibles(d.paul) == noms(d, "dreets_na", "solidarite33")


def test_la_dreets_voit_tous_les_departements_de_sa_region(distribution):
    landes = OrganisationFactory(nom="Landes Habitat", territoire=departement("40"))
    bretagne_hors_35 = OrganisationFactory(nom="Finistère Logement", territoire=departement("29"))
    vus = visibles(distribution.paul)
    assert landes.nom in vus
    assert bretagne_hors_35.nom not in vus


def test_un_service_departemental_ne_voit_que_son_departement(distribution):
    ddets33 = OrganisationFactory(
        type=TypeOrganisation.ETAT, nom="DDETS de la Gironde", territoire=departement("33")
    )
    agent = AdhesionFactory(organisation=ddets33, role=Role.AGENT_INSTRUCTEUR).utilisateur
    landes = OrganisationFactory(nom="Landes Habitat", territoire=departement("40"))
    vus = visibles(agent)
    assert vus == {ddets33.nom, distribution.org.solidarite33.nom}
    assert landes.nom not in vus


@pytest.mark.parametrize(
    ("persona", "cle"),
    [("marc", "ais35"), ("julie", "ais35"), ("helene", "relais35"), ("louis", "solidarite33")],
)
def test_un_operateur_ne_voit_que_lui_meme(distribution, persona, cle):
    assert visibles(getattr(distribution, persona)) == noms(distribution, cle)


def test_le_siao_voit_lui_meme_et_les_operateurs_de_son_departement(distribution):
    d = distribution
    OrganisationFactory(nom="Opérateur du Finistère", territoire=departement("29"))
    attendu = noms(d, "siao35") | demo_en("35", TypeOrganisation.OPERATEUR)
    assert noms(d, "ais35", "relais35") <= attendu
    assert visibles(d.sophie) == attendu


def test_le_cofinanceur_ne_voit_que_lui_meme(distribution):
    assert visibles(distribution.anne) == noms(distribution, "cd35")


def test_l_administrateur_sans_adhesion_voit_toutes_les_organisations(distribution):
    assert visibles(distribution.admin) == {o.nom for o in ORGANISATIONS}


def test_sans_adhesion_active_on_ne_voit_rien(distribution):
    Adhesion.objects.filter(utilisateur=distribution.marc).update(actif=False)
    assert visibles(distribution.marc) == set()


def test_les_membres_ne_sont_visibles_que_des_membres_et_de_l_etat(distribution):
    d = distribution
    ais = d.org.ais35
    membres = {"Marc Bernard", "Julie Petit", "Nadia Roux"}

    def vus(utilisateur) -> set[str]:
        return {str(a.utilisateur) for a in membres_visibles(acteur_pour(utilisateur, None), ais)}

    assert vus(d.marc) == membres
    assert vus(d.claire) == membres
    assert vus(d.sophie) == set()


# --- Pages ----------------------------------------------------------------------------------


def test_la_liste_des_organisations_suit_le_perimetre(client, distribution):
    d = distribution
    connecter(client, d.paul)
    page = client.get(reverse("ui:organisations")).content.decode()
    assert "Solidarité Logement Gironde" in page
    assert "AIS Rennes Habitat Solidaire" not in page

    client.logout()
    connecter(client, d.claire)
    page = client.get(reverse("ui:organisations")).content.decode()
    assert "AIS Rennes Habitat Solidaire" in page
    assert "Solidarité Logement Gironde" not in page


@pytest.mark.parametrize(
    ("persona", "autre"),
    [
        ("claire", "solidarite33"),
        ("paul", "ais35"),
        ("sophie", "cd35"),
        ("marc", "relais35"),
        ("anne", "ais35"),
        ("louis", "ais35"),
    ],
)
def test_la_fiche_d_une_organisation_hors_perimetre_est_introuvable(
    client, distribution, persona, autre
):
    connecter(client, getattr(distribution, persona))
    pk = getattr(distribution.org, autre).pk
    reponse = client.get(reverse("ui:organisation", args=[pk]))
    assert reponse.status_code == 404
    page = reponse.content.decode()
    assert "<h1>Page introuvable</h1>" in page  # en français, dans la mise en page du site
    assert getattr(distribution.org, autre).nom not in page


def test_la_fiche_montre_les_membres_aux_membres_et_a_l_etat_seulement(client, distribution):
    d = distribution
    url = reverse("ui:organisation", args=[d.org.ais35.pk])

    connecter(client, d.sophie)  # le SIAO voit l'opérateur mais pas ses membres
    page = client.get(url).content.decode()
    assert "AIS Rennes Habitat Solidaire" in page
    assert "Membres" not in page
    assert "Julie Petit" not in page

    for persona in (d.marc, d.claire):
        client.logout()
        connecter(client, persona)
        page = client.get(url).content.decode()
        assert "Membres" in page
        assert "Julie Petit — Gestion locative" in page


# --- Changement d'organisation --------------------------------------------------------------


def _adhesion(utilisateur, organisation) -> Adhesion:
    return Adhesion.objects.get(utilisateur=utilisateur, organisation=organisation, actif=True)


def test_nadia_change_d_organisation_et_l_en_tete_suit(client, distribution):
    d = distribution
    connecter(client, d.nadia)
    accueil = client.get(reverse("ui:accueil"))
    assert accueil.wsgi_request.acteur.organisation == d.org.ais35
    assert "AIS Rennes Habitat Solidaire — Travail social" in accueil.content.decode()

    compte = client.get(reverse("comptes:mon_compte")).content.decode()
    assert "AIS Rennes Habitat Solidaire — Travail social" in compte
    assert "Association Le Relais Logement 35 — Travail social" in compte

    relais = _adhesion(d.nadia, d.org.relais35)
    reponse = client.post(
        reverse("comptes:changer_organisation"), {"adhesion": relais.pk}, follow=True
    )
    assert reponse.redirect_chain[-1][0] == reverse("ui:accueil")
    page = reponse.content.decode()
    assert "Vous agissez maintenant pour Association Le Relais Logement 35." in page
    assert reponse.wsgi_request.acteur.organisation == d.org.relais35
    entete = page.split('data-testid="acteur"')[1].split('class="iml-acteur__texte">')[1]
    entete = entete.split("<")[0]
    assert entete == "Association Le Relais Logement 35 — Travail social"

    # Le périmètre suit : la fiche de l'AIS n'est plus visible, celle du Relais l'est.
    assert client.get(reverse("ui:organisation", args=[d.org.ais35.pk])).status_code == 404
    assert client.get(reverse("ui:organisation", args=[d.org.relais35.pk])).status_code == 200


def test_on_ne_peut_pas_agir_pour_l_adhesion_d_un_autre(client, distribution):
    d = distribution
    connecter(client, d.nadia)
    celle_de_julie = _adhesion(d.julie, d.org.ais35)
    reponse = client.post(reverse("comptes:changer_organisation"), {"adhesion": celle_de_julie.pk})
    assert reponse.status_code == 404
    assert SESSION_ADHESION not in client.session


def test_on_ne_peut_pas_agir_pour_une_adhesion_inactive(client, distribution):
    d = distribution
    relais = _adhesion(d.nadia, d.org.relais35)
    relais.actif = False
    relais.save()
    connecter(client, d.nadia)
    reponse = client.post(reverse("comptes:changer_organisation"), {"adhesion": relais.pk})
    assert reponse.status_code == 404
    assert SESSION_ADHESION not in client.session
    assert client.get(reverse("ui:accueil")).wsgi_request.acteur.organisation == d.org.ais35
    assert "Association Le Relais" not in client.get(reverse("comptes:mon_compte")).content.decode()


def test_ni_pour_une_organisation_desactivee(client, distribution):
    d = distribution
    d.org.relais35.active = False
    d.org.relais35.save()
    connecter(client, d.nadia)
    relais = _adhesion(d.nadia, d.org.relais35)
    reponse = client.post(reverse("comptes:changer_organisation"), {"adhesion": relais.pk})
    assert reponse.status_code == 404


def test_une_adhesion_desactivee_apres_le_choix_ramene_a_la_premiere(client, distribution):
    d = distribution
    connecter(client, d.nadia)
    relais = _adhesion(d.nadia, d.org.relais35)
    client.post(reverse("comptes:changer_organisation"), {"adhesion": relais.pk})
    relais.actif = False
    relais.save()
    acteur = client.get(reverse("ui:accueil")).wsgi_request.acteur
    assert acteur.organisation == d.org.ais35


def test_l_agent_regional_est_reconnu_comme_tel(distribution):
    acteur = acteur_pour(distribution.paul, None)
    assert acteur.est_etat and acteur.est_etat_regional
    assert acteur.territoire == Territoire.objects.get(niveau=NiveauTerritoire.REGION, code="75")
    assert not acteur_pour(distribution.claire, None).est_etat_regional


@pytest.mark.parametrize("valeur", ["", "abc", "0"])
def test_une_adhesion_absente_ou_illisible_est_introuvable(client, distribution, valeur):
    connecter(client, distribution.nadia)
    reponse = client.post(reverse("comptes:changer_organisation"), {"adhesion": valeur})
    assert reponse.status_code == 404


@pytest.mark.parametrize("valeur", ["²", "١", "٣", "9" * 30, " 1", "-1", ""])
def test_une_adhesion_illisible_repond_introuvable_sans_erreur_serveur(
    client, distribution, valeur
):
    """`isdigit()` acceptait « ² » (int() échoue : erreur 500) et les chiffres arabes-indiens ;
    un entier trop grand pour la base échouait aussi."""
    connecter(client, distribution.nadia)
    reponse = client.post(reverse("comptes:changer_organisation"), {"adhesion": valeur})
    assert reponse.status_code == 404
    assert SESSION_ADHESION not in client.session
