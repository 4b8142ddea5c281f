"""Décisions : historique des statuts, amendements, justification des erreurs, notes par
version (issue 8, ADR 0005)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rattacher_notes(apps, schema_editor):
    """Les notes existantes appartiennent à la dernière version déposée de leur dossier."""
    Notation = apps.get_model("appels", "Notation")
    VersionDossier = apps.get_model("appels", "VersionDossier")
    for notation in Notation.objects.filter(version__isnull=True):
        derniere = (
            VersionDossier.objects.filter(dossier_id=notation.dossier_id)
            .order_by("-numero")
            .first()
        )
        if derniere is not None:
            notation.version = derniere
            notation.save(update_fields=["version"])


class Migration(migrations.Migration):
    dependencies = [
        ("appels", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AmendementDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "numero",
                    models.PositiveIntegerField(verbose_name="numéro de la décision remplacée"),
                ),
                (
                    "resultat",
                    models.CharField(
                        choices=[
                            ("RETENU", "Retenu"),
                            ("PARTIELLEMENT_RETENU", "Partiellement retenu"),
                            ("REFUSE", "Refusé"),
                        ],
                        max_length=22,
                        verbose_name="résultat",
                    ),
                ),
                ("places_mg", models.PositiveIntegerField(default=0)),
                ("places_sl", models.PositiveIntegerField(default=0)),
                ("places_retenues", models.PositiveIntegerField(default=0)),
                ("motifs", models.TextField(blank=True)),
                ("justification_erreurs", models.TextField(blank=True)),
                ("decide_le", models.DateTimeField()),
                ("motif_amendement", models.TextField(verbose_name="motif de l'amendement")),
                ("amende_le", models.DateTimeField()),
            ],
            options={
                "verbose_name": "amendement de décision",
                "ordering": ["decision", "numero"],
            },
        ),
        migrations.CreateModel(
            name="EvenementStatut",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("de", models.CharField(max_length=22, verbose_name="statut de départ")),
                ("vers", models.CharField(max_length=22, verbose_name="nouveau statut")),
                ("motif", models.TextField(blank=True)),
                ("le", models.DateTimeField()),
            ],
            options={
                "verbose_name": "changement de statut",
                "verbose_name_plural": "changements de statut",
                "ordering": ["le", "pk"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="notation",
            name="notation_unique",
        ),
        migrations.AddField(
            model_name="decision",
            name="justification_erreurs",
            field=models.TextField(
                blank=True, verbose_name="justification de la retenue malgré les erreurs"
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="numero",
            field=models.PositiveIntegerField(default=1, verbose_name="numéro"),
        ),
        migrations.AddField(
            model_name="notation",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="notations",
                to="appels.versiondossier",
                verbose_name="version notée",
            ),
        ),
        migrations.AlterField(
            model_name="notation",
            name="evaluateur",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                to=settings.AUTH_USER_MODEL,
                verbose_name="évaluateur",
            ),
        ),
        migrations.AddConstraint(
            model_name="notation",
            constraint=models.UniqueConstraint(
                fields=("version", "critere"), name="notation_unique"
            ),
        ),
        migrations.AddField(
            model_name="amendementdecision",
            name="amende_par",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="amendementdecision",
            name="decide_par",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="amendementdecision",
            name="decision",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="amendements",
                to="appels.decision",
            ),
        ),
        migrations.AddField(
            model_name="evenementstatut",
            name="appel",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evenements",
                to="appels.appelacandidatures",
            ),
        ),
        migrations.AddField(
            model_name="evenementstatut",
            name="dossier",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evenements",
                to="appels.dossier",
            ),
        ),
        migrations.AddField(
            model_name="evenementstatut",
            name="par",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddConstraint(
            model_name="amendementdecision",
            constraint=models.UniqueConstraint(
                fields=("decision", "numero"), name="amendement_numero_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="evenementstatut",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("appel__isnull", False), ("dossier__isnull", True)),
                    models.Q(("appel__isnull", True), ("dossier__isnull", False)),
                    _connector="OR",
                ),
                name="evenement_appel_ou_dossier",
            ),
        ),
        # En dernier : sous PostgreSQL, plus aucun ALTER TABLE après ces mises à jour.
        migrations.RunPython(rattacher_notes, migrations.RunPython.noop),
    ]
