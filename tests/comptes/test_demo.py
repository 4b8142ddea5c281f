"""Démonstration (`iml demo`), code TOTP de démonstration et console `iml`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from iml import cli
from iml.comptes.demo import MOT_DE_PASSE_DEMO, ORGANISATIONS, PERSONAS
from iml.comptes.models import Adhesion, Organisation, Utilisateur


def comptes() -> dict[str, int]:
    return {
        "utilisateurs": Utilisateur.objects.count(),
        "organisations": Organisation.objects.count(),
        "adhesions": Adhesion.objects.count(),
        "adhesions actives": Adhesion.objects.filter(actif=True).count(),
        "appareils": TOTPDevice.objects.count(),
    }


def demo() -> str:
    sortie = io.StringIO()
    call_command("demo", stdout=sortie)
    return sortie.getvalue()


@pytest.mark.django_db
def test_la_demo_est_idempotente_et_affiche_chaque_compte():
    premiere = demo()
    apres_une = comptes()
    for persona in PERSONAS:
        utilisateur = Utilisateur.objects.get(email=persona.email)
        assert utilisateur.adhesions.filter(actif=True).count() == len(persona.adhesions)
    for o in ORGANISATIONS:
        assert Organisation.objects.filter(siret=o.siret, nom=o.nom).exists()
    etat = {"claire.moreau@ddets35.demo", "yves.le-gall@ddets35.demo"}
    etat |= {"paul.lefevre@dreets-na.demo", "admin@iml.demo"}
    assert set(TOTPDevice.objects.values_list("user__email", flat=True)) == etat

    seconde = demo()
    assert comptes() == apres_une
    for sortie in (premiere, seconde):
        assert f"mot de passe : {MOT_DE_PASSE_DEMO}" in sortie
        for persona in PERSONAS:
            assert persona.email in sortie
        assert "code_totp" in sortie


@pytest.mark.django_db
def test_relancer_la_demo_remet_les_comptes_dans_leur_etat():
    demo()
    marc = Utilisateur.objects.get(email="marc.bernard@ais35.demo")
    marc.set_password("un-autre-mot-de-passe")
    marc.is_active = False
    marc.save()
    ais = Organisation.objects.get(nom="AIS Rennes Habitat Solidaire")
    ais.active = False
    ais.save()

    demo()
    marc.refresh_from_db()
    ais.refresh_from_db()
    assert marc.is_active and marc.check_password(MOT_DE_PASSE_DEMO)
    assert ais.active


@pytest.mark.django_db
def test_les_comptes_de_demo_se_connectent(client):
    demo()
    reponse = client.post(
        "/compte/connexion/", {"username": "marc.bernard@ais35.demo", "password": MOT_DE_PASSE_DEMO}
    )
    assert reponse.status_code == 302
    assert reponse.url == "/"


@pytest.mark.django_db
def test_code_totp_donne_le_code_du_moment_en_developpement():
    demo()
    appareil = TOTPDevice.objects.get(user__email="claire.moreau@ddets35.demo")
    sortie = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("code_totp", "Claire.Moreau@ddets35.demo", stdout=sortie)
    attendu = totp(appareil.bin_key, appareil.step, appareil.t0, appareil.digits)
    assert sortie.getvalue().strip() == f"{attendu:06d}"
    assert appareil.verify_token(sortie.getvalue().strip())


@pytest.mark.django_db
def test_code_totp_refuse_hors_developpement_et_hors_demo():
    demo()
    with pytest.raises(CommandError, match="Réservé au développement"):
        call_command("code_totp", "claire.moreau@ddets35.demo")
    with override_settings(DEBUG=True), pytest.raises(CommandError, match="clé de démonstration"):
        call_command("code_totp", "marc.bernard@ais35.demo")


# --- Console `iml` --------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["aide"], []])
def test_iml_aide(capsys, argv):
    assert cli.main(argv) == 0
    sortie = capsys.readouterr().out
    assert sortie.startswith("Usage : iml COMMANDE")
    for commande in ("demo", "regles", "manage"):
        assert f"\n  {commande} " in sortie


def test_iml_commande_inconnue(capsys):
    assert cli.main(["bonjour"]) == 2
    erreurs = capsys.readouterr().err
    assert erreurs.startswith("Commande inconnue : bonjour")
    assert "Usage : iml COMMANDE" in erreurs
