"""Tableaux de lignes des étapes (postes de gestion, recettes, partenariats) : des formsets
Django. Ce que l'opérateur voit : une ligne s'ajoute sans JavaScript et sans rien enregistrer,
une ligne se supprime d'une case à cocher, 40 lignes au plus, l'erreur d'une ligne est à côté de
son champ et dans le résumé ; le contenu enregistré garde son format (le moteur le lit)."""

from __future__ import annotations

import re

import pytest

from iml.appels.forms.dossier.lignes import LIGNES_MAX
from tests.appels.matrice_dossiers import contenu_complet, dossier_de
from tests.appels.test_dossiers_etapes import appel, lignes, marc, texte, url_etape

__all__ = ["appel", "marc"]  # fixtures partagées avec test_dossiers_etapes.py

pytestmark = pytest.mark.django_db

RECETTES = contenu_complet()["financements"]


def test_les_lignes_enregistrees_plus_deux_vides_et_un_bouton_ajouter(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    page = marc.get(url_etape(dossier, "modele-financier")).content.decode()
    assert re.search(r'name="fin-TOTAL_FORMS" id="id_fin-TOTAL_FORMS" value="5"', page)
    assert 'name="fin-4-financeur"' in page and 'name="fin-5-financeur"' not in page
    assert "Recette 5 : financeur" in page
    assert "Supprimer la ligne 1" in page
    assert re.search(r'<button type="submit" name="ajouter_ligne" value="fin"', page)
    assert "Ajouter une ligne" in texte(marc.get(url_etape(dossier, "evaluation")))


def test_ajouter_une_ligne_garde_la_saisie_et_n_enregistre_rien(marc, distribution, appel):
    """Sans JavaScript : « Ajouter une ligne » renvoie l'étape avec une ligne vide de plus, la
    saisie en cours affichée, rien d'enregistré, et l'avertissement avant de quitter armé."""
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    avant = dict(dossier.contenu)
    donnees = lignes(
        "fin",
        {"financeur": "ETAT_P177", "montant": "1000"},
        {"financeur": "FSL", "montant": "250"},
        {},
    )
    reponse = marc.post(url_etape(dossier, "modele-financier"), {**donnees, "ajouter_ligne": "fin"})
    assert reponse.status_code == 200
    page = reponse.content.decode()
    assert 'name="fin-3-financeur"' in page and 'name="fin-4-financeur"' not in page
    assert "Recette 4 : montant annuel (€)" in page
    assert re.search(r'<select name="fin-3-financeur"[^>]*autofocus', page)
    assert re.search(r'name="fin-1-montant" value="250"', page)
    assert "data-non-enregistre" in page
    assert "L'étape n'est pas enregistrée" not in texte(reponse)
    dossier.refresh_from_db()
    assert dossier.contenu == avant


def test_une_ligne_cochee_supprimer_disparait_du_dossier(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    rangees = [
        {"financeur": r["financeur"], "service": r["service"], "montant": r["montant"]}
        for r in RECETTES
    ]
    rangees[0]["DELETE"] = "on"
    reponse = marc.post(url_etape(dossier, "modele-financier"), lignes("fin", *rangees))
    assert reponse.status_code == 302
    dossier.refresh_from_db()
    assert dossier.contenu["financements"] == RECETTES[1:]


def test_le_contenu_des_lignes_garde_son_format(marc, distribution, appel):
    """Le moteur lit `financements` et `partenariats` : mêmes clés, montants en chaînes
    décimales, lignes vides ignorées."""
    dossier = dossier_de(appel, distribution.marc)
    marc.post(
        url_etape(dossier, "modele-financier"),
        lignes("fin", {}, {"financeur": "ETAT_P177", "service": "GESTION", "montant": "1 200,50"}),
    )
    marc.post(
        url_etape(dossier, "evaluation"),
        lignes("part", {"type": "SIAO", "nom": " SIAO 35 "}, {}),
    )
    dossier.refresh_from_db()
    assert dossier.contenu["financements"] == [
        {"financeur": "ETAT_P177", "service": "GESTION", "montant": "1200.5"}
    ]
    assert dossier.contenu["partenariats"] == [{"type": "SIAO", "nom": "SIAO 35"}]


def test_l_erreur_d_une_ligne_est_a_cote_du_champ_et_dans_le_resume(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    reponse = marc.post(
        url_etape(dossier, "evaluation"), lignes("part", {}, {"nom": "CCAS de Rennes"})
    )
    page = reponse.content.decode()
    message = "« Partenariat 2 : type » : choisissez le type."
    assert f'<a href="#id_part-1-type">{message}</a>' in page.replace("&#x27;", "'")
    assert f'<p class="fr-error-text">{message}</p>' in page
    debut = page.index('id="resume-erreurs"')
    resume = page[debut : page.index("</ul>", debut)]
    assert "Partenariat 1" not in resume and resume.count("<li>") == 1


@pytest.mark.parametrize("total", [LIGNES_MAX + 1])
def test_au_dela_de_40_lignes_le_tableau_est_refuse(marc, distribution, appel, total):
    dossier = dossier_de(appel, distribution.marc)
    rangees = [{"type": "SIAO", "nom": f"SIAO {i}"} for i in range(total)]
    reponse = marc.post(url_etape(dossier, "evaluation"), lignes("part", *rangees))
    assert reponse.status_code == 200
    assert f"{LIGNES_MAX} lignes au plus par tableau." in texte(reponse)
    dossier.refresh_from_db()
    assert "partenariats" not in dossier.contenu


def test_a_40_lignes_le_bouton_ajouter_disparait(marc, distribution, appel):
    partenariats = [{"type": "SIAO", "nom": f"SIAO {i}"} for i in range(LIGNES_MAX)]
    dossier = dossier_de(appel, distribution.marc, {"partenariats": partenariats})
    page = marc.get(url_etape(dossier, "evaluation")).content.decode()
    assert f'name="part-{LIGNES_MAX - 1}-nom"' in page
    assert f'name="part-{LIGNES_MAX}-nom"' not in page
    assert 'value="part"' not in page


def test_un_tableau_envoye_sans_son_formulaire_de_gestion_est_signale(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    reponse = marc.post(url_etape(dossier, "modele-financier"), {"fin-0-financeur": "CAF"})
    assert reponse.status_code == 200
    assert "Le tableau n'a pas été envoyé en entier" in texte(reponse)
    assert "TOTAL_FORMS" not in texte(reponse)


def test_le_resume_des_prestations_suit_l_ordre_de_la_page(marc, distribution, appel):
    """Captation, puis par forme les postes de gestion et l'accompagnement."""
    dossier = dossier_de(appel, distribution.marc)
    donnees = {
        "captation_cout": "beaucoup",
        "acc_MANDAT_GESTION_etp": "-1",
        **lignes("gestion_MANDAT_GESTION", {"cout": "800"}),
        **lignes("gestion_SOUS_LOCATION", {"cout": "x"}),
    }
    page = marc.post(url_etape(dossier, "services"), donnees).content.decode()
    debut = page.index('id="resume-erreurs"')
    ancres = re.findall(r'<a href="#([^"]+)"', page[debut : page.index("</ul>", debut)])
    assert ancres == [
        "id_captation_cout",
        "id_gestion_MANDAT_GESTION-0-libelle",
        "id_acc_MANDAT_GESTION_etp",
        "id_gestion_SOUS_LOCATION-0-cout",
    ]


def test_la_premiere_ligne_d_un_tableau_exige_au_depot_est_marquee(marc, distribution, appel):
    """R-DOSSIER : les recettes sont exigées au dépôt ; la première ligne le dit."""
    echeancier = {k: contenu_complet()[k] for k in ("logements", "places")}
    dossier = dossier_de(appel, distribution.marc, echeancier)
    page = texte(marc.get(url_etape(dossier, "modele-financier")))
    assert "Recette 1 : montant annuel (€) (requis pour déposer)" in page
    assert "Recette 2 : montant annuel (€) (requis pour déposer)" not in page
