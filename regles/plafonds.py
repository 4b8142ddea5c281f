"""Contrôles d'un budget : fourchettes de l'annexe 1a, coût par place, plafonds régionaux.

Niveaux : les fourchettes de l'annexe 1a sont des coûts « théoriques » (alerte hors
fourchette) ; la base d'accompagnement est « indicative » (info) ; le coût moyen par place « ne
pourra excéder » 2 200 € (erreur) ; un plafond régional dépassé est une erreur. Bornes incluses
partout : 2 200,00 € passe, 2 200,01 € non.
"""

from __future__ import annotations

from decimal import Decimal

from regles.bareme import Bareme, Fourchette
from regles.budget import Budget, ProjetBudget, cout_gestion_unitaire
from regles.calcul import arrondir
from regles.constats import Constat, alerte, erreur, info
from regles.format import euros, nombre, pourcentage
from regles.libelles import libelle_chemin
from regles.types import FormuleMandat, ModaliteAccompagnement, Mode

S = "services"


def _fourchette(
    regle: str, quoi: str, valeur: Decimal | None, f: Fourchette, champ: str
) -> list[Constat]:
    if valeur is None:
        return [info("R-UNKNOWN", f"{quoi} non renseigné : {regle} non contrôlé.", champ)]
    if not f.contient(valeur):
        return [
            alerte(
                regle,
                f"{quoi} de {euros(valeur)} hors de la fourchette nationale de {euros(f.min)} "
                f"à {euros(f.max)}.",
                champ,
            )
        ]
    return []


def verifier_fourchettes(projet: ProjetBudget, bareme: Bareme) -> list[Constat]:
    """R-COST-CAPTATION, R-COST-GESTION : coûts unitaires dans les fourchettes de l'annexe 1a."""
    constats = _fourchette(
        "R-COST-CAPTATION",
        "coût de captation par logement",
        projet.services.captation_par_logement,
        bareme.cout_captation_par_logement,
        f"{S}.captation.cout_par_logement",
    )
    for mode in Mode:
        if projet.nb_logements(mode):
            constats += _fourchette(
                "R-COST-GESTION",
                f"coût de gestion par logement en {mode.libelle.lower()}",
                cout_gestion_unitaire(projet.services.gestion.get(mode)),
                bareme.cout_gestion_par_logement[mode],
                f"{S}.gestion.{mode.value}",
            )
    return constats


def verifier_accompagnement_chiffre(
    projet: ProjetBudget, budget: Budget, bareme: Bareme
) -> list[Constat]:
    """R-COST-ACCOMP, R-SW-RATIO : coût par ménage et ETP au regard du ratio de 20 ménages."""
    constats: list[Constat] = []
    for mode in Mode:
        poste, menages = budget.accompagnement[mode], budget.menages[mode]
        champ = f"{S}.accompagnement.{mode.value}"
        if poste.montant is None or not poste.montant or not menages:
            continue
        par_menage = arrondir(poste.montant / menages)
        indicatif = bareme.cout_accompagnement_indicatif_par_menage
        constats.append(
            info(
                "R-COST-ACCOMP",
                f"accompagnement en {mode.libelle.lower()} : {euros(par_menage)} par ménage et "
                f"par an (base indicative {euros(indicatif)}).",
                champ,
            )
        )
        au_ratio = mode in bareme.ratio_accompagnement_modes
        if poste.methode == "ETP" and poste.etp is not None and au_ratio:
            constats += _ratio(poste.etp, menages, bareme, f"{champ}.etp")
        elif poste.methode == "RATIO" and poste.etp is not None:
            constats.append(
                info(
                    "R-SW-RATIO",
                    f"{menages} ménages à {nombre(bareme.menages_par_etp)} par travailleur "
                    f"social : {nombre(poste.etp)} ETP à {euros(bareme.cout_etp)} plus "
                    f"{pourcentage(bareme.frais_gestion_accompagnement_pct, 0)} de frais, soit "
                    f"{euros(poste.montant)}.",
                    champ,
                )
            )
    return constats


def _ratio(etp: Decimal, menages: int, bareme: Bareme, champ: str) -> list[Constat]:
    if etp * bareme.menages_par_etp >= menages:
        return []
    par_etp = arrondir(menages / etp, Decimal("0.1")) if etp else None
    charge = f"{nombre(par_etp)} ménages par ETP" if par_etp else "aucun ETP"
    return [
        alerte(
            "R-SW-RATIO",
            f"{nombre(etp)} ETP pour {menages} ménages, soit {charge} : la référence est un "
            f"travailleur social pour {nombre(bareme.menages_par_etp)} ménages.",
            champ,
        )
    ]


def verifier_cout_place(budget: Budget, bareme: Bareme) -> list[Constat]:
    """R-COST-PLACE-MAX : coût total ÷ places ≤ 2 200 € (paramètre) en moyenne."""
    plafond = bareme.cout_moyen_max_par_place
    cpp = budget.cout_par_place
    if cpp is None:
        return [
            info(
                "R-COST-PLACE-MAX",
                "coût par place non calculable (total non renseigné ou "
                "aucune place) : plafond non contrôlé.",
            )
        ]
    if cpp > plafond:
        return [
            erreur(
                "R-COST-PLACE-MAX",
                f"coût moyen de {euros(cpp)} par place et par an, au-delà du maximum de "
                f"{euros(plafond)} (total {euros(budget.total)}).",
                S,
            )
        ]
    return [
        info(
            "R-COST-PLACE-MAX",
            f"coût moyen de {euros(cpp)} par place et par an, dans le maximum de "
            f"{euros(plafond)} (total {euros(budget.total)}).",
        )
    ]


def _plafond(projet: ProjetBudget, bareme: Bareme, mode: Mode) -> tuple[Decimal | None, str]:
    zone = projet.zone
    if zone is None:
        return None, "zone de marché non renseignée"
    if mode is Mode.SOUS_LOCATION:
        if bareme.plafonds_sous_location is None:
            return None, "pas de plafond de sous-location dans ce barème"
        if projet.categorie is None:
            return None, "catégorie d'IML non renseignée"
        c = projet.categorie
        return bareme.plafonds_sous_location[c][zone], f"{c.libelle}, {zone.libelle.lower()}"
    if bareme.plafonds_mandat_gestion is None:
        return None, "pas de plafond de mandat de gestion dans ce barème"
    acc = projet.services.accompagnement.get(mode)
    avec = acc is not None and acc.modalite is not ModaliteAccompagnement.DROIT_COMMUN
    formule = FormuleMandat.AVEC_ACCOMPAGNEMENT if avec else FormuleMandat.SANS_ACCOMPAGNEMENT
    texte = f"{formule.libelle.lower()}, {zone.libelle.lower()}"
    return bareme.plafonds_mandat_gestion[formule][zone], texte


def verifier_plafonds_regionaux(
    projet: ProjetBudget, budget: Budget, bareme: Bareme
) -> list[Constat]:
    """R-CEILING-NA : coût par logement (trois prestations confondues) ≤ plafond régional."""
    constats: list[Constat] = []
    for mode in Mode:
        if not projet.nb_logements(mode):
            continue
        plafond, contexte = _plafond(projet, bareme, mode)
        cout = budget.cout_par_logement_par_mode[mode]
        forme = mode.libelle.lower()
        if plafond is None or cout is None:
            raison = contexte if plafond is None else "coût par logement non renseigné"
            constats.append(info("R-CEILING-NA", f"{forme} : {raison}, plafond non contrôlé."))
        elif cout > plafond:
            constats.append(
                erreur(
                    "R-CEILING-NA",
                    f"{forme} : {euros(cout)} par logement, au-delà du plafond de "
                    f"{euros(plafond)} ({contexte}).",
                    S,
                )
            )
        else:
            constats.append(
                info(
                    "R-CEILING-NA",
                    f"{forme} : {euros(cout)} par logement, dans le plafond de {euros(plafond)} "
                    f"({contexte}).",
                )
            )
    return constats


def verifier_budget(projet: ProjetBudget, budget: Budget, bareme: Bareme) -> tuple[Constat, ...]:
    """R-COST-CAPTATION, R-COST-GESTION, R-COST-ACCOMP, R-SW-RATIO, R-COST-PLACE-MAX,
    R-CEILING-NA, R-UNKNOWN : tous les contrôles d'un budget calculé par `calculer_budget`."""
    constats = verifier_fourchettes(projet, bareme)
    constats += verifier_accompagnement_chiffre(projet, budget, bareme)
    if budget.non_renseignes:
        constats.append(
            info(
                "R-UNKNOWN",
                "postes non renseignés, distincts de zéro : "
                + ", ".join(f"« {libelle_chemin(c)} »" for c in budget.non_renseignes)
                + " ; le total reste non renseigné.",
            )
        )
    constats += verifier_cout_place(budget, bareme)
    constats += verifier_plafonds_regionaux(projet, budget, bareme)
    return tuple(constats)
