"""Démonstration (`iml demo`), code TOTP de démonstration et console `iml`."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from iml import cli
from iml.comptes.demo import MOT_DE_PASSE_DEMO, ORGANISATIONS, PERSONAS
from iml.comptes.garde_demo import REFUS
from iml.comptes.models import Adhesion, Organisation, Utilisateur
from tests.comptes.reglages import importer_reglages


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


# --- Garde : jamais de démonstration hors développement ----------------------------------------


@pytest.mark.django_db
def test_la_demo_est_refusee_sans_le_drapeau_et_ne_cree_aucun_compte():
    with override_settings(IML_DEMO=False), pytest.raises(CommandError) as refus:
        demo()
    assert str(refus.value) == REFUS
    assert "IML_DEMO=1" in REFUS and "admin@iml.demo" in REFUS
    assert not Utilisateur.objects.filter(email="admin@iml.demo").exists()
    assert not TOTPDevice.objects.exists()


@pytest.mark.parametrize(
    ("module", "debug", "drapeau", "autorisee"),
    [
        ("config.settings.dev", "1", "1", True),
        ("config.settings.dev", "1", None, False),
        ("config.settings.dev", "0", "1", False),
        ("config.settings.prod", "1", "1", False),
    ],
)
def test_la_demo_n_est_autorisee_qu_avec_debug_et_iml_demo(
    monkeypatch, tmp_path, module, debug, drapeau, autorisee
):
    monkeypatch.setenv("IML_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("DJANGO_DEBUG", debug)
    monkeypatch.setenv(
        "DJANGO_SECRET_KEY", "Kx7#pq2Lm9zW-cle-de-production-assez-longue-et-variee-0123"
    )
    if drapeau is None:
        monkeypatch.delenv("IML_DEMO", raising=False)
    else:
        monkeypatch.setenv("IML_DEMO", drapeau)
    assert importer_reglages(module).IML_DEMO is autorisee


def test_make_demo_pose_le_drapeau():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "\tIML_DEMO=1 $(BIN)/iml demo\n" in makefile


# --- Réglages par défaut des outils en ligne de commande ---------------------------------------


def test_sans_database_url_les_outils_prennent_les_reglages_de_developpement():
    environ: dict[str, str] = {}
    assert cli.choisir_reglages(environ)
    assert environ["DJANGO_SETTINGS_MODULE"] == "config.settings.dev"
    choisi = {"DJANGO_SETTINGS_MODULE": "config.settings.prod", "DATABASE_URL": "postgres://x/y"}
    assert cli.choisir_reglages(choisi)
    assert choisi["DJANGO_SETTINGS_MODULE"] == "config.settings.prod"


def test_iml_refuse_database_url_sans_reglages_choisis(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgres://iml@base.example:5432/iml")
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE")
    assert cli.main(["demo"]) == 2
    assert cli.main(["manage", "migrate"]) == 2
    erreurs = capsys.readouterr().err
    assert erreurs.startswith("DATABASE_URL est défini mais DJANGO_SETTINGS_MODULE ne l'est pas")
    assert "DJANGO_SETTINGS_MODULE=config.settings.prod" in erreurs
    assert "DJANGO_SETTINGS_MODULE" not in os.environ


def test_manage_py_refuse_database_url_sans_reglages_choisis(tmp_path):
    racine = Path(__file__).resolve().parents[2]
    environnement = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgres://iml@base.example/iml"}
    environnement["IML_VAR_DIR"] = str(tmp_path)
    resultat = subprocess.run(
        [sys.executable, str(racine / "manage.py"), "migrate"],
        env=environnement,
        cwd=racine,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultat.returncode == 2
    assert "DATABASE_URL est défini mais DJANGO_SETTINGS_MODULE ne l'est pas" in resultat.stderr


# --- Remise à zéro de la démonstration ---------------------------------------------------------


def charger_la_demo() -> None:
    """Les chargeurs de `iml demo` (comptes, puis étapes des applications), sans la commande."""
    from iml.comptes.demo import charger_comptes
    from iml.ui.demo import etapes

    organisations = charger_comptes()
    for etape in etapes():
        etape(organisations, io.StringIO())


@pytest.mark.django_db
def test_relancer_la_demo_remet_appels_et_dossiers_dans_leur_etat(tmp_path, settings):
    """Ce qui a été créé ou modifié pendant la démonstration (appel, dossier, pièce, texte
    d'un dossier déposé) disparaît : la démonstration repart de ses deux appels."""
    from datetime import date

    from iml.appels.demo import NOM_APPEL, NOM_APPEL_OUVERT
    from iml.appels.models import AppelACandidatures, Dossier, PieceJointe
    from iml.referentiel.models import JeuParametres
    from tests.appels.matrice_dossiers import appel_ouvert, dossier_de, joindre

    settings.MEDIA_ROOT = tmp_path
    charger_la_demo()
    jeux = JeuParametres.objects.count()
    marc = Utilisateur.objects.get(email="marc.bernard@ais35.demo")
    claire = Utilisateur.objects.get(email="claire.moreau@ddets35.demo")
    ouvert = AppelACandidatures.objects.get(nom=NOM_APPEL_OUVERT)
    brouillon = dossier_de(ouvert, marc, {"realisations": "Texte tapé pendant la démo."})
    joindre(brouillon, marc)
    fichier = PieceJointe.objects.get().fichier.path
    appel_ouvert(claire, "Appel créé pendant la démonstration")
    depose = Dossier.objects.get(appel__nom=NOM_APPEL, operateur=marc.adhesions.get().organisation)
    Dossier.objects.filter(pk=depose.pk).update(contenu={"realisations": "modifié"})

    charger_la_demo()
    assert sorted(AppelACandidatures.objects.values_list("nom", flat=True)) == sorted(
        [NOM_APPEL, NOM_APPEL_OUVERT]
    )
    assert not Dossier.objects.filter(appel__nom=NOM_APPEL_OUVERT).exists()
    assert Dossier.objects.filter(appel__nom=NOM_APPEL).count() == 3
    assert not PieceJointe.objects.exists()
    assert not (tmp_path / fichier).exists()
    assert JeuParametres.objects.count() == jeux
    ais = Dossier.objects.get(appel__nom=NOM_APPEL, operateur__nom="AIS Rennes Habitat Solidaire")
    assert ais.contenu["realisations"].startswith("Gestion locative adaptée de 60 logements")
    assert date(2019, 3, 1) == ais.versions.get().deposee_le.date()


@pytest.mark.django_db
def test_les_dossiers_de_demo_ont_chacun_leurs_textes():
    from iml.appels.demo import NOM_APPEL
    from iml.appels.models import Dossier

    charger_la_demo()
    dossiers = list(Dossier.objects.filter(appel__nom=NOM_APPEL))
    assert len(dossiers) == 3
    for cle in ("realisations", "experience", "modalites_accompagnement", "evaluation"):
        textes = {d.contenu[cle] for d in dossiers}
        assert len(textes) == 3, f"« {cle} » recopié d'un dossier à l'autre"
    representants = {d.contenu["porteur"]["representant"]["nom"] for d in dossiers}
    assert representants == {"Bernard", "Garnier", "Le Bihan"}


@pytest.mark.django_db
def test_relancer_la_demo_retire_adhesions_et_second_facteur_ajoutes():
    from iml.comptes.enums import Role

    charger_la_demo()
    marc = Utilisateur.objects.get(email="marc.bernard@ais35.demo")
    relais = Organisation.objects.get(nom="Association Le Relais Logement 35")
    Adhesion.objects.create(utilisateur=marc, organisation=relais, role=Role.DIRECTION)
    TOTPDevice.objects.create(user=marc, name="Téléphone de Marc", confirmed=True)
    claire = Utilisateur.objects.get(email="claire.moreau@ddets35.demo")
    TOTPDevice.objects.create(user=claire, name="Autre téléphone", confirmed=True)

    charger_la_demo()
    assert [a.organisation.nom for a in marc.adhesions.all()] == ["AIS Rennes Habitat Solidaire"]
    assert not TOTPDevice.objects.filter(user=marc).exists()
    assert list(TOTPDevice.objects.filter(user=claire).values_list("name", flat=True)) == [
        "Démonstration"
    ]


MONTANTS = {"montant", "montant_par_menage", "cout_par_logement", "budget_annee_pleine", "etp"}


def _montants_en_nombre(valeur, chemin: str = "") -> list[str]:
    """Les montants écrits en nombre JSON (au lieu d'une chaîne décimale) d'un contenu."""
    if isinstance(valeur, dict):
        return [
            faute
            for cle, v in valeur.items()
            for faute in (
                [f"{chemin}.{cle}"]
                if cle in MONTANTS and isinstance(v, int | float) and not isinstance(v, bool)
                else _montants_en_nombre(v, f"{chemin}.{cle}")
            )
        ]
    if isinstance(valeur, list):
        return [f for i, v in enumerate(valeur) for f in _montants_en_nombre(v, f"{chemin}[{i}]")]
    return []


@pytest.mark.django_db
def test_les_dossiers_de_demo_ecrivent_les_montants_en_chaines_decimales():
    """Un seul encodage des montants en JSON, comme le site : « 2200 », jamais 2200 ni 2200.0."""
    from iml.appels.models import Dossier, VersionDossier

    charger_la_demo()
    contenus = [*Dossier.objects.values_list("contenu", flat=True)]
    contenus += [*VersionDossier.objects.values_list("contenu", flat=True)]
    assert contenus
    assert [faute for c in contenus for faute in _montants_en_nombre(c)] == []


@pytest.mark.django_db
def test_l_appel_de_2019_de_la_demo_est_date_en_2019_et_sa_convention_se_signe_en_mai(
    tmp_path, settings
):
    """Revue d'usage : l'historique de l'appel de 2019 ne dit plus « publié le » aujourd'hui, la
    convention est établie au lendemain du comité et se signe le 01/05/2019."""
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from iml.appels.demo import NOM_APPEL
    from iml.appels.models import AppelACandidatures, Convention
    from iml.appels.services.avenants import Signature, signer_convention
    from tests.appels.echantillons import PDF
    from tests.appels.matrice_documents import acteur_de

    settings.MEDIA_ROOT = tmp_path
    charger_la_demo()
    appel = AppelACandidatures.objects.get(nom=NOM_APPEL)
    jours = {e.vers: timezone.localdate(e.le) for e in appel.evenements.all()}
    assert jours == {
        "PUBLIE": date(2018, 12, 12),
        "CLOS": date(2019, 3, 5),
        "DECIDE": date(2019, 4, 30),
    }
    convention = Convention.objects.get(dossier__appel=appel)
    assert timezone.localdate(convention.cree_le) == date(2019, 4, 26)
    claire = Utilisateur.objects.get(email="claire.moreau@ddets35.demo")
    scan = SimpleUploadedFile("signee.pdf", PDF, content_type="application/pdf")
    signee = signer_convention(
        acteur=acteur_de(claire),
        convention=convention,
        signature=Signature(date(2019, 5, 1), "Claire Moreau", "Marc Bernard", scan),
        aujourd_hui=timezone.localdate(),
    )
    assert signee.date_signature == date(2019, 5, 1)
