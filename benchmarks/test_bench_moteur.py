"""Mesures (make bench) : le moteur sur un dossier complet, seul et derrière la validation JSON.

Cible : un contrôle complet (validation du schéma comprise) en moins de 100 ms, pour que le
panneau de conformité (htmx, à chaque saisie) reste fluide. Mesuré le 23/11/2026 (médianes) :
0,85 ms pour le moteur pur, 6,5 ms avec la validation JSON Schema (validateur construit une fois,
comme `iml.appels.moteur` le garde en cache : ~3 ms à construire, ~10 ms à la première validation).
"""

import json
from datetime import date

from iml.referentiel.cli_regles import validateur
from iml.referentiel.fichiers import bareme_pour
from iml.referentiel.validation import EXEMPLES
from regles.conformite import verifier_dossier
from regles.entrees_dossier import lire_dossier

EXEMPLE = EXEMPLES / "conformite.json"


def _document():
    document = json.loads(EXEMPLE.read_text(encoding="utf-8"))
    document.pop("$schema", None)
    return document


def test_bench_conformite_pure(benchmark):
    bareme = bareme_pour("appel-35-2019-2020")
    dossier = lire_dossier(_document(), bareme.appel.nombre_trimestres)
    resultat = benchmark(verifier_dossier, dossier, bareme, date_reference=date(2019, 3, 1))
    assert str(resultat.chiffres["budget"]["total"]) == "85500.00"


def test_bench_validation_schema_puis_conformite(benchmark):
    bareme = bareme_pour("appel-35-2019-2020")
    valideur = validateur("conformite")
    document = _document()

    def tout():
        assert not list(valideur.iter_errors(document))
        return verifier_dossier(
            lire_dossier(document, bareme.appel.nombre_trimestres),
            bareme,
            date_reference=date(2019, 3, 1),
        )

    benchmark(tout)
