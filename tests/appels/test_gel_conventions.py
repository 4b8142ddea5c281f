"""ADR 0002 et journal : une convention fige le barème qu'elle cite ; conventions et
cofinancements sont au journal d'audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from iml.appels.enums import Financeur
from iml.appels.gel_jeux import usage_des_jeux
from iml.appels.services.conventions import LigneCofinancement
from iml.referentiel.services import cloner_jeu
from tests.appels.test_conventions import _etablir

pytestmark = pytest.mark.django_db


def test_une_convention_fige_le_bareme_qu_elle_cite(distribution, dossier_retenu):
    convention = _etablir(distribution, dossier_retenu)
    autre = cloner_jeu(dossier_retenu.appel.jeu)
    assert usage_des_jeux([autre]) is None
    type(convention).objects.filter(pk=convention.pk).update(
        bareme_code=autre.code, bareme_version=autre.version
    )
    assert usage_des_jeux([autre]) == f"il a servi à la convention n° {convention.numero}"


def test_convention_et_cofinancements_sont_journalises(distribution, dossier_retenu):
    cd = LigneCofinancement(
        Financeur.CONSEIL_DEPARTEMENTAL, 2020, Decimal("10000"), distribution.org.cd35
    )
    convention = _etablir(distribution, dossier_retenu, cofinancements=[cd])
    for objet in (convention, *convention.cofinancements.all()):
        type_ = ContentType.objects.get_for_model(objet)
        entrees = LogEntry.objects.filter(content_type=type_, object_pk=str(objet.pk))
        assert list(entrees.values_list("action", flat=True)) == [LogEntry.Action.CREATE]
