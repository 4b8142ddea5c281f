"""Dossier de candidature, côté opérateur : parcours en étapes enregistré au fil de l'eau,
reprise, messages de validation, constats du moteur aux champs, panneau de conformité
(htmx), lecture seule après la date limite."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.appels.models import Dossier
from regles.calendrier import trimestres_appel
from regles.format import date_fr
from regles.types import PublicPrioritaire
from tests.appels.matrice_dossiers import (
    appel_ouvert,
    contenu_complet,
    dossier_de,
    fermer_le_depot,
)
from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.fixture
def appel(distribution):
    return appel_ouvert(distribution.claire, "Appel IML 35 — dépôt ouvert")


@pytest.fixture
def marc(client, distribution):
    connecter(client, distribution.marc)
    return client


def url_etape(dossier: Dossier, etape: str) -> str:
    return reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": etape})


def url_conformite(dossier: Dossier) -> str:
    return reverse("appels:dossier_conformite", kwargs={"pk": dossier.pk})


def lignes(prefixe: str, *rangees: dict[str, str]) -> dict[str, str]:
    """Les données d'un tableau de lignes (formset Django) comme le navigateur les envoie :
    formulaire de gestion compris ; `rangees` : {colonne: valeur} par ligne."""
    donnees = {f"{prefixe}-TOTAL_FORMS": str(max(len(rangees), 1)), f"{prefixe}-INITIAL_FORMS": "0"}
    for i, rangee in enumerate(rangees):
        donnees |= {f"{prefixe}-{i}-{colonne}": v for colonne, v in rangee.items()}
    return donnees


def tableaux_vides(etape: str) -> dict[str, str]:
    """Les tableaux de l'étape, sans ligne saisie."""
    prefixes = {
        "services": ("gestion_MANDAT_GESTION", "gestion_SOUS_LOCATION"),
        "modele-financier": ("fin",),
        "evaluation": ("part",),
    }
    return {k: v for p in prefixes.get(etape, ()) for k, v in lignes(p).items()}


def texte(reponse) -> str:
    """Le texte de la page, balises retirées, espaces normalisés (insécables compris)."""
    brut = re.sub(r"<[^>]+>", " ", reponse.content.decode())
    brut = brut.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return re.sub(r"[\s\u00a0\u202f]+", " ", brut)


class _Formulaire(HTMLParser):
    """Les valeurs qu'enverrait le navigateur pour le formulaire de l'étape."""

    def __init__(self) -> None:
        super().__init__()
        self.valeurs: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def _ajouter(self, nom: str | None, valeur: str) -> None:
        if nom and nom not in ("csrfmiddlewaretoken", "rester"):
            self.valeurs.setdefault(nom, []).append(valeur)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") not in ("checkbox", "file", "submit"):
            self._ajouter(a.get("name"), a.get("value") or "")
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self._ajouter(a.get("name"), a.get("value") or "on")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self._ajouter(self._select, a.get("value") or "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            self._ajouter(self._textarea, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.valeurs[self._textarea][-1] += data


def valeurs_affichees(page: str) -> dict[str, list[str]]:
    debut = page.index('id="formulaire-etape"')
    lecteur = _Formulaire()
    lecteur.feed(page[page.rindex("<form", 0, debut) : page.index("</form>", debut)])
    return {nom: [unescape(v) for v in valeurs] for nom, valeurs in lecteur.valeurs.items()}


IDENTITE = {
    "nom": "AIS Rennes Habitat Solidaire",
    "siret": "420 000 000 000 34",
    "statut": "ASSOCIATION",
    "representant_prenom": "Marc",
    "representant_nom": "Bernard",
    "representant_qualite": "directeur",
    "courriel": "contact@ais35.demo",
}


# --- Ouverture, enregistrement, reprise ---------------------------------------------------------


def test_ouvrir_cree_le_dossier_et_mene_a_la_premiere_etape(marc, distribution, appel):
    reponse = marc.post(reverse("appels:dossier_ouvrir", kwargs={"pk": appel.pk}))
    dossier = Dossier.objects.get(appel=appel, operateur=distribution.org.ais35)
    assert reponse.status_code == 302
    assert reponse["Location"] == url_etape(dossier, "identite")
    assert dossier.contenu["porteur"]["nom"] == "AIS Rennes Habitat Solidaire"


def test_une_etape_enregistree_mene_a_la_suivante_et_la_reprise_revient_a_la_derniere(
    marc, distribution, appel
):
    dossier = dossier_de(appel, distribution.marc)
    reponse = marc.post(url_etape(dossier, "identite"), IDENTITE)
    assert reponse.status_code == 302
    assert reponse["Location"] == url_etape(dossier, "experience")
    dossier.refresh_from_db()
    assert dossier.etape == "identite"
    assert dossier.contenu["porteur"] == {
        "nom": "AIS Rennes Habitat Solidaire",
        "siret": "42000000000034",
        "statut": "ASSOCIATION",
        "representant": {"nom": "Bernard", "prenom": "Marc", "qualite": "directeur"},
        "courriel": "contact@ais35.demo",
    }

    donnees = {"realisations": "Hébergement d'insertion depuis 2010.", "rester": "1"}
    reponse = marc.post(url_etape(dossier, "experience"), donnees)
    assert reponse["Location"] == url_etape(dossier, "experience")

    reprise = marc.post(reverse("appels:dossier_ouvrir", kwargs={"pk": appel.pk}))
    assert reprise["Location"] == url_etape(dossier, "experience")
    dossier.refresh_from_db()
    assert dossier.etape == "experience"
    assert dossier.contenu["realisations"] == "Hébergement d'insertion depuis 2010."
    assert dossier.contenu["porteur"]["nom"] == "AIS Rennes Habitat Solidaire"


def test_la_derniere_etape_mene_au_recapitulatif(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    reponse = marc.post(
        url_etape(dossier, "evaluation"), {"evaluation": "Bilan annuel.", **lignes("part")}
    )
    assert reponse["Location"] == reverse("appels:dossier_deposer", kwargs={"pk": dossier.pk})


def test_l_indicateur_d_etapes_dsfr_situe_l_operateur(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    page = marc.get(url_etape(dossier, "agrements"))
    assert 'class="fr-stepper"' in page.content.decode()
    assert 'data-fr-current-step="3" data-fr-steps="9"' in page.content.decode()
    assert "Étape 3 sur 9" in texte(page)
    assert "Étape suivante : Zone d'implantation et public" in texte(page)


def test_une_etape_inconnue_n_existe_pas(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    assert marc.get(url_etape(dossier, "inconnue")).status_code == 404


def test_les_valeurs_affichees_se_renvoient_telles_quelles(marc, distribution, appel):
    """Les montants affichés à la française (« 18 000 ») sont relus sans perte."""
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    for etape in ("services", "modele-financier", "echeancier", "agrements", "evaluation"):
        page = marc.get(url_etape(dossier, etape)).content.decode()
        reponse = marc.post(url_etape(dossier, etape), valeurs_affichees(page))
        assert reponse.status_code == 302, etape
    dossier.refresh_from_db()
    attendu = contenu_complet()
    for cle in ("services", "financements", "logements", "places", "engagements"):
        assert dossier.contenu[cle] == attendu[cle], cle
    sans_null = {a: {k: v for k, v in p.items() if v} for a, p in attendu["agrements"].items()}
    assert dossier.contenu["agrements"] == sans_null


# --- Validation : messages nommant le champ -----------------------------------------------------


def test_les_erreurs_de_saisie_nomment_le_champ_et_rien_n_est_enregistre(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    avant = dict(dossier.contenu)
    donnees = {**IDENTITE, "nom": "", "siret": "1234", "courriel": "pas-une-adresse"}
    reponse = marc.post(url_etape(dossier, "identite"), donnees)
    assert reponse.status_code == 200
    page = texte(reponse)
    assert "« Dénomination sociale » : ce champ est obligatoire." in page
    assert "« SIRET » : 14 chiffres attendus." in page
    assert (
        "« Adresse électronique de contact » : saisissez une adresse électronique valide." in page
    )
    assert "L'étape n'est pas enregistrée" in page
    dossier.refresh_from_db()
    assert dossier.contenu == avant
    assert dossier.etape == ""


def test_une_date_de_fin_avant_le_debut_est_refusee(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    reponse = marc.post(
        url_etape(dossier, "agrements"), {"L365_4_debut": "2020-01-01", "L365_4_fin": "2019-01-01"}
    )
    assert reponse.status_code == 200
    assert (
        "« Agrément L 365-4 (intermédiation et gestion locative sociale) » : la date de fin "
        "précède la date de début." in texte(reponse)
    )


def test_un_montant_negatif_ou_illisible_est_refuse(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    reponse = marc.post(
        url_etape(dossier, "services"),
        {
            "captation_cout": "-5",
            **tableaux_vides("services"),
            **lignes("gestion_SOUS_LOCATION", {"cout": "beaucoup"}),
        },
    )
    page = texte(reponse)
    assert (
        "« Coût de captation par logement capté (€) » : la valeur doit être supérieure ou "
        "égale à 0." in page
    )
    assert (
        "« Gestion en sous-location, poste 1 : coût par logement et par an (€) » : saisissez un "
        "nombre" in page
    )


def test_un_poste_de_gestion_sans_libelle_et_une_recette_sans_financeur_sont_signales(
    marc, distribution, appel
):
    dossier = dossier_de(appel, distribution.marc)
    reponse = marc.post(
        url_etape(dossier, "services"),
        {**tableaux_vides("services"), **lignes("gestion_MANDAT_GESTION", {"cout": "800"})},
    )
    assert "« Gestion en mandat de gestion, poste 1 » : libellé manquant." in texte(reponse)
    reponse = marc.post(url_etape(dossier, "modele-financier"), lignes("fin", {"montant": "1000"}))
    assert "« Recette 1 : financeur » : choisissez le financeur." in texte(reponse)


def test_une_grille_negative_est_refusee_en_nommant_la_cellule(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    premier = trimestres_appel(appel.jeu.en_bareme())[0].libelle.replace("\u00a0", " ")
    reponse = marc.post(
        url_etape(dossier, "echeancier"), {"logements__T2__MANDAT_GESTION__0": "-1"}
    )
    assert (
        f"« Logements en T2, mandat de gestion, {premier} » : la valeur doit être supérieure ou "
        "égale à 0." in texte(reponse)
    )


# --- Étapes : format du dossier -----------------------------------------------------------------


def test_zone_et_publics_en_cases_a_cocher_aux_libelles_francais(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    page = marc.get(url_etape(dossier, "zone-et-public"))
    for public in PublicPrioritaire:
        assert public.libelle in texte(page)
    assert 'type="checkbox" name="publics" value="SORTANT_HEBERGEMENT"' in page.content.decode()
    marc.post(
        url_etape(dossier, "zone-et-public"),
        {
            "zone": "35238\nSaint-Malo ; 35047",
            "publics": ["DALO_HEBERGE", "SORTANT_HEBERGEMENT"],
            "attention_sante": "on",
        },
    )
    dossier.refresh_from_db()
    assert dossier.contenu["zone"] == ["Rennes (35238)", "Saint-Malo (35288)", "Bruz (35047)"]
    assert dossier.contenu["publics"] == ["SORTANT_HEBERGEMENT", "DALO_HEBERGE"]
    assert dossier.contenu["attention_sante"] is True


def test_la_grille_suit_les_trimestres_de_l_appel_et_calcule_les_totaux(marc, distribution, appel):
    """R-SCHEDULE-CONSISTENCY : une ligne par typologie × forme, un nombre par trimestre de
    l'appel ; les totaux sont calculés, jamais saisis."""
    dossier = dossier_de(appel, distribution.marc)
    trimestres = trimestres_appel(appel.jeu.en_bareme())
    page = marc.get(url_etape(dossier, "echeancier"))
    for t in trimestres:
        assert t.libelle.replace("\u00a0", " ") in texte(page)
    donnees = {
        "logements__T2__SOUS_LOCATION__1": "2",
        "logements__T2__SOUS_LOCATION__3": "1",
        "places__T2__SOUS_LOCATION__1": "5",
        "places__T2__SOUS_LOCATION__3": "3",
        "rester": "1",
    }
    marc.post(url_etape(dossier, "echeancier"), donnees)
    dossier.refresh_from_db()
    zeros = [0] * len(trimestres)
    attendu = {"typologie": "T2", "mode": "SOUS_LOCATION", "trimestres": list(zeros)}
    attendu["trimestres"][1], attendu["trimestres"][3] = 2, 1
    assert dossier.contenu["logements"] == [attendu]
    assert dossier.contenu["places"][0]["trimestres"][1] == 5
    page = marc.get(url_etape(dossier, "echeancier")).content.decode()
    assert re.search(r'id="total-logements"[^>]*>3<', page)
    assert re.search(r'id="total-places"[^>]*>8<', page)
    assert "total-logements-t1" in page and 'name="total' not in page


def test_les_prestations_suivent_le_format_du_dossier(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    marc.post(
        url_etape(dossier, "services"),
        {
            "captation_cout": "600",
            **lignes("gestion_MANDAT_GESTION"),
            **lignes("gestion_SOUS_LOCATION", {"libelle": "GLA", "cout": "1 200,50"}),
            "acc_SOUS_LOCATION_modalite": "DELEGUE",
            "acc_SOUS_LOCATION_partenaire_nom": "Association Partenaire",
            "acc_SOUS_LOCATION_partenaire_budget": "30000",
            "acc_SOUS_LOCATION_partenaire_agrement_debut": "2015-06-01",
            "acc_MANDAT_GESTION_modalite": "DROIT_COMMUN",
        },
    )
    dossier.refresh_from_db()
    assert dossier.contenu["services"] == {
        "captation": {"cout_par_logement": "600"},
        "gestion": {"SOUS_LOCATION": [{"libelle": "GLA", "cout_par_logement": "1200.5"}]},
        "accompagnement": {
            "MANDAT_GESTION": {"modalite": "DROIT_COMMUN"},
            "SOUS_LOCATION": {
                "modalite": "DELEGUE",
                "partenaire_delegue": {
                    "nom": "Association Partenaire",
                    "budget_annee_pleine": "30000",
                    "agrement_L365_3": {"date_debut": "2015-06-01"},
                },
            },
        },
    }


def test_le_modele_financier_est_calcule_par_le_moteur(marc, distribution, appel):
    """R-BUDGET-MODEL : l'annexe 1 de l'exemple (annexe 1b) — 85 500 €, 1 710 € par place."""
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    page = texte(marc.get(url_etape(dossier, "modele-financier")))
    assert "Annexe 1 : maquette financière annuelle (calculée)" in page
    assert "Total annuel 85 500 €" in page
    assert "1 710 €" in page
    assert "R-COST-PLACE-MAX : 2 200 € au plus" in page


# --- Constats du moteur aux champs --------------------------------------------------------------


def test_un_constat_du_moteur_s_affiche_a_cote_de_son_champ(marc, distribution, appel):
    dossier = dossier_de(
        appel,
        distribution.marc,
        {"porteur": {"nom": "AIS", "siret": "12345678901234", "statut": "PERSONNE_PHYSIQUE"}},
    )
    page = marc.get(url_etape(dossier, "identite")).content.decode()
    bloc = page[page.index('id="id_siret-constats"') :][:600]
    assert "R-DOSSIER : SIRET « 12345678901234 » invalide (clé de contrôle)." in bloc
    bloc = page[page.index('id="id_statut-constats"') :][:600]
    assert "R-ELIGIBILITY" in bloc


def test_les_constats_de_la_grille_sont_montres_a_cote_du_tableau(marc, distribution, appel):
    """R-SCHEDULE-CONSISTENCY : 3 places en T1 pour 1 logement (2 places au plus)."""
    zeros = [0] * 8
    lignes = {"typologie": "T1", "mode": "MANDAT_GESTION", "trimestres": [1, *zeros[1:]]}
    places = {**lignes, "trimestres": [3, *zeros[1:]]}
    dossier = dossier_de(appel, distribution.marc, {"logements": [lignes], "places": [places]})
    reponse = marc.get(url_etape(dossier, "echeancier"))
    page = reponse.content.decode()
    assert "Contrôles du moteur sur l'annexe 3 : places" in page
    # Le premier trimestre de l'appel ouvert de la démonstration suit la date du jour.
    assert re.search(
        r"R-SCHEDULE-CONSISTENCY : T1 en mandat de gestion : 3 places à la fin de \S+ trim\. "
        r"\d{4} pour 1 logement",
        texte(reponse),
    )
    assert re.search(r'<input[^>]*name="places__T1__MANDAT_GESTION__0"[^>]*fr-input--error', page)


# --- Panneau de conformité (htmx) ---------------------------------------------------------------


def test_le_formulaire_declenche_le_panneau_a_chaque_changement(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc)
    page = marc.get(url_etape(dossier, "echeancier")).content.decode()
    assert f'hx-post="{url_conformite(dossier)}"' in page
    assert 'hx-trigger="change delay:500ms"' in page
    assert 'hx-target="#panneau-conformite"' in page
    assert 'id="panneau-conformite"' in page
    assert "csrfmiddlewaretoken" in page


def test_le_panneau_signale_une_grille_incoherente_sans_rien_enregistrer(marc, distribution, appel):
    """R-SCHEDULE-CONSISTENCY, R-CAPACITY : des places au-delà des logements × capacité."""
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    avant = (dict(dossier.contenu), dossier.etape, dossier.modifie_le)
    donnees = {
        "etape": "echeancier",
        "logements__T1__MANDAT_GESTION__0": "1",
        "places__T1__MANDAT_GESTION__0": "3",
    }
    reponse = marc.post(url_conformite(dossier), donnees, HTTP_HX_REQUEST="true")
    assert reponse.status_code == 200
    fragment = reponse.content.decode()
    assert "<html" not in fragment
    assert "R-SCHEDULE-CONSISTENCY" in fragment
    assert re.search(
        r"T1 en mandat de gestion : 3 places à la fin de \S+ trim\. \d{4}", texte(reponse)
    )
    assert 'hx-swap-oob="true">3<' in fragment  # total des places, recalculé
    dossier.refresh_from_db()
    assert (dossier.contenu, dossier.etape, dossier.modifie_le) == avant


def test_le_panneau_montre_les_erreurs_de_saisie_et_les_chiffres(marc, distribution, appel):
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    reponse = marc.post(url_conformite(dossier), {"etape": "identite", "nom": "AIS", "siret": "12"})
    page = texte(reponse)
    assert "« SIRET » : 14 chiffres attendus." in page
    assert "Budget annuel 85 500 €" in page
    assert "R-DOSSIER" in page


# --- Lecture seule ------------------------------------------------------------------------------


def test_apres_la_date_limite_tout_est_en_lecture_seule(marc, distribution, appel):
    """R-AAC : plus de modification après la date limite ; un message clair le dit."""
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    fermer_le_depot(appel)
    page = marc.get(url_etape(dossier, "identite"))
    assert page.status_code == 200
    limite = date_fr(timezone.localdate() - timedelta(days=1))
    assert f"la date limite de dépôt ({limite}) est passée" in texte(page)
    assert "Le dossier ne peut plus être modifié ni déposé" in texte(page)
    contenu = page.content.decode()
    assert re.search(r'name="nom"[^>]*disabled', contenu)
    assert "Enregistrer et continuer" not in contenu
    assert "hx-post" not in contenu
    assert marc.post(url_etape(dossier, "identite"), IDENTITE).status_code == 403
    dossier.refresh_from_db()
    assert dossier.contenu["porteur"]["nom"] == contenu_complet()["porteur"]["nom"]


def test_un_role_sans_redaction_lit_le_dossier_sans_le_modifier(client, distribution, appel):
    """Une travailleuse sociale de l'AIS consulte, mais ne rédige pas."""
    dossier = dossier_de(appel, distribution.marc)
    connecter(client, distribution.nadia)
    page = client.get(url_etape(dossier, "identite"))
    assert page.status_code == 200
    assert "ne permet pas de modifier ce dossier" in texte(page)
    assert client.post(url_etape(dossier, "identite"), IDENTITE).status_code == 403


# --- Mes dossiers -------------------------------------------------------------------------------


def test_mes_dossiers_propose_les_appels_ouverts_et_les_dossiers_en_cours(
    marc, distribution, appel
):
    page = marc.get(reverse("appels:mes_dossiers")).content.decode()
    assert reverse("appels:dossier_ouvrir", kwargs={"pk": appel.pk}) in page
    dossier = dossier_de(appel, distribution.marc)
    page = marc.get(reverse("appels:mes_dossiers")).content.decode()
    assert url_etape(dossier, "identite") in page
    assert "Reprendre le dossier" in page
    assert reverse("appels:dossier_ouvrir", kwargs={"pk": appel.pk}) not in page
