"""ADR 0002 : un jeu de paramètres qui a servi (appel publié, version déposée, convention) est
figé ; une modification crée une nouvelle version. Journal d'audit des jeux et des décisions.
Barème résolu construit une fois par contenu (cache)."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from iml.appels.enums import ResultatDecision, StatutAppel
from iml.appels.models import AppelACandidatures, Decision, Dossier, Notation, VersionDossier
from iml.appels.services import appels as services
from iml.appels.services import decisions as services_decisions
from iml.appels.services import instruction as services_instruction
from iml.referentiel import models as modeles_referentiel
from iml.referentiel.gel import JeuFige, motif_gel
from iml.referentiel.models import JeuParametres, vider_cache_baremes
from iml.referentiel.services import nouvelle_version
from tests.appels.matrice_dossiers import appel_ouvert, contenu_complet, dossier_de
from tests.appels.test_appels_fabriques import acteur, clore, creer_appel, deposer, jeu
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def _version_sur_un_brouillon(appel: AppelACandidatures, d) -> None:
    """Une version de dossier qui cite le jeu d'un appel encore en brouillon : le produit n'y
    mène pas (le dépôt demande un appel publié, `deposer` le refuse) ; elle est écrite ici
    directement pour éprouver la défense du gel, qui ne suppose pas cet ordre des choses."""
    dossier = Dossier.objects.create(appel=appel, operateur=d.org.ais35, contenu={})
    VersionDossier.objects.create(
        dossier=dossier,
        numero=1,
        contenu={},
        constats=[],
        chiffres={},
        bareme_code=appel.jeu.code,
        bareme_version=appel.jeu.version,
        deposee_le=timezone.now(),
        deposee_par=d.marc,
    )


def _changer_places(jeu_appel: JeuParametres, places: int) -> None:
    appel = {**jeu_appel.parametres["appel"], "places": places}
    jeu_appel.parametres = {**jeu_appel.parametres, "appel": appel}


def test_le_jeu_d_un_brouillon_reste_modifiable(distribution):
    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    assert motif_gel(appel.jeu) is None
    _changer_places(appel.jeu, 90)
    appel.jeu.save()
    assert appel.jeu.en_bareme().appel.places == 90


def test_le_jeu_d_un_appel_publie_est_fige(distribution):
    appel = creer_appel(distribution.claire, "Appel 35 publié")
    _changer_places(appel.jeu, 90)
    with pytest.raises(JeuFige) as erreur:
        appel.jeu.save()
    message = erreur.value.messages[0]
    assert message.startswith("R-AAC : le jeu de paramètres « Appel 35 publié » (version 1)")
    assert "il sert à l'appel « Appel 35 publié » (publié)" in message
    assert "créez-en une nouvelle version" in message
    stocke = JeuParametres.objects.get(pk=appel.jeu.pk)
    assert stocke.en_bareme().appel.places == 140


def test_le_parent_d_un_jeu_qui_a_servi_est_fige_aussi(distribution):
    creer_appel(distribution.claire, "Appel 35 publié")
    national = jeu("national-2018")
    assert "Appel 35 publié" in motif_gel(national)
    national.parametres = {**national.parametres, "cout_moyen_max_par_place": 2500}
    with pytest.raises(JeuFige):
        national.save()


def test_une_version_deposee_fige_son_jeu(distribution):
    appel = creer_appel(distribution.claire, "Appel 35", StatutAppel.BROUILLON)
    _version_sur_un_brouillon(appel, distribution)
    assert "version 1 déposée du dossier de « AIS Rennes Habitat Solidaire »" in motif_gel(
        appel.jeu
    )


def test_nouvelle_version_laisse_l_ancienne_intacte(distribution):
    appel = creer_appel(distribution.claire, "Appel 35 publié")
    ancien = appel.jeu
    suivante = nouvelle_version(ancien, libelle="Appel 35 révisé")
    assert (suivante.code, suivante.version) == (ancien.code, 2)
    assert suivante.parent == ancien.parent
    assert motif_gel(suivante) is None
    _changer_places(suivante, 90)
    suivante.save()
    assert suivante.en_bareme().appel.places == 90
    appel.refresh_from_db()
    assert appel.jeu.version == 1 and appel.jeu.en_bareme().appel.places == 140


def test_l_administration_montre_un_jeu_fige_en_lecture_seule(client, distribution):
    appel = creer_appel(distribution.claire, "Appel 35 publié")
    connecter(client, distribution.admin)
    url = reverse("admin:referentiel_jeuparametres_change", args=[appel.jeu.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="parametres"' not in page.content.decode()
    assert any("est figé" in str(m) for m in page.context["messages"])
    reponse = client.post(
        reverse("admin:referentiel_jeuparametres_changelist"),
        {"action": "creer_nouvelle_version", "_selected_action": [appel.jeu.pk]},
    )
    suivante = JeuParametres.objects.get(code=appel.jeu.code, version=2)
    assert reponse["Location"].endswith(f"/{suivante.pk}/change/")
    page = client.get(reponse["Location"]).content.decode()
    assert 'name="parametres"' in page


# --- Journal d'audit ------------------------------------------------------------------------


def _journal(instance) -> list[int]:
    type_ = ContentType.objects.get_for_model(instance)
    return list(
        LogEntry.objects.filter(content_type=type_, object_pk=str(instance.pk)).values_list(
            "action", flat=True
        )
    )


def test_jeux_appels_decisions_et_notes_sont_journalises(distribution):
    appel = creer_appel(distribution.claire, "Appel 35", StatutAppel.BROUILLON)
    services.modifier_appel(
        acteur=acteur(distribution.claire),
        appel=appel,
        nom="Appel 35",
        parametres={"appel": {"places": 120}},
    )
    assert LogEntry.Action.UPDATE in _journal(appel.jeu)
    services.changer_statut_appel(
        acteur=acteur(distribution.claire), appel=appel, statut=StatutAppel.PUBLIE
    )
    dossier = deposer(appel, distribution.org.ais35, distribution.marc)
    clore(appel)
    assert LogEntry.Action.UPDATE in _journal(AppelACandidatures.objects.get(pk=appel.pk))
    criteres = appel.jeu.en_bareme().appel.criteres_selection
    services_instruction.noter(
        acteur=acteur(distribution.claire), dossier=dossier, notes={criteres[0].code: Decimal(3)}
    )
    assert _journal(Notation.objects.get(dossier=dossier)) == [LogEntry.Action.CREATE]
    services_decisions.decider(
        acteur=acteur(distribution.claire),
        dossier=dossier,
        resultat=ResultatDecision.REFUSE,
        maintenant=timezone.now(),
        motifs="Coût trop élevé.",
    )
    assert _journal(Decision.objects.get(dossier=dossier)) == [LogEntry.Action.CREATE]


# --- Cache du barème ------------------------------------------------------------------------


def test_une_page_construit_le_bareme_une_fois(client, distribution):
    appel = appel_ouvert(distribution.claire, "Appel IML 35 — dépôt ouvert")
    dossier = dossier_de(appel, distribution.marc, contenu_complet())
    connecter(client, distribution.marc)
    vider_cache_baremes()
    fusion = modeles_referentiel.fusionner_couches
    with mock.patch.object(modeles_referentiel, "fusionner_couches", wraps=fusion) as compte:
        for etape in ("identite", "echeancier", "experience"):
            url = reverse("appels:dossier_etape", kwargs={"pk": dossier.pk, "etape": etape})
            assert client.get(url).status_code == 200
        assert compte.call_count == 1


def test_le_cache_suit_le_contenu_du_jeu(distribution):
    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    assert appel.jeu.en_bareme().appel.places == 140
    _changer_places(appel.jeu, 75)
    appel.jeu.save()
    assert JeuParametres.objects.get(pk=appel.jeu.pk).en_bareme().appel.places == 75


# --- Jeux nationaux déjà en base (migration 0002) -------------------------------------------


def test_un_national_deja_en_base_garde_le_calcul_d_avant():
    """Un jeu national chargé avant l'ajout des paramètres les reçoit avec la valeur qui
    reproduit son calcul d'alors (ratio dans les deux formes) ; le fichier, depuis sa version 2,
    porte l'interprétation corrigée (sous-location seule). Le bloc `parc` (version 3), absent
    d'un jeu plus ancien, y reste non renseigné."""
    import importlib

    from django.apps import apps

    from iml.referentiel.services import charger_jeux_fichiers
    from regles.types import Mode

    migration = importlib.import_module("iml.referentiel.migrations.0002_donnees")
    charger_jeux_fichiers()
    national = JeuParametres.objects.get(code="national-2018")
    assert national.version == 7
    assert national.en_bareme().ratio_accompagnement_modes == {Mode.SOUS_LOCATION}
    ancien = {
        k: v
        for k, v in national.parametres.items()
        if k
        not in (
            "ratio_accompagnement_modes",
            "appel_defaut",
            "parc",
            "occupations",
            "accompagnement",
            "siao",
            "pilotage",
        )
    }
    JeuParametres.objects.filter(pk=national.pk).update(version=1, parametres=ancien)
    migration.completer(apps, None)
    national = JeuParametres.objects.get(pk=national.pk)
    vider_cache_baremes()
    bareme = national.en_bareme()
    assert bareme.ratio_accompagnement_modes == set(Mode)
    assert bareme.appel_defaut is not None and len(bareme.appel_defaut.criteres_selection) == 8
    assert bareme.parc is None
    assert "calcul d'avant" in national.sources["ratio_accompagnement_modes"]


def test_le_chemin_d_edition_d_un_appel_respecte_le_gel(client, distribution):
    """Un brouillon dont le jeu a servi (version déposée) : la page des paramètres refuse
    l'enregistrement avec le message du gel, et le jeu reste inchangé."""
    from tests.appels.test_appels_fabriques import donnees_parametres

    appel = creer_appel(distribution.claire, "Brouillon", StatutAppel.BROUILLON)
    _version_sur_un_brouillon(appel, distribution)
    connecter(client, distribution.claire)
    donnees = donnees_parametres(appel, places=90)
    reponse = client.post(reverse("appels:modifier", args=[appel.pk]), donnees)
    assert reponse.status_code == 200
    erreurs = reponse.context["form"].non_field_errors()
    assert any("est figé" in e and "nouvelle version" in e for e in erreurs)
    assert "R-AAC : le jeu de paramètres" in reponse.content.decode().replace("&#x27;", "'")
    assert JeuParametres.objects.get(pk=appel.jeu.pk).en_bareme().appel.places == 140
