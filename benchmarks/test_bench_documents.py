"""Mesures (make bench) : documents produits à la demande d'un utilisateur, sur la démonstration.

Cible : moins de 3 s pour le PDF d'un dossier complet ou d'une convention (clic puis
téléchargement), moins de 300 ms pour les annexes en tableur. Mesuré le 23/11/2026 (2 cœurs,
médianes) : PDF du dossier 1,7 s, PDF de la convention 0,28 s, annexes xlsx 56 ms, ods 72 ms.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from iml.appels import exports, pdf
from iml.appels.models import Convention, Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", stdout=StringIO())
    dossier = Dossier.objects.filter(convention__isnull=False).get()
    return dossier, Convention.objects.get(dossier=dossier)


def test_bench_pdf_du_dossier(benchmark, demo):
    dossier, _ = demo
    contenu = benchmark.pedantic(
        lambda: pdf.pdf_dossier(exports.source_dossier(dossier)), rounds=3, warmup_rounds=1
    )
    assert contenu.startswith(b"%PDF")


def test_bench_pdf_de_la_convention(benchmark, demo):
    _, convention = demo
    contenu = benchmark.pedantic(lambda: pdf.pdf_convention(convention), rounds=3, warmup_rounds=1)
    assert contenu.startswith(b"%PDF")


@pytest.mark.parametrize("format_", ["xlsx", "ods"])
def test_bench_annexes_en_tableur(benchmark, demo, format_):
    dossier, _ = demo
    produire = exports.annexes_xlsx if format_ == "xlsx" else exports.annexes_ods
    contenu = benchmark(lambda: produire(exports.source_dossier(dossier)))
    assert contenu.startswith(b"PK")
