"""Volet suivi : la saisie rapide d'un contact (tuiles, date du jour, durées d'un geste, note
courte et son rappel), ses erreurs (résumé en tête, message sous le champ, rien de perdu), le
retrait (auteur ou direction, après confirmation) et la chronologie du dossier (groupée par
mois, nombre de requêtes fixe). Qui trouve quoi : la référente et la direction ; les autres,
404."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from iml.accompagnement.models import Contact
from iml.accompagnement.presentation_suivi import duree_lisible
from iml.accompagnement.selectors_suivi import chronologie
from iml.menages.models import ConsultationMenage
from tests.accompagnement.factories import ContactFactory
from tests.appels.factories import acteur
from tests.factories import connecter
from tests.menages.factories import MenageFactory

pytestmark = pytest.mark.django_db


def texte(reponse) -> str:
    """Le texte de la page, espaces insécables lus comme des espaces."""
    contenu = reponse if isinstance(reponse, str) else reponse.content.decode()
    return html.unescape(contenu).replace("\u202f", " ").replace("\xa0", " ")


def dossier(menage, ancre: str = "contacts") -> str:
    return f"/accompagnement/menages/{menage.pk}/#{ancre}"


def url_ajout(menage) -> str:
    return reverse("accompagnement:contact_ajouter", args=[menage.pk])


def saisie(**surcharge) -> dict[str, str]:
    valeurs = {
        "canal": "VISITE_DOMICILE",
        "le": timezone.localdate().isoformat(),
        "duree": "45",
        "duree_autre": "",
        "note": "Point sur le budget du mois.",
    }
    return valeurs | surcharge


def rendre_chronologie(menage, utilisateur, aujourd_hui: date | None = None) -> str:
    requete = RequestFactory().get("/")
    requete.user, requete.acteur = utilisateur, acteur(utilisateur)
    contexte = {"menage": menage, "chronologie": chronologie(menage, aujourd_hui)}
    return texte(render_to_string("accompagnement/_chronologie.html", contexte, requete))


def sans_balises(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page)


# --- Saisie rapide -----------------------------------------------------------------------------


def test_la_saisie_rapide_propose_tuiles_date_du_jour_durees_et_rappel(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    connecter(client, distribution.nadia)
    reponse = client.get(url_ajout(menage))
    page = texte(reponse)
    assert reponse.status_code == 200
    assert f"Ménage de {menage.prenom} {menage.nom}" in page
    # Les canaux en tuiles, la visite à domicile en premier.
    assert page.count('class="fr-radio-group fr-radio-rich"') == 6 + 6  # canaux + durées
    assert page.index("Visite à domicile") < page.index("Téléphone") < page.index("Démarche")
    assert 'id="id_canal_0" name="canal" value="VISITE_DOMICILE"' in page
    assert f'value="{timezone.localdate().isoformat()}"' in page
    for duree in ("15 min", "30 min", "45 min", "60 min", "90 min", "Autre durée"):
        assert duree in page
    assert (
        "La personne peut demander à lire cette note : des faits, ni jugement ni diagnostic."
        in page
    )
    assert 'maxlength="500"' in page and "500 caractères au plus." in page
    assert "accompagnement/suivi.js" in page
    assert "Enregistrer le contact" in page


def test_noter_un_contact_revient_au_dossier_avec_un_message(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    connecter(client, distribution.nadia)
    reponse = client.post(url_ajout(menage), saisie())
    assert reponse.status_code == 302 and reponse.url == dossier(menage)
    contact = Contact.objects.get(menage=menage)
    assert (contact.canal, contact.duree_minutes, contact.par) == (
        "VISITE_DOMICILE",
        45,
        distribution.nadia,
    )
    assert contact.note == "Point sur le budget du mois."
    message = [str(m) for m in get_messages(reponse.wsgi_request)]
    assert message == [f"Contact enregistré : visite à domicile du {contact.le:%d/%m/%Y}."]
    menage.refresh_from_db()
    assert menage.dernier_contact_le is None  # le journal reste dans l'accompagnement


@pytest.mark.parametrize(
    ("duree", "autre", "minutes"),
    [("15", "", 15), ("90", "", 90), ("autre", "20", 20), ("", "", None), ("", "35", 35)],
)
def test_duree_d_un_geste_ou_autre_nombre(client, distribution, duree, autre, minutes):
    menage = MenageFactory(suivi_par_nadia=True)
    connecter(client, distribution.nadia)
    reponse = client.post(url_ajout(menage), saisie(duree=duree, duree_autre=autre, note=""))
    assert reponse.status_code == 302
    assert Contact.objects.get(menage=menage).duree_minutes == minutes


def test_une_saisie_erronee_est_expliquee_et_rien_n_est_perdu(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    connecter(client, distribution.nadia)
    longue = "Des faits." * 56  # 560 caractères
    reponse = client.post(
        url_ajout(menage), saisie(canal="", le="31/02/2026", duree="autre", note=longue)
    )
    page = texte(reponse)
    assert reponse.status_code == 200 and "<title>Erreur —" in page
    assert "Le contact n'est pas enregistré : 4 erreurs à corriger" in page
    attendus = (
        "« Canal » : choisissez comment le contact a eu lieu.",
        "« Date du contact » : saisissez une date, par exemple 05/03/2026.",
        "« Autre durée » : indiquez le nombre de minutes.",
        "« Note » : 500 caractères au plus (vous en avez saisi 560).",
    )
    for message in attendus:
        assert page.count(message) == 2, message  # en tête et sous le champ
    assert 'href="#id_canal"' in page and 'id="id_canal"' in page  # le résumé mène au champ
    assert 'value="31/02/2026"' in page and longue in page
    assert 'value="autre" checked' in page
    assert not Contact.objects.filter(menage=menage).exists()


def test_date_dans_le_futur_refusee_sous_le_champ(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    connecter(client, distribution.nadia)
    demain = (timezone.localdate() + timedelta(days=1)).isoformat()
    reponse = client.post(url_ajout(menage), saisie(le=demain, canal="TELEPHONE"))
    page = texte(reponse)
    assert page.count("Date du contact : la date ne peut pas être dans le futur.") == 2
    assert 'value="TELEPHONE" checked' in page and "Point sur le budget du mois." in page
    assert not Contact.objects.filter(menage=menage).exists()


def test_une_duree_choisie_et_une_autre_saisie_se_contredisent(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    connecter(client, distribution.nadia)
    page = texte(client.post(url_ajout(menage), saisie(duree="30", duree_autre="25")))
    assert "« Autre durée » : laissez ce champ vide quand une durée est choisie plus haut" in page
    page = texte(client.post(url_ajout(menage), saisie(duree="autre", duree_autre="900")))
    assert "« Autre durée » : 600 minutes (10 heures) au plus." in page
    assert not Contact.objects.filter(menage=menage).exists()


def test_seuls_la_referente_et_la_direction_notent_un_contact(client, distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    non_suivi = MenageFactory(referent=None)
    for persona, cible, attendu in (
        ("marc", menage, 200),
        ("nadia", non_suivi, 404),
        ("julie", menage, 404),  # la gestion locative ne lit pas le suivi
        ("ines", menage, 404),  # autre opérateur
        ("helene", menage, 404),
        ("claire", menage, 404),
        ("anne", menage, 404),
        ("sophie", menage, 404),
        ("admin", menage, 404),
    ):
        connecter(client, getattr(distribution, persona))
        assert client.get(url_ajout(cible)).status_code == attendu, persona
        if attendu == 404:
            assert client.post(url_ajout(cible), saisie()).status_code == 404, persona
    assert not Contact.objects.exists()


# --- Retrait ------------------------------------------------------------------------------------


def test_retirer_un_contact_demande_confirmation_puis_le_retire(client, distribution):
    contact = ContactFactory(note="Visite : compteur relevé.")
    menage = contact.menage
    url = reverse("accompagnement:contact_retirer", args=[contact.pk])
    connecter(client, distribution.nadia)
    page = texte(client.get(url))
    assert f"Visite à domicile du {contact.le:%d/%m/%Y} (45 min), noté par Nadia Roux" in page
    assert "Visite : compteur relevé." in page and "Confirmer le retrait" in page
    assert dossier(menage) in page  # « Annuler » revient au dossier
    assert ConsultationMenage.objects.filter(menage=menage, page="accompagnement").count() == 1
    reponse = client.post(url)
    assert reponse.status_code == 302 and reponse.url == dossier(menage)
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert [str(m) for m in get_messages(reponse.wsgi_request)] == [
        f"Contact du {contact.le:%d/%m/%Y} retiré."
    ]


def test_la_direction_retire_un_contact_la_referente_pas_celui_d_un_autre(client, distribution):
    de_nadia = ContactFactory()
    de_marc = ContactFactory(agent=distribution.marc, menage=de_nadia.menage, canal="BUREAU")
    connecter(client, distribution.nadia)
    url_marc = reverse("accompagnement:contact_retirer", args=[de_marc.pk])
    assert client.get(url_marc).status_code == 403
    assert client.post(url_marc).status_code == 403
    connecter(client, distribution.marc)
    reponse = client.post(reverse("accompagnement:contact_retirer", args=[de_nadia.pk]))
    assert reponse.status_code == 302
    assert set(Contact.objects.values_list("pk", flat=True)) == {de_marc.pk}
    for persona in ("julie", "ines", "claire"):
        connecter(client, getattr(distribution, persona))
        assert client.post(url_marc).status_code == 404, persona
    assert Contact.objects.filter(pk=de_marc.pk).exists()


# --- Chronologie --------------------------------------------------------------------------------


def _contacts_sur_trois_mois(menage, agent) -> None:
    for le, canal, duree, note in (
        (date(2025, 8, 28), "TELEPHONE", 15, ""),
        (date(2025, 9, 3), "VISITE_DOMICILE", 60, "Relevé des compteurs."),
        (date(2025, 9, 17), "VISITE_DOMICILE", 90, ""),
        (date(2025, 9, 24), "BUREAU", None, "Dossier CAF déposé."),
        (date(2025, 10, 6), "DEMARCHE", 150, "Accompagnée à la CAF."),
    ):
        ContactFactory(
            agent=agent, menage=menage, le=le, canal=canal, duree_minutes=duree, note=note
        )


def test_la_chronologie_groupe_par_mois_du_plus_recent_au_plus_ancien(distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    _contacts_sur_trois_mois(menage, distribution.nadia)
    page = rendre_chronologie(menage, distribution.nadia, aujourd_hui=date(2025, 10, 20))
    assert "Ce mois-ci : 1 contact. Dernier contact : 06/10/2025." in sans_balises(page)
    octobre, septembre, aout = (
        page.index("Octobre 2025 : 1 contact"),
        page.index("Septembre 2025 : 3 contacts"),
        page.index("Août 2025 : 1 contact"),
    )
    assert octobre < septembre < aout
    assert "2 visites à domicile, 1 rendez-vous au bureau" in page
    assert page.index("24/09/2025") < page.index("17/09/2025") < page.index("03/09/2025")
    lu = sans_balises(page)
    assert "06/10/2025 · Démarche accompagnée · 2 h 30 · Nadia Roux" in lu
    assert "24/09/2025 · Rendez-vous au bureau · durée non notée · Nadia Roux" in lu
    assert "Dossier CAF déposé." in page
    assert "Noter un contact" in page
    assert f'href="/accompagnement/menages/{menage.pk}/contacts/nouveau/"' in page
    assert 'id="contacts"' in page
    assert "La personne peut demander à lire ces notes." in page


def test_chronologie_vide(distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    page = rendre_chronologie(menage, distribution.nadia)
    assert "Ce mois-ci : 0 contact. Dernier contact : aucun contact noté." in sans_balises(page)
    assert "Aucun contact noté pour ce ménage." in page and "Noter un contact" in page


def test_le_lien_retirer_n_est_montre_qu_a_l_auteur_et_a_la_direction(distribution):
    menage = MenageFactory(suivi_par_nadia=True)
    de_marc = ContactFactory(agent=distribution.marc, menage=menage, canal="BUREAU")
    de_nadia = ContactFactory(menage=menage)
    lien = "/accompagnement/contacts/{}/retirer/"
    vue_par_nadia = rendre_chronologie(menage, distribution.nadia)
    assert lien.format(de_nadia.pk) in vue_par_nadia
    assert lien.format(de_marc.pk) not in vue_par_nadia
    vue_par_marc = rendre_chronologie(menage, distribution.marc)
    assert lien.format(de_nadia.pk) in vue_par_marc and lien.format(de_marc.pk) in vue_par_marc


def test_nombre_de_requetes_de_la_chronologie_fixe(distribution, django_assert_max_num_queries):
    petit, grand = MenageFactory(suivi_par_nadia=True), MenageFactory(suivi_par_nadia=True)
    ContactFactory(menage=petit, le=date(2025, 9, 1))
    for i in range(30):
        agent = distribution.marc if i % 3 else distribution.nadia
        ContactFactory(agent=agent, menage=grand, le=date(2025, 1, 1) + timedelta(days=9 * i))
    rendre_chronologie(petit, distribution.nadia)  # caches chauds
    with django_assert_max_num_queries(3) as peu:
        rendre_chronologie(petit, distribution.nadia)
    with django_assert_max_num_queries(len(peu.captured_queries)):
        page = rendre_chronologie(grand, distribution.nadia)
    assert page.count("Bernard") == 20 and "Septembre 2025 : 3 contacts" in page


@pytest.mark.parametrize(
    ("minutes", "attendu"),
    [(None, "durée non notée"), (5, "5 min"), (45, "45 min"), (60, "1 h"), (90, "1 h 30"),
     (125, "2 h 05"), (600, "10 h")],
)  # fmt: skip
def test_duree_lisible(minutes, attendu):
    assert duree_lisible(minutes).replace("\xa0", " ") == attendu
