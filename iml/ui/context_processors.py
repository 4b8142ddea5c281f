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
    acteur = getattr(request, "acteur", None)
    acteur = acteur if acteur else None
    return {
        "SITE_CONFIG": SITE,
        "acteur": acteur,
        "menu_principal": menu(acteur, request.path),
    }
