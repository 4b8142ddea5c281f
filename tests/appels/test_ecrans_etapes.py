"""Écrans des étapes du dossier qu'un opérateur peut croire : résumé des erreurs, pièces
« requis pour déposer », aucun identifiant interne (code de jeu de paramètres, chemin JSON),
typographie française."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.appels.services import appels as services
from tests.appels.matrice_dossiers import contenu_complet, dossier_de
from tests.appels.test_appels_fabriques import acteur
from tests.appels.test_dossiers_etapes import (
    appel,
    lignes,
    marc,
    tableaux_vides,
    texte,
    url_etape,
)

__all__ = ["appel", "marc"]  # fixtures partagées avec test_dossiers_etapes.py

pytestmark = pytest.mark.django_db


def test_aucun_code_de_jeu_de_parametres_sur_les_pages_du_dossier(marc, distribution, appel):
    """Le code interne du jeu de paramètres (« appel-35-… », tronqué à 50 caractères) n'est
    jamais montré : le panneau dit « paramètres de l'appel » et leur version."""
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    for url in (
        url_etape(dossier, "identite"),
        reverse("appels:dossier_deposer", args=[dossier.pk]),
    ):
        page = texte(marc.get(url))
        assert appel.jeu.code not in page
        assert "paramètres de l'appel" in page and "(version 1)" in page


# --- Résumé des erreurs, champs requis pour déposer ---------------------------------------------


def test_un_envoi_refuse_resume_toutes_les_erreurs_en_tete_avec_un_lien_par_champ(
    marc, distribution, appel
):
    """Après un envoi refusé : un résumé DSFR en tête (liste des erreurs), chaque erreur reliée
    à son champ ; le script de l'étape y porte le focus (test navigateur)."""
    dossier = dossier_de(appel, distribution.marc)
    reponse = marc.post(
        url_etape(dossier, "services"),
        {
            "captation_cout": "beaucoup",
            **tableaux_vides("services"),
            **lignes("gestion_MANDAT_GESTION", {"cout": "800"}),
        },
    )
    page = unescape(reponse.content.decode())
    debut = page.index('id="resume-erreurs"')
    resume = page[debut : page.index("</div>", debut)]
    assert "L'étape n'est pas enregistrée\u00a0: 2 erreurs à corriger" in resume
    assert '<a href="#id_captation_cout">« Coût de captation' in resume
    assert '<a href="#id_gestion_MANDAT_GESTION-0-libelle">« Gestion en mandat' in resume
    assert 'tabindex="-1"' in page[debut - 200 : debut + 200]
    assert debut < page.index('id="formulaire-etape"')


def test_les_pieces_exigees_au_depot_sont_marquees_requis_pour_deposer(marc, distribution, appel):
    """R-DOSSIER : un champ dont le dépôt exige la valeur n'est plus marqué « (Optionnel) »."""
    dossier = dossier_de(appel, distribution.marc)
    page = texte(marc.get(url_etape(dossier, "identite")))
    assert "Statut de la personne morale (requis pour déposer)" in page
    assert "Nom du représentant habilité (requis pour déposer)" in page
    assert "Prénom du représentant habilité (requis pour déposer)" in page
    assert "Statut de la personne morale (Optionnel)" not in page
    assert "Téléphone (Optionnel)" in page
    page = texte(marc.get(url_etape(dossier, "evaluation")))
    assert "Modalités d'évaluation (requis pour déposer)" in page
    # Le brouillon reste enregistrable sans eux.
    reponse = marc.post(url_etape(dossier, "identite"), {"nom": "AIS", "rester": "1"})
    assert reponse.status_code == 302


def test_un_poste_non_renseigne_est_nomme_en_francais_jamais_par_son_chemin(
    marc, distribution, appel
):
    """R-UNKNOWN : l'accompagnement en sous-location sans montant est « non renseigné » ; le
    poste est nommé en français, pas « services.accompagnement.SOUS_LOCATION »."""
    contenu = contenu_complet()
    del contenu["services"]["accompagnement"]["SOUS_LOCATION"]
    dossier = dossier_de(appel, distribution.marc, contenu)
    page = texte(marc.get(url_etape(dossier, "modele-financier")))
    assert "services.accompagnement" not in page and "SOUS_LOCATION" not in page
    assert "Prestations › accompagnement › sous-location" in page


def test_l_entete_du_dossier_elide_de_devant_une_voyelle(marc, distribution, appel):
    """Typographie : « Dossier d'AIS Rennes Habitat Solidaire », pas « Dossier de AIS »."""
    dossier = dossier_de(appel, distribution.marc)
    page = texte(marc.get(url_etape(dossier, "identite")))
    assert "Dossier d'AIS Rennes Habitat Solidaire" in page
    assert "Dossier de AIS" not in page


def test_la_lecture_seule_ne_donne_pas_un_titre_masculin_a_une_travailleuse_sociale(
    client, distribution, appel
):
    """Nadia Roux est travailleuse sociale : le message ne lui attribue pas « travailleur
    social », il dit qui rédige le dossier."""
    from tests.factories import connecter

    dossier = dossier_de(appel, distribution.marc)
    connecter(client, distribution.nadia)
    page = texte(client.get(url_etape(dossier, "identite")))
    assert "travailleur social" not in page
    assert "seules la direction et la gestion locative de l'organisation le rédigent" in page


# --- Menu des étapes --------------------------------------------------------------------------


def test_seules_les_etapes_enregistrees_sont_cochees_et_le_compteur_compte_le_recapitulatif(
    marc, distribution, appel
):
    """Revue d'usage : enregistrer la seule étape 5 ne coche pas les étapes 1 à 4 (jamais
    saisies) ; « Étape 5 sur 9 » comme le menu, qui numérote le récapitulatif 9."""
    dossier = services.enregistrer_etape(
        acteur=acteur(distribution.marc),
        dossier=dossier_de(appel, distribution.marc),
        etape="echeancier",
        donnees={"logements": [], "places": []},
        aujourd_hui=timezone.localdate(),
    )
    page = texte(marc.get(url_etape(dossier, "echeancier")))
    assert "5. Logements et places par trimestre (enregistrée)" in page
    for titre in ("1. Identité du porteur", "2. Réalisations et expérience"):
        assert titre in page and f"{titre} (enregistrée)" not in page
    assert "Étape 5 sur 9" in page and "9. Récapitulatif et dépôt" in page
