"""Documents PDF (WeasyPrint) : dossier complet et convention de financement.

Le texte est extrait par `pdftotext` (poppler-utils) quand il est installé ; le HTML rendu
avant conversion est toujours vérifié.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from iml.appels import pdf
from iml.appels.enums import Financeur
from iml.appels.exports import source_dossier
from iml.appels.services_conventions import (
    LigneCofinancement,
    calculer_convention,
    etablir_convention,
)
from regles.format import euros
from tests.appels.matrice_documents import acteur_de, decider, preparer
from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs(distribution):
    preparer(distribution)
    return distribution.documents


def _espaces(texte: str) -> str:
    """Espaces insécables et retours à la ligne ramenés à une espace simple ; l'espace avant
    « € », que l'extraction du texte d'un PDF perd parfois, est remise."""
    return re.sub(r" ?€", " €", re.sub(r"[\s\u00a0\u202f]+", " ", texte))


def texte_pdf(contenu: bytes) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    sortie = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=contenu, capture_output=True, check=True
    )
    return _espaces(sortie.stdout.decode("utf-8"))


def _texte_html(html: str) -> str:
    """Le texte du HTML rendu avant conversion (balises ôtées, entités décodées)."""
    return _espaces(unescape(strip_tags(re.sub(r"<br\s*/?>|</t[dh]>", " ", html))))


def _contient(contenu: bytes, html: str, attendus: list[str]) -> None:
    assert contenu.startswith(b"%PDF")
    html = _texte_html(html)
    texte = texte_pdf(contenu)
    for attendu in map(_espaces, attendus):
        assert attendu in html, attendu
        if texte is not None:
            assert attendu in texte, attendu


def test_le_dossier_en_pdf_reprend_identite_annexes_budget_et_constats(client, distribution, docs):
    connecter(client, distribution.marc)
    reponse = client.get(reverse("appels:dossier_pdf", kwargs={"pk": docs.dossier.pk}))
    assert reponse.status_code == 200 and reponse["Content-Type"] == "application/pdf"
    html = pdf.html_dossier(source_dossier(docs.dossier))
    _contient(
        reponse.content,
        html,
        [
            "RÉPUBLIQUE FRANÇAISE",
            "AIS Rennes Habitat Solidaire",
            "Marc Bernard, Directeur",
            "Agrément L 365-4",
            "Sortant d'hébergement",
            "Annexe 2 : Échéancier de mobilisation des logements en IML",
            "Places mobilisées en chbre/studio",
            "Coût total du dispositif par an",
            euros(Decimal("85500")),
            euros(Decimal("1710")),
            "R-SMALL-UNITS",
            "R-SUBSIDY-PRORATA",
        ],
    )


def test_la_convention_en_pdf_a_l_allure_de_l_etat_et_montre_l_ecart(client, distribution, docs):
    dossier = decider(docs.dossier, distribution.claire, "PARTIELLEMENT_RETENU", 25, 20)
    calcules = {a.annee: a.total for a in calculer_convention(dossier).annees}
    negocies = {2019: calcules[2019] - Decimal("500.50"), 2020: calcules[2020]}
    cd = LigneCofinancement(
        Financeur.CONSEIL_DEPARTEMENTAL, 2020, Decimal("10000"), distribution.org.cd35
    )
    convention = etablir_convention(
        acteur=acteur_de(distribution.claire),
        dossier=dossier,
        montants_negocies=negocies,
        motif_ecart="Démarrage plus tardif que prévu.",
        cofinancements=[cd],
    )
    connecter(client, distribution.marc)  # l'opérateur télécharge sa convention
    reponse = client.get(reverse("appels:convention_pdf", kwargs={"pk": dossier.pk}))
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"] == 'attachment; filename="convention-IML-35-2019-001.pdf"'
    _contient(
        reponse.content,
        pdf.html_convention(convention),
        [
            "RÉPUBLIQUE FRANÇAISE",
            "Liberté Égalité Fraternité",
            "DDETS d'Ille-et-Vilaine",
            "AIS Rennes Habitat Solidaire",
            "Convention n° IML-35-2019-001",
            "Article 1 — Objet",
            "25 place(s) en mandat de gestion et 20 place(s) en sous-location",
            "Article 2 — Durée",
            "Article 3 — Montant annuel",
            f"2019 {euros(calcules[2019])} {euros(negocies[2019])} \u2212500,50 €",
            f"2020 {euros(calcules[2020])} {euros(negocies[2020])} 0 €",
            "Motif de l'écart : Démarrage plus tardif que prévu.",
            "20 places retenues sur 25 demandées",
            "Conseil départemental d'Ille-et-Vilaine",
            euros(negocies[2020] + 10000),
            "Article 4 — Modalités de versement",
            "Article 5 — Suivi par le SIAO (R-SIAO)",
            "Article 6 — Statistiques annuelles (R-STATS)",
            "Article 7 — Signatures",
        ],
    )
    assert "," in euros(negocies[2019])  # « 27 199,50 € » : montant au centime


def test_sans_convention_etablie_le_pdf_n_existe_pas(client, distribution, docs):
    connecter(client, distribution.claire)
    url = reverse("appels:convention_pdf", kwargs={"pk": docs.dossier.pk})
    assert client.get(url).status_code == 404
