"""Aucune page, pièce ou réponse d'API d'un utilisateur connecté n'est gardée en cache : après la
déconnexion, le bouton « Précédent » ou un proxy ne doivent pas la resservir."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.appels.matrice_dossiers import appel_ouvert, contenu_complet, dossier_de, joindre
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def est_privee(reponse) -> bool:
    directives = {d.strip() for d in reponse.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


@pytest.mark.parametrize(
    "url",
    [
        reverse("ui:accueil"),
        reverse("ui:organisations"),
        reverse("comptes:mon_compte"),
        reverse("appels:liste"),
        "/api/appels",
    ],
)
@pytest.mark.parametrize("persona", ["marc", "claire"])
def test_les_pages_d_un_utilisateur_connecte_ne_sont_pas_mises_en_cache(
    client, distribution, url, persona
):
    connecter(client, getattr(distribution, persona))
    reponse = client.get(url)
    assert reponse.status_code == 200, url
    assert est_privee(reponse), (url, reponse.get("Cache-Control"))


def test_une_piece_jointe_telechargee_n_est_pas_mise_en_cache(client, distribution):
    appel = appel_ouvert(distribution.claire, "Appel IML 35 — dépôt ouvert")
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    piece = joindre(dossier, distribution.marc)
    connecter(client, distribution.marc)
    reponse = client.get(reverse("appels:piece_telecharger", kwargs={"pk": piece.pk}))
    assert reponse.status_code == 200
    assert est_privee(reponse)


def test_l_api_par_jeton_et_ses_erreurs_ne_sont_pas_mises_en_cache(client, distribution):
    from tests.api.outils import entetes

    assert est_privee(client.get("/api/appels", **entetes(distribution.marc)))
    assert est_privee(client.get("/api/appels"))  # 401
    assert est_privee(client.get("/api/n-existe-pas", **entetes(distribution.marc)))  # 404


def test_les_pages_des_comptes_ne_sont_pas_mises_en_cache_meme_anonymes(client, db):
    for nom in ("comptes:connexion", "comptes:mot_de_passe_oublie"):
        assert est_privee(client.get(reverse(nom))), nom
