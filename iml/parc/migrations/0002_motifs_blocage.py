"""Taxonomie initiale des freins à la captation (modifiable ensuite par l'administration)."""

from django.db import migrations

MOTIFS = (
    ("travaux", "Travaux nécessaires"),
    ("loyer-attendu", "Attentes de loyer trop élevées"),
    ("succession", "Succession en cours"),
    ("mauvaise-experience", "Mauvaise expérience locative passée"),
    ("reserve-personnelle", "Logement gardé pour un usage personnel ou familial"),
    ("etiquette-energie", "Étiquette énergétique (DPE)"),
    ("copropriete", "Règlement ou décision de copropriété"),
    ("vente", "Mise en vente du logement"),
    ("crainte-impayes", "Crainte des impayés ou des dégradations"),
    ("injoignable", "Bailleur injoignable"),
    ("autre", "Autre motif"),
)


def creer(apps, schema_editor):
    MotifBlocage = apps.get_model("parc", "MotifBlocage")
    for ordre, (code, libelle) in enumerate(MOTIFS, start=1):
        MotifBlocage.objects.update_or_create(
            code=code, defaults={"libelle": libelle, "ordre": ordre, "actif": True}
        )


class Migration(migrations.Migration):
    dependencies = [("parc", "0001_initial")]
    operations = [migrations.RunPython(creer, migrations.RunPython.noop)]
