"""Exports d'une statistique annuelle (R-STATS) : xlsx, ods et PDF de la même `Feuille`
(disposition documentée dans docs/formats/statistiques-annuelles.md). Une valeur non
renseignée s'écrit « non renseigné », jamais 0 (R-UNKNOWN)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from iml.appels.exports import ods, xlsx
from iml.appels.exports.tableaux import NON_RENSEIGNE, Cellule, Feuille, entier, jour, texte
from iml.appels.pdf import en_pdf_borne
from iml.pilotage.models import CorrectionStatistique, StatistiqueAnnuelle
from iml.pilotage.statistiques.selectors import corrections, lignes_revues
from regles.format import euros, nombre
from regles.statistiques import Valeur

ENTETES = ("Rubrique", "Indicateur", "Valeur calculée", "Valeur retenue", "Corrigée")


def _valeur(valeur: Valeur, nature: str) -> Cellule:
    if valeur is None:
        return texte(NON_RENSEIGNE)
    if nature == "entier":
        return entier(int(valeur))
    return Cellule(valeur, "montant" if nature == "montant" else "decimal")


def feuille_statistique(statistique: StatistiqueAnnuelle) -> Feuille:
    """Lignes 1 à 4 : titre, statut, date limite, date du calcul ; ligne 6 : en-têtes ; puis
    une ligne par indicateur, dans l'ordre des rubriques."""
    f = Feuille(titre=f"Statistiques {statistique.annee}", largeurs=[30, 60, 16, 16, 10])
    f.ajouter(
        texte(f"Statistiques annuelles {statistique.annee} — {statistique.operateur.nom}", True)
    )
    f.fusionner(0, 0, 0, 4)
    f.ajouter(texte("Statut"), texte(statistique.get_statut_display()))
    f.ajouter(texte("Date limite de soumission"), jour(statistique.campagne.date_limite))
    f.ajouter(texte("Calculées le"), jour(timezone.localdate(statistique.calculee_le)))
    f.ajouter()
    entete = f.ajouter(*(texte(e, True) for e in ENTETES))
    for ligne in lignes_revues(statistique):
        f.ajouter(
            texte(ligne.rubrique), texte(ligne.libelle), _valeur(ligne.calculee, ligne.nature),
            _valeur(ligne.retenue, ligne.nature), texte("oui" if ligne.corrigee else "non"),
        )  # fmt: skip
    f.filtre = (entete, len(f.lignes) - 1)
    return f


def feuille_corrections(
    liste: list[CorrectionStatistique], libelles: dict[str, str], natures: dict[str, str]
) -> Feuille:
    """Une ligne par correction ; la valeur suit la nature de son indicateur (un entier
    s'écrit « 17 », jamais « 17,00 »)."""
    f = Feuille(titre="Corrections", largeurs=[14, 60, 16, 60, 30])
    entete = f.ajouter(
        *(texte(e, True) for e in ("Le", "Indicateur", "Valeur corrigée", "Motif", "Par"))
    )
    for c in liste:
        f.ajouter(
            jour(timezone.localdate(c.le)), texte(libelles.get(c.cle, c.cle)),
            _valeur(c.valeur, natures.get(c.cle, "decimal")), texte(c.motif),
            texte(c.par.get_full_name()),
        )  # fmt: skip
    f.filtre = (entete, len(f.lignes) - 1)
    return f


def feuilles(statistique: StatistiqueAnnuelle) -> list[Feuille]:
    lignes = lignes_revues(statistique)
    libelles = {ligne.cle: ligne.libelle for ligne in lignes}
    natures = {ligne.cle: ligne.nature for ligne in lignes}
    return [
        feuille_statistique(statistique),
        feuille_corrections(corrections(statistique), libelles, natures),
    ]


def en_xlsx(statistique: StatistiqueAnnuelle) -> bytes:
    return xlsx.classeur(feuilles(statistique))


def en_ods(statistique: StatistiqueAnnuelle) -> bytes:
    return ods.classeur(feuilles(statistique))


def html_pdf(statistique: StatistiqueAnnuelle) -> str:
    contexte = {
        "statistique": statistique,
        "feuilles": [(f.titre, f.en_html()) for f in feuilles(statistique)],
    }
    return render_to_string("pilotage/statistiques/pdf.html", contexte)


def en_pdf(statistique: StatistiqueAnnuelle) -> bytes:
    """Le PDF (WeasyPrint, dans un processus borné comme les documents des appels)."""
    return en_pdf_borne(html_pdf(statistique))


def _total(ligne) -> Cellule:
    """Un total complet est un nombre ; sinon un texte qui dit ce qui manque (« 3 pour les
    parts connues ; 2 opérateurs non soumis »), jamais un nombre qui se lirait complet."""
    valeur = ligne.total.valeur
    if not ligne.manque:
        return _valeur(valeur, ligne.nature)
    if valeur is None:
        return texte(f"{NON_RENSEIGNE} ({ligne.manque})")
    chiffre = euros(valeur) if ligne.nature == "montant" else nombre(valeur)
    return texte(f"{chiffre} pour les parts connues ; {ligne.manque}")


def feuilles_campagne(contexte: dict) -> list[Feuille]:
    """La consolidation d'une campagne (`presentation.page_campagne`) : totaux des statistiques
    soumises, en texte s'il y manque des parts non renseignées ou des opérateurs non soumis
    (R-UNKNOWN), puis l'état de chaque opérateur."""
    campagne = contexte["campagne"]
    f = Feuille(titre=f"Campagne {campagne.annee}", largeurs=[30, 60, 18, 18])
    f.ajouter(texte(contexte["title"], True))
    f.fusionner(0, 0, 0, 3)
    f.ajouter(texte("Date limite de soumission"), jour(campagne.date_limite))
    f.ajouter(texte("Statistiques soumises"), entier(contexte["soumises"]))
    f.ajouter(texte("Opérateurs de la campagne"), entier(len(contexte["statistiques"])))
    f.ajouter()
    entetes = ("Rubrique", "Indicateur", "Total", "Parts non renseignées ou non soumises")
    entete = f.ajouter(*(texte(e, True) for e in entetes))
    for rubrique, lignes in contexte["rubriques"]:
        for ligne in lignes:
            if ligne.total is None:
                f.ajouter(texte(rubrique), texte(ligne.libelle), texte("sans objet (moyenne)"))
                continue
            f.ajouter(
                texte(rubrique), texte(ligne.libelle), _total(ligne),
                entier(ligne.non_renseignees),
            )  # fmt: skip
    f.filtre = (entete, len(f.lignes) - 1)
    o = Feuille(titre="Opérateurs", largeurs=[50, 16, 28, 14])
    entete = o.ajouter(*(texte(e, True) for e in ("Opérateur", "SIRET", "État", "Soumise le")))
    for s in contexte["statistiques"]:
        soumise = timezone.localdate(s.soumise_le) if s.soumise_le else None
        o.ajouter(
            texte(s.operateur.nom), texte(s.operateur.siret), texte(s.get_statut_display()),
            jour(soumise),
        )  # fmt: skip
    o.filtre = (entete, len(o.lignes) - 1)
    return [f, o]


def campagne_xlsx(contexte: dict) -> bytes:
    return xlsx.classeur(feuilles_campagne(contexte))


def campagne_ods(contexte: dict) -> bytes:
    return ods.classeur(feuilles_campagne(contexte))
