"""Entrées du menu du parc : la gestion du parc de l'opérateur ; les chiffres pour l'État."""

from iml.parc import perms
from iml.ui.navigation import Entree, ajouter

ajouter(Entree("Captation", "parc:prospects", perms.gere_le_parc, ordre=30))
ajouter(Entree("Logements", "parc:logements", perms.peut_lire_logements, ordre=31))
ajouter(Entree("Bailleurs", "parc:bailleurs", perms.gere_le_parc, ordre=32))
ajouter(Entree("Logements mobilisés", "parc:chiffres", perms.gere_le_parc, ordre=33))
ajouter(
    Entree(
        "Logements mobilisés",
        "parc:chiffres_territoire",
        lambda a: a.est_etat or a.agit_pour_la_plateforme,
        ordre=33,
    )
)
