"""Accessibilité : axe-core sur chaque page HTML du projet, 0 violation tolérée.

Les pages viennent de la matrice des permissions (tests/test_matrice_permissions.py, qui doit
couvrir toutes les URL du projet) : chaque nom d'URL qu'un persona obtient en GET avec un
statut 200 est ouvert dans Chromium et vérifié, en anonyme si la page est publique, sinon comme
opérateur (marc) et agent de l'État (claire) quand ils y ont accès, sinon comme le premier
persona qui y a accès (l'administrateur pour le journal d'audit). Une nouvelle page entrée
dans la matrice est donc vérifiée sans rien ajouter ici.

Sont exclus : l'administration Django (espace de noms `admin:`, déjà écarté par
`noms_url_du_projet()`), qui n'utilise pas le DSFR et n'est ouverte qu'à l'administrateur de la
plateforme ; l'API (`api:`), qui sert du JSON, et sa documentation OpenAPI (Swagger, hors DSFR) ;
les téléchargements (SANS_HTML).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from iml.comptes.demo import MOT_DE_PASSE_DEMO
from tests import test_matrice_permissions as matrice
from tests.navigateur.outils import envoyer, ouvrir_session, saisir_identifiants, verifier_axe

pytestmark = pytest.mark.navigateur

#: Espaces de noms sans pages DSFR (voir plus haut).
ESPACES_EXCLUS = ("admin:", "api:")
#: URL qui répondent en GET sans page HTML (fichiers, exports…) : à lister ici, avec la raison.
SANS_HTML: dict[str, str] = {
    "appels:appel_synthese_ods": "tableur de synthèse ODS",
    "appels:appel_synthese_xlsx": "tableur de synthèse",
    "appels:avenant_pdf": "avenant en PDF",
    "appels:avenant_signe": "exemplaire signé d'un avenant",
    "appels:convention_pdf": "convention en PDF",
    "appels:convention_signee": "exemplaire signé de la convention",
    "appels:dossier_annexes_ods": "annexes en tableur ODS",
    "appels:dossier_annexes_xlsx": "annexes en tableur XLSX",
    "appels:dossier_pdf": "dossier en PDF",
    "appels:piece_telecharger": "pièce justificative déposée",
    "parc:export": "parc en tableur (XLSX, ODS, CSV)",
    "pilotage:statistique_ods": "statistiques annuelles en tableur ODS",
    "pilotage:statistique_pdf": "statistiques annuelles en PDF",
    "pilotage:statistique_xlsx": "statistiques annuelles en tableur XLSX",
    "pilotage:statistiques_campagne_ods": "consolidation d'une campagne en tableur ODS",
    "pilotage:statistiques_campagne_xlsx": "consolidation d'une campagne en tableur XLSX",
    "parc:import_modele": "modèle d'import en tableur",
    "parc:import_progression": "avancement d'un import (JSON)",
    "occupations:modele_import": "modèle d'import des ménages en tableur",
    "occupations:import_progression": "avancement d'un import des ménages (JSON)",
    "accompagnement:chiffres_export": "chiffres de l'accompagnement en CSV",
    "orientations:modele_import": "modèle d'import des demandes du SIAO en tableur",
    "orientations:import_demandes_progression": "avancement d'un import des demandes (JSON)",
    "orientations:appariement_progression": "avancement d'un calcul d'appariement (JSON)",
    "orientations:export": "export vers l'application nationale du SIAO (CSV, XLSX)",
    "pilotage:panorama_export": "panorama régional en tableur (CSV, XLSX, ODS)",
    "pilotage:export_tableau": "un tableau du pilotage en CSV, XLSX ou ODS",
}

#: Un opérateur et un agent de l'État, pour les pages de l'application.
PERSONAS_PREFERES = ("marc", "claire")
_AUCUNE = object()


@dataclass(frozen=True)
class Cas:
    nom: str
    persona: str
    cible: str | None = None
    etat: str = ""

    def __str__(self) -> str:
        return f"{self.nom}-{self.persona}" + (f"-{self.etat}" if self.etat else "")


def _pages_de_la_matrice() -> dict[str, list[tuple[str | None, dict[str, int]]]]:
    """Nom d'URL -> [(cible, statuts par persona)] pour les GET qui renvoient 200 à quelqu'un."""
    pages: dict[str, list[tuple[str | None, dict[str, int]]]] = {}
    for (nom, methode, cible), statuts in matrice.MATRICE.items():
        exclue = nom in SANS_HTML or nom.startswith(ESPACES_EXCLUS)
        if methode == "get" and 200 in statuts.values() and not exclue:
            pages.setdefault(nom, []).append((cible, statuts))
    return pages


def _cas_de_la_matrice() -> list[Cas]:
    cas = []
    for nom, entrees in _pages_de_la_matrice().items():

        def cible_ouverte(persona: str, entrees=entrees):
            return next((c for c, s in entrees if s.get(persona) == 200), _AUCUNE)

        if cible_ouverte("anonyme") is not _AUCUNE:
            personas = ["anonyme"]
        else:
            personas = [p for p in PERSONAS_PREFERES if cible_ouverte(p) is not _AUCUNE]
            personas = personas or [
                next(p for p in matrice.PERSONAS if cible_ouverte(p) is not _AUCUNE)
            ]
        cas += [Cas(nom, p, cible_ouverte(p)) for p in personas]
    return cas


# États d'une page qu'on n'atteint pas par un simple GET : erreurs de formulaire, etc.
def _erreur_connexion(page, d) -> None:
    saisir_identifiants(page, d.marc.email, "pas-le-bon-mot-de-passe")


def _formulaire_vide(bouton: str) -> Callable:
    return lambda page, d: envoyer(page, bouton)


def _code_faux(bouton: str) -> Callable:
    def saisir(page, d) -> None:
        page.get_by_label("Code à 6 chiffres").fill("000000")
        envoyer(page, bouton)

    return saisir


def _enrolement_code_faux(page, d) -> None:
    """L'enrôlement demande d'abord le mot de passe, puis montre la clé et le champ du code."""
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE_DEMO)
    envoyer(page, "Confirmer")
    _code_faux("Activer")(page, d)


def _jeton_valide(page, d) -> None:
    """Le vrai lien du courriel : Django redirige vers le formulaire de nouveau mot de passe."""
    uid = urlsafe_base64_encode(force_bytes(d.julie.pk))
    jeton = default_token_generator.make_token(d.julie)
    page.goto(reverse("comptes:nouveau_mot_de_passe", kwargs={"uidb64": uid, "token": jeton}))
    assert urlsplit(page.url).path.endswith("/set-password/"), page.url
    page.get_by_role("textbox", name="Confirmation du nouveau mot de passe").wait_for()


def _menu_mobile(page, d) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.get_by_role("button", name="Menu", exact=True).click()
    expect(page.get_by_role("dialog")).to_be_visible()


ETATS: dict[str, Callable] = {
    "identifiants-refuses": _erreur_connexion,
    "formulaire-vide": _formulaire_vide("Recevoir le lien"),
    "mot-de-passe-vide": _formulaire_vide("Changer le mot de passe"),
    "code-faux": _enrolement_code_faux,
    "code-faux-verification": _code_faux("Vérifier"),
    "lien-valide": _jeton_valide,
    "menu-mobile": _menu_mobile,
    "deux-organisations": lambda page, d: None,
}

CAS_ETATS = [
    Cas("comptes:connexion", "anonyme", etat="identifiants-refuses"),
    Cas("comptes:mot_de_passe_oublie", "anonyme", etat="formulaire-vide"),
    Cas("comptes:nouveau_mot_de_passe", "anonyme", etat="lien-valide"),
    Cas("comptes:changement_mot_de_passe", "marc", etat="mot-de-passe-vide"),
    Cas("comptes:second_facteur_enrolement", "marc", etat="code-faux"),
    Cas("comptes:second_facteur_verification", "claire", etat="code-faux-verification"),
    Cas("comptes:mon_compte", "nadia", etat="deux-organisations"),
    Cas("ui:accueil", "marc", etat="menu-mobile"),
    Cas("comptes:mot_de_passe_oublie", "anonyme", etat="menu-mobile"),
]
CAS = _cas_de_la_matrice()


def test_chaque_page_du_projet_est_verifiee():
    """Échoue quand une URL du projet qui sert une page n'est pas vérifiée par axe."""
    verifiees = {c.nom for c in CAS}
    assert verifiees == set(_pages_de_la_matrice())
    dans_la_matrice = {nom for nom, _, _ in matrice.MATRICE}
    assert matrice.noms_url_du_projet() - dans_la_matrice == set(), "URL absentes de MATRICE"
    # Le reste n'a pas de page : POST seul, ou GET refusé à tous (405…), ou exclu plus haut.
    for nom in matrice.noms_url_du_projet() - verifiees - set(SANS_HTML):
        if nom.startswith(ESPACES_EXCLUS):
            continue
        for (n, methode, _), statuts in matrice.MATRICE.items():
            assert not (n == nom and methode == "get" and 200 in statuts.values()), nom
    assert {c.nom for c in CAS_ETATS} <= verifiees
    assert set(ETATS) == {c.etat for c in CAS_ETATS}


@pytest.mark.parametrize("cas", CAS + CAS_ETATS, ids=str)
def test_axe(page, demo, live_server, cas):
    for preparer in matrice.PREPARATIONS_PAR_NOM.get(cas.nom, []):
        preparer(demo)
    if cas.persona != "anonyme":
        ouvrir_session(page, getattr(demo, cas.persona), live_server.url)
    kwargs = {}
    if cas.nom in matrice.CIBLES:
        kwargs, _ = matrice.CIBLES[cas.nom](demo, cas.persona, cas.cible)
    url = reverse(cas.nom, kwargs=kwargs)
    reponse = page.goto(url)
    assert reponse is not None and reponse.status == 200, f"{url} : {reponse and reponse.status}"
    assert urlsplit(page.url).path == url, f"{url} redirige vers {page.url}"
    type_contenu = reponse.headers.get("content-type", "")
    assert type_contenu.startswith("text/html"), (
        f"{cas.nom} renvoie {type_contenu} : ajoutez-la à SANS_HTML avec la raison"
    )
    if cas.etat:
        ETATS[cas.etat](page, demo)
    verifier_axe(page, str(cas))
