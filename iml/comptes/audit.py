"""Journal d'audit : modifications des données personnelles et consultations de fiches."""

from django.db.models import Model

#: Jamais le hachage du mot de passe ; ni la relation inverse des adhésions, journalisées à part.
CHAMPS_EXCLUS = ["password", "last_login", "adhesions"]


def enregistrer_modeles() -> None:
    """Inscrit les modèles de données personnelles au journal (django-auditlog)."""
    from auditlog.registry import auditlog

    from iml.comptes.models import Adhesion, Utilisateur

    auditlog.register(Utilisateur, exclude_fields=CHAMPS_EXCLUS)
    auditlog.register(Adhesion)


def journaliser_consultation(instance: Model, *, document: str = "") -> None:
    """Écrit une entrée « consultation » (ACCESS) pour une fiche de données personnelles.

    Le modèle doit être inscrit au journal ; l'auteur est pris dans le contexte de la requête
    (AuditlogMiddleware). `document` nomme un fichier téléchargé (« Dossier complet (PDF),
    version 2 ») : il est gardé dans les données additionnelles de l'entrée.
    """
    from auditlog.models import LogEntry
    from auditlog.signals import accessed

    if not document:
        accessed.send(sender=instance.__class__, instance=instance)
        return
    LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        additional_data={"document": document},
    )


def journaliser_second_facteur(utilisateur: Model, avant: str, apres: str, acteur=None) -> None:
    """Une entrée « Modification » du compte : « second facteur : avant → après ». L'auteur est
    `acteur`, sinon la personne connectée (AuditlogMiddleware)."""
    from auditlog.models import LogEntry

    extra = {"actor": acteur} if acteur is not None else {}
    LogEntry.objects.log_create(
        utilisateur,
        action=LogEntry.Action.UPDATE,
        changes={"second facteur": [avant, apres]},
        **extra,
    )
