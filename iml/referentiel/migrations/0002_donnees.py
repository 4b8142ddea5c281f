"""Paramètres ajoutés au barème national (portée du ratio R-SW-RATIO, valeurs par défaut d'un
appel) : les jeux nationaux déjà en base les reçoivent avec la valeur qui reproduit le calcul
d'avant (ADR 0002 : un résultat déposé se recalcule à l'identique). Le fichier national passe
en version 2 avec les valeurs corrigées ; les nouveaux appels en héritent."""

from django.db import migrations

#: Avant : le ratio chiffrait l'accompagnement sans chiffre dans les deux formes.
RATIO_AVANT = ["MANDAT_GESTION", "SOUS_LOCATION"]
SOURCE_RATIO = (
    "Valeur reprise du calcul d'avant la version 2 du barème national (ratio appliqué aux deux "
    "formes), pour que les résultats déjà déposés se recalculent à l'identique"
)
CRITERES = [
    ("COMPLETUDE", "Complétude du dossier"),
    ("CONFORMITE", "Conformité du projet aux critères du cahier des charges"),
    ("LOCALISATION", "Localisation de l'offre préexistante sur le territoire départemental"),
    ("ADAPTATION_BESOINS", "Adaptation aux besoins du public : petits logements et attention à la santé"),
    ("SOUTENABILITE", "Soutenabilité budgétaire et efficacité économique"),
    ("QUALITE", "Garanties de qualité des conditions prévisionnelles de fonctionnement"),
    ("EXPERIENCE", "Expérience du promoteur ou de son délégataire en accompagnement social"),
    ("PARTENARIATS", "Partenariats prévus (mobilisation des logements, accompagnement)"),
]
#: Les valeurs que le code proposait à un appel créé depuis le national (forms_appels).
APPEL_DEFAUT_AVANT = {
    "places": 1,
    "duree_depot_jours": 90,
    "delai_selection_jours": 30,
    "nombre_trimestres": 8,
    "jalons": [
        {"echeance": "FIN_PREMIERE_ANNEE", "part_min_pct": "50"},
        {"echeance": "FIN_ECHEANCIERS", "part_min_pct": "100"},
    ],
    "note_max": "5",
    "criteres_selection": [{"code": c, "libelle": l, "poids": "1"} for c, l in CRITERES],
}
SOURCE_DEFAUT = "Valeurs proposées par le code avant qu'elles ne deviennent des paramètres"


def completer(apps, schema_editor):
    JeuParametres = apps.get_model("referentiel", "JeuParametres")
    for jeu in JeuParametres.objects.filter(niveau="NATIONAL"):
        parametres, sources = dict(jeu.parametres), dict(jeu.sources or {})
        if "ratio_accompagnement_modes" not in parametres:
            parametres["ratio_accompagnement_modes"] = RATIO_AVANT
            sources["ratio_accompagnement_modes"] = SOURCE_RATIO
        if "appel_defaut" not in parametres:
            parametres["appel_defaut"] = APPEL_DEFAUT_AVANT
            sources["appel_defaut"] = SOURCE_DEFAUT
        if parametres != jeu.parametres:
            JeuParametres.objects.filter(pk=jeu.pk).update(parametres=parametres, sources=sources)


class Migration(migrations.Migration):
    dependencies = [("referentiel", "0001_initial")]

    operations = [migrations.RunPython(completer, migrations.RunPython.noop)]
