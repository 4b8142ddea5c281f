"""Règles des opérations (parc, occupations) : tirées de textes nationaux ou de la pratique
des opérateurs, ou précisant les documents sources pour la vie des places ; la liste complète
est `regles.ids.REGLES`."""

from __future__ import annotations

from regles.regle import Regle

REGLES_OPERATIONS: tuple[Regle, ...] = (
    Regle(
        "R-DECENCE-SURFACE",
        "Décret n° 2002-120 du 30 janvier 2002, art. 4",
        "Un logement décent a au moins une pièce principale de 9 m² et 2,20 m sous plafond, ou "
        "d'un volume habitable d'au moins 20 m³.",
        "decence",
        "Pré-contrôle sur la surface et la hauteur déclarées du logement, bornes incluses. Une "
        "surface inconnue est une erreur (rien ne peut être conclu) ; une hauteur inconnue avec "
        "une surface suffisante donne une alerte « à vérifier ».",
    ),
    Regle(
        "R-DECENCE-DPE",
        "Loi n° 2021-1104 du 22 août 2021 (Climat et résilience), art. 160 ; loi n° 89-462 du "
        "6 juillet 1989, art. 6 ; CCH, art. L. 173-1-1",
        "Les logements classés G (2025), F (2028) puis E (2034) au DPE ne sont plus décents "
        "pour une nouvelle location ; le DPE a une durée de validité de 10 ans.",
        "decence",
        "Une location en cours se poursuit jusqu'à son renouvellement : elle ne reçoit que des "
        "alertes. Classe inconnue : erreur ; date du DPE inconnue : alerte ; un DPE est périmé "
        "le jour anniversaire de ses 10 ans.",
    ),
    Regle(
        "R-CAPTATION",
        "Besoin n° 13 de l'État (suivi de la captation) ; statuts de suivi de Zéro Logement Vacant",
        "Un prospect (bailleur et logement candidat) passe de « à contacter » à « contacté », "
        "« visite », « négociation », puis « capté » ou « abandonné » (motif tiré d'une "
        "taxonomie des freins) ; chaque passage garde qui, quand et une note.",
        "transitions",
        "Un prospect abandonné peut être relancé (retour à « à contacter », note exigée) ; un "
        "prospect capté ne change plus : le logement créé prend le relais.",
    ),
    Regle(
        "R-PARC",
        "003 §2.1, §4.7 (mobilisation effective des logements) ; docs/adr/0007",
        "Un logement du parc est en captation, disponible, occupé, vacant, en travaux ou "
        "restitué ; il change de statut par une table, chaque passage gardé.",
        "transitions",
        "Toute entrée en « disponible » ou « occupé » est une mise en location soumise au "
        "contrôle de décence ; la première date la mobilisation ; la restitution est définitive "
        "et exige une note.",
    ),
    Regle(
        "R-CONTACT",
        "RGPD art. 21 (droit d'opposition à la prospection)",
        "Un bailleur qui a demandé à ne pas être contacté sort de la prospection : aucun "
        "prospect ne peut passer à un statut de prise de contact.",
        "parc",
    ),
    Regle(
        "R-CONTRAT-FIN",
        "003 §2.2 (durée des mesures) ; pratique de la gestion locative",
        "La fin d'un mandat de gestion ou d'un bail à l'association s'annonce à l'avance pour "
        "décider du renouvellement ou de la restitution.",
        "parc",
        "Alerte dans les 90 jours (paramètre daté) qui précèdent la fin et dans les 90 jours qui "
        "la suivent, tant que le contrat n'est pas résilié.",
    ),
    Regle(
        "R-IMPAYES",
        "003 annexe 1a (impayés de loyer ou de redevance) ; pratique de la gestion locative",
        "Le compte d'un ménage est une suite de lignes jamais modifiées (appels, paiements, "
        "corrections) ; le solde en est la somme ; les impayés se classent par ancienneté.",
        "compte",
        "Loyer ou redevance appelé le 1er du mois (paramètre daté), au prorata des jours "
        "d'occupation le premier et le dernier mois ; les paiements soldent les appels les plus "
        "anciens d'abord ; une dette de 1, 2, 3 mois et plus selon l'âge de l'appel impayé ; "
        "alerte quand la dette atteint 2 mois de loyer (paramètre).",
    ),
    Regle(
        "R-VACANCE",
        "003 annexe 1a (vacance en sous-location : coût réel pris en charge, plafonné)",
        "En sous-location, les jours de vacance d'un logement entre deux occupations et leur "
        "coût (le loyer dû au propriétaire) sont comptés par logement et par an.",
        "vacance",
        "Coût d'un jour de vacance = loyer et charges dus au propriétaire ÷ jours du mois ; le "
        "plafond annuel de jours pris en charge est un paramètre sans valeur dans les sources.",
    ),
    Regle(
        "R-SORTIE",
        "003 §2.2 (accès au logement ordinaire) ; 003 §4.9 (statistiques annuelles)",
        "Chaque sortie a une date et une destination ; le taux de sortie vers le logement et la "
        "durée de séjour se calculent par opérateur.",
        "sorties",
        "Sorties vers le logement : glissement de bail, logement social, logement privé "
        "autonome (paramètre) ; le taux se calcule sur les sorties de destination connue.",
    ),
    Regle(
        "R-ACCOMP-ETAPES",
        "000 « Zoom sur les prestations financées par l'État » (entrée, pendant, sortie)",
        "Ce qui est fait à l'entrée, pendant et à la sortie diffère selon la forme ; chaque "
        "étape faite est cochée avec sa date et son auteur, et la fiche montre ce qui reste.",
        "accompagnement",
        "La liste est une donnée datée du barème (bloc « accompagnement ») ; une coche garde le "
        "code de l'étape ; le mandat de gestion n'a pas d'étape de sortie (« non concerné »).",
    ),
    Regle(
        "R-ACCOMP-CONTACT",
        "000 « Zoom » (visites à domicile, rendez-vous, entretiens téléphoniques) ; pratique "
        "des opérateurs",
        "Un ménage accompagné sans contact depuis un nombre de jours donné est signalé à sa "
        "direction, dans la vue d'équipe.",
        "accompagnement",
        "30 jours (paramètre) depuis le dernier contact noté, ou depuis l'ouverture du plan "
        "quand il n'y en a aucun.",
    ),
    Regle(
        "R-ACCOMP-IMPAYES",
        "003 annexe 1a (impayés) et 003 §2.2 (aide à la gestion du budget) ; pratique des "
        "opérateurs",
        "Quand la dette d'un ménage accompagné atteint le seuil des impayés, une action de "
        "soutien budgétaire s'ouvre sur son plan et son travailleur social en est averti ; "
        "elle se ferme quand la dette échue est soldée.",
        "accompagnement",
        "Même seuil que l'alerte des impayés (R-IMPAYES, 2 mois de loyer ou de redevance) ; "
        "vérifié chaque jour par la tâche des alertes ; sans plan ouvert, l'alerte des impayés "
        "suffit.",
    ),
    Regle(
        "R-APPARIEMENT",
        "003 §4.8 (orientations du SIAO) ; CASF L. 345-2-8 ; besoin du SIAO",
        "Le moteur d'appariement propose, pour les vacances d'un département, l'affectation qui "
        "loge le plus de ménages, puis le plus grand poids de priorité, puis la meilleure "
        "adéquation ; rien n'est proposé sans le clic d'une personne.",
        "appariement",
        "Adéquation d'une paire : moins de sous-occupation d'abord, puis taux d'effort le plus "
        "bas ; optimum prouvé (statut du solveur et couverture de Kőnig de même taille).",
    ),
    Regle(
        "R-PLAIN-PIED",
        "Besoin du SIAO (accès de plain-pied d'un ménage)",
        "Un ménage qui a besoin d'un accès de plain-pied n'est apparié qu'à un logement de "
        "plain-pied.",
        "appariement",
    ),
    Regle(
        "R-COMMUNES",
        "Besoin du SIAO (communes souhaitées d'un ménage)",
        "Un ménage qui a rendu ses communes strictes n'est apparié qu'à un logement de l'une "
        "d'elles ; sinon ses communes ne sont qu'un souhait.",
        "appariement",
    ),
)
