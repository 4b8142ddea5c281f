"""Conversion HTML → PDF dans un processus à part, borné dans le temps par son parent.

Lancé par `iml.appels.pdf.en_pdf_borne` : `python rendu_pdf.py FEUILLE.css < page.html >
page.pdf`. N'importe que WeasyPrint (ni Django, ni base) ; aucune ressource externe n'est
chargée (seules les URL `data:` sont permises).
"""

from __future__ import annotations

import sys

from weasyprint import CSS, HTML, URLFetcher


def main() -> None:
    html = sys.stdin.buffer.read().decode("utf-8")
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    sys.stdout.buffer.write(document.write_pdf(stylesheets=[CSS(filename=sys.argv[1])]))


if __name__ == "__main__":
    main()
