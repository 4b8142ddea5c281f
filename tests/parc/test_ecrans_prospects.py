"""Écrans des prospects : tableau par statut, fiche, transitions, saisies fautives."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.comptes.communes import CommuneAmbigue, commune
from iml.parc.models import MotifBlocage, Prospect
from iml.parc.views import prospects as vues
from regles.types import StatutProspect
from tests.factories import connecter
from tests.parc.factories import BailleurFactory, LogementFactory, ProspectFactory

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode())


@pytest.fixture
def julie(client, distribution):
    connecter(client, distribution.julie)
    return client


def _fiche(pk: int) -> str:
    return reverse("parc:prospect", kwargs={"pk": pk})


def _statut(pk: int) -> str:
    return reverse("parc:prospect_statut", kwargs={"pk": pk})


# --- Tableau -----------------------------------------------------------------------------------


def test_le_tableau_montre_une_colonne_par_statut_avec_son_compte(julie):
    ProspectFactory.create_batch(2)
    ProspectFactory(statut=StatutProspect.VISITE)
    page = texte(julie.get(reverse("parc:prospects")))
    for titre in ("À contacter (2)", "Contacté (0)", "Visite (1)", "Négociation (0)"):
        assert titre in page
    assert "Capté (0)" in page and "Abandonné (0)" in page


def test_une_carte_dit_l_adresse_la_commune_le_bailleur_l_action_et_le_retard(julie, distribution):
    bailleur = BailleurFactory(nom="Rolland", prenom="Yann")
    hier = timezone.localdate() - timedelta(days=1)
    ProspectFactory(
        bailleur=bailleur,
        puis_ne_pas_contacter=True,
        adresse="3 rue de Brest",
        commune="35288",
        prochaine_action="Rappeler le bailleur",
        prochaine_action_le=hier,
        charge=distribution.julie,
        freins=[MotifBlocage.objects.get(code="travaux")],
    )
    page = texte(julie.get(reverse("parc:prospects")))
    assert "3 rue de Brest, Saint-Malo" in page
    assert "Bailleur : Yann Rolland" in page
    assert f"Rappeler le bailleur, le {hier:%d/%m/%Y}" in page
    assert ">en retard</span>" in page
    assert "Suivi par : Julie Petit" in page
    assert "Ne pas contacter" in page
    assert MotifBlocage.objects.get(code="travaux").libelle in page


def test_les_filtres_mes_prospects_commune_et_retard(julie, distribution):
    hier = timezone.localdate() - timedelta(days=1)
    ProspectFactory(adresse="1 rue Mienne", charge=distribution.julie)
    ProspectFactory(adresse="2 rue Malouine", commune="35288", charge=distribution.marc)
    ProspectFactory(adresse="3 rue Tardive", prochaine_action="Relancer", prochaine_action_le=hier)
    url = reverse("parc:prospects")
    page = texte(julie.get(url, {"mes": "on"}))
    assert "1 rue Mienne" in page and "2 rue Malouine" not in page
    page = texte(julie.get(url, {"commune": "saint malo"}))
    assert "2 rue Malouine" in page and "1 rue Mienne" not in page
    page = texte(julie.get(url, {"en_retard": "on"}))
    assert "3 rue Tardive" in page and "1 rue Mienne" not in page
    page = texte(julie.get(url, {"commune": "Bordeaux"}))
    assert "Commune : « Bordeaux » n'est pas une commune de votre département" in page
    assert "1 rue Mienne" in page


def test_au_dela_de_vingt_cartes_un_lien_mene_a_la_liste_paginee_du_statut(julie):
    bailleur = BailleurFactory()
    ProspectFactory.create_batch(27, bailleur=bailleur)
    page = texte(julie.get(reverse("parc:prospects")))
    assert "À contacter (27)" in page
    assert page.count('class="fr-card ') == 20
    assert "Voir les 7 autres" in page
    assert '?statut=A_CONTACTER"' in page
    liste = texte(julie.get(reverse("parc:prospects"), {"statut": "A_CONTACTER"}))
    assert "27 prospects" in liste
    assert liste.count('class="fr-card ') == 25
    assert "page=2" in liste
    suite = texte(julie.get(reverse("parc:prospects"), {"statut": "A_CONTACTER", "page": 2}))
    assert suite.count('class="fr-card ') == 2


@pytest.mark.parametrize("nombre", [5, 60])
def test_le_tableau_ne_fait_pas_plus_de_requetes_avec_plus_de_prospects(
    julie, distribution, django_assert_max_num_queries, nombre
):
    bailleur = BailleurFactory()
    frein = MotifBlocage.objects.get(code="travaux")
    statuts = [StatutProspect.A_CONTACTER, StatutProspect.CONTACTE, StatutProspect.ABANDONNE]
    for n in range(nombre):
        ProspectFactory(
            bailleur=bailleur, statut=statuts[n % 3], charge=distribution.julie, freins=[frein]
        )
    julie.get(reverse("parc:prospects"))
    with django_assert_max_num_queries(22):
        assert julie.get(reverse("parc:prospects")).status_code == 200


# --- Création et modification ------------------------------------------------------------------


def _valide(bailleur) -> dict:
    return {
        "bailleur": bailleur.pk,
        "adresse": "14 rue de Paris",
        "commune": "Vitré",
        "typologie": "T3",
        "prochaine_action": "Visiter",
        "prochaine_action_le": "2026-12-15",
    }


def test_julie_cree_un_prospect_commune_resolue_dans_son_departement(julie, distribution):
    bailleur = BailleurFactory()
    frein = MotifBlocage.objects.get(code="succession")
    url = reverse("parc:prospect_creer")
    assert f'value="{bailleur.pk}" selected' in texte(julie.get(url, {"bailleur": bailleur.pk}))
    donnees = _valide(bailleur) | {"charge": distribution.marc.pk, "freins": [frein.pk]}
    reponse = julie.post(url, donnees)
    prospect = Prospect.objects.get()
    assert reponse.status_code == 302
    assert prospect.commune == commune("35360").code
    assert prospect.charge == distribution.marc
    assert list(prospect.freins.all()) == [frein]
    page = texte(julie.get(_fiche(prospect.pk)))
    assert "14 rue de Paris, Vitré" in page
    assert "création" in page and "À contacter" in page


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("adresse", "", "Adresse du logement candidat : ce champ est obligatoire."),
        ("adresse", "x" * 251, "Adresse du logement candidat : 250 caractères au plus."),
        ("commune", "", "Commune : ce champ est obligatoire."),
        ("commune", "Bordeaux", "Commune : « Bordeaux » n'est pas une commune de votre dép"),
        ("commune", "33063", "Commune : « 33063 » n'est pas une commune de votre département"),
        ("bailleur", "", "Bailleur : choisissez-en un."),
        ("prochaine_action", "", "Prochaine action : dites laquelle, puisqu'elle est datée."),
        ("prochaine_action_le", "31/02/2026", "Prochaine action le : saisissez une date valide."),
    ],
)
def test_une_saisie_fautive_est_expliquee_et_gardee(julie, champ, valeur, message):
    bailleur = BailleurFactory()
    reponse = julie.post(reverse("parc:prospect_creer"), _valide(bailleur) | {champ: valeur})
    page = texte(reponse)
    assert reponse.status_code == 200
    assert message in page
    assert "Le prospect n'est pas enregistré" in page
    if champ != "adresse":
        assert 'value="14 rue de Paris"' in page
    assert not Prospect.objects.exists()


def test_une_commune_ambigue_demande_le_code(julie, monkeypatch):
    """Aucun département du COG livré n'a deux communes du même nom : l'ambiguïté (possible
    quand la recherche porte sur plusieurs départements) est simulée."""
    candidates = [commune("29197"), commune("56169")]

    def ambigue(saisie, departement):
        raise CommuneAmbigue(saisie, candidates)

    monkeypatch.setattr("iml.parc.communes.resoudre", ambigue)
    bailleur = BailleurFactory()
    page = texte(julie.post(reverse("parc:prospect_creer"), _valide(bailleur)))
    assert "Commune : « Vitré » désigne plusieurs communes" in page
    assert "indiquez le code" in page


def test_le_bailleur_d_un_autre_operateur_n_est_pas_proposable(julie, distribution):
    autre = BailleurFactory(agent=distribution.thomas)
    page = texte(julie.post(reverse("parc:prospect_creer"), _valide(autre)))
    assert "Bailleur : choisissez un bailleur de votre organisation." in page
    assert not Prospect.objects.exists()


def test_julie_modifie_le_suivi(julie, distribution):
    prospect = ProspectFactory()
    url = reverse("parc:prospect_modifier", kwargs={"pk": prospect.pk})
    assert 'value="Rennes (35238)"' in texte(julie.get(url))
    donnees = {"adresse": "9 rue Neuve", "commune": "Fougères", "charge": distribution.julie.pk}
    assert julie.post(url, donnees).status_code == 302
    prospect.refresh_from_db()
    assert (prospect.adresse, prospect.commune, prospect.charge) == (
        "9 rue Neuve",
        "35115",
        distribution.julie,
    )
    page = texte(julie.post(url, donnees | {"commune": "Nulle-Part"}))
    assert "Commune : « Nulle-Part » n'est pas une commune" in page
    assert 'value="9 rue Neuve"' in page


# --- Fiche et transitions ----------------------------------------------------------------------


def test_la_fiche_propose_les_transitions_de_la_table(julie):
    prospect = ProspectFactory(statut=StatutProspect.CONTACTE)
    page = texte(julie.get(_fiche(prospect.pk)))
    assert ">Planifier la visite</button>" in page
    assert ">Négocier</button>" in page
    assert ">Abandonner</button>" in page
    assert ">Capter le logement</button>" not in page
    assert "Fabrique de test" in page
    assert "Julie Petit" in page


def test_julie_fait_avancer_le_prospect_et_l_historique_le_garde(julie, distribution):
    prospect = ProspectFactory()
    reponse = julie.post(_statut(prospect.pk), {"vers": "CONTACTE", "note": "Premier appel"})
    assert reponse.status_code == 302
    prospect.refresh_from_db()
    assert prospect.statut == "CONTACTE"
    page = texte(julie.get(_fiche(prospect.pk)))
    assert "Premier appel" in page
    assert "Prospect « contacté »." in page


def test_un_abandon_sans_motif_est_refuse_et_la_note_gardee(julie):
    prospect = ProspectFactory(statut=StatutProspect.CONTACTE)
    reponse = julie.post(_statut(prospect.pk), {"vers": "ABANDONNE", "note": "Injoignable"})
    page = texte(reponse)
    assert reponse.status_code == 200
    assert "R-CAPTATION : choisissez le motif de l'abandon." in page
    assert "Motif de l'abandon (obligatoire)" in page
    assert "\nInjoignable</textarea>" in page
    prospect.refresh_from_db()
    assert prospect.statut == "CONTACTE"
    motif = MotifBlocage.objects.get(code="succession")
    donnees = {"vers": "ABANDONNE", "note": "Injoignable", "motif_abandon": motif.pk}
    assert julie.post(_statut(prospect.pk), donnees).status_code == 302
    assert motif.libelle in texte(julie.get(_fiche(prospect.pk)))


def test_relancer_exige_une_note(julie):
    prospect = ProspectFactory(statut=StatutProspect.ABANDONNE)
    page = texte(julie.get(_fiche(prospect.pk)))
    assert ">Relancer</button>" in page
    assert "Note (obligatoire pour relancer)" in page
    page = texte(julie.post(_statut(prospect.pk), {"vers": "A_CONTACTER", "note": " "}))
    assert "pour relancer, indiquez le motif" in page
    prospect.refresh_from_db()
    assert prospect.statut == "ABANDONNE"


def test_r_contact_refuse_la_prise_de_contact_et_garde_la_note(julie):
    prospect = ProspectFactory(puis_ne_pas_contacter=True)
    reponse = julie.post(_statut(prospect.pk), {"vers": "CONTACTE", "note": "Tentative"})
    page = texte(reponse)
    assert reponse.status_code == 200
    assert "R-CONTACT : " in page and "a demandé à ne pas être contacté" in page
    assert "\nTentative</textarea>" in page
    assert "Le statut n'a pas changé" in page
    prospect.refresh_from_db()
    assert prospect.statut == "A_CONTACTER"


def test_une_transition_hors_table_est_refusee_en_francais(julie):
    prospect = ProspectFactory()
    page = texte(julie.post(_statut(prospect.pk), {"vers": "CAPTE"}))
    assert "R-CAPTATION : un prospect « à contacter » ne peut pas passer à « capté »" in page
    page = texte(julie.post(_statut(prospect.pk), {"vers": "INCONNU"}))
    assert "Statut visé : choisissez une action proposée." in page
    assert julie.get(_statut(prospect.pk)).status_code == 405


def test_un_prospect_capte_sans_logement_propose_de_le_creer(julie, monkeypatch):
    prospect = ProspectFactory(statut=StatutProspect.CAPTE)
    page = texte(julie.get(_fiche(prospect.pk)))
    assert "Aucun changement de statut possible" in page
    adresses = {"parc:logement_creer": "/parc/logements/nouveau/"}
    monkeypatch.setattr(vues, "_lien", lambda nom, **kw: adresses.get(nom, ""))
    page = texte(julie.get(_fiche(prospect.pk)))
    assert f'href="/parc/logements/nouveau/?prospect={prospect.pk}">Créer le logement' in page


def test_sans_l_ecran_des_logements_la_fiche_s_affiche_sans_le_bouton(julie, monkeypatch):
    prospect = ProspectFactory(statut=StatutProspect.CAPTE)
    monkeypatch.setattr(vues, "_lien", lambda nom, **kw: "")
    reponse = julie.get(_fiche(prospect.pk))
    assert reponse.status_code == 200
    assert "Créer le logement" not in texte(reponse)


# --- Cloisonnement -----------------------------------------------------------------------------


def test_le_prospect_d_un_autre_operateur_est_introuvable(client, distribution):
    prospect = ProspectFactory(adresse="7 rue Secrète")
    connecter(client, distribution.thomas)
    assert client.get(_fiche(prospect.pk)).status_code == 404
    assert client.post(_statut(prospect.pk), {"vers": "CONTACTE"}).status_code == 404
    url = reverse("parc:prospect_modifier", kwargs={"pk": prospect.pk})
    assert client.get(url).status_code == 404
    assert "7 rue Secrète" not in texte(client.get(reverse("parc:prospects")))
    prospect.refresh_from_db()
    assert prospect.statut == "A_CONTACTER"


@pytest.mark.parametrize("persona", ["nadia", "claire", "sophie", "anne"])
def test_hors_gestion_du_parc_pas_de_tableau_ni_de_fiche(client, distribution, persona):
    prospect = ProspectFactory()
    connecter(client, getattr(distribution, persona))
    assert client.get(reverse("parc:prospects")).status_code == 403
    assert client.get(reverse("parc:prospect_creer")).status_code == 403
    assert client.get(_fiche(prospect.pk)).status_code == 404
    assert client.post(_statut(prospect.pk), {"vers": "CONTACTE"}).status_code == 404


def test_marc_voit_le_tableau_et_fait_avancer(client, distribution):
    prospect = ProspectFactory(adresse="11 rue Directe")
    connecter(client, distribution.marc)
    assert "11 rue Directe" in texte(client.get(reverse("parc:prospects")))
    assert client.post(_statut(prospect.pk), {"vers": "CONTACTE"}).status_code == 302


def test_avec_le_volet_des_logements_le_bouton_puis_le_lien_vers_le_logement(julie):
    """Le volet des logements fusionné : le bouton mène à sa création depuis le prospect ;
    une fois le logement créé, la fiche y renvoie."""
    prospect = ProspectFactory(statut=StatutProspect.CAPTE)
    page = texte(julie.get(_fiche(prospect.pk)))
    assert f'?prospect={prospect.pk}">Créer le logement</a>' in page
    logement = LogementFactory(prospect=prospect, bailleur=prospect.bailleur)
    page = texte(julie.get(_fiche(prospect.pk)))
    assert "Créer le logement" not in page
    assert f'/{logement.pk}/">Voir le logement capté</a>' in page
