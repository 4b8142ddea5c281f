from django.db import migrations


def charger(apps, schema_editor):
    from iml.comptes.territoires import charger_territoires

    charger_territoires(apps.get_model("comptes", "Territoire"))


class Migration(migrations.Migration):
    dependencies = [("comptes", "0001_initial")]
    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
