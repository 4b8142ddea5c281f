"""Écran de l'admission : saisie, aperçu de chaque contrôle avec ses chiffres AVANT toute
écriture, confirmation ; dérogation par la direction (marc), refus pour la gestion locative
(julie) ; règle qui ne se lève pas ; saisies erronées (rien ne se perd) ; périmètres."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.occupations.models import Occupation
from tests.factories import connecter
from tests.menages.factories import MenageFactory
from tests.parc.factories import LogementFactory

pytestmark = pytest.mark.django_db

URL = reverse("occupations:admission")


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode()).replace("\u202f", " ").replace("\xa0", " ")


def saisie(menage, logement, **autres) -> dict[str, str]:
    donnees = {
        "verifier": "1",
        "menage": str(menage.pk),
        "logement": str(logement.pk),
        "date_entree": timezone.localdate().isoformat(),
    }
    return donnees | autres


def test_julie_admet_un_menage_apres_avoir_vu_le_taux_d_effort(client, distribution):
    menage = MenageFactory()
    logement = LogementFactory(statut="DISPONIBLE")
    connecter(client, distribution.julie)
    formulaire = client.get(URL, {"menage": menage.pk, "logement": logement.pk})
    assert formulaire.status_code == 200
    form = formulaire.context["form"]
    assert form["menage"].value() == menage.pk and form["loyer"].value() == Decimal("520.00")
    apercu = client.get(URL, saisie(menage, logement))
    page = texte(apercu)
    # (520 + 40) ÷ 1 350 = 41,5 % pour un plafond de 50 % : conforme ; rien n'est écrit.
    assert "R-EFFORT-MG" in page and "41,5 %" in page and "pour un plafond de 50 %" in page
    assert "aucune (ni connue ni estimée)" in page
    assert "3 places" in page and "2 personnes" in page
    assert "Confirmer l'admission" in page and "conforme" in page
    assert not Occupation.objects.exists()
    valeurs = apercu.context["valeurs"]
    reponse = client.post(URL, valeurs, follow=True)
    occupation = Occupation.objects.get(menage=menage)
    assert reponse.redirect_chain[-1][0] == reverse("occupations:occupation", args=[occupation.pk])
    assert f"Ménage {menage.reference} admis le" in texte(reponse)
    assert occupation.forme == "MANDAT_GESTION" and occupation.tarifs.get().loyer == Decimal("520")


def _sous_location_trop_lourde():
    menage = MenageFactory(ressources={"RSA": Decimal("600.00")})
    logement = LogementFactory(statut="DISPONIBLE", sous_location=True)
    return menage, logement, saisie(menage, logement, suite_parcours="BAIL_GLISSANT")


def test_julie_voit_le_blocage_et_que_seule_la_direction_deroge(client, distribution):
    menage, logement, donnees = _sous_location_trop_lourde()
    connecter(client, distribution.julie)
    page = texte(client.get(URL, donnees))
    # (320 + 40) ÷ 600 = 60 % > 30 %.
    assert "R-EFFORT-SL" in page and "60,0 %" in page and "bloquant" in page
    assert "seule la direction de votre organisation peut admettre" in page
    assert "Justification de la dérogation" not in page
    assert "Confirmer l'admission" not in page
    assert "Estimer l'aide au logement" in page
    refus = client.post(URL, donnees | {"derogation": "Essai"})
    assert refus.status_code == 200 and "Seule la direction" in texte(refus)
    assert not Occupation.objects.exists()


def test_marc_deroge_avec_une_justification_ecrite(client, distribution):
    menage, logement, donnees = _sous_location_trop_lourde()
    connecter(client, distribution.marc)
    page = texte(client.get(URL, donnees))
    assert "Justification de la dérogation" in page
    sans = client.post(URL, donnees)
    assert sans.status_code == 200
    assert "Justification de la dérogation : obligatoire" in texte(sans)
    assert sans.context["form"]["suite_parcours"].value() == "BAIL_GLISSANT"
    reponse = client.post(URL, donnees | {"derogation": "Reste à vivre garanti par le FSL"})
    assert reponse.status_code == 302
    occupation = Occupation.objects.get(menage=menage)
    assert occupation.controle.derogation_par == distribution.marc
    fiche = texte(client.get(reverse("occupations:occupation", args=[occupation.pk])))
    assert "Admis par dérogation" in fiche and "Reste à vivre garanti par le FSL" in fiche


def test_la_capacite_ne_se_leve_pas_et_la_page_le_dit(client, distribution):
    menage = MenageFactory(famille_nombreuse=True)
    logement = LogementFactory(statut="DISPONIBLE")
    connecter(client, distribution.marc)
    page = texte(client.get(URL, saisie(menage, logement)))
    assert "R-CAPACITY" in page and "ne se lève pas par dérogation" in page
    assert "Justification de la dérogation" not in page


ERREURS = [
    ({"date_entree": ""}, "« Date d'entrée » : ce champ est obligatoire"),
    ({"loyer": "cinq cents"}, "« Loyer ou redevance (€ par mois) » : saisissez un nombre"),
    ({"menage": "999999"}, "« Ménage » : choisissez une valeur de la liste"),
]


@pytest.mark.parametrize(("modif", "message"), ERREURS)
def test_une_saisie_erronee_revient_avec_le_resume_et_les_valeurs(
    client, distribution, modif, message
):
    menage = MenageFactory()
    logement = LogementFactory(statut="DISPONIBLE")
    connecter(client, distribution.julie)
    reponse = client.get(URL, saisie(menage, logement, charges="45") | modif)
    page = texte(reponse)
    assert reponse.status_code == 200 and message in page
    assert "L'admission n'est pas vérifiée" in page and 'id="resume-erreurs"' in page
    assert reponse.context["form"]["charges"].value() == "45"


def test_la_sous_location_exige_la_suite_du_parcours(client, distribution):
    menage = MenageFactory()
    logement = LogementFactory(statut="DISPONIBLE", sous_location=True)
    connecter(client, distribution.julie)
    page = texte(client.get(URL, saisie(menage, logement)))
    assert "R-SL-DURATION : en sous-location, la suite du parcours est prévue" in page


def test_seuls_les_menages_sans_logement_et_les_logements_libres_sont_proposes(
    client, distribution
):
    from tests.menages.factories import OccupationFactory

    loge = OccupationFactory().menage
    libre = MenageFactory()
    occupe = OccupationFactory().logement
    disponible = LogementFactory(statut="DISPONIBLE")
    connecter(client, distribution.julie)
    form = client.get(URL).context["form"]
    assert libre in form.fields["menage"].queryset and loge not in form.fields["menage"].queryset
    logements = form.fields["logement"].queryset
    assert disponible in logements and occupe not in logements


def test_hors_perimetre(client, distribution):
    autre = MenageFactory(agent=distribution.thomas)
    connecter(client, distribution.julie)
    assert client.get(URL, {"menage": autre.pk}).status_code == 404
    assert client.get(URL, {"menage": "1e3"}).status_code == 404
    connecter(client, distribution.nadia)
    assert client.get(URL).status_code == 403


def test_la_fiche_du_logement_propose_l_admission_puis_nomme_l_occupant(client, distribution):
    from tests.menages.factories import OccupationFactory

    logement = LogementFactory(statut="DISPONIBLE")
    connecter(client, distribution.julie)
    fiche = reverse("parc:logement", args=[logement.pk])
    assert f"{URL}?logement={logement.pk}" in texte(client.get(fiche))
    occupation = OccupationFactory(logement=logement)
    page = texte(client.get(fiche))
    assert "Admettre un ménage" not in page
    assert "Occupé par le ménage" in page and occupation.menage.reference in page


def test_une_estimation_demandee_se_suit_sur_l_apercu(client, distribution):
    """L'estimation tourne dans le worker : l'aperçu la montre « en cours » (le fragment se
    redemande seul) et invite à vérifier à nouveau une fois calculée."""
    from iml.occupations.models import EstimationAide

    menage = MenageFactory()
    logement = LogementFactory(statut="DISPONIBLE")
    EstimationAide.objects.create(
        menage=menage, logement=logement, loyer=Decimal("520.00"), charges=Decimal("40.00"),
        demandee_le=timezone.now(), demandee_par=distribution.julie,
    )  # fmt: skip
    connecter(client, distribution.julie)
    page = texte(client.get(URL, saisie(menage, logement, loyer="520,00", charges="40,00")))
    assert "Estimation en cours…" in page and 'hx-trigger="every 2s"' in page
    assert "vérifiez à nouveau l'admission" in page
