"""Compte généré d'une occupation (R-IMPAYES) : les appels mensuels exactement comme la tâche
quotidienne les crée (`regles.compte.mois_a_appeler`, prorata du premier et du dernier mois
par `montant_du_mois`, même date de valeur, même libellé : un passage de
`services.compte.appeler_loyers` le même jour n'ajoute rien), puis les paiements : l'aide au
logement versée à l'opérateur et la part du ménage, quelques jours après l'appel, jamais après
le jour de référence. Un ménage « en impayé » ne paie plus sa part depuis 1 à 6 mois (aide
maintenue, parfois une aide du FSL) ; un ménage sorti sur dix part avec une dette.

Les lignes sont les plus nombreuses (≈ 40 par occupation) : elles sont gardées en tuples et
insérées par `executemany`, sans instancier de modèle (cinq fois plus rapide que
`bulk_create` à l'échelle nationale)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from iml.comptes.models import Utilisateur
from iml.occupations.models import Ecriture, Occupation
from iml.occupations.services.compte import libelle_mois
from regles.calcul import arrondir
from regles.compte import date_appel, mois_a_appeler, montant_du_mois
from regles.types import Mode, NatureEcriture

T = TypeVar("T")

#: Part des ménages en cours dont la part n'est plus payée depuis quelques mois.
PART_IMPAYES = 0.15
#: Part des ménages sortis qui partent avec une dette.
PART_DETTE_SORTIE = 0.10
ZERO = Decimal("0.00")


class LigneCompte(NamedTuple):
    """Une ligne du compte à insérer (`Ecriture`), l'occupation pas encore insérée."""

    occupation: Occupation
    nature: str
    le: date
    montant: Decimal
    mois: date | None
    libelle: str
    cree_par_id: int | None


def _paiement(occupation: Occupation, nature: str, le: date, montant: Decimal, par) -> LigneCompte:
    return LigneCompte(
        occupation, nature, le, -montant, None, NatureEcriture(nature).libelle, par.pk
    )


def _impayes(rng: random.Random, en_cours: bool) -> int:
    """Nombre de derniers mois dont la part du ménage n'est pas payée."""
    if en_cours and rng.random() < PART_IMPAYES:
        return rng.randint(1, 6)
    if not en_cours and rng.random() < PART_DETTE_SORTIE:
        return rng.randint(1, 3)
    return 0


def ecritures_de(
    rng: random.Random,
    occupation: Occupation,
    mensuel: Decimal,
    aide: Decimal | None,
    aujourd_hui: date,
    jour_appel: int,
    par: Utilisateur,
) -> list[LigneCompte]:
    """Appels et paiements d'une occupation jusqu'au `aujourd_hui` (montants `Decimal`)."""
    entree, sortie = occupation.date_entree, occupation.date_sortie
    nom = "Redevance" if occupation.forme == Mode.SOUS_LOCATION else "Loyer et charges"
    mois = mois_a_appeler(entree, sortie, aujourd_hui, jour_appel)
    impayes = _impayes(rng, sortie is None)
    lignes: list[LigneCompte] = []
    for rang, m in enumerate(mois):
        montant = montant_du_mois(mensuel, m, entree, sortie)
        appel_le = max(m, entree)
        libelle = f"{nom} de {libelle_mois(m)}"
        lignes.append(
            LigneCompte(occupation, NatureEcriture.APPEL, appel_le, montant, m, libelle, None)
        )
        part_aide = ZERO if aide is None else min(montant, arrondir(aide * montant / mensuel))
        verse_le = max(date_appel(m, jour_appel) + timedelta(days=rng.randint(4, 9)), entree)
        if part_aide > 0 and verse_le <= aujourd_hui:
            lignes.append(
                _paiement(occupation, NatureEcriture.PAIEMENT_AIDE, verse_le, part_aide, par)
            )
        part_menage = montant - part_aide
        paye_le = appel_le + timedelta(days=rng.randint(0, 18))
        if rang >= len(mois) - impayes or part_menage <= 0 or paye_le > aujourd_hui:
            continue
        lignes.append(
            _paiement(occupation, NatureEcriture.PAIEMENT_MENAGE, paye_le, part_menage, par)
        )
    if impayes >= 3 and sortie is None and rng.random() < 0.4:
        fsl_le = max(aujourd_hui - timedelta(days=rng.randint(3, 40)), entree)
        lignes.append(_paiement(occupation, NatureEcriture.PAIEMENT_FSL, fsl_le, mensuel, par))
    return lignes


COLONNES = ("occupation_id", "nature", "le", "montant", "mois", "libelle", "corrige_id",
            "cree_le", "cree_par_id")  # fmt: skip


def inserer_par_lots(
    modele: type[Model],
    colonnes: tuple[str, ...],
    lignes: Sequence[T],
    valeurs: Callable[[T, Callable[[date], Any], Any], tuple],
    taille_lot: int,
) -> None:
    """INSERT par `executemany`, par lots, sans instancier de modèle ; mêmes valeurs que
    l'ORM : `valeurs(ligne, date_db, cree_le)` reçoit l'adaptation des dates du moteur de base
    et l'instant de création, déjà adapté."""
    ops, qn = connection.ops, connection.ops.quote_name
    sql = (
        f"INSERT INTO {qn(modele._meta.db_table)} ({', '.join(qn(c) for c in colonnes)}) "
        f"VALUES ({', '.join(['%s'] * len(colonnes))})"
    )
    cree_le = ops.adapt_datetimefield_value(timezone.now())
    date_db = ops.adapt_datefield_value
    with connection.cursor() as curseur:
        for debut in range(0, len(lignes), taille_lot):
            curseur.executemany(
                sql, [valeurs(x, date_db, cree_le) for x in lignes[debut : debut + taille_lot]]
            )


def inserer_lignes(lignes: list[LigneCompte], taille_lot: int) -> None:
    """Les lignes de compte (les occupations sont déjà insérées), montants `Decimal`."""
    inserer_par_lots(
        Ecriture, COLONNES, lignes,
        lambda x, date_db, cree_le: (
            x.occupation.pk, x.nature, date_db(x.le), x.montant, date_db(x.mois), x.libelle,
            None, cree_le, x.cree_par_id,
        ),
        taille_lot,
    )  # fmt: skip
