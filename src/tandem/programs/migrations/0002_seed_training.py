from django.db import migrations

from tandem.people.taxonomy import seed as seed_taxonomy


def seed(apps, schema_editor):
    seed_taxonomy(module_model=apps.get_model("programs", "TrainingModule"))


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
