"""Jeux de paramètres en base : chargement idempotent, clonage, validation, barème résolu."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from iml.referentiel.models import JeuParametres, NiveauJeu, OrigineJeu
from iml.referentiel.services import charger_jeux_fichiers, cloner_jeu, jeu_courant

pytestmark = pytest.mark.django_db


def test_le_chargement_cree_les_trois_couches_puis_ne_change_rien():
    premier = charger_jeux_fichiers()
    assert len(premier.crees) == 3
    second = charger_jeux_fichiers()
    assert second.crees == [] and len(second.inchanges) == 3 and second.divergents == []
    assert JeuParametres.objects.count() == 3


def test_l_appel_d_ille_et_vilaine_herite_du_national():
    charger_jeux_fichiers()
    appel = jeu_courant("appel-35-2019-2020")
    assert appel.niveau == NiveauJeu.APPEL
    assert [j.code for j in appel.chaine()] == ["national-2018", "appel-35-2019-2020"]
    bareme = appel.en_bareme()
    assert bareme.cout_moyen_max_par_place == Decimal("2200")
    assert bareme.appel.places == 140
    assert bareme.bareme_id == "appel-35-2019-2020"


def test_un_jeu_en_base_deja_modifie_n_est_pas_ecrase(capsys):
    charger_jeux_fichiers()
    jeu = jeu_courant("national-2018")
    jeu.parametres = {**jeu.parametres, "cout_moyen_max_par_place": 2500}
    jeu.save()
    call_command("charger_baremes")
    sortie = capsys.readouterr()
    assert "n'est pas écrasé" in sortie.err
    jeu.refresh_from_db()
    assert jeu.parametres["cout_moyen_max_par_place"] == 2500


def test_cloner_un_jeu_pour_un_nouvel_appel_garde_le_parent():
    charger_jeux_fichiers()
    source = jeu_courant("appel-35-2019-2020")
    copie = cloner_jeu(source)
    assert copie.code == "appel-35-2019-2020-copie-1"
    assert copie.origine == OrigineJeu.CLONE
    assert copie.parent == source.parent
    assert copie.en_bareme().appel.places == 140
    assert cloner_jeu(source).code == "appel-35-2019-2020-copie-2"


def test_un_parametre_invalide_est_refuse_en_nommant_le_parametre():
    charger_jeux_fichiers()
    copie = cloner_jeu(jeu_courant("appel-35-2019-2020"))
    copie.parametres = {**copie.parametres, "petits_logements_part_min_pct": "beaucoup"}
    with pytest.raises(ValidationError) as erreur:
        copie.full_clean()
    assert "petits_logements_part_min_pct" in str(erreur.value)


def test_l_administrateur_clone_depuis_l_administration(client, distribution):
    from tests.factories import connecter

    charger_jeux_fichiers()
    connecter(client, distribution.admin)
    source = jeu_courant("appel-35-2019-2020")
    reponse = client.post(
        "/django-admin/referentiel/jeuparametres/",
        {"action": "cloner", "_selected_action": [source.pk]},
    )
    assert reponse.status_code == 302
    copie = JeuParametres.objects.get(code="appel-35-2019-2020-copie-1")
    assert reponse["Location"].endswith(f"/{copie.pk}/change/")
