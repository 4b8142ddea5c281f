"""Clôture d'un appel (issue 8, R-AAC) : confirmation ; avant la date limite, justification
écrite, conservée et affichée ; réouverture par le ou la responsable, avec motif, tant que
l'appel n'est pas décidé."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from iml.appels.enums import StatutAppel
from iml.appels.models import EvenementStatut
from iml.appels.services import appels as services
from tests.appels.test_appels_fabriques import acteur, appel_ouvert, creer_appel
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def _messages(client, reponse) -> list[str]:
    assert reponse.status_code == 302
    return [str(m) for m in client.get(reponse["Location"]).context["messages"]]


def test_la_fiche_ne_clot_plus_en_un_clic(client, distribution):
    appel = appel_ouvert(distribution)
    connecter(client, distribution.claire)
    fiche = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    confirmation = reverse("appels:confirmer_statut", args=[appel.pk, "CLOS"])
    assert f'href="{confirmation}"' in fiche
    assert 'name="statut" value="CLOS"' not in fiche
    page = client.get(confirmation)
    assert page.status_code == 200
    texte = page.content.decode()
    assert "Justification de la clôture avant la date limite" in texte
    assert "Je confirme ce changement de statut." in texte


def test_sans_confirmation_l_appel_reste_publie(client, distribution):
    appel = appel_ouvert(distribution)
    connecter(client, distribution.claire)
    reponse = client.post(
        reverse("appels:changer_statut", args=[appel.pk]),
        {"statut": "CLOS", "motif": "Enveloppe atteinte."},
    )
    assert reponse.status_code == 200
    assert reponse.context["form"].errors["confirmation"] == [
        "R-AAC : cochez la case pour confirmer le changement de statut."
    ]
    appel.refresh_from_db()
    assert appel.statut == StatutAppel.PUBLIE


def test_clore_avant_la_date_limite_exige_une_justification_affichee(client, distribution):
    appel = appel_ouvert(distribution)
    connecter(client, distribution.claire)
    url = reverse("appels:changer_statut", args=[appel.pk])
    reponse = client.post(url, {"statut": "CLOS", "confirmation": "on"})
    assert reponse.status_code == 200
    (erreur,) = reponse.context["form"].errors["motif"]
    assert erreur.startswith("R-AAC : l'appel est ouvert aux dépôts jusqu'au ")
    assert erreur.endswith(
        "pour le clore avant, écrivez la justification (elle sera affichée sur la fiche "
        "de l'appel)."
    )
    appel.refresh_from_db()
    assert appel.statut == StatutAppel.PUBLIE
    reponse = client.post(
        url, {"statut": "CLOS", "confirmation": "on", "motif": "Enveloppe atteinte."}
    )
    assert "Appel « clos »." in _messages(client, reponse)
    appel.refresh_from_db()
    assert appel.statut == StatutAppel.CLOS
    evenement = EvenementStatut.objects.get(appel=appel, vers="CLOS")
    assert (evenement.motif, evenement.par) == ("Enveloppe atteinte.", distribution.claire)
    connecter(client, distribution.marc)
    fiche = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    assert "Clôture avant la date limite" in fiche and "Enveloppe atteinte." in fiche


def test_le_service_refuse_une_cloture_anticipee_sans_justification(distribution):
    appel = appel_ouvert(distribution)
    with pytest.raises(services.TransitionInterdite) as erreur:
        services.changer_statut_appel(
            acteur=acteur(distribution.claire), appel=appel, statut=StatutAppel.CLOS
        )
    assert "jusqu'au" in erreur.value.message_dict["motif"][0]


def test_apres_la_date_limite_la_cloture_se_confirme_sans_justification(client, distribution):
    appel = creer_appel(distribution.claire, "Appel 2019")  # date limite le 04/03/2019
    connecter(client, distribution.claire)
    page = client.get(reverse("appels:confirmer_statut", args=[appel.pk, "CLOS"]))
    assert "Justification" not in page.content.decode()
    reponse = client.post(
        reverse("appels:changer_statut", args=[appel.pk]),
        {"statut": "CLOS", "confirmation": "on"},
    )
    assert "Appel « clos »." in _messages(client, reponse)


def test_seul_le_responsable_rouvre_un_appel_clos_avec_un_motif(client, distribution):
    appel = creer_appel(distribution.claire, "Appel 2019", StatutAppel.CLOS)
    url = reverse("appels:changer_statut", args=[appel.pk])
    connecter(client, distribution.claire)
    fiche = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    assert escape("Rouvrir l'appel") not in fiche
    reponse = client.post(url, {"statut": "PUBLIE", "confirmation": "on", "motif": "x"})
    assert _messages(client, reponse) == [
        "R-AAC : seul le ou la responsable du service rouvre un appel clos."
    ]
    connecter(client, distribution.yves)
    fiche = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    assert escape("Rouvrir l'appel") in fiche
    sans_motif = client.post(url, {"statut": "PUBLIE", "confirmation": "on"})
    assert sans_motif.status_code == 200
    assert sans_motif.context["form"].errors["motif"] == [
        "R-AAC : pour rouvrir, indiquez le motif : il est conservé dans l'historique."
    ]
    reponse = client.post(
        url, {"statut": "PUBLIE", "confirmation": "on", "motif": "Clôture prématurée."}
    )
    assert "Appel « publié »." in _messages(client, reponse)
    appel.refresh_from_db()
    assert appel.statut == StatutAppel.PUBLIE
    evenement = EvenementStatut.objects.filter(appel=appel).last()
    assert (evenement.de, evenement.vers, evenement.motif, evenement.par) == (
        "CLOS",
        "PUBLIE",
        "Clôture prématurée.",
        distribution.yves,
    )
    historique = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    assert "Clos → publié" in historique and "Clôture prématurée." in historique


def test_un_appel_decide_ne_se_rouvre_pas(distribution):
    appel = creer_appel(distribution.claire, "Appel 2019", StatutAppel.DECIDE)
    with pytest.raises(services.TransitionInterdite) as erreur:
        services.changer_statut_appel(
            acteur=acteur(distribution.yves), appel=appel, statut=StatutAppel.PUBLIE, motif="x"
        )
    assert erreur.value.messages == ["R-AAC : un appel « décidé » ne peut pas passer à « publié »."]


def test_apres_reouverture_la_cloture_anticipee_se_lit_comme_un_historique(client, distribution):
    """Revue d'usage : rouvert, l'appel ne s'affiche plus « clos le … » comme s'il l'était."""
    appel = appel_ouvert(distribution)
    url = reverse("appels:changer_statut", args=[appel.pk])
    connecter(client, distribution.claire)
    client.post(url, {"statut": "CLOS", "confirmation": "on", "motif": "Enveloppe atteinte."})
    connecter(client, distribution.yves)
    client.post(url, {"statut": "PUBLIE", "confirmation": "on", "motif": "Crédits abondés."})
    appel.refresh_from_db()
    assert appel.statut == StatutAppel.PUBLIE
    fiche = client.get(reverse("appels:detail", args=[appel.pk])).content.decode()
    assert "Clôture avant la date limite, puis réouverture" in fiche
    assert "Enveloppe atteinte." in fiche
    assert "Puis rouvert le " in fiche and "Crédits abondés." in fiche
    assert distribution.yves.get_full_name() in fiche
