"""Montée en charge (R-RAMPUP) : pages, périmètre, agrégats, jalons à surveiller, nombre de
requêtes. La convention est celle d'un dossier de marc (AIS 35) retenu en entier sur l'appel
2019-2020 de claire (DDETS 35) : l'annexe 3 de l'exemple prévoit 50 places (25 en mandat de
gestion, 25 en sous-location), dont 32 au 4e trimestre 2019."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.pilotage import presentation_montee, selectors_montee
from regles.montee_en_charge import EtatJalon
from tests.appels.factories import (
    AppelFactory,
    DossierFactory,
    acteur,
    conventionner,
    decider_dossier,
    direction_de,
)
from tests.factories import connecter
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db


def _convention(operateur=None):
    kwargs = {"conventionne": True}
    if operateur is not None:
        kwargs |= {"operateur": operateur, "deposant": direction_de(operateur)}
    return DossierFactory(**kwargs).convention


def _logement(convention, mobilise_le: date, *, agent=None, **autres):
    """Un logement rattaché à la convention, mis en location (sa date de mobilisation est
    celle donnée : la mise en location ne la remplace pas)."""
    return LogementFactory(
        convention=convention, date_mobilisation=mobilise_le, statut="DISPONIBLE",
        **({"agent": agent} if agent else {}), **autres,
    )  # fmt: skip


@pytest.fixture
def convention(distribution):
    convention = _convention()
    _logement(convention, date(2019, 6, 15))  # T2 en mandat de gestion, 3 places
    _logement(convention, date(2019, 10, 1), typologie="STUDIO", capacite=1, sous_location=True)
    return convention


def test_la_fiche_montre_le_prevu_le_reel_et_les_jalons(client, distribution, convention):
    connecter(client, distribution.claire)
    page = client.get(reverse("pilotage:montee_convention", kwargs={"pk": convention.pk}))
    assert page.status_code == 200
    texte = page.content.decode()
    assert f"Montée en charge de la convention {convention.numero}" in texte
    assert "Places financées&nbsp;: 50" in texte
    # 4e trimestre 2019 : 32 places prévues, 4 ouvertes (3 + 1), soit 28 de moins.
    tableau = texte.split("Trimestre par trimestre")[1]
    ligne = re.split(r"4e\strim\.\s2019", tableau)[1].split("</tr>")[0]
    cellules = [c.split("</td>")[0] for c in ligne.split('<td class="iml-chiffre">')[1:]]
    assert cellules == ["20", "2", "32", "4", "−28", "0"]
    # Jalons de l'appel : 25 places exigées au 31/12/2019, 4 ouvertes : manqué.
    assert "31/12/2019" in texte and "Manqué" in texte and "8,0" in texte
    assert distribution.marc.last_name not in texte


def test_le_reel_va_jusqu_au_trimestre_en_cours(client, distribution, convention):
    """Revue 13, constat 16 : l'échéancier s'arrête au 4e trimestre 2020, mais le tableau et le
    graphique vont jusqu'au trimestre en cours, où le prévu reste le stock final (50 places) ;
    les en-têtes disent de quel trimestre il s'agit."""
    _logement(convention, date(2021, 3, 1))  # après l'échéancier : 3 places de plus
    connecter(client, distribution.claire)
    page = client.get(reverse("pilotage:montee_convention", kwargs={"pk": convention.pk}))
    texte = page.content.decode()
    en_cours = presentation_montee.trimestre_en_cours(timezone.localdate())
    tableau = texte.split("Trimestre par trimestre")[1].split("Par typologie et forme")[0]
    ligne = tableau.split(f"{en_cours}</th>")[1].split("</tr>")[0]
    cellules = [c.split("</td>")[0] for c in ligne.split('<td class="iml-chiffre">')[1:]]
    assert cellules == ["30", "3", "50", "7", "−43", "0"]
    assert f"Places prévues au {en_cours}" in texte
    assert "Places prévues en fin d'échéancier" in texte
    assert "Places prévues au trimestre<" not in texte
    graphique = texte.split("Places prévues, ouvertes et occupées par trimestre")[1]
    assert en_cours in graphique.split("Trimestre par trimestre")[0]


def test_l_etat_du_jalon_suit_sa_date(client, distribution, convention):
    """Revue 13, constat 19 : à 390 px, l'état d'un jalon (« Manqué ») se lit sans défiler :
    sa colonne suit celle de la date."""
    connecter(client, distribution.claire)
    for url in (
        reverse("pilotage:montee_convention", kwargs={"pk": convention.pk}),
        reverse("pilotage:montee_appel", kwargs={"pk": convention.dossier.appel_id}),
    ):
        texte = client.get(url).content.decode()
        jalons = texte.split("Jalons de montée en charge")[1].split("</table>")[0]
        entetes = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', jalons)
        assert entetes[:3] == ["Jalon", "État", "Part exigée"]
        ligne = jalons.split("31/12/2019</th>")[1].split("</td>")[0]
        assert "Manqué" in ligne


def test_la_liste_agrege_par_appel_et_ne_nomme_personne(client, distribution, convention):
    connecter(client, distribution.claire)
    texte = client.get(reverse("pilotage:montee")).content.decode()
    assert convention.numero in texte and "Par appel à candidatures" in texte
    assert convention.dossier.appel.nom in texte
    assert "4 places ouvertes sur 25 exigées" in texte
    # Places financées, prévues au trimestre du jour (après l'appel : le stock final), ouvertes.
    assert re.search(
        r'>50</td>\s*<td class="iml-chiffre">50</td>\s*<td class="iml-chiffre">4</td>', texte
    )
    assert "1 manqué" in texte
    assert "Par département" not in texte  # un service départemental : son seul département


def test_la_dreets_voit_le_departement_et_l_appel(client, distribution, convention):
    connecter(client, distribution.admin)
    texte = client.get(reverse("pilotage:montee")).content.decode()
    assert "Par département" in texte and "Ille-et-Vilaine (35)" in texte
    assert "Par région" in texte and "Bretagne" in texte


def test_hors_perimetre_404_et_sans_droit_403(client, distribution, convention):
    url = reverse("pilotage:montee_convention", kwargs={"pk": convention.pk})
    connecter(client, distribution.paul)  # DREETS Nouvelle-Aquitaine : pas la Bretagne
    assert client.get(url).status_code == 404
    assert convention.numero not in client.get(reverse("pilotage:montee")).content.decode()
    connecter(client, distribution.thomas)  # un autre opérateur du département
    assert client.get(url).status_code == 404
    connecter(client, distribution.sophie)
    refus = client.get(url)
    assert refus.status_code == 403
    connecter(client, distribution.marc)
    assert client.get(url).status_code == 200


def test_la_page_de_l_appel_somme_les_conventions(client, distribution, convention):
    autre = _convention(distribution.org.relais35)
    _logement(autre, date(2019, 3, 1), agent=distribution.thomas, capacite=2)
    connecter(client, distribution.claire)
    appel = convention.dossier.appel
    assert autre.dossier.appel != appel  # chaque fabrique crée son appel
    texte = client.get(reverse("pilotage:montee_appel", kwargs={"pk": appel.pk})).content.decode()
    assert "1 convention de votre périmètre" in texte and "Places financées&nbsp;: 50" in texte
    connecter(client, distribution.thomas)
    texte = client.get(reverse("pilotage:montee_appel", kwargs={"pk": appel.pk})).content.decode()
    assert "Aucune convention de votre périmètre dans cet appel." in texte


def test_les_places_financees_sont_celles_de_la_decision(distribution):
    convention = _convention()
    groupe = selectors_montee.total([convention], date(2020, 6, 1))
    assert groupe is not None and groupe.montee.capacite == 50
    assert groupe.montee.capacites_inconnues == 0


def test_jalons_a_surveiller(distribution, convention):
    qui = acteur(distribution.claire)
    # Le 01/11/2019 : 4 places sur 25 exigées au 31/12/2019, à moins de 90 jours : à risque.
    risque = selectors_montee.jalons_a_surveiller(qui, date(2019, 11, 1))
    assert [(j.numero, j.date, j.etat) for j in risque] == [
        (convention.numero, date(2019, 12, 31), EtatJalon.A_RISQUE)
    ]
    assert risque[0].places_exigees == 25 and risque[0].places_ouvertes == 4
    # Le 01/06/2021 : les deux jalons sont manqués.
    manques = selectors_montee.jalons_a_surveiller(qui, date(2021, 6, 1))
    assert [j.etat for j in manques] == [EtatJalon.MANQUE, EtatJalon.MANQUE]
    assert manques[1].part_min_pct == 100 and manques[1].part_pct is not None
    assert selectors_montee.jalons_a_surveiller(acteur(distribution.sophie), date(2021, 6, 1)) == []
    assert selectors_montee.jalons_a_surveiller(acteur(distribution.paul), date(2021, 6, 1)) == []


def test_retenue_partielle_reduit_le_prevu(client, distribution):
    dossier = DossierFactory(
        conventionne=False, partiellement_retenu=True, places_mg=10, places_sl=5
    )
    convention = conventionner(dossier)
    ligne = selectors_montee.montee_de(convention, date(2021, 6, 1))
    assert ligne.montee.capacite == 15
    assert ligne.montee.trimestres[-1].prevu.places == 15  # 10 + 5, et non 50
    par_forme = {}
    for c in ligne.montee.par_cle:
        par_forme[c.mode] = par_forme.get(c.mode, 0) + c.prevu_final.places
    assert {m.value: n for m, n in par_forme.items()} == {"MANDAT_GESTION": 10, "SOUS_LOCATION": 5}


def test_le_nombre_de_requetes_ne_depend_pas_du_nombre_de_conventions(
    client, distribution, django_assert_max_num_queries
):
    """Une lecture par barème d'appel (sa chaîne de jeux), puis quatre pour toutes les
    conventions : une convention et trois logements de plus sur le même appel ne coûtent
    aucune requête."""
    appel = AppelFactory()
    relais = distribution.org.relais35
    ais = DossierFactory(appel=appel)
    autre = DossierFactory(appel=appel, operateur=relais, deposant=direction_de(relais))
    decider_dossier(ais)
    decider_dossier(autre)
    _logement(conventionner(ais), date(2019, 6, 15))
    connecter(client, distribution.claire)
    client.get(reverse("pilotage:montee"))  # premier passage : session, barèmes
    with django_assert_max_num_queries(30) as une:
        assert client.get(reverse("pilotage:montee")).status_code == 200
    seconde = conventionner(autre)
    for _ in range(3):
        _logement(seconde, date(2019, 9, 1), agent=distribution.thomas)
    with django_assert_max_num_queries(len(une.captured_queries)):
        texte = client.get(reverse("pilotage:montee")).content.decode()
    assert seconde.numero in texte


def test_le_graphique_et_ses_exports_restent_dans_le_perimetre(client, distribution, convention):
    from iml.pilotage.views.montee import enregistrer_tableaux

    # Les tests du registre (test_graphiques_export.py) le remplacent le temps d'un test : si
    # les vues ont été importées pendant ce temps, leurs tableaux sont déclarés à nouveau ici.
    enregistrer_tableaux()
    connecter(client, distribution.claire)
    fiche = client.get(reverse("pilotage:montee_convention", kwargs={"pk": convention.pk}))
    texte = fiche.content.decode()
    assert "<line-chart" in texte and "(données du graphique)" in texte
    url = reverse("pilotage:export_tableau", kwargs={"nom": "montee-convention", "format": "csv"})
    assert f"{url}?convention={convention.pk}" in texte
    export = client.get(url, {"convention": convention.pk})
    assert export.status_code == 200
    csv = export.content.decode("utf-8-sig")
    assert "Trimestre;Prévues;Ouvertes;Occupées" in csv
    assert re.search(r"4e\strim\.\s2019;32;4;0", csv)
    assert client.get(url).status_code == 404  # sans convention
    connecter(client, distribution.paul)
    assert client.get(url, {"convention": convention.pk}).status_code == 404
    connecter(client, distribution.sophie)
    assert client.get(url, {"convention": convention.pk}).status_code == 403
    appel = reverse("pilotage:export_tableau", kwargs={"nom": "montee-appel", "format": "xlsx"})
    connecter(client, distribution.marc)
    assert client.get(appel, {"appel": convention.dossier.appel_id}).status_code == 200


def _sur_un_national_v6(appel) -> None:
    """La chaîne de l'appel s'arrête à un national v6 : la copie de la v7 sans son bloc
    `pilotage` (tous les appels antérieurs, jeux figés)."""
    from iml.referentiel.models import JeuParametres

    v7 = appel.jeu.parent
    assert v7.niveau == "NATIONAL" and v7.version == 7
    parametres = {k: v for k, v in v7.parametres.items() if k != "pilotage"}
    sources = {k: v for k, v in v7.sources.items() if not k.startswith("pilotage")}
    v6 = JeuParametres.objects.create(
        code=v7.code, version=6, niveau=v7.niveau, libelle=v7.libelle, date_effet=v7.date_effet,
        source=v7.source, sources=sources, parametres=parametres, origine=v7.origine,
    )  # fmt: skip
    JeuParametres.objects.filter(pk=appel.jeu.pk).update(parent=v6)
    appel.jeu.refresh_from_db()
    assert appel.jeu.en_bareme().pilotage is None


def test_un_appel_sur_un_bareme_v6_ne_coute_pas_une_requete_par_convention(
    client, distribution, django_assert_max_num_queries
):
    """Le délai d'alerte d'un appel dont le barème précède le bloc `pilotage` vient du
    national le plus récent (90 jours), lu une fois par liste et non par convention."""
    appel = AppelFactory()
    _sur_un_national_v6(appel)
    relais = distribution.org.relais35
    ais = DossierFactory(appel=appel)
    autre = DossierFactory(appel=appel, operateur=relais, deposant=direction_de(relais))
    decider_dossier(ais)
    decider_dossier(autre)
    premiere = conventionner(ais)
    _logement(premiere, date(2019, 6, 15))
    assert selectors_montee.montee_de(premiere, date(2019, 11, 1)).montee.jalons[0].etat == (
        EtatJalon.A_RISQUE  # à 60 jours du 31/12/2019, dans les 90 du national
    )
    connecter(client, distribution.claire)
    client.get(reverse("pilotage:montee"))  # premier passage : session, barèmes
    with django_assert_max_num_queries(30) as une:
        assert client.get(reverse("pilotage:montee")).status_code == 200
    seconde = conventionner(autre)
    with django_assert_max_num_queries(len(une.captured_queries)):
        assert seconde.numero in client.get(reverse("pilotage:montee")).content.decode()


def test_le_resume_des_etats_ne_confond_pas_deux_jalons_du_meme_jour():
    """Un jalon à 50 % manqué et un à 30 % atteint le même jour, dans deux conventions : le
    jalon à 50 % ne s'affiche pas « 1 atteint »."""
    from iml.pilotage.presentation_montee import resume_etats
    from regles.bareme import fusionner_couches, resoudre_chaine
    from tests.regles.conftest import _jeux
    from tests.regles.test_montee_en_charge import deux_jalons_du_meme_jour

    bareme = fusionner_couches(resoudre_chaine(_jeux(), "appel-35-2019-2020"))
    lignes = resume_etats(deux_jalons_du_meme_jour(bareme))
    assert [(ligne["jalon"].part_min_pct, ligne["etats"]) for ligne in lignes] == [
        (30, "1 atteint"),
        (50, "1 manqué"),
    ]
