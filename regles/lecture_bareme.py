"""Lecture typée des `parametres` fusionnés d'un barème (voir `regles.bareme`).

Chaque clé de `regles.parametres.PARAMETRES` a ici son lecteur ; une clé absente, inconnue ou
mal typée lève `ValeurInvalide` avec son chemin (`parametres.appel.jalons[1].date`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar

from regles import conversion as cv
from regles.parametres import (
    ECHEANCES_JALON,
    NOMS,
    NOMS_ACCOMPAGNEMENT_DECRITS,
    NOMS_APPEL,
    NOMS_APPEL_DEFAUT,
    NOMS_OCCUPATIONS_DECRITS,
    NOMS_PARC_DECRITS,
    NOMS_PILOTAGE_DECRITS,
    NOMS_SIAO_DECRITS,
    OPTIONNELS,
    AppelDefaut,
    CritereSelection,
    Fourchette,
    Jalon,
    JalonDefaut,
    ParametresAppel,
)
from regles.parametres_accompagnement import NOMS_ACCOMPAGNEMENT, lire_accompagnement
from regles.parametres_occupations import NOMS_OCCUPATIONS, lire_occupations
from regles.parametres_parc import NOMS_PARC, lire_parc
from regles.parametres_pilotage import NOMS_PILOTAGE, lire_pilotage
from regles.parametres_siao import NOMS_SIAO, lire_siao
from regles.types import Categorie, Financeur, FormuleMandat, Mode, Typologie, Zone

K = TypeVar("K")
V = TypeVar("V")
ZERO = Decimal(0)
CENT = Decimal(100)


def _fige(d: Mapping[K, V]) -> Mapping[K, V]:
    return MappingProxyType(dict(d))


def _pct(v: object, chemin: str) -> Decimal:
    d = cv.decimal(v, chemin, minimum=ZERO)
    if d > CENT:
        raise cv.ValeurInvalide(chemin, f"pourcentage {d} supérieur à 100")
    return d


def _montant(v: object, chemin: str) -> Decimal:
    return cv.decimal(v, chemin, minimum=ZERO)


def _positif(v: object, chemin: str) -> int:
    return cv.entier(v, chemin, minimum=1)


def _fourchette(v: object, chemin: str) -> Fourchette:
    obj = cv.objet(v, chemin)
    cv.cles(obj, chemin, requises={"min", "max"}, permises=set())
    bas, haut = (
        _montant(obj["min"], cv.sous(chemin, "min")),
        _montant(obj["max"], cv.sous(chemin, "max")),
    )
    if bas > haut:
        raise cv.ValeurInvalide(chemin, f"minimum {bas} supérieur au maximum {haut}")
    return Fourchette(bas, haut)


def _table_zone(v: object, chemin: str) -> Mapping[Zone, Decimal]:
    brut = cv.table(Zone, v, chemin)
    return _fige({z: _montant(x, cv.sous(chemin, z.value)) for z, x in brut.items()})


def _plafonds(classe: type[Categorie] | type[FormuleMandat]) -> Callable[[object, str], Any]:
    def lire(v: object, chemin: str) -> Any:
        if v is None:
            return None
        brut = cv.table(classe, v, chemin)
        return _fige({k: _table_zone(x, cv.sous(chemin, k.value)) for k, x in brut.items()})

    return lire


def _capacites(v: object, chemin: str) -> Mapping[Typologie, int]:
    brut = cv.table(Typologie, v, chemin)
    return _fige({t: _positif(x, cv.sous(chemin, t.value)) for t, x in brut.items()})


def _typologies(v: object, chemin: str) -> frozenset[Typologie]:
    items = cv.liste(v, chemin)
    return frozenset(cv.choix(Typologie, x, cv.indice(chemin, i)) for i, x in enumerate(items))


def _modes(v: object, chemin: str) -> frozenset[Mode]:
    items = cv.liste(v, chemin)
    return frozenset(cv.choix(Mode, x, cv.indice(chemin, i)) for i, x in enumerate(items))


def _pct_par_mode(v: object, chemin: str) -> Mapping[Mode, Decimal]:
    brut = cv.table(Mode, v, chemin)
    return _fige({m: _pct(x, cv.sous(chemin, m.value)) for m, x in brut.items()})


def _fourchettes_par_mode(v: object, chemin: str) -> Mapping[Mode, Fourchette]:
    brut = cv.table(Mode, v, chemin)
    return _fige({m: _fourchette(x, cv.sous(chemin, m.value)) for m, x in brut.items()})


def _entiers_libres(v: object, chemin: str) -> Mapping[str, int]:
    obj = cv.objet(v, chemin)
    return _fige({k: _positif(x, cv.sous(chemin, k)) for k, x in obj.items()})


def _par_financeur(v: object, chemin: str) -> Mapping[str, Decimal]:
    brut = cv.table(Financeur, v, chemin, complete=False)
    return _fige({f.value: _montant(x, cv.sous(chemin, f.value)) for f, x in brut.items()})


def _montant_ou_none(v: object, chemin: str) -> Decimal | None:
    return cv.decimal_ou_none(v, chemin, minimum=ZERO)


def _mois_trimestre(v: object, chemin: str) -> int:
    return cv.entier(v, chemin, minimum=1, maximum=3)


_TRIMESTRE = re.compile(r"^(\d{4})T([1-4])$")


def _trimestre(v: object, chemin: str) -> tuple[int, int]:
    m = _TRIMESTRE.match(cv.texte(v, chemin))
    if not m:
        raise cv.ValeurInvalide(chemin, f"trimestre « {v} » attendu au format AAAATn (2019T1)")
    return int(m.group(1)), int(m.group(2))


def _jalons(v: object, chemin: str) -> tuple[Jalon, ...]:
    jalons = []
    for i, x in enumerate(cv.liste(v, chemin)):
        c = cv.indice(chemin, i)
        obj = cv.objet(x, c)
        cv.cles(obj, c, requises={"date", "part_min_pct"}, permises=set())
        jalons.append(
            Jalon(
                cv.jour(obj["date"], cv.sous(c, "date")),
                _pct(obj["part_min_pct"], cv.sous(c, "part_min_pct")),
            )
        )
    return tuple(sorted(jalons, key=lambda j: j.date))


def _criteres(v: object, chemin: str) -> tuple[CritereSelection, ...]:
    criteres = []
    for i, x in enumerate(cv.liste(v, chemin)):
        c = cv.indice(chemin, i)
        obj = cv.objet(x, c)
        cv.cles(obj, c, requises={"code", "libelle", "poids"}, permises=set())
        criteres.append(
            CritereSelection(
                cv.texte(obj["code"], cv.sous(c, "code")),
                cv.texte(obj["libelle"], cv.sous(c, "libelle")),
                _montant(obj["poids"], cv.sous(c, "poids")),
            )
        )
    if not criteres:
        raise cv.ValeurInvalide(chemin, "au moins un critère attendu")
    return tuple(criteres)


def _exercices(v: object, chemin: str) -> tuple[int, ...]:
    items = cv.liste(v, chemin)
    return tuple(cv.entier(x, cv.indice(chemin, i), minimum=2000) for i, x in enumerate(items))


_LECTEURS_APPEL: dict[str, Callable[[object, str], Any]] = {
    "territoire": cv.texte,
    "places": _positif,
    "exercices": _exercices,
    "budget": _montant_ou_none,
    "date_lancement": cv.jour,
    "date_limite_depot": cv.jour,
    "date_selection": cv.jour,
    "date_debut_montee_en_charge": cv.jour,
    "jalons": _jalons,
    "premier_trimestre": _trimestre,
    "nombre_trimestres": _positif,
    "criteres_selection": _criteres,
    "note_max": lambda v, c: cv.decimal(v, c, minimum=Decimal(1)),
}


def _appel(v: object, chemin: str) -> ParametresAppel | None:
    if v is None:
        return None
    obj = cv.objet(v, chemin)
    cv.cles(obj, chemin, requises=set(NOMS_APPEL), permises=set())
    return ParametresAppel(
        **{k: lire(obj[k], cv.sous(chemin, k)) for k, lire in _LECTEURS_APPEL.items()}
    )


def _jalons_defaut(v: object, chemin: str) -> tuple[JalonDefaut, ...]:
    jalons = []
    for i, x in enumerate(cv.liste(v, chemin)):
        c = cv.indice(chemin, i)
        obj = cv.objet(x, c)
        cv.cles(obj, c, requises={"echeance", "part_min_pct"}, permises=set())
        echeance = cv.texte(obj["echeance"], cv.sous(c, "echeance"))
        if echeance not in ECHEANCES_JALON:
            raise cv.ValeurInvalide(
                cv.sous(c, "echeance"), f"échéance « {echeance} » : {', '.join(ECHEANCES_JALON)}"
            )
        jalons.append(JalonDefaut(echeance, _pct(obj["part_min_pct"], cv.sous(c, "part_min_pct"))))
    return tuple(jalons)


_LECTEURS_APPEL_DEFAUT: dict[str, Callable[[object, str], Any]] = {
    "places": _positif,
    "duree_depot_jours": _positif,
    "delai_selection_jours": _positif,
    "nombre_trimestres": _positif,
    "jalons": _jalons_defaut,
    "note_max": lambda v, c: cv.decimal(v, c, minimum=Decimal(1)),
    "criteres_selection": _criteres,
}


def _appel_defaut(v: object, chemin: str) -> AppelDefaut | None:
    if v is None:
        return None
    obj = cv.objet(v, chemin)
    cv.cles(obj, chemin, requises=set(NOMS_APPEL_DEFAUT), permises=set())
    return AppelDefaut(
        **{k: lire(obj[k], cv.sous(chemin, k)) for k, lire in _LECTEURS_APPEL_DEFAUT.items()}
    )


_LECTEURS: dict[str, Callable[[object, str], Any]] = {
    "capacite_max_places": _capacites,
    "petits_logements_typologies": _typologies,
    "petits_logements_part_min_pct": _pct,
    "repartition_cible_pct": _pct_par_mode,
    "repartition_tolerance_pct": _pct,
    "taux_effort_max_pct": _pct_par_mode,
    "pourcentages_arrondi": lambda v, c: cv.decimal(v, c, minimum=Decimal("0.0001")),
    "reste_a_vivre_min_jour_personne": _montant_ou_none,
    "jours_par_mois": _positif,
    "sl_duree_mois": _positif,
    "sl_renouvellements_max": lambda v, c: cv.entier(v, c, minimum=0),
    "sl_fin_veille_echeance": cv.booleen,
    "mg_financement_duree_max_mois": _positif,
    "mg_revue_periodicite_mois": lambda v, c: None if v is None else _positif(v, c),
    "cout_captation_par_logement": _fourchette,
    "cout_gestion_par_logement": _fourchettes_par_mode,
    "cout_accompagnement_indicatif_par_menage": _montant,
    "cout_moyen_max_par_place": _montant,
    "menages_par_etp": lambda v, c: cv.decimal(v, c, minimum=Decimal("0.01")),
    "cout_etp": _montant,
    "ratio_accompagnement_modes": _modes,
    "frais_gestion_accompagnement_pct": _pct,
    "menages_par_logement": _positif,
    "plafonds_sous_location": _plafonds(Categorie),
    "plafonds_mandat_gestion": _plafonds(FormuleMandat),
    "prorata_mois_inclus": cv.booleen,
    "mois_mobilisation_dans_trimestre": _mois_trimestre,
    "echeancier_cumulatif": cv.booleen,
    "dalo_hebergement_mois": _positif,
    "dalo_logement_transition_mois": _positif,
    "chez_soi_places": _entiers_libres,
    "petit_chez_soi_visites_min_semaine": _positif,
    "petit_chez_soi_financement_par_place": _par_financeur,
    "cd_accompagnement_duree_max_mois": _positif,
    "appel": _appel,
    "convention_avance_pct": lambda v, c: None if v is None else _pct(v, c),
    "appel_defaut": _appel_defaut,
    "parc": lire_parc,
    "occupations": lire_occupations,
    "accompagnement": lire_accompagnement,
    "siao": lire_siao,
    "pilotage": lire_pilotage,
}

if (
    set(_LECTEURS) != NOMS
    or set(_LECTEURS_APPEL) != NOMS_APPEL
    or set(_LECTEURS_APPEL_DEFAUT) != NOMS_APPEL_DEFAUT
    or NOMS_PARC != NOMS_PARC_DECRITS
    or NOMS_OCCUPATIONS != NOMS_OCCUPATIONS_DECRITS
    or NOMS_ACCOMPAGNEMENT != NOMS_ACCOMPAGNEMENT_DECRITS
    or NOMS_SIAO != NOMS_SIAO_DECRITS
    or NOMS_PILOTAGE != NOMS_PILOTAGE_DECRITS
):  # pragma: no cover
    raise RuntimeError("regles.parametres et regles.lecture_bareme divergent")


def lire_parametres(brut: Mapping[str, Any], chemin: str) -> dict[str, Any]:
    """Lit tous les paramètres fusionnés ; renvoie les arguments nommés de `Bareme`."""
    cv.cles(brut, chemin, requises=set(NOMS - OPTIONNELS), permises=set(OPTIONNELS))
    return {nom: lire(brut.get(nom), cv.sous(chemin, nom)) for nom, lire in _LECTEURS.items()}
