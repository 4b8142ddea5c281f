"""Écran de l'entonnoir de la captation : chiffres d'un jeu connu, « non renseigné » sans
base (R-UNKNOWN), période, requêtes constantes."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from iml.parc.models import MotifBlocage, Prospect
from iml.parc.services import prospects as services
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.parc.factories import BailleurFactory, ProspectFactory

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    return html.unescape(reponse.content.decode())


def _ligne(page: str, debut: str) -> str:
    """Le texte de la ligne de tableau qui commence par `debut`, balises ôtées."""
    i = page.index(f">{debut}</th>")
    fin = page.index("</tr>", i)
    return " ".join(re.sub(r"<[^>]+>", " ", page[i + 1 : fin]).split())


def _mener(prospect: Prospect, etapes, distribution) -> None:
    """Passe `prospect` par les statuts donnés, chacun `jours` après la création."""
    a = acteur(distribution.julie)
    depart = prospect.evenements.get().le
    for vers, jours, motif in etapes:
        services.changer_statut_prospect(
            acteur=a,
            prospect=prospect,
            vers=vers,
            maintenant=depart + timedelta(days=jours),
            motif_abandon=MotifBlocage.objects.get(code=motif) if motif else None,
        )


@pytest.fixture
def jeu_connu(distribution):
    """Quatre prospects : un capté (2, 3, 1 et 4 jours par étape), un abandonné après contact
    (succession), un abandonné avant contact (travaux), un encore à contacter."""
    bailleur = BailleurFactory()
    p1, p2, p3, _p4 = (ProspectFactory(bailleur=bailleur) for _ in range(4))
    _mener(
        p1,
        [("CONTACTE", 2, None), ("VISITE", 5, None), ("NEGOCIATION", 6, None), ("CAPTE", 10, None)],
        distribution,
    )
    _mener(p2, [("CONTACTE", 4, None), ("ABANDONNE", 5, "succession")], distribution)
    _mener(p3, [("ABANDONNE", 1, "travaux")], distribution)


def test_les_chiffres_d_un_jeu_connu(client, distribution, jeu_connu):
    connecter(client, distribution.julie)
    page = texte(client.get(reverse("parc:entonnoir")))
    assert 'id="chiffre-prospects">4<' in page
    assert 'id="chiffre-captes">1<' in page
    # captés ÷ clos (1 capté, 2 abandonnés)
    assert 'id="chiffre-taux">33,3\u00a0%<' in page
    # atteints, aujourd'hui, délai médian (jours)
    assert _ligne(page, "À contacter") == "À contacter 4 1 2"  # séjours 2, 4, 1
    assert _ligne(page, "Contacté") == "Contacté 2 0 2"  # séjours 3 et 1
    assert _ligne(page, "Visite") == "Visite 1 0 1"
    assert _ligne(page, "Négociation") == "Négociation 1 0 4"
    assert _ligne(page, "Capté") == "Capté 1 1 non renseigné"
    assert _ligne(page, "Abandonné") == "Abandonné 2 2 non renseigné"
    for code in ("succession", "travaux"):
        libelle = MotifBlocage.objects.get(code=code).libelle
        assert f'<td>{libelle}</td><td class="iml-chiffre">1</td>' in page


def test_sans_prospect_clos_le_taux_est_non_renseigne(client, distribution):
    ProspectFactory()
    connecter(client, distribution.julie)
    page = texte(client.get(reverse("parc:entonnoir")))
    assert 'id="chiffre-taux">non renseigné<' in page
    assert "Aucun prospect abandonné." in page


def test_la_periode_filtre_sur_la_date_de_creation(client, distribution, jeu_connu):
    connecter(client, distribution.julie)
    demain = (timezone.localdate() + timedelta(days=1)).isoformat()
    page = texte(client.get(reverse("parc:entonnoir"), {"du": demain}))
    assert 'id="chiffre-prospects">0<' in page
    page = texte(client.get(reverse("parc:entonnoir"), {"du": "2026-05-01", "au": "2026-04-01"}))
    assert "Au : la fin de la période précède son début." in page
    assert 'id="chiffre-prospects">4<' in page


def test_l_entonnoir_ne_compte_que_les_prospects_de_l_organisation(client, distribution):
    ProspectFactory(agent=distribution.thomas)
    connecter(client, distribution.julie)
    assert 'id="chiffre-prospects">0<' in texte(client.get(reverse("parc:entonnoir")))


@pytest.mark.parametrize("nombre", [3, 30])
def test_une_seule_requete_pour_tous_les_passages(
    client, distribution, django_assert_max_num_queries, nombre
):
    bailleur = BailleurFactory()
    for _ in range(nombre):
        ProspectFactory(bailleur=bailleur, statut="ABANDONNE")
    connecter(client, distribution.julie)
    client.get(reverse("parc:entonnoir"))
    with django_assert_max_num_queries(8):
        page = texte(client.get(reverse("parc:entonnoir")))
    assert f'id="chiffre-prospects">{nombre}<' in page


@pytest.mark.parametrize("persona", ["nadia", "claire", "sophie", "anne"])
def test_hors_gestion_du_parc_pas_d_entonnoir(client, distribution, persona):
    connecter(client, getattr(distribution, persona))
    assert client.get(reverse("parc:entonnoir")).status_code == 403
