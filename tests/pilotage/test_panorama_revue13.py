"""Panorama régional, revue d'usage 13 : formulaires DSFR, année bornée à l'année en cours,
messages qui nomment le champ, totaux « incomplet » et « non déclaré », graphique à 390 px."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from iml.pilotage.models import IndicateurDeclare
from iml.pilotage.services_panorama import Declaration, declarer
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.pilotage.test_panorama import _dep, _page, _Sortie

pytestmark = pytest.mark.django_db
BADGE = "total incomplet</span>"


@pytest.fixture
def demo(distribution):
    from iml.pilotage.demo_panorama import charger_demo

    charger_demo(distribution.org.__dict__, _Sortie())
    return distribution


def _saisie(client, d, **changes):
    connecter(client, d.paul)
    donnees = {"departement": _dep("40").pk, "annee": 2019, "indicateur": "PLACES_PETIT_CHEZ_SOI",
               "etat": "RENSEIGNE", "valeur": "4", "source": "Cahier 40",
               "date_source": "31/12/2019"} | changes  # fmt: skip
    return client.post(reverse("pilotage:panorama_saisie"), donnees)


def test_la_saisie_est_rendue_en_dsfr_champ_par_champ(client, demo):
    connecter(client, demo.paul)
    html = client.get(reverse("pilotage:panorama_saisie")).content.decode()
    assert html.count('class="fr-input-group') >= 4  # année, valeur, source, date
    assert 'class="fr-select-group' in html and 'class="fr-select"' in html
    assert html.count('class="fr-radio-group"') == 2 and 'id="id_etat" tabindex="-1"' in html
    assert "Valeur (requise si elle est connue)" in html and "(Optionnel)" not in html
    assert 'class="fr-label"' in html and 'class="fr-hint-text"' in html
    assert "de cette année (de 2000 à " in html
    html = _saisie(client, demo, source="").content.decode()
    assert "fr-input-group--error" in html and 'aria-invalid="true"' in html
    assert "L&#x27;indicateur n&#x27;est pas enregistré" in html or "pas enregistré" in html
    assert 'href="#id_source"' in html  # le résumé d'erreurs mène au champ


def test_l_import_a_un_selecteur_de_fichier_dsfr(client, demo):
    connecter(client, demo.paul)
    url = reverse("pilotage:panorama_import")
    html = client.get(url).content.decode()
    assert 'class="fr-upload-group' in html and 'class="fr-upload"' in html
    assert 'class="fr-label"' in html and "Tableau du panorama (CSV ou XLSX)" in html
    assert "Une ligne par département et par année" in html and "Taille maximale" in html
    html = client.post(url, {"rien": ""}).content.decode()  # formulaire envoyé sans fichier
    assert "fr-upload-group--error" in html and 'href="#id_fichier"' in html
    assert "Fichier : choisissez un fichier CSV ou XLSX." in html


def test_une_annee_a_venir_est_refusee_et_ne_devient_pas_l_annee_par_defaut(client, demo):
    avant = IndicateurDeclare.objects.count()
    en_cours = timezone.localdate().year
    reponse = _saisie(client, demo, annee=3000)
    assert reponse.status_code == 200 and IndicateurDeclare.objects.count() == avant
    assert (
        f"Année : 3000 n&#x27;est pas encore arrivée ; indiquez une année de 2000 à {en_cours}."
        in (reponse.content.decode())
    )
    # Le service refuse aussi (import, autre appelant) ; une année à venir déjà en base n'est
    # pas l'année affichée par défaut.
    d = Declaration(_dep("40"), 3000, "PLACES_CHEZ_SOI", Decimal(1), "x", date(2020, 1, 1))
    with pytest.raises(ValidationError, match="Année : 3000 hors bornes"):
        declarer(acteur=acteur(demo.paul), declaration=d)
    ancienne = IndicateurDeclare.objects.filter(departement=_dep("40")).first()
    assert ancienne  # la démo en a une : elle passe en 3000 comme avant la correction
    IndicateurDeclare.objects.filter(pk=ancienne.pk).update(annee=3000)
    html = _page(client, demo).content.decode()
    assert "Panorama régional Nouvelle-Aquitaine 3000" not in html
    assert 'value="3000"' not in html
    assert (
        "Panorama régional Nouvelle-Aquitaine 3000"
        not in _page(client, demo, annee=3000).content.decode()
    )


def test_une_date_qui_n_existe_pas_est_dite_telle(client, demo):
    html = _saisie(client, demo, date_source="31/02/2019").content.decode()
    assert "Date de la source : le 31/02/2019 n&#x27;existe pas dans le calendrier." in html
    html = _saisie(client, demo, date_source="2019-02-31x").content.decode()
    assert "Date de la source : au format JJ/MM/AAAA." in html


def test_l_erreur_du_bouton_radio_nomme_la_question(client, demo):
    html = _saisie(client, demo, etat="").content.decode()
    assert "« La valeur est-elle connue ? » : répondez" in html
    assert 'href="#id_etat"' in html and "fr-fieldset--error" in html
    html = _saisie(client, demo, etat="PEUT_ETRE").content.decode()
    assert "« La valeur est-elle connue ? » : choisissez une des deux réponses." in html


def test_un_departement_hors_region_nomme_le_champ(client, demo):
    html = _saisie(client, demo, departement=_dep("35").pk).content.decode()
    assert "Département : choisissez un département de la région Nouvelle-Aquitaine" in html
    assert "Sélectionnez un choix valide" not in html
    html = _saisie(client, demo, indicateur="INCONNU").content.decode()
    assert "Indicateur : choisissez un indicateur de la liste." in html


def _totaux(html: str) -> dict[str, str]:
    bloc = re.search(r'<ul id="totaux">(.*?)</ul>', html, re.S)
    assert bloc
    lignes = re.findall(r"<li>(.*?)</li>", bloc.group(1), re.S)
    return {li.split(" : ", 1)[0]: li for li in lignes}


def test_les_totaux_mesures_et_financement_portent_le_badge_ou_disent_non_declare(client, demo):
    totaux = _totaux(_page(client, demo, annee=2019).content.decode())
    mesures = totaux["Mesures financées (État + département)"]
    assert "83\u00a0mesures connues" in mesures and BADGE in mesures
    financement = next(v for k, v in totaux.items() if k.startswith("Financement"))
    petit = next(v for k, v in totaux.items() if "petit chez-soi" in k and "places" in k)
    # Aucune place « un petit chez-soi » déclarée en 2019 : les totaux disent « non déclaré »
    # comme les cellules, sans badge (il n'y a rien d'incomplet), jamais « non renseigné (12…) ».
    assert "<strong>non déclaré</strong>" in financement and BADGE not in financement
    assert "<strong>non déclaré</strong>" in petit and BADGE not in petit
    assert "non renseigné (12" not in _page(client, demo, annee=2019).content.decode()
    # Une valeur déclarée pour un département : le financement devient « incomplet ».
    _saisie(client, demo)
    totaux = _totaux(_page(client, demo, annee=2019).content.decode())
    financement = next(v for k, v in totaux.items() if k.startswith("Financement"))
    assert "connus, 11\u00a0départements non renseignés" in financement and BADGE in financement


def test_a_390_px_le_graphique_est_en_barres_horizontales_avec_chaque_departement(client, demo):
    html = _page(client, demo, annee=2019, indicateur="PLACES_CHEZ_SOI").content.decode()
    large = re.search(r'fr-hidden fr-unhidden-md"[^>]*>\s*<bar-chart x="([^"]*)"', html)
    etroit = re.search(r'fr-hidden-md"[^>]*>\s*<bar-chart x="([^"]*)"([^>]*)>', html)
    assert large and etroit
    assert "Landes (non renseigné)" in large.group(1) and "horizontal" not in large.group(0)
    libelles = json.loads(etroit.group(1).replace("&quot;", '"'))[0]
    assert len(libelles) == 12 and "Gironde" in libelles and "Landes (?)" in libelles
    assert 'horizontal="true"' in etroit.group(2) and 'aspect-ratio="0.67"' in etroit.group(2)


def test_un_financement_de_0_euro_s_exporte_0_et_non_non_renseigne(client, demo):
    from iml.pilotage import exports_panorama, selectors_panorama

    assert _saisie(client, demo, valeur="0").status_code == 302  # 0 place déclarée : connue
    region = _dep("40").region
    p = selectors_panorama.panorama(acteur(demo.paul), region, 2019, date(2026, 1, 1))
    landes = next(r for r in exports_panorama.lignes(p) if r[1] == "40")
    assert landes[-1] == 0 and landes[-1] is not None
    charente = next(r for r in exports_panorama.lignes(p) if r[1] == "16")
    assert charente[-1] == "non renseigné"
