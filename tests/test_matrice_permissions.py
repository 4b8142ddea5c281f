"""Matrice des permissions : chaque nom d'URL × méthode × persona × organisation propre / autre.

Hors périmètre = 404. Une méta-vérification échoue quand une URL du projet manque ici.
Pour ajouter une URL : une ligne dans MATRICE, et si elle prend un objet, une entrée dans CIBLES.
Chaque application peut aussi fournir `tests/<app>/matrice_<volet>.py` avec ses propres MATRICE,
CIBLES et `preparer(distribution)` (qui crée ses objets) : ils sont fusionnés ici.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import connecter

PERSONAS = ("anonyme", "claire", "paul", "sophie", "marc", "anne", "admin")

# Valeurs par défaut lisibles : A = anonyme redirigé vers la connexion.
TOUS_200 = {p: 200 for p in PERSONAS if p != "anonyme"} | {"anonyme": 302}


def statuts(defaut: int, anonyme: int = 302, **exceptions: int) -> dict[str, int]:
    table = {p: defaut for p in PERSONAS}
    table["anonyme"] = anonyme
    table.update(exceptions)
    return table


# (nom d'URL, méthode, cible) -> statut attendu par persona. Cible : None, "propre" ou "autre".
MATRICE: dict[tuple[str, str, str | None], dict[str, int]] = {
    ("ui:accueil", "get", None): statuts(200),
    ("ui:organisations", "get", None): statuts(200),
    ("ui:organisation", "get", "propre"): statuts(200),
    ("ui:organisation", "get", "autre"): statuts(404, admin=200),
    ("ui:journal", "get", None): statuts(404, admin=200),
    # Pages légales du pied de page : publiques.
    ("ui:mentions_legales", "get", None): statuts(200, anonyme=200),
    ("ui:donnees_personnelles", "get", None): statuts(200, anonyme=200),
    ("ui:accessibilite", "get", None): statuts(200, anonyme=200),
    ("comptes:connexion", "get", None): statuts(302, anonyme=200),
    ("comptes:connexion", "post", None): statuts(302, anonyme=200),
    ("comptes:deconnexion", "post", None): statuts(302),
    ("comptes:deconnexion", "get", None): statuts(405, anonyme=405),
    ("comptes:mot_de_passe_oublie", "get", None): statuts(200, anonyme=200),
    ("comptes:mot_de_passe_envoye", "get", None): statuts(200, anonyme=200),
    ("comptes:nouveau_mot_de_passe", "get", "jeton"): statuts(200, anonyme=200),
    ("comptes:mot_de_passe_modifie", "get", None): statuts(200, anonyme=200),
    ("comptes:changement_mot_de_passe", "get", None): statuts(200),
    # Les comptes à second facteur configuré (État, administrateur) sont renvoyés vers leur compte.
    ("comptes:second_facteur_enrolement", "get", None): statuts(
        200, claire=302, paul=302, admin=302
    ),
    ("comptes:second_facteur_verification", "get", None): statuts(
        302, claire=200, paul=200, admin=200
    ),
    ("comptes:mon_compte", "get", None): statuts(200),
    ("comptes:changer_organisation", "post", "propre"): statuts(302, admin=404),
    ("comptes:changer_organisation", "post", "autre"): statuts(404),
}


def _cible_organisation(d, persona: str, cible: str) -> dict[str, object]:
    propres = {
        "claire": d.org.ddets35,
        "paul": d.org.dreets_na,
        "sophie": d.org.siao35,
        "marc": d.org.ais35,
        "anne": d.org.cd35,
        "admin": d.org.ais35,
        "anonyme": d.org.ais35,
    }
    autres = {
        "claire": d.org.solidarite33,
        "paul": d.org.ais35,
        "sophie": d.org.solidarite33,
        "marc": d.org.relais35,
        "anne": d.org.ais35,
        "admin": d.org.solidarite33,
        "anonyme": d.org.relais35,
    }
    return {"pk": (propres if cible == "propre" else autres)[persona].pk}


def _cible_adhesion(d, persona: str, cible: str) -> dict[str, object]:
    utilisateur = getattr(d, persona, None) if cible == "propre" else d.julie
    adhesion = utilisateur.adhesions.first() if utilisateur else d.julie.adhesions.first()
    return {"adhesion": adhesion.pk if adhesion else 0}


#: Pour les URL qui prennent un objet : (kwargs d'URL, données POST) selon la cible.
CIBLES = {
    "ui:organisation": lambda d, p, c: (_cible_organisation(d, p, c), {}),
    "comptes:changer_organisation": lambda d, p, c: ({}, _cible_adhesion(d, p, c)),
    "comptes:nouveau_mot_de_passe": lambda d, p, c: ({"uidb64": "MQ", "token": "faux-jeton"}, {}),
}


def _modules_matrice():
    for chemin in sorted(Path(__file__).parent.glob("*/matrice_*.py")):
        spec = importlib.util.spec_from_file_location(f"matrice_{chemin.stem}", chemin)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield chemin.parent.name, module


PREPARATIONS = []
#: Nom d'URL -> préparations des volets de son dossier (tests/<app>/matrice_*.py) : une page
#: vérifiée seule (tests/navigateur/test_accessibilite.py) n'a besoin que des objets de son app.
PREPARATIONS_PAR_NOM: dict[str, list] = {}
#: Écarts de rôle fournis par les volets (fusionnés dans `test_matrice_roles.ECARTS`).
ECARTS_DES_VOLETS: dict[tuple[str, str, str], dict[str, int]] = {}
_par_dossier: dict[str, list] = {}
for _dossier, _module in _modules_matrice():
    MATRICE.update(_module.MATRICE)
    CIBLES.update(getattr(_module, "CIBLES", {}))
    ECARTS_DES_VOLETS.update(getattr(_module, "ECARTS", {}))
    _preparations = _par_dossier.setdefault(_dossier, [])
    if hasattr(_module, "preparer"):
        PREPARATIONS.append(_module.preparer)
        _preparations.append(_module.preparer)
    for _nom, _, _ in _module.MATRICE:
        PREPARATIONS_PAR_NOM[_nom] = _preparations


def _noms_url(motifs, prefixe: str = "") -> set[str]:
    noms = set()
    for motif in motifs:
        if isinstance(motif, URLResolver):
            espace = f"{prefixe}{motif.namespace}:" if motif.namespace else prefixe
            noms |= _noms_url(motif.url_patterns, espace)
        elif isinstance(motif, URLPattern) and motif.name:
            noms.add(prefixe + motif.name)
    return noms


def noms_url_du_projet() -> set[str]:
    return {n for n in _noms_url(get_resolver().url_patterns) if not n.startswith("admin:")}


def test_la_matrice_couvre_toutes_les_url():
    couvertes = {nom for nom, _, _ in MATRICE}
    assert noms_url_du_projet() - couvertes == set()
    assert couvertes - noms_url_du_projet() == set()


CAS = [
    pytest.param(nom, methode, cible, table, id=f"{nom}-{methode}-{cible}")
    for (nom, methode, cible), table in MATRICE.items()
]


@pytest.mark.django_db
@pytest.mark.parametrize(("nom", "methode", "cible", "table"), CAS)
def test_matrice(distribution_preparee, nom, methode, cible, table):
    """Un cas par URL × méthode × cible ; chaque persona avec un client neuf. Les écarts sont
    tous listés (persona : attendu ≠ obtenu)."""
    from django.test import Client

    ecarts = []
    for persona, attendu in table.items():
        client = Client()
        if persona != "anonyme":
            connecter(client, getattr(distribution_preparee, persona))
        kwargs, donnees = (
            CIBLES[nom](distribution_preparee, persona, cible) if nom in CIBLES else ({}, {})
        )
        obtenu = getattr(client, methode)(reverse(nom, kwargs=kwargs), donnees).status_code
        if obtenu != attendu:
            ecarts.append(f"{persona} : attendu {attendu}, obtenu {obtenu}")
    assert ecarts == []


def _noms_admin() -> list[str]:
    return sorted(n for n in _noms_url(get_resolver().url_patterns) if n.startswith("admin:"))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonyme", "claire", "marc"])
def test_l_administration_django_est_fermee_aux_non_administrateurs(
    client, distribution_preparee, persona
):
    """Toute URL de l'administration renvoie vers la connexion de l'admin (302)."""
    if persona != "anonyme":
        connecter(client, getattr(distribution_preparee, persona))
    for nom in _noms_admin():
        url = _url_admin(nom, distribution_preparee)
        if url is None:
            continue
        attendus = {302, 405} if nom == "admin:logout" else {302}
        assert client.get(url).status_code in attendus, nom


def _url_admin(nom: str, d) -> str | None:
    from django.urls import NoReverseMatch

    essais = [{}, {"object_id": d.org.ais35.pk}, {"app_label": "comptes"}, {"id": d.marc.pk}]
    for kwargs in essais:
        try:
            return reverse(nom, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


@pytest.mark.django_db
def test_l_administrateur_ouvre_l_administration(client, distribution_preparee):
    connecter(client, distribution_preparee.admin)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:comptes_organisation_changelist")).status_code == 200
