from django.db import migrations

from tandem.people.taxonomy import seed as seed_taxonomy


def seed(apps, schema_editor):
    seed_taxonomy(topic_model=apps.get_model("people", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
