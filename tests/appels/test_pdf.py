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
from iml.appels.services.conventions import (
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
        reponse.getvalue(),  # servi depuis le stockage (FileResponse)
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
    html = pdf.html_convention(convention)
    _contient(
        reponse.content,
        html,
        [
            "RÉPUBLIQUE FRANÇAISE",
            "Liberté Égalité Fraternité",
            "Préfet d'Ille-et-Vilaine",
            "AIS Rennes Habitat Solidaire",
            "Convention n° IML-35-2019-001",
            # Visas : les textes que l'appel cite.
            "Vu le code de l'action sociale et des familles, notamment son article L. 345-2-8",
            "articles L. 365-1, L. 365-3 et L. 365-4",
            "Vu la loi n° 70-9 du 2 janvier 1970",
            "Vu l'instruction TERI1811520C du 4 juin 2018",
            "Vu le plan départemental d'action pour le logement et l'hébergement",
            # Parties : articles construits, SIRET lisible, pas d'écriture « (e) ».
            "représenté par le préfet d'Ille-et-Vilaine, et par délégation la DDETS "
            "d'Ille-et-Vilaine, ci-après « l'administration »",
            f"SIRET {distribution.org.ais35.siret[:3]} {distribution.org.ais35.siret[3:6]} ",
            "association, SIRET",
            "représentée par Marc Bernard, directeur, ci-après «\u00a0l'opérateur\u00a0»",
            "Article 1 — Objet",
            "25 places en mandat de gestion et 20 places en sous-location, soit 45 places",
            "Article 3 — Montant de la subvention",
            f"2019 {euros(calcules[2019])} {euros(negocies[2019])} \u2212500,50 €",
            f"2020 {euros(calcules[2020])} {euros(negocies[2020])} 0 €",
            "Motif de l'écart : Démarrage plus tardif que prévu.",
            "Détail du calcul (R-SUBSIDY-PRORATA)",
            "20 places retenues sur 25 demandées",
            "Conseil départemental d'Ille-et-Vilaine",
            euros(negocies[2020] + 10000),
            # Échéancier : avance du barème (50 %), solde.
            "une avance de 50 % du montant",
            f"2019 {euros(negocies[2019] / 2)} {euros(negocies[2019] / 2)} {euros(negocies[2019])}",
            "Article 6 — Comptes rendus et statistiques annuelles (R-STATS)",
            "enquête nationale de la DGCS",
            "Article 7 — Contrôle",
            "Article 9 — Résiliation",
            "Annexe 1b — Budget (version 1 du dossier)",
            "Annexe 2 — Échéancier des logements",
            "Annexe 3 — Échéancier des places",
            "Coût total du dispositif par an",
        ],
    )
    texte = _texte_html(html)
    assert "(PDALHPD) d'Ille-et-Vilaine ;" in texte
    assert "représenté(e)" not in texte and "place(s)" not in texte
    assert distribution.org.ais35.siret not in texte  # jamais les 14 chiffres collés
    assert "," in euros(negocies[2019])  # « 27 199,50 € » : montant au centime


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils absent")
def test_la_police_marianne_est_embarquee_dans_la_convention(distribution, docs):
    convention = etablir_convention(
        acteur=acteur_de(distribution.claire),
        dossier=docs.dossier,
        montants_negocies={a.annee: a.total for a in calculer_convention(docs.dossier).annees},
        motif_ecart="",
        cofinancements=[],
    )
    sortie = subprocess.run(
        ["pdffonts", "-"], input=pdf.pdf_convention(convention), capture_output=True, check=True
    ).stdout.decode()
    lignes = [ligne for ligne in sortie.splitlines() if "Marianne" in ligne]
    assert any("Bold" in ligne for ligne in lignes) and len(lignes) >= 2, sortie
    assert all(" yes " in ligne for ligne in lignes), sortie  # embarquée (colonne emb)


def test_sans_convention_etablie_le_pdf_n_existe_pas(client, distribution, docs):
    connecter(client, distribution.claire)
    url = reverse("appels:convention_pdf", kwargs={"pk": docs.dossier.pk})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        ("DDETS d'Ille-et-Vilaine", "la DDETS d'Ille-et-Vilaine"),
        ("DREETS Nouvelle-Aquitaine", "la DREETS Nouvelle-Aquitaine"),
        ("Conseil départemental de la Gironde", "le Conseil départemental de la Gironde"),
        ("Agence régionale de santé", "l'Agence régionale de santé"),
        ("AIS Rennes Habitat Solidaire", "AIS Rennes Habitat Solidaire"),
    ],
)
def test_les_parties_sont_nommees_avec_leur_article(nom, attendu):
    from iml.appels.documents_convention import avec_article, de

    assert avec_article(nom) == attendu
    assert de(avec_article("Conseil départemental")) == "du Conseil départemental"
    assert de(avec_article("DDETS du Nord")) == "de la DDETS du Nord"
    assert de("AIS Rennes") == "d'AIS Rennes"


def test_siret_lisible_et_pluriels():
    from iml.appels.documents_convention import quantite, represente_par
    from regles.format import siret
    from regles.types import StatutJuridique

    assert siret("12345678900012") == "123\u00a0456\u00a0789\u00a000012"
    assert [quantite(n, "place") for n in (0, 1, 2)] == [
        "0\u00a0place",
        "1\u00a0place",
        "2\u00a0places",
    ]
    assert represente_par(StatutJuridique.GIP) == "représenté par"
    assert represente_par(StatutJuridique.FONDATION) == "représentée par"


def test_la_convention_et_l_avenant_nomment_le_programme_177_par_son_titre(distribution, docs):
    """Revue d'usage : « Inclusion sociale et protection des personnes » est le programme 304 ;
    le programme 177 est « Hébergement, parcours vers le logement et insertion des personnes
    vulnérables »."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from iml.appels.services.avenants import Signature, preparer_avenant, signer_convention
    from tests.appels.echantillons import PDF as SCAN

    dossier = decider(docs.dossier, distribution.claire)
    calcules = {a.annee: a.total for a in calculer_convention(dossier).annees}
    convention = etablir_convention(
        acteur=acteur_de(distribution.claire),
        dossier=dossier,
        montants_negocies=calcules,
        motif_ecart="",
        cofinancements=[],
    )
    titre = "Hébergement, parcours vers le logement et insertion des personnes vulnérables"
    html = pdf.html_convention(convention)
    _contient(pdf.pdf_convention(convention), html, [f"Programme 177 « {titre} »"])
    assert _texte_html(html).count(titre) == 2
    scan = SimpleUploadedFile("signee.pdf", SCAN, content_type="application/pdf")
    signer_convention(
        acteur=acteur_de(distribution.claire),
        convention=convention,
        signature=Signature(timezone.localdate(), "Anne Martin", "Marc Bernard", scan),
        aujourd_hui=timezone.localdate(),
    )
    avenant = preparer_avenant(
        acteur=acteur_de(distribution.claire),
        convention=convention,
        montants={a: m + 100 for a, m in calcules.items()},
        motif="Montée en charge.",
    )
    html = pdf.html_avenant(avenant)
    for texte in (html, pdf.html_convention(convention)):
        assert "Inclusion sociale" not in _texte_html(texte)
    _contient(pdf.pdf_avenant(avenant), html, [f"programme 177 « {titre} »"])
