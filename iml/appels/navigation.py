from iml.ui.navigation import Entree, ajouter

ajouter(
    Entree(
        "Appels à candidatures",
        "appels:liste",
        lambda a: a.est_etat or a.est_operateur or a.est_siao or a.est_cofinanceur,
        ordre=10,
    )
)
ajouter(Entree("Mes dossiers", "appels:mes_dossiers", lambda a: a.est_operateur, ordre=20))
