"""Appels à candidatures côté État (R-AAC) : périmètre, création, paramètres, statut, et ce
qu'en voient les opérateurs."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from iml.appels.enums import StatutAppel
from iml.appels.forms.appels import appel_par_defaut
from iml.appels.models import AppelACandidatures
from iml.appels.services import appels as services
from iml.referentiel.models import NiveauJeu
from regles.appel import verifier_calendrier_appel
from regles.types import Mode
from tests.appels.test_appels_fabriques import (
    acteur,
    agent_ddets33,
    appel_ouvert,
    creer_appel,
    donnees_parametres,
    jeu,
)
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def _messages(reponse) -> list[str]:
    return [str(m) for m in reponse.context["messages"]] if reponse.context else []


def _suivre(client, reponse):
    assert reponse.status_code == 302
    return client.get(reponse["Location"])


# --- Périmètre ----------------------------------------------------------------------------------


def test_la_ddets_35_voit_ses_appels_brouillons_compris(client, distribution):
    brouillon = creer_appel(distribution.claire, "Brouillon 35", StatutAppel.BROUILLON)
    publie = creer_appel(distribution.claire, "Publié 35")
    connecter(client, distribution.claire)
    page = client.get(reverse("appels:liste")).content.decode()
    assert "Brouillon 35" in page and "Publié 35" in page
    assert reverse("appels:detail", args=[brouillon.pk]) in page
    assert reverse("appels:instruction", args=[publie.pk]) in page
    assert "Créer un appel à candidatures" in page


def test_la_dreets_voit_les_appels_de_sa_region_en_lecture_seule(client, distribution):
    appel33 = creer_appel(agent_ddets33(), "Appel Gironde")
    appel35 = creer_appel(distribution.claire, "Appel Ille-et-Vilaine")
    connecter(client, distribution.paul)
    liste = client.get(reverse("appels:liste")).content.decode()
    assert "Appel Gironde" in liste and "Appel Ille-et-Vilaine" not in liste
    assert "Créer un appel à candidatures" not in liste
    fiche = client.get(reverse("appels:detail", args=[appel33.pk]))
    assert fiche.status_code == 200
    assert escape("Clore l'appel") not in fiche.content.decode()
    assert "Modifier les paramètres" not in fiche.content.decode()
    assert client.get(reverse("appels:detail", args=[appel35.pk])).status_code == 404
    statut = reverse("appels:changer_statut", args=[appel33.pk])
    assert client.post(statut, {"statut": "CLOS"}).status_code == 403
    assert client.get(reverse("appels:modifier", args=[appel33.pk])).status_code == 403
    appel33.refresh_from_db()
    assert appel33.statut == StatutAppel.PUBLIE


def test_la_dreets_ne_cree_pas_d_appel(client, distribution):
    connecter(client, distribution.paul)
    assert client.get(reverse("appels:creer")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.creer_appel(
            acteur=acteur(distribution.paul), nom="x", source=jeu("appel-35-2019-2020")
        )


def test_l_operateur_ne_voit_que_les_appels_publies_de_son_departement(client, distribution):
    brouillon = creer_appel(distribution.claire, "Brouillon 35", StatutAppel.BROUILLON)
    publie = creer_appel(distribution.claire, "Publié 35")
    connecter(client, distribution.marc)
    liste = client.get(reverse("appels:liste")).content.decode()
    assert "Publié 35" in liste and "Brouillon 35" not in liste
    assert reverse("appels:instruction", args=[publie.pk]) not in liste
    assert client.get(reverse("appels:detail", args=[brouillon.pk])).status_code == 404
    assert client.get(reverse("appels:detail", args=[publie.pk])).status_code == 200
    assert client.get(reverse("appels:creer")).status_code == 403


def test_l_operateur_de_gironde_ne_voit_pas_l_appel_35(client, distribution):
    appel35 = creer_appel(distribution.claire, "Appel Ille-et-Vilaine")
    connecter(client, distribution.louis)
    assert "Appel Ille-et-Vilaine" not in client.get(reverse("appels:liste")).content.decode()
    assert client.get(reverse("appels:detail", args=[appel35.pk])).status_code == 404


# --- Création -----------------------------------------------------------------------------------


def test_creer_un_appel_copie_le_jeu_choisi_dans_un_jeu_propre(client, distribution):
    source = jeu("appel-35-2019-2020")
    connecter(client, distribution.claire)
    formulaire = client.get(reverse("appels:creer")).content.decode()
    assert escape(source.libelle) in formulaire
    reponse = client.post(reverse("appels:creer"), {"nom": "IML 35 — 2027", "source": source.pk})
    appel = AppelACandidatures.objects.get(nom="IML 35 — 2027")
    assert reponse["Location"] == reverse("appels:modifier", args=[appel.pk])
    assert appel.statut == StatutAppel.BROUILLON
    assert appel.service == distribution.org.ddets35
    assert appel.jeu.niveau == NiveauJeu.APPEL and appel.jeu.pk != source.pk
    assert appel.jeu.parent.code == "national-2018"
    assert appel.jeu.en_bareme().appel.places == 140


def test_un_appel_cree_du_jeu_national_recoit_calendrier_et_criteres(distribution):
    """R-SELECTION : les huit critères du comité par défaut ; calendrier cohérent (R-AAC)."""
    appel = services.creer_appel(
        acteur=acteur(distribution.claire),
        nom="Depuis le national",
        source=jeu("national-2018"),
        appel_defaut=appel_par_defaut(timezone.localdate(), jeu("national-2018")),
    )
    bareme = appel.jeu.en_bareme()
    assert appel.jeu.parent.code == "national-2018"
    assert bareme.appel.territoire == "35"
    assert len(bareme.appel.criteres_selection) == 8
    assert bareme.appel.date_lancement == timezone.localdate()
    assert [c for c in verifier_calendrier_appel(bareme) if c.niveau == "erreur"] == []


def test_la_creation_depuis_le_national_par_la_vue(client, distribution):
    connecter(client, distribution.claire)
    source = jeu("national-2018")
    client.post(reverse("appels:creer"), {"nom": "National", "source": source.pk})
    appel = AppelACandidatures.objects.get(nom="National")
    assert appel.jeu.en_bareme().appel.note_max == 5


def test_la_creation_sans_nom_ni_jeu_est_refusee(client, distribution):
    connecter(client, distribution.claire)
    reponse = client.post(reverse("appels:creer"), {})
    assert reponse.status_code == 200
    assert reponse.context["form"].errors.keys() == {"nom", "source"}


# --- Paramètres d'un brouillon ------------------------------------------------------------------


def test_modifier_un_brouillon_ecrit_dans_le_jeu_de_l_appel(client, distribution):
    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    donnees = donnees_parametres(
        appel,
        nom="IML 35 — 120 places",
        places=120,
        exercices="2019, 2020, 2021",
        budget="250000",
        part_mg="60",
        part_sl="40",
        petits_logements_part_min_pct="35",
        cout_moyen_max_par_place="2100",
        date_limite_depot="2019-03-15",
        jalon_1_pct="40",
        jalon_3_date="2020-06-30",
        jalon_3_pct="75",
        critere_2_poids="2",
        critere_9_libelle="Ancrage territorial",
        critere_9_poids="0,5",
    )
    connecter(client, distribution.claire)
    reponse = client.post(reverse("appels:modifier", args=[appel.pk]), donnees)
    assert reponse.status_code == 302, reponse.context["form"].errors
    appel.refresh_from_db()
    bareme = appel.jeu.en_bareme()
    assert appel.nom == "IML 35 — 120 places" and appel.jeu.libelle == appel.nom
    assert bareme.appel.places == 120
    assert bareme.appel.exercices == (2019, 2020, 2021)
    assert bareme.appel.budget == Decimal("250000")
    assert bareme.repartition_cible_pct[Mode.MANDAT_GESTION] == Decimal("60")
    assert bareme.repartition_cible_pct[Mode.SOUS_LOCATION] == Decimal("40")
    assert bareme.petits_logements_part_min_pct == Decimal("35")
    assert bareme.cout_moyen_max_par_place == Decimal("2100")
    assert bareme.appel.date_limite_depot.isoformat() == "2019-03-15"
    assert [(j.date.isoformat(), j.part_min_pct) for j in bareme.appel.jalons] == [
        ("2019-12-31", Decimal("40")),
        ("2020-06-30", Decimal("75")),
        ("2020-12-31", Decimal("100")),
    ]
    criteres = bareme.appel.criteres_selection
    assert criteres[1].poids == Decimal("2")
    assert (criteres[-1].code, criteres[-1].poids) == ("ANCRAGE_TERRITORIAL", Decimal("0.5"))
    # Le jeu de départ n'a pas bougé.
    assert jeu("appel-35-2019-2020").en_bareme().appel.places == 140


def test_un_parametre_invalide_est_refuse_en_nommant_le_parametre(distribution):
    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    with pytest.raises(ValidationError) as erreur:
        services.modifier_appel(
            acteur=acteur(distribution.claire),
            appel=appel,
            nom=appel.nom,
            parametres={"appel": {"places": 0}},
        )
    assert "parametres.appel.places" in " ".join(erreur.value.messages)
    appel.jeu.refresh_from_db()
    assert appel.jeu.parametres["appel"]["places"] == 140


@pytest.mark.parametrize(
    ("champ", "valeur", "chemin", "libelle"),
    [
        ("places", "0", "parametres.appel.places", "Nombre de places ouvertes par l"),
        (
            "petits_logements_part_min_pct",
            "120",
            "parametres.petits_logements_part_min_pct",
            "Part minimale des places (%)",
        ),
        ("jalon_2_pct", "130", "parametres.appel.jalons[1].part_min_pct", "Jalons de montée"),
        ("note_max", "0", "parametres.appel.note_max", "Note maximale d"),
    ],
)
def test_la_vue_rattache_le_refus_du_moteur_au_champ(
    client, distribution, champ, valeur, chemin, libelle
):
    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    connecter(client, distribution.claire)
    donnees = donnees_parametres(appel, **{champ: valeur})
    reponse = client.post(reverse("appels:modifier", args=[appel.pk]), donnees)
    assert reponse.status_code == 200
    erreurs = " ".join(reponse.context["form"].errors[champ])
    assert chemin in erreurs and libelle in erreurs
    assert chemin in reponse.content.decode()
    appel.jeu.refresh_from_db()
    assert appel.jeu.en_bareme().appel.places == 140


def test_un_calendrier_dans_le_desordre_est_refuse(client, distribution):
    """R-AAC : lancement, date limite et sélection se suivent."""
    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    connecter(client, distribution.claire)
    donnees = donnees_parametres(appel, date_limite_depot="2018-11-30")
    reponse = client.post(reverse("appels:modifier", args=[appel.pk]), donnees)
    assert reponse.status_code == 200
    assert any("R-AAC" in e for e in reponse.context["form"].non_field_errors())
    appel.jeu.refresh_from_db()
    assert appel.jeu.parametres["appel"]["date_limite_depot"] == "2019-03-04"


def test_les_parts_cibles_font_100(client, distribution):
    """R-MODE-SPLIT : mandat de gestion + sous-location = 100 %."""
    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    connecter(client, distribution.claire)
    donnees = donnees_parametres(appel, part_mg="60", part_sl="30")
    reponse = client.post(reverse("appels:modifier", args=[appel.pk]), donnees)
    assert "R-MODE-SPLIT" in " ".join(reponse.context["form"].errors["part_sl"])


def test_un_jalon_incomplet_est_refuse(client, distribution):
    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    connecter(client, distribution.claire)
    donnees = donnees_parametres(appel, jalon_3_date="2020-06-30")
    reponse = client.post(reverse("appels:modifier", args=[appel.pk]), donnees)
    assert "R-RAMPUP" in " ".join(reponse.context["form"].errors["jalon_3_pct"])


def test_modifier_un_appel_publie_est_refuse(client, distribution):
    """R-AAC : un appel publié est opposable."""
    appel = creer_appel(distribution.claire, "Publié")
    with pytest.raises(PermissionDenied):
        services.modifier_appel(
            acteur=acteur(distribution.claire),
            appel=appel,
            nom="Autre nom",
            parametres={"appel": {"places": 10}},
        )
    connecter(client, distribution.claire)
    url = reverse("appels:modifier", args=[appel.pk])
    reponse = client.post(url, donnees_parametres(appel, places=10))
    assert reponse["Location"] == reverse("appels:detail", args=[appel.pk])
    assert any("R-AAC" in m for m in _messages(_suivre(client, reponse)))
    appel.refresh_from_db()
    assert appel.jeu.en_bareme().appel.places == 140


# --- Statut -------------------------------------------------------------------------------------


def test_publier_un_brouillon_puis_clore_puis_decider(client, distribution):
    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    connecter(client, distribution.claire)
    url = reverse("appels:changer_statut", args=[appel.pk])
    fiche = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    assert escape("Publier l'appel") in fiche and "ne se modifient plus" in fiche
    for statut in ("PUBLIE", "CLOS", "DECIDE"):
        client.post(url, {"statut": statut, "confirmation": "on"})
        appel.refresh_from_db()
        assert appel.statut == statut


def test_un_appel_publie_ne_revient_pas_en_brouillon(client, distribution):
    appel = creer_appel(distribution.claire, "Publié")
    with pytest.raises(services.TransitionInterdite) as erreur:
        services.changer_statut_appel(
            acteur=acteur(distribution.claire), appel=appel, statut=StatutAppel.BROUILLON
        )
    assert erreur.value.messages[0].startswith("R-AAC")
    connecter(client, distribution.claire)
    reponse = client.post(
        reverse("appels:changer_statut", args=[appel.pk]), {"statut": "BROUILLON"}
    )
    messages = _messages(_suivre(client, reponse))
    assert any(m.startswith("R-AAC") and "brouillon" in m for m in messages)
    appel.refresh_from_db()
    assert appel.statut == StatutAppel.PUBLIE


def test_un_statut_inconnu_est_refuse(client, distribution):
    appel = creer_appel(distribution.claire, "Publié")
    connecter(client, distribution.claire)
    reponse = client.post(reverse("appels:changer_statut", args=[appel.pk]), {"statut": "X"})
    assert any("R-AAC" in m for m in _messages(_suivre(client, reponse)))


def test_un_autre_agent_que_le_service_ne_change_pas_le_statut(distribution):
    appel = creer_appel(distribution.claire, "Publié")
    with pytest.raises(PermissionDenied):
        services.changer_statut_appel(
            acteur=acteur(agent_ddets33()), appel=appel, statut=StatutAppel.CLOS
        )


# --- Ce que voit l'opérateur --------------------------------------------------------------------


def test_l_operateur_voit_les_dates_et_peut_deposer_un_dossier(client, distribution):
    appel = appel_ouvert(distribution)
    connecter(client, distribution.marc)
    page = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    limite = (timezone.localdate() + timedelta(days=20)).strftime("%d/%m/%Y")
    assert f"Dépôt ouvert jusqu'au <strong>{limite}</strong>" in page
    assert "Déposer un dossier" in page
    assert reverse("appels:dossier_ouvrir", args=[appel.pk]) in page
    assert "2\u202f200\u00a0€" in page  # coût moyen maximal par place (R-COST-PLACE-MAX)


def test_l_operateur_continue_son_dossier(client, distribution):
    appel = appel_ouvert(distribution)
    services.ouvrir_dossier(
        acteur=acteur(distribution.marc), appel=appel, aujourd_hui=timezone.localdate()
    )
    connecter(client, distribution.marc)
    page = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    assert "Continuer mon dossier" in page and "Déposer un dossier" not in page


def test_apres_la_date_limite_le_depot_est_clos(client, distribution):
    """R-AAC : personne ne dépose après la date limite (04/03/2019 pour l'appel 35)."""
    appel = creer_appel(distribution.claire, "Appel 2019")
    connecter(client, distribution.marc)
    page = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    assert "Dépôt clos" in page and "04/03/2019" in page
    assert "Déposer un dossier" not in page
    assert reverse("appels:dossier_ouvrir", args=[appel.pk]) not in page
    assert "Dépôt clos" in client.get(reverse("appels:liste")).content.decode()


def test_la_fiche_montre_les_chiffres_de_l_appel(client, distribution):
    appel = creer_appel(distribution.claire, "Appel 2019")
    connecter(client, distribution.sophie)
    page = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    for attendu in ("12/12/2018", "04/03/2019", "30/04/2019", "31/12/2020", "2019, 2020"):
        assert attendu in page
    assert "Modifier les paramètres" not in page
    assert page.count("<h1") == 1
