"""Matrice des permissions des statistiques annuelles (R-STATS ; fusionnée par
tests/test_matrice_permissions.py).

Objets (`preparer`) : la campagne de l'an dernier de la DDETS 35 (claire) avec les statistiques
de l'AIS 35 (marc, « propre ») et du Relais 35 (« autre » pour marc) ; celle de la DREETS
Nouvelle-Aquitaine (paul) avec la statistique de Solidarité Logement Gironde.

- Opérateur (direction, gestion locative) : ses statistiques (lire, corriger, recalculer,
  soumettre, exporter) ; celles d'un autre : 404.
- État : les statistiques et campagnes de son territoire (ailleurs : 404), ouvre une campagne,
  consolide ; ne corrige pas (403).
- Plateforme : lit tout, n'écrit rien. SIAO, cofinanceur, travail social : 403.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from tests.test_matrice_permissions import statuts

__all__ = ["CIBLES", "ECARTS", "MATRICE", "preparer"]


def _annee() -> int:
    from django.utils import timezone

    return timezone.localdate().year - 1


def _limite(annee: int) -> date:
    """Le 31/03 qui suit l'année, ou aujourd'hui s'il est passé (jamais une date limite déjà
    passée, constat 3 de la revue 13)."""
    from django.utils import timezone

    return max(date(annee + 1, 3, 31), timezone.localdate())


def preparer(d) -> None:
    from django.utils import timezone

    from iml.pilotage.statistiques.services import ouvrir_campagne
    from tests.appels.factories import acteur

    if hasattr(d, "statistiques"):
        return
    annee = _annee()
    campagnes = {
        cle: ouvrir_campagne(
            acteur=acteur(agent),
            annee=annee,
            date_limite=_limite(annee),
            maintenant=timezone.now(),
        )  # fmt: skip
        for cle, agent in (("bretagne", d.claire), ("na", d.paul))
    }
    par_operateur = {s.operateur_id: s for c in campagnes.values() for s in c.statistiques.all()}
    d.statistiques = SimpleNamespace(
        campagnes=campagnes,
        ais=par_operateur[d.org.ais35.pk],
        relais=par_operateur[d.org.relais35.pk],
        gironde=par_operateur[d.org.solidarite33.pk],
    )


def _campagne(d, persona: str, quoi: str):
    chez_soi = "na" if persona == "paul" else "bretagne"
    ailleurs = "bretagne" if persona == "paul" else "na"
    cle = chez_soi if quoi == "propre" else ailleurs
    return {"pk": d.statistiques.campagnes[cle].pk}, {}


def _statistique(d, persona: str, quoi: str):
    s = d.statistiques
    propres = {"paul": s.gironde}
    autres = {"marc": s.relais, "paul": s.ais}
    objet = propres.get(persona, s.ais) if quoi == "propre" else autres.get(persona, s.gironde)
    return {"pk": objet.pk}, {}


def _correction(d, persona: str, quoi: str):
    kwargs, _ = _statistique(d, persona, quoi)
    return kwargs, {"cle": "entrees", "valeur": "3", "motif": "Entrée saisie ailleurs"}


def _nouvelle_campagne(d, persona: str, quoi: str | None):
    annee = _annee() - 1
    return {}, {"annee": str(annee), "date_limite": _limite(annee).isoformat()}


CIBLES = {
    "pilotage:statistiques_campagne_ouvrir": _nouvelle_campagne,
    "pilotage:statistiques_campagne": _campagne,
    "pilotage:statistiques_campagne_xlsx": _campagne,
    "pilotage:statistiques_campagne_ods": _campagne,
    "pilotage:statistique": _statistique,
    "pilotage:statistique_corriger": _correction,
    "pilotage:statistique_recalculer": _statistique,
    "pilotage:statistique_soumettre": _statistique,
    "pilotage:statistique_consolider": _statistique,
    "pilotage:statistique_xlsx": _statistique,
    "pilotage:statistique_ods": _statistique,
    "pilotage:statistique_pdf": _statistique,
}

_LIRE_PROPRE = statuts(403, claire=200, paul=200, marc=200, admin=200)
_LIRE_AUTRE = statuts(403, claire=404, paul=404, marc=404, admin=200)
# Réviser : l'opérateur seul ; l'État et la plateforme lisent mais ne corrigent pas.
_REVISER_PROPRE = statuts(403, marc=200)
_REVISER_AUTRE = statuts(403, claire=404, paul=404, marc=404)

MATRICE: dict = {
    ("pilotage:statistiques", "get", None): statuts(403, claire=200, paul=200, marc=200, admin=200),
    ("pilotage:statistiques_campagne_ouvrir", "get", None): statuts(403, claire=200, paul=200),
    ("pilotage:statistiques_campagne_ouvrir", "post", None): statuts(403, claire=302, paul=302),
    ("pilotage:statistiques_campagne", "get", "propre"): statuts(
        403, claire=200, paul=200, admin=200
    ),
    ("pilotage:statistiques_campagne", "get", "autre"): statuts(
        403, claire=404, paul=404, admin=200
    ),
    ("pilotage:statistiques_campagne_xlsx", "get", "propre"): statuts(
        403, claire=200, paul=200, admin=200
    ),
    ("pilotage:statistiques_campagne_xlsx", "get", "autre"): statuts(
        403, claire=404, paul=404, admin=200
    ),
    ("pilotage:statistiques_campagne_ods", "get", "propre"): statuts(
        403, claire=200, paul=200, admin=200
    ),
    ("pilotage:statistiques_campagne_ods", "get", "autre"): statuts(
        403, claire=404, paul=404, admin=200
    ),
    ("pilotage:statistique", "get", "propre"): _LIRE_PROPRE,
    ("pilotage:statistique", "get", "autre"): _LIRE_AUTRE,
    ("pilotage:statistique_xlsx", "get", "propre"): _LIRE_PROPRE,
    ("pilotage:statistique_xlsx", "get", "autre"): _LIRE_AUTRE,
    ("pilotage:statistique_ods", "get", "propre"): _LIRE_PROPRE,
    ("pilotage:statistique_ods", "get", "autre"): _LIRE_AUTRE,
    ("pilotage:statistique_pdf", "get", "propre"): _LIRE_PROPRE,
    ("pilotage:statistique_pdf", "get", "autre"): _LIRE_AUTRE,
    ("pilotage:statistique_corriger", "get", "propre"): _REVISER_PROPRE,
    ("pilotage:statistique_corriger", "post", "propre"): statuts(403, marc=302),
    ("pilotage:statistique_corriger", "get", "autre"): _REVISER_AUTRE,
    ("pilotage:statistique_corriger", "post", "autre"): _REVISER_AUTRE,
    ("pilotage:statistique_soumettre", "get", "propre"): _REVISER_PROPRE,
    ("pilotage:statistique_soumettre", "post", "propre"): statuts(403, marc=302),
    ("pilotage:statistique_soumettre", "get", "autre"): _REVISER_AUTRE,
    ("pilotage:statistique_soumettre", "post", "autre"): _REVISER_AUTRE,
    ("pilotage:statistique_recalculer", "get", "propre"): statuts(405),
    ("pilotage:statistique_recalculer", "post", "propre"): statuts(403, marc=302),
    ("pilotage:statistique_recalculer", "post", "autre"): _REVISER_AUTRE,
    # Consolider : l'État de la statistique (le refus d'état — pas encore soumise — revient en
    # message sur la page : 302) ; l'opérateur et la plateforme : 403.
    ("pilotage:statistique_consolider", "get", "propre"): statuts(405),
    ("pilotage:statistique_consolider", "post", "propre"): statuts(403, claire=302, paul=302),
    ("pilotage:statistique_consolider", "post", "autre"): statuts(
        403, claire=404, paul=404, marc=404
    ),
}

#: Le travail social (nadia, ines) ne tient pas les statistiques de l'opérateur
#: (perms.voit_les_statistiques : direction et gestion locative) : 403 là où marc passe.
ECARTS: dict = {
    ligne: {"nadia": 403, "ines": 403}
    for ligne, table in MATRICE.items()
    if table.get("marc") not in (403, 405)
}
