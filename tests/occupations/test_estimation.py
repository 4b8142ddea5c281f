"""Estimation de l'aide au logement, vue par la gestion locative : elle demande, le worker
calcule (OpenFisca-France, remplacé ici par un calcul fixé ; le vrai moteur est exercé par
test_estimation_openfisca.py), la page montre « en cours », puis le montant daté ou le motif
d'un échec. Une estimation n'est jamais une ressource du ménage."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from iml.menages.models import ConsultationMenage, Ressource
from iml.occupations import openfisca
from iml.occupations.models import EstimationAide
from iml.occupations.services import admission, estimations
from iml.occupations.taches_estimation import estimer_aide
from tests.appels.factories import acteur, demo
from tests.factories import connecter
from tests.menages.factories import MenageFactory
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db

RETOUR = "/occupations/admission/?menage=1&logement=2"


@pytest.fixture
def calcul_fixe(monkeypatch):
    """OpenFisca remplacé : 431,00 € ; les situations reçues sont gardées."""
    recues = []

    def calculer(situation, mois):
        recues.append((situation, mois))
        return Decimal("431.00")

    monkeypatch.setattr(openfisca, "calculer_aide", calculer)
    return recues


@pytest.fixture
def julie(client, distribution):
    connecter(client, distribution.julie)
    return client


def demander(menage, logement, loyer="520.00", charges="40.00", agent="julie"):
    return estimations.demander_estimation(
        acteur=acteur(demo(agent)), menage=menage, logement=logement, loyer=Decimal(loyer),
        charges=Decimal(charges), maintenant=timezone.now(),
    )  # fmt: skip


def test_la_demande_est_calculee_par_le_worker_et_n_ecrit_aucune_ressource(
    calcul_fixe, django_capture_on_commit_callbacks
):
    menage, logement = MenageFactory(), LogementFactory(statut="DISPONIBLE")
    ressources = Ressource.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        estimation = demander(menage, logement)
        assert estimation.etat == "EN_ATTENTE"
    estimation.refresh_from_db()
    assert estimation.etat == "FAITE" and estimation.montant == Decimal("431.00")
    assert estimation.moteur.startswith("OpenFisca-France ")
    assert estimation.duree_ms is not None and estimation.calculee_le is not None
    assert Ressource.objects.count() == ressources
    situation, mois = calcul_fixe[0]
    assert mois == timezone.localdate().replace(day=1)
    assert situation["familles"]["famille"]["enfants"] == ["enfant_1"]
    assert menage.nom not in str(situation) and menage.reference not in str(situation)


def test_le_controle_d_admission_montre_l_estimation_comme_une_estimation(
    calcul_fixe, django_capture_on_commit_callbacks
):
    menage, logement = MenageFactory(), LogementFactory(statut="DISPONIBLE")
    with django_capture_on_commit_callbacks(execute=True):
        demander(menage, logement)
    preparation = admission.preparer_admission(
        acteur=acteur(demo("julie")), menage=menage, logement=logement, forme="MANDAT_GESTION",
        date_entree=timezone.localdate(), loyer=Decimal("520.00"), charges=Decimal("40.00"),
        aujourd_hui=timezone.localdate(),
    )  # fmt: skip
    assert preparation.aide == Decimal("431.00")
    textes = " ".join(c.message for c in preparation.constats)
    assert "aide au logement estimée à 431\xa0€ par mois" in textes
    assert "une estimation, pas un droit ouvert" in textes


def test_une_demande_encore_en_attente_n_est_pas_dupliquee():
    menage, logement = MenageFactory(), LogementFactory(statut="DISPONIBLE")
    premiere = demander(menage, logement)
    assert demander(menage, logement) == premiere
    assert demander(menage, logement, loyer="500.00") != premiere


def test_un_echec_du_moteur_laisse_un_motif_en_francais(monkeypatch):
    def refuser(situation, mois):
        raise openfisca.EstimationImpossible("Le moteur de calcul a refusé la situation.")

    monkeypatch.setattr(openfisca, "calculer_aide", refuser)
    estimation = demander(MenageFactory(), LogementFactory(statut="DISPONIBLE"))
    assert estimer_aide.call(estimation.pk) == "ECHEC"
    estimation.refresh_from_db()
    assert estimation.montant is None
    assert estimation.motif == "Le moteur de calcul a refusé la situation."


def test_une_erreur_inattendue_est_un_echec_sans_trace(monkeypatch):
    def planter(situation, mois):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(openfisca, "calculer_aide", planter)
    estimation = demander(MenageFactory(), LogementFactory(statut="DISPONIBLE"))
    estimer_aide.call(estimation.pk)
    estimation.refresh_from_db()
    assert estimation.etat == "ECHEC"
    assert "erreur inattendue" in estimation.motif and "division" not in estimation.motif
    # Rejouer la tâche d'une estimation finie ne change rien.
    assert estimer_aide.call(estimation.pk) == "ECHEC"
    assert estimer_aide.call(0) == "estimation absente"


@pytest.mark.parametrize(
    ("loyer", "charges", "champ", "message"),
    [
        ("-1.00", "40.00", "loyer", "Loyer : le montant ne peut pas être négatif."),
        ("520.00", "-5.00", "charges", "Charges : le montant ne peut pas être négatif."),
        ("52000.00", "40.00", "loyer", "Loyer : plus de 10 000 € par mois"),
        ("0.00", "0.00", "loyer", "Loyer : un loyer nul n'ouvre aucune aide au logement."),
        ("520.001", "40.00", "loyer", "Loyer : deux décimales au plus"),
    ],
)
def test_un_montant_faux_est_refuse_en_nommant_le_champ(loyer, charges, champ, message):
    with pytest.raises(ValidationError) as refus:
        demander(MenageFactory(), LogementFactory(), loyer=loyer, charges=charges)
    assert message in " ".join(refus.value.message_dict[champ])


def test_seule_la_gestion_de_l_operateur_du_menage_demande(distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    logement = LogementFactory()
    with pytest.raises(PermissionDenied):
        demander(menage, logement, agent="nadia")
    with pytest.raises(PermissionDenied):
        demander(menage, logement, agent="thomas")
    with pytest.raises(ValidationError) as refus:
        demander(menage, LogementFactory(agent=distribution.thomas))
    assert "Logement : il n'appartient pas" in str(refus.value)
    assert demander(menage, logement, agent="marc").etat == "EN_ATTENTE"


# --- Écrans -----------------------------------------------------------------------------------


def poster(client, le_menage, le_logement, **changements):
    donnees = {
        "menage": le_menage.pk, "logement": le_logement.pk, "loyer": "520,00", "charges": "40",
        "next": RETOUR,
    } | changements  # fmt: skip
    return client.post(reverse("occupations:estimer"), donnees, follow=False)


def messages_de(reponse) -> list[str]:
    return [str(m) for m in reponse.wsgi_request._messages]


def test_la_demande_revient_a_la_page_d_admission_avec_un_message(julie):
    menage, logement = MenageFactory(), LogementFactory(statut="DISPONIBLE")
    reponse = poster(julie, menage, logement)
    assert reponse.status_code == 302 and reponse.url == RETOUR
    assert messages_de(reponse) == ["Estimation demandée : elle s'affiche dans quelques secondes."]
    estimation = EstimationAide.objects.get(menage=menage)
    assert estimation.loyer == Decimal("520.00") and estimation.charges == Decimal("40.00")


@pytest.mark.parametrize("suite", ["https://exemple.org/", "//exemple.org/", "javascript:x", ""])
def test_une_adresse_de_retour_etrangere_mene_a_la_page_de_l_estimation(julie, suite):
    menage, logement = MenageFactory(), LogementFactory(statut="DISPONIBLE")
    reponse = poster(julie, menage, logement, next=suite)
    estimation = EstimationAide.objects.get(menage=menage)
    assert reponse.url == reverse("occupations:estimation", kwargs={"pk": estimation.pk})


@pytest.mark.parametrize(
    ("changements", "attendu"),
    [
        ({"menage": "999999"}, "« Ménage » : introuvable parmi les ménages de votre organisation."),
        ({"menage": "abc"}, "« Ménage » : introuvable parmi les ménages de votre organisation."),
        ({"logement": ""}, "« Logement » : ce champ est obligatoire."),
        ({"loyer": "-3"}, "« Loyer » : la valeur ne peut pas être négative."),
        ({"loyer": "beaucoup"}, "« Loyer » : saisissez un nombre en chiffres"),
        ({"charges": "99999999999"}, "« Charges » : la valeur dépasse le maximum"),
        ({"loyer": "20000"}, "Loyer : plus de 10 000 € par mois, vérifiez la saisie."),
    ],
)
def test_une_saisie_fausse_revient_en_message_sans_rien_creer(julie, changements, attendu):
    menage, logement = MenageFactory(), LogementFactory(statut="DISPONIBLE")
    reponse = poster(julie, menage, logement, **changements)
    assert reponse.status_code == 302 and reponse.url == RETOUR
    assert any(attendu in m for m in messages_de(reponse)), messages_de(reponse)
    assert not EstimationAide.objects.exists()


def test_un_menage_ou_un_logement_d_une_autre_organisation_est_introuvable(julie, distribution):
    autre_menage = MenageFactory(agent=distribution.thomas)
    autre_logement = LogementFactory(agent=distribution.thomas)
    reponse = poster(julie, autre_menage, LogementFactory())
    assert "« Ménage » : introuvable" in messages_de(reponse)[0]
    reponse = poster(julie, MenageFactory(), autre_logement)
    assert "« Logement » : introuvable" in messages_de(reponse)[-1]
    assert not EstimationAide.objects.exists()


def test_la_page_attend_puis_montre_le_montant_date(julie, calcul_fixe):
    estimation = demander(MenageFactory(), LogementFactory(statut="DISPONIBLE"))
    url = reverse("occupations:estimation", kwargs={"pk": estimation.pk})
    page = julie.get(url).content.decode()
    assert "Estimation en cours…" in page and 'hx-trigger="every 2s"' in page
    assert ConsultationMenage.objects.filter(menage=estimation.menage, page="estimation").exists()
    estimer_aide.call(estimation.pk)
    estimation.refresh_from_db()
    fragment = julie.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "hx-trigger" not in fragment
    quand = estimation.calculee_le.astimezone(timezone.get_current_timezone()).date()
    attendu = (
        f"Aide estimée : 431\xa0€ par mois ({estimation.moteur}, calculée le {quand:%d/%m/%Y})"
    )
    assert attendu in fragment


def test_la_page_montre_le_motif_d_un_echec(julie, monkeypatch):
    def refuser(situation, mois):
        raise openfisca.EstimationImpossible("Le moteur de calcul a refusé la situation.")

    monkeypatch.setattr(openfisca, "calculer_aide", refuser)
    estimation = demander(MenageFactory(), LogementFactory(statut="DISPONIBLE"))
    estimer_aide.call(estimation.pk)
    page = julie.get(reverse("occupations:estimation", kwargs={"pk": estimation.pk}))
    texte = page.content.decode()
    assert "Estimation impossible : Le moteur de calcul a refusé la situation." in texte
    assert "Traceback" not in texte


def test_rien_n_importe_openfisca_au_demarrage():
    """Le serveur web et la démonstration ne chargent jamais OpenFisca (~3 s, ~130 Mo) : seul
    le worker le fait, à la première estimation."""
    import subprocess
    import sys

    code = (
        "import django, sys; django.setup(); "
        "from django.urls import resolve; resolve('/occupations/estimations/1/'); "
        "import iml.occupations.taches_estimation; "
        "print(any(m.startswith('openfisca') for m in sys.modules))"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )  # fmt: skip
    assert sortie.stdout.strip() == "False", sortie.stderr


def test_une_estimation_se_lit_au_mois_de_la_demande():
    menage = MenageFactory(ressources={"SALAIRE": Decimal("900.00")})
    estimation = demander(menage, LogementFactory(statut="DISPONIBLE", meuble=True))
    estimation.demandee_le = timezone.make_aware(timezone.datetime(2026, 3, 15, 12))
    entree = estimations.donnees(estimation)
    assert entree["mois"] == date(2026, 3, 1)
    assert entree["meuble"] is True and entree["commune"] == "35238"
    assert entree["ressources"] == {"SALAIRE": Decimal("900.00")}
