"""Tableaux de bord par rôle (page d'accueil) : ce que chacun voit, calculé à la main sur un
petit parc ; des nombres, jamais un nom de ménage ; un nombre de requêtes qui ne dépend pas
du nombre de conventions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iml.appels.services.conventions import (
    LigneCofinancement,
    calculer_convention,
    etablir_convention,
)
from iml.pilotage.views.tableaux import tableau_de_bord
from regles.types import StatutLogement
from tests.appels.factories import (
    AppelFactory,
    DossierFactory,
    acteur,
    agent_de,
    conventionner,
    decider_dossier,
    demo,
)
from tests.factories import connecter
from tests.menages.factories import MenageFactory, OccupationFactory
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def _convention(distribution):
    dossier = DossierFactory(conventionne=True, operateur=distribution.org.ais35)
    return dossier.convention


def _parc(convention):
    """Deux T2 de 3 places mobilisés dans la convention, dont un occupé par un ménage."""
    LogementFactory(convention=convention, statut=StatutLogement.DISPONIBLE)
    occupe = LogementFactory(convention=convention, statut=StatutLogement.DISPONIBLE)
    OccupationFactory(logement=occupe, menage=MenageFactory(nom="Confidentiel"))


@pytest.fixture
def parc(distribution):
    convention = _convention(distribution)
    _parc(convention)
    return convention


def _ligne(tableau, libelle):
    return next(lg.valeurs for lg in tableau.lignes if lg.libelle == libelle)


def test_l_etat_voit_les_places_de_son_territoire_par_operateur(client, distribution, parc):
    connecter(client, distribution.claire)
    reponse = client.get(reverse("ui:accueil"))
    assert reponse.status_code == 200
    bord = reponse.context["tableau_de_bord"]
    places = bord.tableaux[0]
    financees = parc.dossier.decision.places_retenues
    # Financées (décision), 2 logements mobilisés, 6 places ouvertes, 3 occupées.
    assert _ligne(places, distribution.org.ais35.nom) == (financees, 2, 6, 3)
    indicateurs = {i.libelle: i.valeur for i in bord.indicateurs}
    assert indicateurs["Taux d'occupation"] == f"50,0{NBSP}%"
    assert bord.conventions_a_signer[0][0] == parc.numero
    texte = reponse.content.decode()
    assert "Confidentiel" not in texte
    assert "Conventions à signer" in texte and "<bar-chart" in texte
    assert "/pilotage/tableaux/places/export.csv/" in texte


def test_la_region_voisine_ne_voit_pas_les_conventions_d_ille_et_vilaine(distribution, parc):
    bord = tableau_de_bord(acteur(distribution.paul), timezone.localdate())
    assert bord.tableaux[0].lignes == ()
    assert bord.conventions_a_signer == []


def test_l_operateur_voit_ses_conventions_et_sa_file_de_travail(client, distribution, parc):
    connecter(client, distribution.marc)
    bord = client.get(reverse("ui:accueil")).context["tableau_de_bord"]
    assert bord.profil == "operateur"
    places = bord.tableaux[0]
    assert [lg.libelle for lg in places.lignes] == [f"Convention {parc.numero}"]
    file = {t.libelle: t.nombre for t in bord.file}
    assert file["Propositions du SIAO sans réponse"] == 0
    assert file["Ménages en impayé"] == 0
    # Un autre opérateur (Le Relais) n'a pas de convention : tableau vide, pas celui de l'AIS.
    autre = tableau_de_bord(acteur(demo("thomas")), timezone.localdate())
    assert autre.tableaux[0].lignes == ()


def test_le_cout_par_place_se_compare_au_plafond(distribution, parc):
    """Le dernier exercice de la convention (2020 pour l'appel d'essai) : montant de l'État ÷
    places financées ; ÷ places ouvertes au 31/12/2020 (aucune : les 6 places sont ouvertes
    d'aujourd'hui), donc non renseigné ; plafond de 2 200 €."""
    bord = tableau_de_bord(acteur(distribution.claire), timezone.localdate())
    couts = bord.tableaux[3]
    annee = max(int(a) for a in parc.montants_negocies)
    assert couts.titre == f"Coût par place en {annee}"
    montant, par_place, par_ouverte, plafond = couts.lignes[0].valeurs
    assert montant == Decimal(parc.montants_negocies[str(annee)])
    financees = parc.dossier.decision.places_retenues
    assert par_place == (montant / financees).quantize(Decimal("0.01"))
    assert par_ouverte is None
    assert plafond == Decimal(2200)


def test_le_siao_voit_vacances_menages_en_attente_et_propositions(client, distribution):
    connecter(client, distribution.sophie)
    bord = client.get(reverse("ui:accueil")).context["tableau_de_bord"]
    assert bord.profil == "siao"
    propositions = bord.tableaux[0]
    assert propositions.titre == "Propositions par état"
    assert propositions.total(0).connu == 0 and propositions.total(0).complet


def test_le_cofinanceur_voit_ses_montants_a_cote_de_ceux_de_l_etat(client, distribution):
    dossier = DossierFactory(retenu=True, operateur=distribution.org.ais35)
    calcul = calculer_convention(dossier)
    etablir_convention(
        acteur=acteur(agent_de(dossier.appel)),
        dossier=dossier,
        montants_negocies=calcul.totaux(),
        motif_ecart="",
        cofinancements=[
            LigneCofinancement("CONSEIL_DEPARTEMENTAL", a, Decimal(1000), distribution.org.cd35)
            for a in calcul.exercices
        ],
    )
    connecter(client, distribution.anne)
    reponse = client.get(reverse("ui:accueil"))
    bord = reponse.context["tableau_de_bord"]
    assert bord.profil == "cofinanceur"
    cofinancements = bord.tableaux[0]
    annee = max(calcul.exercices)
    assert cofinancements.titre == f"Conventions cofinancées en {annee}"
    [ligne] = cofinancements.lignes
    assert ligne.valeurs == (Decimal(1000), calcul.totaux()[annee])
    texte = reponse.content.decode()
    assert "Votre montant" in texte and "Montant de l&#x27;État" in texte


def test_le_nombre_de_requetes_ne_depend_pas_du_nombre_de_conventions(client, distribution):
    """Deux dossiers d'un même appel (AIS et Relais) : la page de l'État avec une convention
    puis avec deux, logements et occupations compris, fait le même nombre de requêtes."""
    appel = AppelFactory(publie=True)
    ais = DossierFactory(appel=appel, operateur=distribution.org.ais35)
    relais = DossierFactory(appel=appel, operateur=distribution.org.relais35)
    _parc(conventionner(decider_dossier(ais)))
    connecter(client, distribution.claire)
    url = reverse("ui:accueil")
    client.get(url)
    with CaptureQueriesContext(connection) as une:
        client.get(url)
    thomas = demo("thomas")
    convention = conventionner(decider_dossier(relais))
    LogementFactory(agent=thomas, convention=convention, statut=StatutLogement.DISPONIBLE)
    logement = LogementFactory(agent=thomas, convention=convention, statut="DISPONIBLE")
    OccupationFactory(agent=thomas, logement=logement, menage=MenageFactory(agent=thomas))
    with CaptureQueriesContext(connection) as deux:
        reponse = client.get(url)
    assert len(reponse.context["tableau_de_bord"].tableaux[0].lignes) == 2
    assert len(deux) == len(une)


def test_export_des_places_pour_l_etat_et_refus_hors_profil(client, distribution, parc):
    connecter(client, distribution.claire)
    url = reverse("pilotage:export_tableau", kwargs={"nom": "places", "format": "csv"})
    contenu = client.get(url).content.decode("utf-8")
    assert f"{distribution.org.ais35.nom};" in contenu
    assert "Confidentiel" not in contenu
    connecter(client, distribution.sophie)
    assert client.get(url).status_code == 403


def test_avec_un_bareme_regional_le_cout_se_compare_au_plafond_des_logements(distribution, parc):
    """R-CEILING-NA : quand une convention relève d'un barème à plafonds régionaux (ici le
    barème de la Nouvelle-Aquitaine substitué à celui de l'appel), le tableau des coûts ajoute
    le plafond des logements mobilisés, calculé d'après la catégorie et la zone du dossier."""
    from iml.pilotage import presentation_tableaux as bord
    from regles.entrees_dossier import lire_dossier
    from regles.types import Categorie, Zone
    from tests.pilotage.test_tableaux_indicateurs import _bareme

    na = _bareme("region-75-nouvelle-aquitaine")
    lecture = bord._lire(acteur(distribution.claire))
    lecture.baremes = dict.fromkeys(lecture.baremes, na)
    couts = bord.tableau_couts(acteur(distribution.claire), lecture, timezone.localdate())
    assert couts.colonnes[-1].libelle.endswith("(R-CEILING-NA)")
    # Le dossier d'essai : IML classique, zone tendue, mandat de gestion accompagné par le droit
    # commun (formule « sans accompagnement », 1 700 €) ; 2 logements mobilisés en mandat.
    dossier = lire_dossier(parc.dossier.derniere_version.contenu)
    assert (dossier.categorie, dossier.zone_marche) == (Categorie.CLASSIQUE, Zone.TENDUE)
    assert couts.lignes[0].valeurs[4] == Decimal(3400)
    # Sans barème régional (cas national), la colonne n'existe pas.
    assert len(bord.tableau_couts(acteur(distribution.claire), bord._lire(
        acteur(distribution.claire)), timezone.localdate()).colonnes) == 4  # fmt: skip


def test_sans_logement_mobilise_pas_de_depassement_du_plafond_regional(distribution):
    """R-CEILING-NA, R-UNKNOWN : une convention sans logement mobilisé n'a pas de plafond
    régional (non renseigné, pas 0 €) et n'est donc pas « au-delà du plafond régional »."""
    from iml.pilotage import presentation_tableaux as bord
    from iml.pilotage.indicateurs_tableaux import indicateur_cout
    from tests.pilotage.test_tableaux_indicateurs import _bareme

    _convention(distribution)
    lecture = bord._lire(acteur(distribution.claire))
    lecture.baremes = dict.fromkeys(lecture.baremes, _bareme("region-75-nouvelle-aquitaine"))
    couts = bord.tableau_couts(acteur(distribution.claire), lecture, timezone.localdate())
    [ligne] = couts.lignes
    assert ligne.valeurs[0] > 0 and ligne.valeurs[4] is None
    assert "plafond régional" not in indicateur_cout(lecture, couts).detail
