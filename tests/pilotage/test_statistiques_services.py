"""R-STATS : campagne des statistiques annuelles, calcul figé depuis les données, corrections
signées, soumission, consolidation DDETS puis DREETS, signal de renouvellement."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from iml.comptes.enums import Role, TypeOrganisation
from iml.pilotage.models import StatistiqueAnnuelle
from iml.pilotage.statistiques import selectors, services
from tests.appels.factories import acteur
from tests.menages.factories import MenageFactory, OccupationFactory
from tests.parc.factories import LogementFactory

ANNEE = timezone.localdate().year - 1


def moment(jour: date) -> datetime:
    return timezone.make_aware(datetime.combine(jour, time(10)))


MAINTENANT = moment(date(ANNEE + 1, 1, 15))


def ouvrir(d, agent=None, annee=ANNEE, limite=None):
    """Ouverte le 15/01 de l'an suivant, ou plus tôt (au plus tôt le 01/01) le jour d'une date
    limite antérieure : une date limite ne précède jamais l'ouverture."""
    limite = limite or date(ANNEE + 1, 3, 31)
    ouverture = min(MAINTENANT, moment(max(limite, date(annee + 1, 1, 1))))
    return services.ouvrir_campagne(
        acteur=acteur(agent or d.claire), annee=annee, date_limite=limite, maintenant=ouverture
    )


def valeurs(statistique) -> dict:
    return {ligne.cle: ligne.retenue for ligne in selectors.lignes_revues(statistique)}


@pytest.fixture
def activite_ais(distribution):
    """À l'AIS Rennes : un T3 en sous-location mobilisé le 10/01 (4 places), un ménage entré en
    février et sorti en logement social le 30/09 ; un couple entré en novembre, présent au
    31/12. Au Relais : un ménage entré en mars."""
    logement = LogementFactory(
        statut="DISPONIBLE", sous_location=True, typologie="T3", capacite=4,
        date_mobilisation=date(ANNEE, 1, 10),
    )  # fmt: skip
    OccupationFactory(
        logement=logement, sous_location=True, date_entree=date(ANNEE, 2, 1),
        sortie=(date(ANNEE, 9, 30), "LOGEMENT_SOCIAL"),
    )  # fmt: skip
    couple = MenageFactory(membres=[("CONJOINT", 1988)], sans_ressources=True)
    OccupationFactory(menage=couple, date_entree=date(ANNEE, 11, 2))
    OccupationFactory(agent=distribution.thomas, date_entree=date(ANNEE, 3, 1))
    return logement


def test_la_ddets_ouvre_la_campagne_et_chaque_operateur_du_departement_a_sa_statistique(
    distribution, activite_ais
):
    campagne = ouvrir(distribution)
    operateurs = set(campagne.statistiques.values_list("operateur__nom", flat=True))
    assert operateurs == {
        "AIS Rennes Habitat Solidaire",
        "Association Le Relais Logement 35",
        "Association Toit Partagé 35",
    }  # pas Solidarité Logement Gironde (autre département)
    ais = campagne.statistiques.get(operateur=distribution.org.ais35)
    v = valeurs(ais)
    assert v["places.SOUS_LOCATION.T3"] == 4
    assert v["entrees"] == 2 and v["sorties"] == 1 and v["presents_fin"] == 1
    assert v["sorties.LOGEMENT_SOCIAL"] == 1
    assert v["duree_moyenne_jours"] == Decimal("241.0")  # du 01/02 au 30/09
    assert v["composition.couple"] == 1 and v["composition.monoparentale"] == 1
    assert v["ressources.NON_RENSEIGNE"] == 1  # le couple, sans ressource connue
    relais = campagne.statistiques.get(operateur=distribution.org.relais35)
    assert valeurs(relais)["entrees"] == 1


def test_la_date_limite_suit_la_fin_de_l_annee_et_une_campagne_ne_s_ouvre_qu_une_fois(
    distribution,
):
    with pytest.raises(ValidationError) as erreur:
        ouvrir(distribution, limite=date(ANNEE, 12, 31))
    assert "Date limite" in str(erreur.value)
    ouvrir(distribution)
    with pytest.raises(ValidationError, match="déjà ouverte"):
        ouvrir(distribution)


def test_une_campagne_ne_s_ouvre_pas_avec_une_date_limite_deja_passee(distribution):
    """Revue 13, constat 3 : sinon chaque renouvellement serait signalé dès l'ouverture."""
    with pytest.raises(ValidationError) as erreur:
        services.ouvrir_campagne(
            acteur=acteur(distribution.claire), annee=ANNEE, date_limite=date(ANNEE + 1, 1, 14),
            maintenant=MAINTENANT,
        )  # fmt: skip
    assert erreur.value.message_dict == {
        "date_limite": [
            f"Date limite de soumission : le 14/01/{ANNEE + 1} est déjà passé ; choisissez "
            f"le 15/01/{ANNEE + 1} ou une date ultérieure."
        ]
    }
    assert not StatistiqueAnnuelle.objects.exists()
    campagne = services.ouvrir_campagne(
        acteur=acteur(distribution.claire), annee=ANNEE, date_limite=date(ANNEE + 1, 1, 15),
        maintenant=MAINTENANT,
    )  # fmt: skip
    assert campagne.date_limite == date(ANNEE + 1, 1, 15)  # le jour même reste permis


def test_un_operateur_n_ouvre_pas_de_campagne(distribution):
    with pytest.raises(PermissionDenied):
        ouvrir(distribution, agent=distribution.marc)


def test_une_correction_est_signee_et_la_valeur_calculee_reste_visible(distribution, activite_ais):
    ais = ouvrir(distribution).statistiques.get(operateur=distribution.org.ais35)
    services.corriger(
        acteur=acteur(distribution.marc), statistique=ais, cle="entrees", valeur=Decimal(3),
        motif="Une entrée saisie dans l'ancien logiciel", maintenant=MAINTENANT,
    )  # fmt: skip
    services.corriger(
        acteur=acteur(distribution.julie), statistique=ais, cle="contacts", valeur=None,
        motif="Contacts non saisis cette année", maintenant=MAINTENANT,
    )  # fmt: skip
    revues = {ligne.cle: ligne for ligne in selectors.lignes_revues(ais)}
    assert (revues["entrees"].calculee, revues["entrees"].retenue) == (2, 3)
    assert revues["contacts"].retenue is None  # non renseigné, jamais 0
    historique = selectors.corrections(ais)
    assert [(c.par, c.cle) for c in historique] == [
        (distribution.marc, "entrees"),
        (distribution.julie, "contacts"),
    ]


@pytest.mark.parametrize(
    ("cle", "valeur", "motif", "champ"),
    [
        ("entrees", Decimal("2.5"), "motif", "valeur"),
        ("entrees", Decimal(-1), "motif", "valeur"),
        ("inconnue", Decimal(1), "motif", "cle"),
        ("entrees", Decimal(1), "  ", "motif"),
    ],
)
def test_une_correction_mal_saisie_nomme_son_champ(distribution, cle, valeur, motif, champ):
    ais = ouvrir(distribution).statistiques.get(operateur=distribution.org.ais35)
    with pytest.raises(ValidationError) as erreur:
        services.corriger(
            acteur=acteur(distribution.marc), statistique=ais, cle=cle, valeur=valeur,
            motif=motif, maintenant=MAINTENANT,
        )  # fmt: skip
    assert champ in erreur.value.message_dict
    assert not ais.corrections.exists()


def test_un_operateur_ne_corrige_pas_la_statistique_d_un_autre(distribution):
    relais = ouvrir(distribution).statistiques.get(operateur=distribution.org.relais35)
    with pytest.raises(PermissionDenied):
        services.corriger(
            acteur=acteur(distribution.marc), statistique=relais, cle="entrees",
            valeur=Decimal(1), motif="essai", maintenant=MAINTENANT,
        )  # fmt: skip


def test_soumise_la_statistique_est_figee_puis_consolidee_par_la_ddets(distribution):
    ais = ouvrir(distribution).statistiques.get(operateur=distribution.org.ais35)
    with pytest.raises(ValidationError, match="En attente de l'opérateur"):
        services.consolider(
            acteur=acteur(distribution.claire), statistique=ais, maintenant=MAINTENANT
        )
    services.soumettre(acteur=acteur(distribution.marc), statistique=ais, maintenant=MAINTENANT)
    with pytest.raises(ValidationError, match="déjà soumises"):
        services.corriger(
            acteur=acteur(distribution.marc), statistique=ais, cle="entrees",
            valeur=Decimal(1), motif="trop tard", maintenant=MAINTENANT,
        )  # fmt: skip
    services.consolider(acteur=acteur(distribution.claire), statistique=ais, maintenant=MAINTENANT)
    ais.refresh_from_db()
    assert ais.statut == "CONSOLIDEE_DEPARTEMENT"
    assert ais.consolidee_departement_par == distribution.claire


def test_en_gironde_la_dreets_consolide_apres_la_ddets(distribution):
    from tests.orientations.factories import agent_ailleurs

    ddets33 = agent_ailleurs(TypeOrganisation.ETAT, Role.AGENT_INSTRUCTEUR, "33")
    campagne = ouvrir(distribution, agent=distribution.paul)  # toute la région
    gironde = campagne.statistiques.get(operateur=distribution.org.solidarite33)
    assert not campagne.statistiques.filter(operateur=distribution.org.ais35).exists()
    services.soumettre(
        acteur=acteur(gironde_direction(distribution)), statistique=gironde, maintenant=MAINTENANT
    )
    with pytest.raises(ValidationError, match="En attente de la DDETS"):
        services.consolider(
            acteur=acteur(distribution.paul), statistique=gironde, maintenant=MAINTENANT
        )
    services.consolider(acteur=acteur(ddets33), statistique=gironde, maintenant=MAINTENANT)
    services.consolider(
        acteur=acteur(distribution.paul), statistique=gironde, maintenant=MAINTENANT
    )
    gironde.refresh_from_db()
    assert gironde.statut == "CONSOLIDEE_REGION"


def gironde_direction(d):
    return d.louis


def test_sans_ddets_dans_le_departement_la_dreets_consolide_directement(client, distribution):
    """Revue 13, constat 5 : pas de service départemental actif en Gironde, « en attente de
    la DDETS » serait une impasse ; la DREETS consolide la statistique soumise et sa page dit
    qui doit agir à chaque étape."""
    from django.urls import reverse

    from tests.factories import connecter

    campagne = ouvrir(distribution, agent=distribution.paul)
    gironde = campagne.statistiques.get(operateur=distribution.org.solidarite33)
    page = reverse("pilotage:statistique", args=[gironde.pk])
    connecter(client, distribution.paul)
    texte = client.get(page).content.decode()
    assert "En attente de l&#x27;opérateur : il n&#x27;a pas encore soumis" in texte
    services.soumettre(
        acteur=acteur(gironde_direction(distribution)), statistique=gironde, maintenant=MAINTENANT
    )
    texte = client.get(page).content.decode()
    assert "En attente" not in texte and ">Consolider</button>" in texte
    from iml.pilotage.files_de_travail import statistiques_attendues

    assert gironde in statistiques_attendues(acteur(distribution.paul)).lignes  # sa file
    client.post(reverse("pilotage:statistique_consolider", args=[gironde.pk]))
    gironde.refresh_from_db()
    assert gironde.statut == "CONSOLIDEE_REGION"
    assert gironde.consolidee_region_par == distribution.paul
    texte = client.get(page).content.decode()
    assert "Consolidées par la DREETS : il n&#x27;y a plus rien à faire." in texte


def test_sans_soumission_apres_la_date_limite_le_renouvellement_est_signale(distribution):
    ais = ouvrir(distribution).statistiques.get(operateur=distribution.org.ais35)
    limite = ais.campagne.date_limite
    assert selectors.signal_renouvellement(distribution.org.ais35.pk, limite) is None
    signal = selectors.signal_renouvellement(distribution.org.ais35.pk, date(ANNEE + 1, 4, 1))
    assert signal is not None and signal.statistique_id == ais.pk
    assert f"n'ont pas été soumises à la date limite du 31/03/{ANNEE + 1}" in signal.message
    from regles.subvention import verifier_renouvellement_convention

    assert verifier_renouvellement_convention(
        ANNEE + 1, ANNEE - 2, selectors.annees_transmises(distribution.org.ais35.pk)
    )
    services.soumettre(acteur=acteur(distribution.marc), statistique=ais, maintenant=MAINTENANT)
    assert selectors.signal_renouvellement(distribution.org.ais35.pk, date(ANNEE + 1, 4, 1)) is None
    assert selectors.annees_transmises(distribution.org.ais35.pk) == {ANNEE}
    assert not verifier_renouvellement_convention(
        ANNEE + 1, ANNEE - 2, selectors.annees_transmises(distribution.org.ais35.pk)
    )


def test_la_consolidation_de_la_campagne_additionne_les_soumises_sans_compter_l_inconnu(
    distribution, activite_ais
):
    campagne = ouvrir(distribution)
    stats = {s.operateur_id: s for s in campagne.statistiques.all()}
    ais, relais = stats[distribution.org.ais35.pk], stats[distribution.org.relais35.pk]
    services.corriger(
        acteur=acteur(distribution.helene), statistique=relais, cle="contacts", valeur=None,
        motif="non suivi", maintenant=MAINTENANT,
    )  # fmt: skip
    for s, agent in ((ais, distribution.marc), (relais, distribution.helene)):
        services.soumettre(acteur=acteur(agent), statistique=s, maintenant=MAINTENANT)
    lignes = {
        ligne.libelle: ligne.total
        for ligne in selectors.consolidation(campagne, StatistiqueAnnuelle.objects.all())
    }
    assert lignes["Entrées"].valeur == 3 and lignes["Entrées"].complet
    assert lignes["Contacts avec les ménages"].inconnues == 1
    assert not lignes["Contacts avec les ménages"].complet
    assert lignes["Durée moyenne de séjour (jours)"] is None  # une moyenne ne s'additionne pas


@pytest.mark.parametrize("decalage", [0, 1])
def test_une_campagne_ne_porte_que_sur_une_annee_terminee(distribution, decalage):
    # R-STATS : le 15/01/N+1, l'année N+1 (en cours) et N+2 sont refusées, rien n'est créé.
    with pytest.raises(ValidationError) as erreur:
        ouvrir(distribution, annee=ANNEE + 1 + decalage, limite=date(ANNEE + 3, 3, 31))
    assert "Année des statistiques" in erreur.value.message_dict["annee"][0]
    assert not StatistiqueAnnuelle.objects.exists()


def test_une_statistique_ne_se_soumet_pas_avant_la_fin_de_son_annee(distribution):
    ais = ouvrir(distribution).statistiques.get(operateur=distribution.org.ais35)
    with pytest.raises(ValidationError, match=f"après le 31/12/{ANNEE}"):
        services.soumettre(
            acteur=acteur(distribution.marc), statistique=ais,
            maintenant=moment(date(ANNEE, 12, 31)),
        )  # fmt: skip
    ais.refresh_from_db()
    assert ais.statut == "A_REVOIR"


def test_une_copie_perimee_ne_corrige_pas_une_statistique_soumise_entre_temps(distribution):
    # Deux onglets : l'opérateur a ouvert la statistique (à revoir), puis l'a soumise ailleurs.
    ais = ouvrir(distribution).statistiques.get(operateur=distribution.org.ais35)
    perimee = StatistiqueAnnuelle.objects.get(pk=ais.pk)
    services.soumettre(acteur=acteur(distribution.marc), statistique=ais, maintenant=MAINTENANT)
    with pytest.raises(ValidationError, match="déjà soumises"):
        services.corriger(
            acteur=acteur(distribution.marc), statistique=perimee, cle="entrees",
            valeur=Decimal(1), motif="après coup", maintenant=MAINTENANT,
        )  # fmt: skip
    assert not ais.corrections.exists()
    # La DDETS consolide depuis une copie lue avant la soumission : la soumission reste.
    services.consolider(
        acteur=acteur(distribution.claire), statistique=perimee, maintenant=MAINTENANT
    )
    perimee.refresh_from_db()
    assert perimee.statut == "CONSOLIDEE_DEPARTEMENT"
    assert perimee.soumise_par == distribution.marc
