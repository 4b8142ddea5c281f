"""Documents PDF (WeasyPrint) : convention de financement, dossier complet.

Le HTML est rendu par un gabarit Django puis converti en PDF avec la feuille de style
`static/appels/pdf.css` ; aucune ressource externe n'est chargée (seules les URL `data:` sont
permises : pas de réseau, pas de fichier). `contexte_*` préparent les données, `html_*` le HTML
(utile aux tests), `pdf_*` les octets ; la convention et ses avenants : `documents_convention`.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML, URLFetcher

from iml.appels.documents_convention import html_avenant, html_convention
from iml.appels.exports import feuilles_annexes
from iml.appels.exports.source import Source
from iml.appels.models import AvenantConvention, Convention
from regles.types import Agrement, Mode

FEUILLE_DE_STYLE = Path(__file__).resolve().parent / "static" / "appels" / "pdf.css"
RENDU_PDF = Path(__file__).resolve().parent / "rendu_pdf.py"
DUREE_MAX_DEFAUT = 60

journal = logging.getLogger(__name__)


class RenduImpossible(Exception):
    """Le PDF n'a pas pu être établi ; le message (en français) dit pourquoi."""


def duree_max() -> int:
    """Durée maximale d'établissement d'un PDF, en secondes (réglage IML_PDF_DUREE_MAX)."""
    return int(getattr(settings, "IML_PDF_DUREE_MAX", DUREE_MAX_DEFAUT))


def en_pdf(html: str) -> bytes:
    """HTML → PDF, sans aucune ressource externe."""
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    return document.write_pdf(stylesheets=[CSS(filename=str(FEUILLE_DE_STYLE))])


def en_pdf_borne(html: str, secondes: int | None = None) -> bytes:
    """HTML → PDF dans un processus à part, arrêté au-delà de `secondes` (par défaut
    `duree_max()`) : un contenu démesuré n'occupe jamais un worker indéfiniment."""
    limite = duree_max() if secondes is None else secondes
    # -I : ni variables PYTHON*, ni dossier du script en tête de sys.path (il masquerait
    # des modules de la bibliothèque standard, « selectors » par exemple).
    commande = [sys.executable, "-I", str(RENDU_PDF), str(FEUILLE_DE_STYLE)]
    try:
        sortie = subprocess.run(
            commande, input=html.encode("utf-8"), capture_output=True, timeout=limite, check=True
        )
    except subprocess.TimeoutExpired as depassement:
        raise RenduImpossible(
            f"la mise en page a dépassé la durée maximale de {limite} secondes"
        ) from depassement
    except subprocess.CalledProcessError as erreur:
        journal.error("Rendu PDF en échec : %s", erreur.stderr.decode("utf-8", "replace")[-2000:])
        raise RenduImpossible("la mise en page a échoué") from erreur
    return sortie.stdout


def pdf_convention(convention: Convention) -> bytes:
    return en_pdf(html_convention(convention))


def pdf_avenant(avenant: AvenantConvention) -> bytes:
    return en_pdf(html_avenant(avenant))


def _services(source: Source) -> dict[str, Any]:
    brut = source.contenu.get("services") or {}
    services = source.lu.services
    return {
        "captation": services.captation_par_logement,
        "captation_description": (brut.get("captation") or {}).get("description"),
        "gestion": [(m.libelle, services.gestion.get(m) or ()) for m in Mode],
        "accompagnement": [(m.libelle, services.accompagnement.get(m)) for m in Mode],
    }


def contexte_dossier(source: Source) -> dict[str, Any]:
    budget, annexe2, annexe3 = feuilles_annexes(source)
    lu = source.lu
    return {
        "source": source,
        "dossier": source.dossier,
        "appel": source.dossier.appel,
        "lu": lu,
        "agrements": [(a.libelle, lu.agrements.get(a)) for a in Agrement],
        "publics": [p.libelle for p in lu.publics],
        "services": _services(source),
        "annexe2": annexe2.en_html(),
        "annexe3": annexe3.en_html(),
        "budget": budget.en_html(),
        "subventions": source.chiffres.get("subventions") or [],
        "constats": source.constats,
        "edite_le": timezone.localdate(),
    }


def html_dossier(source: Source) -> str:
    return render_to_string("appels/pdf/dossier.html", contexte_dossier(source))


def pdf_dossier(source: Source) -> bytes:
    return en_pdf(html_dossier(source))
