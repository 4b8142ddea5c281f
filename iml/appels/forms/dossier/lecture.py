"""Lecture d'un contenu de dossier (JSON) en sections libellées en français, pour le
récapitulatif et les versions figées. Une valeur absente s'affiche « non renseigné » (R-UNKNOWN).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from regles.bareme import Bareme
from regles.calendrier import Trimestre
from regles.capacite import LigneEcheancier, total
from regles.format import date_fr, euros
from regles.types import (
    Agrement,
    Categorie,
    Financeur,
    ModaliteAccompagnement,
    Mode,
    Partenaire,
    PublicPrioritaire,
    Service,
    StatutJuridique,
    SuiteParcours,
    Typologie,
    Zone,
)

NR = "non renseigné"


def _libelle(classe: Any, valeur: Any) -> str:
    for membre in classe:
        if membre.value == valeur:
            return membre.libelle
    return NR if valeur in (None, "") else str(valeur)


def _texte(valeur: Any) -> str:
    return NR if valeur in (None, "", []) else str(valeur)


def _montant(valeur: Any) -> str:
    try:
        return euros(None if valeur is None else Decimal(str(valeur)))
    except InvalidOperation:
        return NR


def _jour(valeur: Any) -> str:
    try:
        return date_fr(date.fromisoformat(valeur)) if valeur else NR
    except (TypeError, ValueError):
        return NR


def _oui(valeur: Any) -> str:
    return "oui" if valeur is True else ("non" if valeur is False else NR)


def _periode(v: Mapping[str, Any] | None) -> str:
    if not v or not v.get("date_debut"):
        return NR
    fin = f" au {_jour(v['date_fin'])}" if v.get("date_fin") else ", sans date de fin"
    return f"du {_jour(v['date_debut'])}{fin}"


def _porteur(c: Mapping[str, Any]) -> list[tuple[str, str]]:
    p = c.get("porteur") or {}
    r = p.get("representant") or {}
    nom_r = " ".join(x for x in (r.get("prenom"), r.get("nom")) if x)
    qualite = f", {r['qualite']}" if r.get("qualite") else ""
    return [
        ("Dénomination sociale", _texte(p.get("nom"))),
        ("SIRET", _texte(p.get("siret"))),
        ("Statut", _libelle(StatutJuridique, p.get("statut"))),
        ("Représentant habilité", f"{nom_r}{qualite}" if nom_r else NR),
        ("Adresse", _texte(p.get("adresse"))),
        ("Courriel", _texte(p.get("courriel"))),
        ("Téléphone", _texte(p.get("telephone"))),
    ]


def _zone_public(c: Mapping[str, Any]) -> list[tuple[str, str]]:
    publics = [_libelle(PublicPrioritaire, p) for p in c.get("publics") or []]
    return [
        ("Communes", ", ".join(c.get("zone") or []) or NR),
        ("Publics prioritaires", " ; ".join(publics) or NR),
        ("Attention portée à la santé", _oui(c.get("attention_sante"))),
        ("Catégorie d'IML", _libelle(Categorie, c.get("categorie"))),
        ("Public de l'IML spécialisée", _texte(c.get("public_specialise"))),
        ("Zone de marché", _libelle(Zone, c.get("zone_marche"))),
    ]


def _services(c: Mapping[str, Any]) -> list[tuple[str, str]]:
    s = c.get("services") or {}
    captation = s.get("captation") or {}
    lignes = [
        ("Captation : coût par logement", _montant(captation.get("cout_par_logement"))),
        ("Captation : description", _texte(captation.get("description"))),
    ]
    for m in Mode:
        lignes += _gestion(s, m) + _accompagnement(s, m)
    lignes.append(
        ("Accompagnement adapté aux résidents", _texte(c.get("modalites_accompagnement")))
    )
    return lignes


def _gestion(s: Mapping[str, Any], m: Mode) -> list[tuple[str, str]]:
    forme = m.libelle.lower()
    postes = (s.get("gestion") or {}).get(m.value) or []
    lignes = [
        (f"Gestion en {forme} : {poste.get('libelle')}", _montant(poste.get("cout_par_logement")))
        for poste in postes
    ]
    return lignes or [(f"Gestion en {forme}", NR)]


def _accompagnement(s: Mapping[str, Any], m: Mode) -> list[tuple[str, str]]:
    forme = m.libelle.lower()
    acc = (s.get("accompagnement") or {}).get(m.value) or {}
    lignes = [(f"Accompagnement en {forme}", _libelle(ModaliteAccompagnement, acc.get("modalite")))]
    if acc.get("etp") is not None:
        lignes.append((f"Accompagnement en {forme} : ETP", _texte(acc["etp"])))
    if acc.get("montant_par_menage") is not None:
        lignes.append(
            (f"Accompagnement en {forme} : par ménage", _montant(acc["montant_par_menage"]))
        )
    part = acc.get("partenaire_delegue") or {}
    if part:
        lignes += [
            (f"Partenaire délégué en {forme}", _texte(part.get("nom"))),
            ("Descriptif validé par le partenaire", _texte(part.get("description"))),
            ("Modalités de conventionnement", _texte(part.get("convention"))),
            ("Budget en année pleine", _montant(part.get("budget_annee_pleine"))),
            ("Agrément L 365-3 du partenaire", _periode(part.get("agrement_L365_3"))),
        ]
    return lignes


def _financements(c: Mapping[str, Any]) -> list[tuple[str, str]]:
    lignes = []
    for f in c.get("financements") or []:
        service = _libelle(Service, f.get("service")) if f.get("service") else "ensemble du projet"
        lignes.append(
            (f"{_libelle(Financeur, f.get('financeur'))} — {service}", _montant(f.get("montant")))
        )
    return lignes or [("Recettes", NR)]


def _evaluation(c: Mapping[str, Any]) -> list[tuple[str, str]]:
    e = c.get("engagements") or {}
    suites = [_libelle(SuiteParcours, s) for s in e.get("suite_parcours") or []]
    partenariats = [
        f"{p.get('nom')} ({_libelle(Partenaire, p.get('type'))})"
        for p in c.get("partenariats") or []
    ]
    return [
        ("Modalités d'évaluation", _texte(c.get("evaluation"))),
        ("Modalités de régulation", _texte(c.get("regulation"))),
        ("Places mises à disposition du SIAO", _oui(c.get("engagement_siao"))),
        ("Suite du parcours prévue", " ; ".join(suites) or NR),
        ("Bail glissant", _oui(e.get("bail_glissant", False))),
        ("Durée d'une période de sous-location (mois)", _texte(e.get("sl_duree_mois"))),
        ("Renouvellements au plus", _texte(e.get("sl_renouvellements_max"))),
        ("Financement de la gestion en mandat (mois)", _texte(e.get("mg_duree_financement_mois"))),
        ("Partenariats", " ; ".join(partenariats) or NR),
    ]


def sections(contenu: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Sections du récapitulatif, dans l'ordre des étapes (slug de l'étape pour y revenir)."""
    agrements = contenu.get("agrements") or {}
    return [
        {"slug": "identite", "titre": "Identité du porteur", "lignes": _porteur(contenu)},
        {
            "slug": "experience",
            "titre": "Réalisations et expérience",
            "lignes": [
                ("Réalisations antérieures", _texte(contenu.get("realisations"))),
                ("Expérience du logement adapté", _texte(contenu.get("experience"))),
            ],
        },
        {
            "slug": "agrements",
            "titre": "Agréments et garanties",
            "lignes": [(a.libelle, _periode(agrements.get(a.value))) for a in Agrement],
        },
        {"slug": "zone-et-public", "titre": "Zone et public", "lignes": _zone_public(contenu)},
        {"slug": "services", "titre": "Prestations prévues", "lignes": _services(contenu)},
        {"slug": "modele-financier", "titre": "Recettes", "lignes": _financements(contenu)},
        {
            "slug": "evaluation",
            "titre": "Évaluation, régulation et engagements",
            "lignes": _evaluation(contenu),
        },
    ]


def annexes(
    contenu: Mapping[str, Any], trimestres: Sequence[Trimestre], bareme: Bareme
) -> list[dict[str, Any]]:
    """Annexes 2 et 3 en lecture : lignes saisies, totaux calculés (R-SCHEDULE-CONSISTENCY)."""
    resultat = []
    for annexe, titre in (("logements", "Annexe 2 : logements"), ("places", "Annexe 3 : places")):
        rangees, par_trimestre, general = [], [0] * len(trimestres), 0
        for ligne in contenu.get(annexe) or []:
            valeurs = list(ligne.get("trimestres") or [])
            try:
                l_ = LigneEcheancier(
                    Typologie(ligne["typologie"]), Mode(ligne["mode"]), tuple(valeurs)
                )
            except (KeyError, ValueError):
                continue
            somme = total(l_, bareme)
            general += somme
            par_trimestre = [a + b for a, b in zip(par_trimestre, valeurs, strict=False)]
            rangees.append(
                {
                    "typologie": l_.typologie.libelle,
                    "mode": l_.mode.libelle,
                    "valeurs": valeurs,
                    "total": somme,
                }
            )
        resultat.append(
            {
                "annexe": annexe,
                "titre": titre,
                "trimestres": [t.libelle for t in trimestres],
                "rangees": rangees,
                "par_trimestre": par_trimestre,
                "total": general,
            }
        )
    return resultat
