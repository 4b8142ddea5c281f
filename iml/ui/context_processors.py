from types import SimpleNamespace

from django.http import HttpRequest

from iml.ui.navigation import menu

SITE = SimpleNamespace(
    site_title="IML — Intermédiation locative",
    site_tagline="Piloter l'intermédiation locative, de l'appel à candidatures au logement",
    header_brand_html="République<br>Française",
    footer_brand_html="République<br>Française",
    beta_tag=False,
    mourning=False,
)


def interface(request: HttpRequest) -> dict[str, object]:
    # Le nonce CSP de django-csp 4 est paresseux et reste « faux » tant qu'il n'a pas été lu :
    # `{% dsfr_js nonce=request.csp_nonce %}` l'omettrait. Le lire ici le matérialise.
    str(getattr(request, "csp_nonce", ""))
    acteur = getattr(request, "acteur", None)
    acteur = acteur if acteur else None
    return {
        "SITE_CONFIG": SITE,
        "acteur": acteur,
        "menu_principal": menu(acteur, request.path),
    }
